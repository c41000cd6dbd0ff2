import { BLOCK_RULES, type BlockFinding } from './block-rules';
import { describeLocal, resolveCallingZones } from './calling-window';
import { buildDeferRules } from './defer-rules';
import {
  InvalidComplianceInput,
  type AttemptRequest,
  type ComplianceContext,
  type Decision,
  type RuleName,
} from './types';
import { validateContext, validateRequest } from './validate';

// Each defer rule only moves time forward and the calling window reopens daily, so a handful of
// rounds settles; hitting this means a rule is broken, and failing beats sending.
const MAX_ROUNDS = 32;

/**
 * Decides whether one contact attempt may happen at `now`.
 *
 * Evaluation order (and why):
 * 1. Blocks: deceased/bankruptcy → balance paid → opt-out → dispute/insurance hold (dispute_ack
 *    exempt) → SMS consent → contact point. A block has no end date we could wait for, so all of them
 *    are checked before any deferral: a deferred attempt must never become sendable later while a
 *    block still applies, and the log must not say "try again at 08:00" to an opted-out patient.
 * 2. Deferrals: call after conversation → call attempt cap → weekly cap → calling window. They
 *    interact (a cap may free up at 02:00, outside the window), so `until` is the first instant at
 *    which all of them hold together, found by pushing forward until no rule moves it. Re-asking at
 *    `until` with unchanged history is therefore allowed.
 */
export function evaluateAttempt(request: AttemptRequest, context: ComplianceContext, now: Date): Decision {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new InvalidComplianceInput('now', 'invalid Date');
  validateRequest(request);
  const { policy, attempts } = validateContext(context);

  const zones = resolveCallingZones(context.patientTimeZone, context.clinicTimeZone);
  const base = {
    policyVersion: policy.version,
    evaluatedAt: now.toISOString(),
    timeZone: { basis: zones.basis, zones: zones.zones },
  };
  const label = `${request.channel} ${request.purpose}`;

  const blocks: (BlockFinding & { rule: RuleName })[] = [];
  for (const { rule, check } of BLOCK_RULES) {
    const finding = check(request, context, nowMs);
    if (finding) blocks.push({ rule, ...finding });
  }
  if (blocks.length > 0) {
    return {
      ...base,
      outcome: 'block',
      rule: blocks[0].rule,
      reason: blocks[0].reason,
      rules: blocks.map((b) => b.rule),
      explanation: `Blocked ${label} (policy ${base.policyVersion}): ${blocks.map((b) => b.explanation).join('; ')}.`,
    };
  }

  const deferRules = buildDeferRules(request, policy, attempts, zones);

  let t = nowMs;
  const held: RuleName[] = [];
  const reasons: string[] = [];
  for (let round = 0, moved = true; moved; round++) {
    if (round === MAX_ROUNDS) throw new Error(`compliance deferral did not settle for ${label}`);
    moved = false;
    for (const rule of deferRules) {
      const next = rule.earliestFrom(t);
      if (next > t) {
        if (!held.includes(rule.rule)) held.push(rule.rule);
        reasons.push(rule.explain(t, next));
        t = next;
        moved = true;
      }
    }
  }

  if (held.length === 0) {
    return {
      ...base,
      outcome: 'allow',
      rules: [...BLOCK_RULES.map((r) => r.rule), ...deferRules.map((r) => r.rule)],
      explanation:
        `Allowed ${label} at ${describeLocal(nowMs, zones.zones[0])} (policy ${base.policyVersion}): ` +
        'no block applies, within the calling window and under every contact limit.',
    };
  }
  return {
    ...base,
    outcome: 'defer',
    until: new Date(t).toISOString(),
    rule: held[0],
    rules: held,
    explanation: `Deferred ${label} until ${new Date(t).toISOString()} (policy ${base.policyVersion}): ${reasons.join('; then ')}.`,
  };
}
