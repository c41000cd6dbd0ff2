import { formatValue, type ScorecardMetric } from './types';

/** Colours that stay apart for the colour-blind (Okabe-Ito), one per segment line. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'];
const W = 360;
const H = 140;
const PAD = { left: 48, right: 10, top: 10, bottom: 24 };

const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * A 12-week line chart in plain SVG: one line per series, a dot per week with its figure on hover (<title>),
 * the y axis from zero. Empty weeks (nothing to divide by) break the line instead of pretending to be zero.
 */
export function TrendChart({ metric }: { metric: ScorecardMetric }) {
  const values = metric.series
    .flatMap((s) => s.points.map((p) => p.value))
    .filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const weeks = metric.series[0]?.points.map((p) => p.weekStart) ?? [];
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min || 1);
  const ticks = [min, (min + max) / 2, max];
  return (
    <figure className="trend" style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${metric.label}, last ${weeks.length} weeks`}
        data-testid={`chart-${metric.id}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e4e7ec" />
            <text x={PAD.left - 4} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#667085">
              {formatValue(metric.unit, t)}
            </text>
          </g>
        ))}
        {weeks.map((w, i) =>
          i % 3 === 0 || i === weeks.length - 1 ? (
            <text
              key={w}
              x={x(i)}
              y={H - 6}
              fontSize="9"
              textAnchor={i === weeks.length - 1 ? 'end' : i === 0 ? 'start' : 'middle'}
              fill="#667085"
            >
              {shortDate(w)}
            </text>
          ) : null,
        )}
        {metric.series.map((s, si) => {
          const colour = COLOURS[si % COLOURS.length];
          // Split the line at empty weeks.
          const runs: Array<Array<[number, number]>> = [[]];
          s.points.forEach((p, i) => {
            if (p.value === null) runs.push([]);
            else runs[runs.length - 1]!.push([x(i), y(p.value)]);
          });
          return (
            <g key={s.segment ?? 'all'} className="series" data-segment={s.segment ?? ''}>
              {runs
                .filter((r) => r.length > 1)
                .map((r, ri) => (
                  <polyline
                    key={ri}
                    points={r.map(([a, b]) => `${a},${b}`).join(' ')}
                    fill="none"
                    stroke={colour}
                    strokeWidth="2"
                  />
                ))}
              {s.points.map((p, i) =>
                p.value === null ? null : (
                  <circle key={p.weekStart} cx={x(i)} cy={y(p.value)} r="3" fill={colour}>
                    <title>
                      {`${s.segment ? `${s.segment.replace(/_/g, ' ')}: ` : ''}week of ${shortDate(p.weekStart)}: ${formatValue(metric.unit, p.value)} (${p.numerator} / ${p.denominator})`}
                    </title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      {metric.series.length > 1 ? (
        <figcaption
          className="legend"
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.75rem', fontSize: '0.8rem' }}
        >
          {metric.series.map((s, si) => (
            <span key={s.segment ?? 'all'}>
              <span
                aria-hidden="true"
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  borderRadius: 2,
                  background: COLOURS[si % COLOURS.length],
                  marginRight: 4,
                }}
              />
              {(s.segment ?? '').replace(/_/g, ' ')}{' '}
              {formatValue(metric.unit, s.points[s.points.length - 1]?.value ?? null)}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
