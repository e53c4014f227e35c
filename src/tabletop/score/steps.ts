// Steps and decisions: how the team followed its runbooks. 60 points for the decisions the truth
// can judge (each decision step whose right answer follows from the truth, e.g. "active
// compromise" when the attacker left persistence), 40 for not skipping what matters: of the
// evidence and containment steps the team reached, the share it did rather than skipped. Every
// skip is listed with its reason.
import type { ExerciseClockInput, ScoreMetric } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { toSim } from './clock';
import { metric, missing, some, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';
import { impliedDecision } from './truth-view';

const HEAD: MetricHead = {
  id: 'steps-decisions',
  title: 'Runbook steps and decisions',
  unit: 'count',
  target: null,
  targetText:
    'every decision the truth can judge made as it implies, no evidence or containment step skipped',
};

const ESSENTIAL = new Set(['evidence', 'action']);

export interface JudgedDecision {
  runId: number;
  step: string;
  title: string;
  choice: string;
  implied: string;
  because: string;
  ok: boolean;
  entryId: number | null;
}

export interface SkippedStep {
  runId: number;
  step: string;
  title: string;
  kind: string;
  reason: string;
  entryId: number | null;
}

export function judgeRuns(
  pc: ParticipantCase,
  truth: Truth,
  clock: ExerciseClockInput | null,
): { decisions: JudgedDecision[]; unjudged: number; skipped: SkippedStep[]; reached: number } {
  const decisions: JudgedDecision[] = [];
  const skipped: SkippedStep[] = [];
  let unjudged = 0;
  let reached = 0;
  for (const run of pc.runs) {
    const stepOf = (id: string) => run.steps.find((s) => s.id === id);
    reached += run.steps.filter(
      (s) => ESSENTIAL.has(s.kind) && (s.state === 'done' || s.state === 'skipped'),
    ).length;
    for (const t of run.transitions) {
      const step = stepOf(t.step);
      if (t.event === 'SKIP')
        skipped.push({
          runId: run.runId,
          step: t.step,
          title: step?.title ?? t.step,
          kind: step?.kind ?? 'unknown',
          reason: t.rationale ?? '',
          entryId: t.timelineEntryId,
        });
      if (t.event !== 'DECIDE' || t.choice === null) continue;
      const implied = impliedDecision(truth, run.runbookId, t.step, toSim(t.atMs, clock));
      if (!implied) {
        unjudged++;
        continue;
      }
      decisions.push({
        runId: run.runId,
        step: t.step,
        title: step?.title ?? t.step,
        choice: t.choice,
        implied: implied.choice,
        because: implied.because,
        ok: t.choice === implied.choice,
        entryId: t.timelineEntryId,
      });
    }
  }
  return { decisions, unjudged, skipped, reached };
}

export function scoreStepsAndDecisions(
  pc: ParticipantCase,
  truth: Truth,
  clock: ExerciseClockInput | null,
): ScoreMetric {
  if (pc.runs.length === 0)
    return missing(
      HEAD,
      'No runbook run in the case: no step was followed and no decision recorded.',
    );
  const { decisions, unjudged, skipped, reached } = judgeRuns(pc, truth, clock);
  const right = decisions.filter((d) => d.ok);
  const wrong = decisions.filter((d) => !d.ok);
  const essentialSkips = skipped.filter((s) => ESSENTIAL.has(s.kind));
  const decisionRatio = decisions.length ? right.length / decisions.length : 0;
  const stepRatio = reached ? 1 - essentialSkips.length / reached : 0;
  const decisionText = decisions.length
    ? `${right.length} of ${decisions.length} decision(s) as the truth implies${
        wrong.length
          ? ` (${some(
              wrong.map(
                (w) =>
                  `"${w.title}": chose ${w.choice}, the truth implies ${w.implied} because ${w.because}`,
              ),
              2,
            )})`
          : ''
      }`
    : 'no decision the truth can judge was made';
  const skipText = reached
    ? `${essentialSkips.length} of ${reached} evidence or containment step(s) skipped${
        essentialSkips.length
          ? ` (${some(
              essentialSkips.map((s) => `"${s.title}": ${s.reason}`),
              2,
            )})`
          : ''
      }`
    : 'no evidence or containment step reached';
  return metric(
    { ...HEAD, target: decisions.length },
    {
      value: right.length,
      score: 60 * decisionRatio + 40 * stepRatio,
      explanation: `${decisionText}; ${skipText}${skipped.length > essentialSkips.length ? `; ${skipped.length - essentialSkips.length} other step(s) skipped with a reason` : ''}.`,
      evidence: {
        runs: pc.runs.map((r) => r.runId),
        timeline: [...decisions, ...skipped]
          .map((d) => d.entryId)
          .filter((x): x is number => x !== null),
      },
      parts: [
        ...decisions.map((d): [string, string] => [
          `Decision "${d.title}" (run #${d.runId})`,
          `${d.choice}${d.ok ? ' (right)' : ` (the truth implies ${d.implied}: ${d.because})`}`,
        ]),
        ...skipped.map((s): [string, string] => [
          `Skipped "${s.title}" (run #${s.runId})`,
          s.reason,
        ]),
      ],
      data: {
        decisionsRight: right.length,
        decisionsJudged: decisions.length,
        decisionsNotJudged: unjudged,
        essentialStepsReached: reached,
        essentialStepsSkipped: essentialSkips.length,
        skipped: skipped.map((s) => `${s.step}: ${s.reason}`),
      },
    },
  );
}
