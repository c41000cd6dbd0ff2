import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { METRICS, type MetricDefinition } from './metric-definitions';
import { scorecardQuery } from './scorecard-queries';

export interface ScorecardPoint {
  weekStart: string;
  /** Null when there is nothing to divide by (no contacts, no disputes resolved...). */
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface ScorecardSeries {
  segment: string | null;
  points: ScorecardPoint[];
}

export interface Scorecard {
  tenantId: string;
  clinicId: string | null;
  asOf: string;
  weeks: string[];
  clinics: Array<{ clinicId: string; name: string }>;
  metrics: Array<MetricDefinition & { series: ScorecardSeries[] }>;
}

interface Row {
  week_start: Date;
  segment: string | null;
  value: string | null;
  numerator: string;
  denominator: string;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** Runs each metric's SQL for one scope (a tenant, or one clinic of it) over the weeks up to `asOf`. */
@Injectable()
export class ScorecardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async scorecard(tenantId: string, clinicId: string | null, asOf: Date, weeks: number): Promise<Scorecard> {
    const clinics: Array<{ clinic_id: string; name: string }> = await this.db.query(
      'select clinic_id, name from clinics where tenant_id = $1 order by name, clinic_id',
      [tenantId],
    );
    const metrics = [];
    for (const m of METRICS) {
      const rows: Row[] = await this.db.query(scorecardQuery(m.id), [
        asOf.toISOString(),
        tenantId,
        clinicId,
        weeks,
      ]);
      const bySegment = new Map<string | null, ScorecardPoint[]>();
      for (const r of rows) {
        const points = bySegment.get(r.segment) ?? bySegment.set(r.segment, []).get(r.segment)!;
        points.push({
          weekStart: new Date(r.week_start).toISOString(),
          value: num(r.value),
          numerator: Number(r.numerator),
          denominator: Number(r.denominator),
        });
      }
      metrics.push({ ...m, series: [...bySegment].map(([segment, points]) => ({ segment, points })) });
    }
    return {
      tenantId,
      clinicId,
      asOf: asOf.toISOString(),
      weeks: metrics[0]?.series[0]?.points.map((p) => p.weekStart) ?? [],
      clinics: clinics.map((c) => ({ clinicId: c.clinic_id, name: c.name })),
      metrics,
    };
  }
}

const CSV_COLUMNS = [
  'scope',
  'metric',
  'label',
  'unit',
  'segment',
  'week_start',
  'value',
  'numerator',
  'denominator',
];

/** One line per metric, segment and week; a spreadsheet opens it as is. */
export function scorecardCsv(s: Scorecard): string {
  const cell = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v);
    // Quote what needs it, and defuse cells a spreadsheet would run as a formula.
    const safe = /^[=+\-@]/.test(t) && !/^-?\d/.test(t) ? `'${t}` : t;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const scope = s.clinicId ? `clinic:${s.clinicId}` : `tenant:${s.tenantId}`;
  const lines = [CSV_COLUMNS.join(',')];
  for (const m of s.metrics) {
    for (const series of m.series) {
      for (const p of series.points) {
        lines.push(
          [
            scope,
            m.id,
            m.label,
            m.unit,
            series.segment,
            p.weekStart.slice(0, 10),
            p.value,
            p.numerator,
            p.denominator,
          ]
            .map(cell)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
