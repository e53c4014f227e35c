// The overall score: a weighted mean over the metrics that apply, written out by hand.
import { describe, expect, it } from 'vitest';
import { scoreCase } from '../../../../src/tabletop/score';
import { overallScore } from '../../../../src/tabletop/score/overall';
import type { ScoreMetric } from '../../../../src/shared/ops/tabletop-score';
import { leakedKeyTruth, publicBucketTruth, teamCase } from './fixtures';

const m = (id: ScoreMetric['id'], weight: number, score: number, applicable = true) =>
  ({ id, title: id, weight, score, applicable }) as ScoreMetric;

describe('overall score', () => {
  it('is the weighted mean of the metrics that apply, the weights scaled over them', () => {
    // Lineage left out: weights 25, 20, 15, 15, 10 over 85. (25×80 + 20×50 + 15×100 + 15×0 + 10×40) / 85 = 4900 / 85 = 57.6.
    const o = overallScore([
      m('containment', 25, 80),
      m('exposure-window', 20, 50),
      m('attacker-ips', 15, 100),
      m('lineage', 15, 0, false),
      m('deadlines', 15, 0),
      m('steps-decisions', 10, 40),
    ]);
    expect(o.score).toBe(58);
    expect(o.weights.map((w) => [w.metric, w.weight])).toEqual([
      ['containment', 29.4],
      ['exposure-window', 23.5],
      ['attacker-ips', 17.6],
      ['deadlines', 17.6],
      ['steps-decisions', 11.8],
    ]);
    expect(o.explanation).toContain('left out as the scenario gives nothing to measure: lineage');
  });

  it('scores an empty case 0 on every metric, each with its reason, and never throws', () => {
    for (const truth of [leakedKeyTruth(), publicBucketTruth()]) {
      const s = scoreCase(teamCase(), truth, {
        truthPath: '/t/truth.json',
        exerciseClock: null,
        nowMs: 0,
      });
      expect(s.overall.score).toBe(0);
      for (const metric of s.metrics) {
        expect(metric.score).toBe(0);
        expect(metric.explanation.length).toBeGreaterThan(20);
      }
      expect(s.metrics.map((x) => x.id)).toEqual([
        'containment',
        'exposure-window',
        'attacker-ips',
        'lineage',
        'deadlines',
        'steps-decisions',
      ]);
    }
  });
});
