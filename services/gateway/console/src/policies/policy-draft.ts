/**
 * The policy form's model: the stored policy as JSON, edited field by field. Numbers are kept as typed (text)
 * until saving, so a bad entry reaches accounts as it is and comes back as that field's error, instead of the
 * browser quietly turning "ten" into nothing.
 */
export type Policy = Record<string, unknown> & {
  cadence?: Array<Record<string, unknown>>;
  dayLengthMs?: number;
  placement?: Record<string, unknown>;
};

/** Fields the form shows, by path in the policy (dots for nested objects). */
export const SCALAR_FIELDS: Array<{ path: string; label: string; hint?: string }> = [
  { path: 'softPhaseDays', label: 'Soft phase (days)', hint: 'friendly reminders only until this day' },
  { path: 'finalNoticeDay', label: 'Final notice on day' },
  { path: 'weeklyMessageCap', label: 'Messages per patient per week' },
  { path: 'placement.windowStartDay', label: 'Placement window opens (day)' },
  { path: 'placement.windowEndDay', label: 'Placement window closes (day)' },
  { path: 'placement.minBalanceCents', label: 'Smallest balance placed (cents)' },
  { path: 'plan.maxTermWithoutApproval', label: 'Longest plan without approval (payments)' },
  { path: 'plan.maxTermWithApproval', label: 'Longest plan with approval (payments)' },
];

export const STEP_FIELDS = ['key', 'dayOffset', 'channel', 'templateKey', 'tone', 'kind'] as const;

export function getPath(p: Policy, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      p,
    );
}

export function setPath(p: Policy, path: string, value: unknown): Policy {
  const keys = path.split('.');
  const copy: Policy = structuredClone(p);
  let o = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    o[k] = { ...((o[k] as Record<string, unknown>) ?? {}) };
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
  return copy;
}

/** "12" → 12; anything else stays text so accounts names it. */
export function typed(text: string): unknown {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** A step's channel: one channel, or a comma list in order of preference. */
export function channelValue(text: string): unknown {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length > 1 ? parts : (parts[0] ?? '');
}

export const channelText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** What to send: the rules only (the store numbers the version). */
export function body(p: Policy): Policy {
  const { version: _v, ...rules } = p;
  return rules;
}

export interface TimelineItem {
  day: number;
  title: string;
  detail: string;
  kind: 'step' | 'final' | 'window';
}

/**
 * The cadence as a balance starting today would meet it: each step on its day, the final notice, and the
 * placement window. Day offsets count from the first statement, as the workflow's cadence does.
 */
export function timeline(p: Policy): TimelineItem[] {
  const items: TimelineItem[] = (p.cadence ?? []).map((s) => ({
    day: Number(s.dayOffset),
    title: `${String(s.key ?? 'step')}`,
    detail: `${channelText(s.channel)}${s.tone ? ` · ${String(s.tone)}` : ''}${s.templateKey ? ` · template ${String(s.templateKey)}` : ''}`,
    kind: s.kind === 'final_notice' ? ('final' as const) : ('step' as const),
  }));
  const start = Number(getPath(p, 'placement.windowStartDay'));
  const end = Number(getPath(p, 'placement.windowEndDay'));
  if (Number.isFinite(start))
    items.push({
      day: start,
      title: 'Placement window opens',
      detail: `placement with an agency allowed by policy until day ${Number.isFinite(end) ? end : '?'}`,
      kind: 'window',
    });
  return items
    .filter((i) => Number.isFinite(i.day))
    .sort((a, b) => a.day - b.day || (a.kind === 'window' ? 1 : -1));
}
