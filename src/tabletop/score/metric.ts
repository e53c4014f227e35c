// Building blocks every metric shares: the metric record with its weight and evidence, the
// "nothing to score" cases (missing work scores 0 and says why; a metric the scenario gives
// nothing to measure is left out of the overall score), and the scales scores are read from.
import {
  SCORE_WEIGHTS,
  type ScoreEvidence,
  type ScoreMetric,
  type ScoreMetricId,
} from '../../shared/ops/tabletop-score';

export interface MetricHead {
  id: ScoreMetricId;
  title: string;
  unit: ScoreMetric['unit'];
  target: number | null;
  targetText: string;
}

export interface MetricBody {
  value: number | null;
  /** 0–100 before rounding and clamping. */
  score: number;
  explanation: string;
  evidence?: Partial<ScoreEvidence>;
  parts?: [string, string][];
  data?: ScoreMetric['data'];
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export function clampScore(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(100, Math.round(x))) : 0;
}

export function metric(head: MetricHead, body: MetricBody, applicable = true): ScoreMetric {
  const e = body.evidence ?? {};
  return {
    ...head,
    applicable,
    value: body.value,
    score: clampScore(body.score),
    weight: SCORE_WEIGHTS[head.id],
    explanation: body.explanation,
    evidence: {
      findings: uniq(e.findings ?? []).sort((a, b) => a - b),
      timeline: uniq(e.timeline ?? []).sort((a, b) => a - b),
      runs: uniq(e.runs ?? []).sort((a, b) => a - b),
      events: uniq(e.events ?? []),
    },
    parts: (body.parts ?? []).map(([label, value]) => ({ label, value })),
    data: body.data ?? {},
  };
}

/** The team's case holds nothing this metric can read: 0, with the reason. */
export function missing(
  head: MetricHead,
  reason: string,
  data: ScoreMetric['data'] = {},
): ScoreMetric {
  return metric(head, { value: null, score: 0, explanation: reason, data });
}

/** The scenario gives nothing to measure (e.g. no credential was derived): left out of the overall. */
export function notApplicable(head: MetricHead, reason: string): ScoreMetric {
  return metric(head, { value: null, score: 0, explanation: reason }, false);
}

/** 1 when |error| ≤ full, 0 when |error| ≥ zero, linear between. */
export function linear(error: number, full: number, zero: number): number {
  const e = Math.abs(error);
  if (e <= full) return 1;
  if (e >= zero) return 0;
  return 1 - (e - full) / (zero - full);
}

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

/** "#3, #5" for ids; "none" when empty. */
export function ids(xs: readonly number[], prefix = '#'): string {
  return xs.length
    ? uniq(xs)
        .map((x) => `${prefix}${x}`)
        .join(', ')
    : 'none';
}

/** At most `n` items, then "and k more". */
export function some(xs: readonly string[], n = 3): string {
  return xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} and ${xs.length - n} more`;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
