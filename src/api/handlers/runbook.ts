// Runbook operations: list the runbooks, start a run, show where it stands, and act on its
// current step. Action steps go through containment: the plan first, a dry run that records the
// command to run by hand, or a confirmed change read back from AWS.
import {
  executeContainment,
  planContainment,
  verifyContainment,
  actionFromStep,
} from '../../runbook/containment';
import type { ContainmentAction, Outcome } from '../../runbook/containment';
import { listRunbooks } from '../../runbook/registry';
import { advanceRun, startRun, type StepRequest } from '../../runbook/runtime';
import { runStatus } from '../../runbook/status';
import { listRuns } from '../../runbook/store';
import { CairnError } from '../../shared/errors';
import type { OpParsedInput } from '../../shared/contract';
import type { FactValue, RunStatus, StepContent } from '../../shared/runbook';
import type { ApiContext } from '../context';
import { deadlineHandlers } from './deadlines';
import type { Handlers } from './types';

type ActRequest = Extract<OpParsedInput<'runbook.step'>['request'], { kind: 'act' }>;
type ActionContent = Extract<StepContent, { kind: 'action' }>;

const isFact = (v: unknown): v is FactValue =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The containment action of the current step: its bound parameters, corrected by the responder. */
function actionOf(status: RunStatus, overrides: Record<string, FactValue>): ContainmentAction {
  const content = status.step.content;
  if (content.kind !== 'action') {
    throw new CairnError(
      'INVALID_INPUT',
      `"${content.title}" is a ${content.kind} step; it takes no action`,
    );
  }
  // The status bound the step's parameters from the run at the time it was read (`now` included).
  const params: Record<string, FactValue> = {};
  for (const [k, v] of Object.entries({ ...status.actionParams, ...overrides }))
    if (isFact(v)) params[k] = v;
  return actionFromStep(content.action, params);
}

function describe(outcome: Outcome): string {
  const byHand = outcome.manualCommand ? ` To do it by hand: ${outcome.manualCommand}` : '';
  const undo = outcome.undo ? ` Undo: ${outcome.undo}` : '';
  return `${outcome.message}${byHand}${undo}`;
}

async function act(
  ctx: ApiContext,
  status: RunStatus,
  content: ActionContent,
  req: ActRequest,
): Promise<{ step: StepRequest; outcome: Outcome | null }> {
  const action = actionOf(status, req.params);
  const now = ctx.clock();
  if (req.mode === 'confirm-manual') {
    const note = req.note?.trim() ?? '';
    if (note.length < 3) {
      throw new CairnError(
        'INVALID_INPUT',
        `note: say who ran the command for "${content.title}", where and when`,
        'the note goes into the audit log with your name',
      );
    }
    if (!req.verify) {
      return {
        step: {
          kind: 'action',
          outcome: 'manual-confirmed',
          detail: `Done by hand, confirmed by the responder: ${note}`,
          record: { action, mode: 'confirm-manual', note },
        },
        outcome: null,
      };
    }
    const check = await verifyContainment(action, req.aws);
    if (!check.verification.ok) {
      throw new CairnError(
        'CONFLICT',
        `the read-back does not show "${content.title}" done yet: observed ${JSON.stringify(check.verification.observed)}, expected ${JSON.stringify(check.verification.expected)}`,
        'run the command, wait a moment and verify again, or confirm without verification',
      );
    }
    return {
      step: {
        kind: 'action',
        outcome: 'manual-verified',
        detail: `Done by hand (${note}); the read-back confirms it.`,
        record: {
          action,
          mode: 'confirm-manual',
          note,
          verification: check.verification,
          calls: check.calls,
        },
      },
      outcome: null,
    };
  }
  const outcome = await executeContainment(action, {
    aws: req.aws,
    dryRun: req.mode === 'dry-run',
    confirmed: req.confirm,
    now,
  });
  return {
    step: {
      kind: 'action',
      outcome: outcome.status,
      detail: describe(outcome),
      record: outcome as unknown as Record<string, unknown>,
    },
    outcome,
  };
}

