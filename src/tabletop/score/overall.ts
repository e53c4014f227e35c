// The overall score: the weighted mean of the metrics that apply (SCORE_WEIGHTS), the weights
// scaled to add up to 100 over those metrics, rounded to a whole number.
import type { ScoreMetric, TabletopScore } from '../../shared/ops/tabletop-score';

export function overallScore(metrics: readonly ScoreMetric[]): TabletopScore['overall'] {
  const counted = metrics.filter((m) => m.applicable);
  const total = counted.reduce((n, m) => n + m.weight, 0);
  const weights = counted.map((m) => ({
    metric: m.id,
    weight: total > 0 ? Math.round((m.weight / total) * 1000) / 10 : 0,
  }));
  const score =
    total > 0 ? Math.round(counted.reduce((n, m) => n + m.score * m.weight, 0) / total) : 0;
  const left = metrics.filter((m) => !m.applicable).map((m) => m.title.toLowerCase());
  return {
    score,
    weights,
    explanation: `Weighted mean of ${counted.length} metric(s): ${weights.map((w) => `${w.metric} ${w.weight}%`).join(', ')}${left.length ? `; left out as the scenario gives nothing to measure: ${left.join(', ')}` : ''}.`,
  };
}
