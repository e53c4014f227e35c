// Where a run stands: the current step with its content, the facts and evidence gathered, the
// suggested decision with the evidence behind it, every step's state, and the run's history.
import type { Db } from '../casefile/sqlite';
import type { RunbookContext, RunStatus, StepContent, StepState } from '../shared/runbook';
import { resolveBindings } from './bindings';
import { findRunbook } from './registry';
import { restore, stepOf } from './runtime';
import { getRun, transitions } from './store';
import { suggest } from './suggest';

/** Fills {fact} placeholders in a step's instructions with the run's facts, so commands can be pasted. */
function withFacts(content: StepContent, ctx: RunbookContext): StepContent {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = ctx.facts[name];
      return v === undefined || v === null || v === '' ? whole : String(v);
    });
  return {
    ...content,
    do: content.do.map(fill),
    ...(content.kind === 'instruction' ? { checklist: content.checklist.map(fill) } : {}),
  };
}

export function runStatus(db: Db, runId: number, nowMs: number): RunStatus {
  const run = getRun(db, runId);
  const rb = findRunbook(run.runbookId, run.runbookVersion);
  const actor = restore(rb.machine, run.snapshot);
  const snap = actor.getSnapshot() as unknown as { value: unknown; context: RunbookContext };
  actor.stop();
  const here = stepOf(snap.value);
  const content = withFacts(rb.info.steps[here.step]!, snap.context);
  const history = transitions(db, runId);
  const left = new Map<string, 'done' | 'skipped'>();
  for (const t of history) {
    if (!t.from) continue;
    const step = t.from.split('.').pop()!;
    left.set(step, t.event['type'] === 'SKIP' ? 'skipped' : 'done');
  }
  const steps: StepState[] = Object.entries(rb.info.steps).map(([id, s]) => ({
    id,
    title: s.title,
    phase: s.phase,
    kind: s.kind,
    state: id === here.step ? 'current' : (left.get(id) ?? 'pending'),
  }));
  return {
    runId,
    runbook: {
      id: rb.info.id,
      version: rb.info.version,
      title: rb.info.title,
      summary: rb.info.summary,
    },
    status: run.status,
    startedAt: new Date(run.startedAtMs).toISOString(),
    startedBy: run.startedBy,
    step: { id: here.step, path: here.path, content },
    context: snap.context,
    suggestion: content.kind === 'decision' ? suggest(content.suggest, snap.context) : null,
    actionParams:
      content.kind === 'action' ? resolveBindings(content.params, snap.context, nowMs) : null,
    timerDue:
      content.kind === 'timer' && snap.context.timers[here.step] !== undefined
        ? new Date(snap.context.timers[here.step]!).toISOString()
        : null,
    steps,
    history: history.map((t) => ({
      at: new Date(t.atMs).toISOString(),
      actor: t.actor,
      event: String(t.event['type']),
      from: t.from,
      to: t.to,
      rationale: t.rationale,
    })),
    handover:
      content.kind === 'final' && content.handover
        ? {
            runbook: content.handover.runbook,
            facts: resolveBindings(content.handover.facts, snap.context, nowMs),
          }
        : null,
  };
}

export type { RunStatus, StepState };
