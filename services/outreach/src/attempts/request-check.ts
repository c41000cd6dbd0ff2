import { ApplicationFailure } from '@temporalio/activity';
import type { OutreachRequestBase } from '@courtesy/workflows';

/** Bad input from the workflow is a bug, not a blip: fail the activity for good, naming the field and why. */
export function invalidRequest(field: string, reason: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`invalid outreach request: ${field} ${reason}`, 'InvalidOutreachRequest');
}

const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';

export function checkRequest(req: OutreachRequestBase): void {
  if (typeof req !== 'object' || req === null) throw invalidRequest('request', 'must be an object');
  for (const f of ['attemptKey', 'workflowId', 'tenantId', 'clinicId', 'accountId', 'stepKey', 'templateKey'] as const) {
    if (!text(req[f])) throw invalidRequest(f, 'must be a non-empty string');
  }
  if (req.attemptKey.length > 300) throw invalidRequest('attemptKey', 'must be at most 300 characters');
  if (req.language !== 'en' && req.language !== 'es') throw invalidRequest('language', `must be "en" or "es", got ${JSON.stringify(req.language)}`);
  if (!Number.isSafeInteger(req.balanceCents)) throw invalidRequest('balanceCents', 'must be an integer number of cents');
  if (!Number.isSafeInteger(req.weeklyMessageCap) || req.weeklyMessageCap < 1) throw invalidRequest('weeklyMessageCap', 'must be a positive integer');
  if (!Number.isSafeInteger(req.policyVersion) || req.policyVersion < 0) throw invalidRequest('policyVersion', 'must be a non-negative integer');
  if (typeof req.contact !== 'object' || req.contact === null) throw invalidRequest('contact', 'must be an object');
  const h = req.holds;
  if (typeof h !== 'object' || h === null || ![h.disputed, h.insuranceHold, h.stopped].every((b) => typeof b === 'boolean')) {
    throw invalidRequest('holds', 'must have boolean disputed, insuranceHold and stopped');
  }
}
