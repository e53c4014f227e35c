// Tabletop scoring: a team's case against the scenario's truth.json, and the after-action report
// (a job, like the timeline export, recorded in the case's audit log).
import { auditHead } from '../../casefile/audit';
import type { Db } from '../../casefile/sqlite';
import { trackAll } from '../../deadlines/case-summary';
import { checkReportOut, runAfterActionReport } from '../../export/after-action-run';
import type { ExerciseClockInput, TabletopScore } from '../../shared/ops/tabletop-score';
import { readParticipantCase, readTruthFile, scoreCase } from '../../tabletop/score';
import type { CaseDeadlines, ParticipantCase } from '../../tabletop/score';
import { buildAfterActionModel } from '../../tabletop/score/report';
import type { Truth } from '../../tabletop/truth';
import { CAIRN_VERSION } from '../../version';
import type { ApiContext } from '../context';
import { loadDeadlineState } from './deadlines-state';
import type { Handlers } from './types';

/**
 * The obligations on the team's facts, and on the truth's facts with everything else the team
 * recorded. Null when the case's deadline state cannot be read (the metric then says so).
 */
function deadlinesOf(db: Db, path: string, nowMs: number, truth: Truth): CaseDeadlines | null {
  try {
    const state = loadDeadlineState(db, path, nowMs);
    return {
      team: trackAll(state),
      truthFacts: trackAll({ ...state, facts: truth.obligations.facts }),
    };
  } catch {
    return null;
  }
}

function scored(
  ctx: ApiContext,
  input: { path: string; truth: string; exerciseClock?: ExerciseClockInput | undefined },
): { pc: ParticipantCase; score: TabletopScore; truth: Truth } {
  const { truth, path: truthPath } = readTruthFile(input.truth);
  const file = ctx.cases.forRead(input.path);
  const nowMs = ctx.clock();
  const pc = readParticipantCase(file.db, file.path, {
    nowMs,
    deadlines: deadlinesOf(file.db, file.path, nowMs, truth),
  });
  const score = scoreCase(pc, truth, {
    truthPath,
    exerciseClock: input.exerciseClock ?? null,
    nowMs,
  });
  return { pc, score, truth };
}

export const tabletopScoreHandlers: Pick<Handlers, 'tabletop.score' | 'tabletop.report'> = {
  'tabletop.score': (input, ctx) => scored(ctx, input).score,

  'tabletop.report': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    checkReportOut(file, input);
    // Scored now, so a wrong truth file or case fails the call rather than the job.
    const { pc, score, truth } = scored(ctx, input);
    const nowMs = ctx.clock();
    const actor = ctx.actor;
    return ctx.jobs.start('export', file.path, nowMs, async (progress) => {
      const model = buildAfterActionModel(pc, score, truth, {
        format: input.format,
        preparedBy: actor,
        nowMs,
        toolVersion: CAIRN_VERSION,
        auditHead: auditHead(file.db),
      });
      return runAfterActionReport(
        file,
        model,
        { out: input.out, overwrite: input.overwrite, actor },
        progress,
      );
    });
  },
};
