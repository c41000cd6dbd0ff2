import { useId, useState } from 'react';
import { ErrorBox, Page, useApi } from '../ui';
import { TrendChart } from './TrendChart';
import { BETTER_WORDS, formatValue, type Scorecard, type ScorecardMetric } from './types';

/**
 * The weekly scorecard: one card per metric with this week's figure, the change from last week, and the
 * 12-week trend; the definition (the same words the SQL implements) on hover and for screen readers.
 */
export function ScorecardPage() {
  const [clinicId, setClinicId] = useState<string>('');
  const path = `/staff/v1/reports/scorecard${clinicId ? `?clinicId=${encodeURIComponent(clinicId)}` : ''}`;
  const { data, error, loading } = useApi<Scorecard>(path);
  const scopeValue = clinicId || (data && !data.tenantWide ? (data.clinicId ?? '') : '');
  const csvHref = `/staff/v1/reports/scorecard.csv${scopeValue ? `?clinicId=${encodeURIComponent(scopeValue)}` : ''}`;
  return (
    <Page
      title="Weekly scorecard"
      subtitle={
        data ? `Weeks start Monday (UTC) · as of ${new Date(data.asOf).toLocaleString('en-US')}` : undefined
      }
      actions={
        <div className="inline-form">
          <label htmlFor="scope" style={{ margin: 0 }}>
            Scope
          </label>
          <select
            id="scope"
            value={scopeValue}
            onChange={(e) => setClinicId(e.target.value)}
            disabled={!data}
          >
            {data?.tenantWide ? <option value="">Whole tenant</option> : null}
            {data?.clinics.map((c) => (
              <option key={c.clinicId} value={c.clinicId}>
                {c.name}
              </option>
            ))}
          </select>
          <a className="button" href={csvHref} download data-testid="csv-export" role="button">
            Export CSV
          </a>
        </div>
      }
    >
      {error ? <ErrorBox error={error} /> : null}
      {loading && !data ? <p className="loading">Loading…</p> : null}
      {data ? (
        <div
          className="scorecard-grid"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(370px, 1fr))',
            gap: '1rem',
          }}
        >
          {data.metrics.map((m) => (
            <MetricCard key={m.id} metric={m} />
          ))}
        </div>
      ) : null}
    </Page>
  );
}

function MetricCard({ metric }: { metric: ScorecardMetric }) {
  const defId = useId();
  const single = metric.series.length === 1 ? metric.series[0]! : undefined;
  const last = single?.points[single.points.length - 1];
  const prev = single?.points[single.points.length - 2];
  const delta = last?.value != null && prev?.value != null ? last.value - prev.value : null;
  const good = delta === null || delta === 0 ? null : metric.better === 'up' ? delta > 0 : delta < 0;
  return (
    <section
      className="panel metric"
      data-testid={`metric-${metric.id}`}
      aria-labelledby={`${defId}-h`}
      aria-describedby={defId}
    >
      <header className="panel-head">
        <h2 id={`${defId}-h`} title={metric.definition}>
          {metric.label}{' '}
          <span
            className="info"
            tabIndex={0}
            title={metric.definition}
            aria-label={`What ${metric.label} means`}
            style={{
              cursor: 'help',
              display: 'inline-block',
              width: '1.1em',
              height: '1.1em',
              lineHeight: '1.1em',
              borderRadius: '50%',
              border: '1px solid #98a2b3',
              color: '#667085',
              fontSize: '0.75em',
              textAlign: 'center',
              verticalAlign: 'middle',
            }}
          >
            ?
          </span>
        </h2>
        <span className="muted small">{BETTER_WORDS[metric.better]}</span>
      </header>
      <div className="panel-body">
        <p
          id={defId}
          className="sr-only"
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {metric.definition}
        </p>
        {single ? (
          <div className="stat-row" style={{ alignItems: 'baseline', marginBottom: '0.25rem' }}>
            <span
              className="big-number"
              data-testid={`value-${metric.id}`}
              title={`${last?.numerator ?? 0} ${metric.numerator} / ${last?.denominator ?? 0} ${metric.denominator}`}
            >
              {formatValue(metric.unit, last?.value ?? null)}
            </span>
            <span className="muted small">this week</span>
            {delta !== null ? (
              <span className={`badge ${good === null ? '' : good ? 'ok' : 'no'}`}>
                {delta > 0 ? '▲' : delta < 0 ? '▼' : '='} {formatValue(metric.unit, Math.abs(delta))} vs last
                week
              </span>
            ) : null}
          </div>
        ) : null}
        <TrendChart metric={metric} />
      </div>
    </section>
  );
}
