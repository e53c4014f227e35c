// A bucket's exposure on a time axis: exposure windows as bands (red = confirmed, amber hatched =
// possible), open ends drawn as arrows running off the chart, access-control changes as ticks on
// top, external reads as dots (hover for address and object), and the containment marker at the
// change that closed the last window. Plain SVG; times in UTC.
import type { BucketExposure, ReadSample } from '../../src/shared/ops/analysis-bucket';

const W = 1000;
const LEFT = 16;
const RIGHT = 16;
const PLOT = W - LEFT - RIGHT;
const TOP = 34; // room for change ticks and labels
const BAND_H = 64;
const LANE_Y = { 's3-access': TOP + BAND_H + 26, cloudtrail: TOP + BAND_H + 46 } as const;
const AXIS_Y = TOP + BAND_H + 66;
const H = AXIS_Y + 34;

const ms = (iso: string): number => Date.parse(iso);

/** The bucket's own span: its changes, windows, reads and access logs (not the whole case). */
function domain(r: BucketExposure): [number, number] {
  const times: number[] = [];
  if (r.coverage.accessLogs)
    times.push(ms(r.coverage.accessLogs.from), ms(r.coverage.accessLogs.to));
  for (const w of r.windows) {
    times.push(ms(w.start));
    if (w.end) times.push(ms(w.end));
    for (const x of w.externalAccess?.reads ?? []) times.push(ms(x.at));
  }
  for (const c of r.changes) times.push(ms(c.at));
  // An open window runs to the last record of the case.
  if (r.windows.some((w) => w.end === null) || times.length === 0)
    for (const c of [r.coverage.cloudTrail, r.coverage.accessLogs]) if (c) times.push(ms(c.to));
  if (times.length === 0) return [0, 1];
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  const pad = hi === lo ? 3_600_000 : (hi - lo) * 0.03;
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

function label(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  if (span > 3 * 86_400_000) return iso.slice(0, 10);
  if (span > 86_400_000) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return `${iso.slice(11, 19)}`;
}

function readTitle(x: ReadSample): string {
  const who = x.requester ?? 'anonymous';
  return `${x.at}  ${x.operation} ${x.key ?? ''}\nfrom ${x.ip ?? '-'} by ${who}\n${x.bytes} bytes · ${x.why.join(', ')} · ${x.source}`;
}

export function BucketExposureChart({ result }: { result: BucketExposure }) {
  const [t0, t1] = domain(result);
  const x = (t: number): number => LEFT + ((t - t0) / (t1 - t0)) * PLOT;
  const span = t1 - t0;
  const ticks = Array.from({ length: 6 }, (_, i) => t0 + (span * i) / 5);
  const reads = result.windows.flatMap((w) => w.externalAccess?.reads ?? []);
  const last = result.windows[result.windows.length - 1];
  const containment = last?.closedBy && last.end ? last : null;
  const applied = result.changes.filter((c) => c.applied);

  return (
    <svg
      className="bucket-chart"
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={`Exposure of s3://${result.bucket} over time`}
      data-testid="bucket-chart"
      style={{ display: 'block', maxWidth: '100%', background: 'var(--panel)', borderRadius: 8 }}
    >
      <defs>
        <pattern
          id="possible-hatch"
          width="8"
          height="8"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="8" height="8" style={{ fill: 'var(--warn)', opacity: 0.15 }} />
          <line
            x1="0"
            y1="0"
            x2="0"
            y2="8"
            style={{ stroke: 'var(--warn)', strokeWidth: 3, opacity: 0.6 }}
          />
        </pattern>
      </defs>

      {/* exposure windows */}
      {result.windows.map((w, i) => {
        const a = x(ms(w.start));
        const b = w.end ? x(ms(w.end)) : LEFT + PLOT;
        const width = Math.max(3, b - a);
        const confirmed = w.confidence === 'confirmed';
        const color = confirmed ? 'var(--bad)' : 'var(--warn)';
        return (
          <g key={`w${i}`} data-testid="chart-window" data-confidence={w.confidence}>
            <title>
              {`Window ${i + 1} (${w.confidence}): ${w.openStart ? 'before ' : ''}${w.start} → ${w.end ?? 'still open'}\n${w.exposure.join('\n')}`}
            </title>
            <rect
              x={a}
              y={TOP}
              width={width}
              height={BAND_H}
              style={{
                fill: confirmed ? 'var(--bad)' : 'url(#possible-hatch)',
                opacity: confirmed ? 0.35 : 1,
                stroke: color,
                strokeWidth: 1.5,
              }}
            />
            {w.publicFrom && confirmed && ms(w.publicFrom) > ms(w.start) ? (
              <line
                x1={x(ms(w.publicFrom))}
                x2={x(ms(w.publicFrom))}
                y1={TOP}
                y2={TOP + BAND_H}
                style={{ stroke: 'var(--bad)', strokeWidth: 2, strokeDasharray: '4 3' }}
              />
            ) : null}
            <text
              x={a > W - 140 ? a + width - 4 : a + 4}
              y={TOP + 16}
              textAnchor={a > W - 140 ? 'end' : 'start'}
              style={{ fill: 'var(--text)', fontSize: 12 }}
            >
              {`${i + 1}: ${w.confidence}`}
            </text>
            {w.openStart ? (
              <g data-testid="chart-open-start">
                <line
                  x1={a}
                  x2={a}
                  y1={TOP}
                  y2={TOP + BAND_H}
                  style={{ stroke: 'var(--bg)', strokeWidth: 3, strokeDasharray: '3 3' }}
                />
                <path d={`M ${a - 2} ${TOP + BAND_H / 2} l 10 -8 v 16 z`} style={{ fill: color }} />
                <text x={a + 4} y={TOP + BAND_H - 8} style={{ fill: 'var(--text)', fontSize: 11 }}>
                  began before the logs
                </text>
              </g>
            ) : null}
            {w.end === null ? (
              <g data-testid="chart-open-end">
                <path
                  d={`M ${LEFT + PLOT + 2} ${TOP + BAND_H / 2} l -10 -8 v 16 z`}
                  style={{ fill: color }}
                />
                <text
                  x={LEFT + PLOT - 8}
                  y={TOP + BAND_H - 8}
                  textAnchor="end"
                  style={{ fill: 'var(--text)', fontSize: 11 }}
                >
                  still open
                </text>
              </g>
            ) : null}
          </g>
        );
      })}

      {/* access-control changes */}
      {applied.map((c, i) => {
        const cx = x(ms(c.at));
        const color =
          c.exposureAfter === 'public'
            ? 'var(--bad)'
            : c.exposureAfter === 'possible'
              ? 'var(--warn)'
              : 'var(--ok)';
        return (
          <g key={`c${i}`} data-testid="chart-change">
            <title>{`${c.at}  ${c.event.eventName} by ${c.event.principalArn ?? 'unknown'}\n${c.text}`}</title>
            <line
              x1={cx}
              x2={cx}
              y1={TOP - 10}
              y2={TOP + BAND_H}
              style={{ stroke: color, strokeWidth: 1, opacity: 0.8 }}
            />
            <path d={`M ${cx} ${TOP - 4} l -5 -8 h 10 z`} style={{ fill: color }} />
          </g>
        );
      })}

      {containment ? (
        <g data-testid="chart-containment">
          <title>{`Contained: ${containment.closedBy!.eventName} by ${containment.closedBy!.principalArn ?? 'unknown'} at ${containment.end}`}</title>
          <line
            x1={x(ms(containment.end!))}
            x2={x(ms(containment.end!))}
            y1={12}
            y2={AXIS_Y}
            style={{ stroke: 'var(--ok)', strokeWidth: 2.5 }}
          />
          <text
            x={x(ms(containment.end!)) + 5}
            y={20}
            textAnchor={x(ms(containment.end!)) > W * 0.7 ? 'end' : 'start'}
            dx={x(ms(containment.end!)) > W * 0.7 ? -10 : 0}
            style={{ fill: 'var(--ok)', fontSize: 12, fontWeight: 600 }}
          >
            {`contained: ${containment.closedBy!.eventName}`}
          </text>
        </g>
      ) : null}

      {/* external reads */}
      <text x={LEFT} y={LANE_Y['s3-access'] - 8} style={{ fill: 'var(--muted)', fontSize: 10 }}>
        external reads — access log · data events
      </text>
      {reads.map((r, i) => (
        <circle
          key={`r${i}`}
          cx={x(ms(r.at))}
          cy={LANE_Y[r.source]}
          r={4}
          data-testid="chart-read"
          style={{
            fill: r.why.includes('anonymous') ? 'var(--bad)' : 'var(--accent)',
            opacity: 0.85,
          }}
        >
          <title>{readTitle(r)}</title>
        </circle>
      ))}

      {/* time axis (UTC) */}
      <line x1={LEFT} x2={LEFT + PLOT} y1={AXIS_Y} y2={AXIS_Y} style={{ stroke: 'var(--line)' }} />
      {ticks.map((t, i) => (
        <g key={`t${i}`}>
          <line x1={x(t)} x2={x(t)} y1={AXIS_Y} y2={AXIS_Y + 5} style={{ stroke: 'var(--line)' }} />
          <text
            x={x(t)}
            y={AXIS_Y + 18}
            textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
            style={{ fill: 'var(--muted)', fontSize: 11 }}
          >
            {label(t, span)}
          </text>
        </g>
      ))}
      <text
        x={LEFT + PLOT}
        y={H - 2}
        textAnchor="end"
        style={{ fill: 'var(--muted)', fontSize: 10 }}
      >
        UTC
      </text>
    </svg>
  );
}
