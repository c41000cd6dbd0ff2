/** The scorecard as GET /staff/v1/reports/scorecard returns it (accounts' ScorecardService, clinics filtered). */
export interface ScorecardPoint {
  weekStart: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface ScorecardMetric {
  id: string;
  label: string;
  unit: 'days' | 'percent' | 'per_1000' | 'cents';
  better: 'down' | 'up' | 'stable_or_down';
  definition: string;
  numerator: string;
  denominator: string;
  bySegment?: boolean;
  series: Array<{ segment: string | null; points: ScorecardPoint[] }>;
}

export interface Scorecard {
  tenantId: string;
  clinicId: string | null;
  asOf: string;
  weeks: string[];
  clinics: Array<{ clinicId: string; name: string }>;
  tenantWide: boolean;
  metrics: ScorecardMetric[];
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** A figure in its unit; an empty week (nothing to divide by) is a dash. */
export function formatValue(unit: ScorecardMetric['unit'], value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'days':
      return `${value.toFixed(1)} d`;
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'per_1000':
      return value.toFixed(1);
    case 'cents':
      return usd.format(value / 100);
  }
}

export const BETTER_WORDS = {
  down: 'lower is better',
  up: 'higher is better',
  stable_or_down: 'stable or lower is better',
} as const;
