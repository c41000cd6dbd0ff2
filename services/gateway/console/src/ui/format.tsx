const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const formatCents = (cents: number) => usd.format(cents / 100);

/** Integer cents as dollars; negative amounts (credits, payments) keep their sign. */
export function Money({ cents }: { cents: number | null | undefined }) {
  if (cents === null || cents === undefined) return <span className="muted">—</span>;
  return <span className={cents < 0 ? 'money credit' : 'money'}>{formatCents(cents)}</span>;
}

export function formatDateTime(at: string | Date, timeZone?: string, dateOnly = false) {
  const d = typeof at === 'string' ? new Date(at) : at;
  // dateStyle cannot be combined with timeZoneName (Intl throws), so the date-and-time form spells its fields out.
  return new Intl.DateTimeFormat(
    'en-US',
    dateOnly ? { dateStyle: 'medium', timeZone } : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' },
  ).format(d);
}

/** A UTC instant shown in the viewer's zone (or `timeZone`, e.g. the patient's), with the exact instant on hover. */
export function DateTime({ at, timeZone, dateOnly }: { at: string | null | undefined; timeZone?: string; dateOnly?: boolean }) {
  if (!at) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={at}>
      {formatDateTime(at, timeZone, dateOnly)}
    </time>
  );
}

/** snake_case codes from the APIs (stages, segments, steps) as words. */
export const words = (code: string | null | undefined) => (code ? code.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase()) : '—');
