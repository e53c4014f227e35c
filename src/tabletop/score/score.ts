// Scores a team's case against the truth: each metric from its own module, then the overall.
import type { ExerciseClockInput, TabletopScore } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { scoreAttackerIps } from './attacker-ips';
import { scoreContainment } from './containment';
import { scoreDeadlines } from './deadlines';
import { scoreExposureWindow } from './exposure-window';
import { scoreLineage } from './lineage';
import { overallScore } from './overall';
import type { ParticipantCase } from './participant';
import { scoreStepsAndDecisions } from './steps';

export interface ScoreOptions {
  truthPath: string;
  exerciseClock: ExerciseClockInput | null;
  nowMs: number;
}

export function scoreCase(pc: ParticipantCase, truth: Truth, opts: ScoreOptions): TabletopScore {
  const clock = opts.exerciseClock;
  const metrics = [
    scoreContainment(pc, truth, clock),
    scoreExposureWindow(pc, truth),
    scoreAttackerIps(pc, truth),
    scoreLineage(pc, truth),
    scoreDeadlines(pc, truth),
    scoreStepsAndDecisions(pc, truth, clock),
  ];
  return {
    format: 'cairn.tabletop.score',
    version: 1,
    scenario: truth.scenario,
    scenarioTitle: truth.title,
    seed: truth.seed,
    case: { path: pc.path, caseId: pc.caseId, title: pc.title },
    truthPath: opts.truthPath,
    scoredAt: new Date(opts.nowMs).toISOString(),
    exerciseClock: clock,
    overall: overallScore(metrics),
    metrics,
  };
}
