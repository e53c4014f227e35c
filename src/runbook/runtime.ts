// The runbook runtime: starts a run for a case, restores its machine from the persisted snapshot
// (createActor with the snapshot), sends it the responder's checked request (requests.ts), and
// persists the new snapshot with the transition, a timeline entry and the audit entry in one
// write. A run survives a restart and a copy of the case file, and keeps the runbook version it
// started with.
import { createActor } from 'xstate';
import type { CaseFile } from '../casefile/open';
import { appendTimeline, timelineAuditRecord } from '../casefile/repos/timeline';
import { CairnError } from '../shared/errors';
import type { FactValue, RunbookContext, RunbookEvent, StepContent } from '../shared/runbook';
import type { RunbookMachine } from '../shared/runbook-machine';
import { findRunbook } from './registry';
import { checkFields, prepare, type StepRequest } from './requests';
import { getRun, insertRun, insertTransition, saveSnapshot, snapshotSha256 } from './store';

export type { StepRequest };

interface Snap {
  value: unknown;
  status: string;
  context: RunbookContext;
}

/** The leaf state a snapshot is in: "contain.deactivate" → step "deactivate". */
export function stepOf(value: unknown): { path: string; step: string } {
  const parts: string[] = [];
  let v = value;
  while (v && typeof v === 'object') {
    const [k, next] = Object.entries(v as Record<string, unknown>)[0]!;
    parts.push(k);
    v = next;
  }
  if (typeof v === 'string') parts.push(v);
  return { path: parts.join('.'), step: parts[parts.length - 1] ?? '' };
}

/**
 * An actor restored from a persisted snapshot (what getPersistedSnapshot() wrote). The context
 * comes from the snapshot; xstate only wants an input because the machine type declares one.
 */
export function restore(machine: RunbookMachine, snapshot: unknown) {
  return createActor(machine, { snapshot: snapshot as never, input: { facts: {} } }).start();
}

/** A title as the end of a sentence: "Recon, then writes?" keeps its question mark. */
const sentence = (title: string): string => (/[.?!]$/.test(title) ? title : `${title}.`);

export function stepContent(runbookId: string, version: string, step: string): StepContent {
  const content = findRunbook(runbookId, version).info.steps[step];
  if (!content)
    throw new CairnError(
      'INTERNAL',
      `runbook ${runbookId} ${version} has no content for step ${step}`,
    );
  return content;
}

export interface Advance {
  runId: number;
  from: string;
  to: string;
  done: boolean;
  event: RunbookEvent;
}

export function startRun(
  file: CaseFile,
  actor: string,
  runbookId: string,
  facts: Record<string, FactValue>,
  nowMs: number,
): number {
  const rb = findRunbook(runbookId);
  const checked = checkFields(rb.info.startFacts, facts, nowMs);
  const actorRef = createActor(rb.machine, { input: { facts: checked } }).start();
  const snapshot = actorRef.getPersistedSnapshot();
  const first = stepOf((actorRef.getSnapshot() as unknown as Snap).value);
  actorRef.stop();
  return file.writer.write('runbook.start', actor, (w) => {
    const runId = insertRun(w, rb.info.id, rb.info.version, snapshot);
    const event = { type: 'START', at: nowMs, facts: checked };
    insertTransition(w, runId, { event, from: '', to: first.path, rationale: null });
    const entry = appendTimeline(w, {
      eventTimeMs: nowMs,
      kind: 'action',
      text: `Runbook "${rb.info.title}" (v${rb.info.version}) started${
        Object.keys(checked).length
          ? ` with ${Object.entries(checked)
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(', ')}`
          : ''
      }. First step: ${sentence(rb.info.steps[first.step]?.title ?? first.step)}`,
      refs: [{ type: 'runbook', id: runId }],
    });
    return {
      audit: {
        runId,
        runbook: rb.info.id,
        version: rb.info.version,
        event,
        from: '',
        to: first.path,
        rationale: null,
        snapshotSha256: snapshotSha256(snapshot),
        entry: timelineAuditRecord(entry),
      },
      value: runId,
    };
  });
}