/** Input fields that start the notification clocks set the case's awareness time too. */
async function applyAwareness(
  ctx: ApiContext,
  path: string,
  status: RunStatus,
  content: StepContent,
  values: Record<string, FactValue>,
): Promise<void> {
  if (content.kind !== 'input') return;
  for (const f of content.fields) {
    const v = values[f.id];
    if (f.setsAwareness && typeof v === 'string' && v !== '') {
      await deadlineHandlers['case.setAwareness'](
        { path, at: v, reason: `runbook "${status.runbook.title}", step "${content.title}"` },
        ctx,
      );
    }
  }
}

export const runbookHandlers: Pick<
  Handlers,
  | 'runbook.list'
  | 'runbook.runs'
  | 'runbook.start'
  | 'runbook.status'
  | 'runbook.plan'
  | 'runbook.step'
> = {
  'runbook.list': () => ({
    runbooks: listRunbooks().map(({ info }) => ({
      id: info.id,
      version: info.version,
      title: info.title,
      summary: info.summary,
      startFacts: info.startFacts,
      steps: Object.entries(info.steps).map(([id, s]) => ({
        id,
        title: s.title,
        phase: s.phase,
        kind: s.kind,
      })),
    })),
  }),

  'runbook.runs': (input, ctx) => {
    const db = ctx.cases.forRead(input.path).db;
    const now = ctx.clock();
    return {
      runs: listRuns(db).map((r) => {
        const s = runStatus(db, r.id, now);
        return {
          runId: r.id,
          runbook: r.runbookId,
          version: r.runbookVersion,
          title: s.runbook.title,
          status: r.status,
          startedAt: s.startedAt,
          startedBy: r.startedBy,
          step: s.step.id,
          stepTitle: s.step.content.title,
        };
      }),
    };
  },

  'runbook.start': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const runId = startRun(file, ctx.actor, input.runbook, input.facts, ctx.clock());
    return runStatus(file.db, runId, ctx.clock());
  },

  'runbook.status': (input, ctx) =>
    runStatus(ctx.cases.forRead(input.path).db, input.runId, ctx.clock()),

  'runbook.plan': (input, ctx) => {
    const status = runStatus(ctx.cases.forRead(input.path).db, input.runId, ctx.clock());
    const action = actionOf(status, input.params);
    return {
      plan: planContainment(action, input.aws) as unknown as Record<string, unknown>,
      action: action as unknown as Record<string, unknown>,
    };
  },

  'runbook.step': async (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const before = runStatus(file.db, input.runId, ctx.clock());
    if (before.status === 'done')
      throw new CairnError(
        'CONFLICT',
        `runbook run #${input.runId} is finished`,
        'start a new run if the incident needs one',
      );
    if (before.step.id !== input.step) {
      throw new CairnError(
        'CONFLICT',
        `run #${input.runId} is at "${before.step.content.title}" (${before.step.id}), not at ${input.step}: it moved on since you looked`,
        'reload the run and act on the current step',
      );
    }
    const req = input.request;
    const content = before.step.content;
    let step: StepRequest;
    let outcome: Outcome | null = null;
    if (req.kind === 'act') {
      if (content.kind !== 'action')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it takes no action`,
        );
      ({ step, outcome } = await act(ctx, before, content, req));
    } else {
      step = req;
    }
    // Containment may have taken seconds: advanceRun re-reads the run and refuses if it moved.
    advanceRun(file, ctx.actor, input.runId, step, ctx.clock(), input.step);
    if (req.kind === 'input') await applyAwareness(ctx, input.path, before, content, req.values);
    const status = runStatus(file.db, input.runId, ctx.clock());
    return { status, outcome: outcome as unknown as Record<string, unknown> | null };
  },
};