/**
 * Sends the responder's request to the run. `expectStep` is the step the responder acted on: when
 * the run has moved on meanwhile (another responder, another window), nothing is sent.
 */
export function advanceRun(
  file: CaseFile,
  actor: string,
  runId: number,
  req: StepRequest,
  nowMs: number,
  expectStep?: string,
): Advance {
  const run = getRun(file.db, runId);
  if (run.status === 'done')
    throw new CairnError(
      'CONFLICT',
      `runbook run #${runId} is finished`,
      'start a new run if the incident needs one',
    );
  const rb = findRunbook(run.runbookId, run.runbookVersion);
  const live = restore(rb.machine, run.snapshot);
  const before = live.getSnapshot() as unknown as Snap;
  const from = stepOf(before.value);
  const content = stepContent(rb.info.id, rb.info.version, from.step);
  if (expectStep !== undefined && expectStep !== from.step) {
    live.stop();
    throw new CairnError(
      'CONFLICT',
      `run #${runId} is at "${content.title}" (${from.step}), not at ${expectStep}: it moved on since you looked`,
      'reload the run and act on the current step',
    );
  }
  if (req.kind === 'timer' && content.kind === 'timer') {
    const due = before.context.timers[from.step];
    if (due !== undefined && nowMs < due) {
      live.stop();
      throw new CairnError(
        'INVALID_INPUT',
        `"${content.title}" is due at ${new Date(due).toISOString()} (in ${Math.ceil((due - nowMs) / 60_000)} min)`,
        'wait, or skip the step with a reason',
      );
    }
  }
  const p = prepare(file, actor, nowMs, content, before.context, req);
  live.send(p.event);
  const after = live.getSnapshot() as unknown as Snap;
  const persisted = live.getPersistedSnapshot();
  live.stop();
  const to = stepOf(after.value);
  // An action's outcome is always recorded (a second dry run, a retried failure); other events must move the run.
  if (
    p.event.type !== 'ACTION' &&
    to.path === from.path &&
    JSON.stringify(after.context) === JSON.stringify(before.context)
  ) {
    throw new CairnError(
      'INVALID_INPUT',
      `the runbook did not accept ${p.event.type.toLowerCase()} at "${content.title}"`,
      'check the step’s options and what it needs',
    );
  }
  const done = after.status === 'done';
  file.writer.write(`runbook.${req.kind}`, actor, (w) => {
    saveSnapshot(w, runId, persisted, done);
    const machineEvent =
      p.event.type === 'EVIDENCE'
        ? {
            ...p.event,
            findings: Object.fromEntries(
              Object.entries(p.event.findings).map(([k, f]) => [k, { findingId: f.findingId }]),
            ),
          }
        : p.event;
    const event = { ...machineEvent, ...p.extra };
    insertTransition(w, runId, { event, from: from.path, to: to.path, rationale: p.rationale });
    const next = done
      ? 'The run is finished.'
      : to.path === from.path
        ? 'The step waits.'
        : `Next: ${sentence(rb.info.steps[to.step]?.title ?? to.step)}`;
    const entry = appendTimeline(w, {
      eventTimeMs: nowMs,
      kind: p.timelineKind,
      text: `Runbook "${rb.info.title}" · ${content.title} — ${sentence(p.text)} ${next}`,
      refs: [{ type: 'runbook', id: runId }, ...p.refs],
    });
    return {
      audit: {
        runId,
        runbook: rb.info.id,
        version: rb.info.version,
        from: from.path,
        to: to.path,
        event,
        rationale: p.rationale,
        snapshotSha256: snapshotSha256(persisted),
        entry: timelineAuditRecord(entry),
      },
      value: undefined,
    };
  });
  return { runId, from: from.path, to: to.path, done, event: p.event };
}
