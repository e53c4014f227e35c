// The runbook runtime: starts a run for a case, restores its machine from the persisted snapshot
// (createActor with the snapshot), checks what the responder sends against the step (a decision
// needs a rationale, a skip a reason, a checklist every box), sends it, and persists the new
// snapshot with the transition, a timeline entry and the audit entry in one write. A run
// survives a restart and a copy of the case file, and keeps the runbook version it started with.
import { createActor } from 'xstate';
import type { CaseFile } from '../casefile/open';
import { appendTimeline, timelineAuditRecord, type TimelineKind } from '../casefile/repos/timeline';
import { CairnError } from '../shared/errors';
import type {
  FactValue,
  FieldSpec,
  RunbookContext,
  RunbookEvent,
  StepContent,
} from '../shared/runbook';
import type { RunbookMachine } from '../shared/runbook-machine';
import { parseInstant } from '../shared/time';
import { gatherEvidence } from './evidence';
import { findRunbook } from './registry';
import { getRun, insertRun, insertTransition, saveSnapshot, snapshotSha256 } from './store';
import { suggest } from './suggest';

export type StepRequest =
  | { kind: 'complete'; checked: number[] }
  | { kind: 'skip'; reason: string }
  | { kind: 'input'; values: Record<string, FactValue> }
  | { kind: 'decide'; choice: string; rationale: string }
  | { kind: 'evidence' }
  /** An action step's outcome; `record` (the plan, the calls, the read-back) is kept with the transition. */
  | { kind: 'action'; outcome: string; detail: string; record?: Record<string, unknown> }
  | { kind: 'timer' };

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

/** Checks values against a step's fields; a required field already known as a fact may be left out. */
function checkFields(
  fields: FieldSpec[],
  values: Record<string, FactValue>,
  nowMs: number,
  known: Record<string, FactValue> = {},
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const f of fields) {
    const v = values[f.id];
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (f.required && (known[f.id] === undefined || known[f.id] === null || known[f.id] === ''))
        throw new CairnError('INVALID_INPUT', `${f.id}: ${f.label} is required at this step`);
      continue;
    }
    switch (f.kind) {
      case 'instant': {
        const ms = parseInstant(String(v), f.id);
        if (ms > nowMs + 60_000)
          throw new CairnError('INVALID_INPUT', `${f.id}: ${String(v)} is in the future`);
        out[f.id] = new Date(ms).toISOString();
        break;
      }
      case 'boolean':
        if (typeof v !== 'boolean')
          throw new CairnError('INVALID_INPUT', `${f.id}: ${f.label} is yes or no (true/false)`);
        out[f.id] = v;
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new CairnError('INVALID_INPUT', `${f.id}: ${f.label} must be a number`);
        out[f.id] = v;
        break;
      case 'choice':
        if (!f.choices?.some((c) => c.id === v))
          throw new CairnError(
            'INVALID_INPUT',
            `${f.id}: choose one of ${f.choices?.map((c) => c.id).join(', ')}`,
          );
        out[f.id] = v;
        break;
      case 'text':
        out[f.id] = String(v).trim();
        break;
    }
  }
  const unknown = Object.keys(values).filter((k) => !fields.some((f) => f.id === k));
  if (unknown.length)
    throw new CairnError(
      'INVALID_INPUT',
      `${unknown[0]}: not a field of this step (fields: ${fields.map((f) => f.id).join(', ')})`,
    );
  return out;
}

interface Prepared {
  event: RunbookEvent;
  rationale: string | null;
  text: string;
  timelineKind: TimelineKind;
  refs: { type: 'finding'; id: number }[];
  /** Kept with the transition beside the machine event. */
  extra?: Record<string, unknown>;
}

/** Turns a request into the machine event, refusing with a clear message what the step cannot take. */
function prepare(
  file: CaseFile,
  actor: string,
  nowMs: number,
  content: StepContent,
  ctx: RunbookContext,
  req: StepRequest,
): Prepared {
  const at = nowMs;
  switch (req.kind) {
    case 'skip':
      if (content.kind === 'final')
        throw new CairnError('INVALID_INPUT', 'the run is finished; there is nothing to skip');
      if (req.reason.trim().length < 3)
        throw new CairnError(
          'INVALID_INPUT',
          `reason: skipping "${content.title}" needs a reason that a reviewer can read later`,
        );
      return {
        event: { type: 'SKIP', at, reason: req.reason.trim() },
        rationale: req.reason.trim(),
        text: `skipped: ${req.reason.trim()}`,
        timelineKind: 'decision',
        refs: [],
      };
    case 'complete': {
      if (content.kind !== 'instruction')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it is not completed with a checklist`,
        );
      const missing = content.checklist.filter((_, i) => !req.checked.includes(i));
      if (missing.length)
        throw new CairnError(
          'INVALID_INPUT',
          `checked: not everything is checked at "${content.title}": ${missing.join('; ')}`,
          'check every item, or skip the step with a reason',
        );
      return {
        event: { type: 'COMPLETE', at, checked: req.checked },
        rationale: null,
        text: `done (${content.checklist.join('; ')})`,
        timelineKind: 'action',
        refs: [],
      };
    }
    case 'input': {
      if (content.kind !== 'input')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it takes no input`,
        );
      const values = checkFields(content.fields, req.values, nowMs, ctx.facts);
      const text = content.fields
        .filter((f) => f.id in values)
        .map((f) => `${f.label}: ${String(values[f.id])}`)
        .join('; ');
      return {
        event: { type: 'INPUT', at, values },
        rationale: null,
        text: text || 'nothing entered',
        timelineKind: 'note',
        refs: [],
      };
    }
    case 'decide': {
      if (content.kind !== 'decision')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it needs no decision`,
        );
      const option = content.options.find((o) => o.id === req.choice);
      if (!option)
        throw new CairnError(
          'INVALID_INPUT',
          `choice: "${req.choice}" is not an option here (${content.options.map((o) => o.id).join(', ')})`,
        );
      if (req.rationale.trim().length < 3)
        throw new CairnError(
          'INVALID_INPUT',
          `rationale: a decision at "${content.title}" needs your rationale, in words a reviewer can follow`,
        );
      const s = suggest(content.suggest, ctx);
      const against =
        s && s.choice !== option.id
          ? ` Cairn suggested "${content.options.find((o) => o.id === s.choice)?.label ?? s.choice}" (${s.because}).`
          : s
            ? ' As Cairn suggested.'
            : '';
      return {
        event: { type: 'DECIDE', at, choice: option.id, rationale: req.rationale.trim() },
        rationale: req.rationale.trim(),
        text: `decided "${option.label}": ${req.rationale.trim()}.${against}`,
        timelineKind: 'decision',
        refs: (s?.evidence ?? []).map((e) => ({ type: 'finding' as const, id: e.findingId })),
      };
    }
    case 'evidence': {
      if (content.kind !== 'evidence')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it gathers no evidence`,
        );
      const findings = gatherEvidence(file, actor, content, ctx, nowMs);
      const ids = Object.values(findings).map((f) => f.findingId);
      return {
        event: { type: 'EVIDENCE', at, findings },
        rationale: null,
        text: `evidence gathered: finding${ids.length > 1 ? 's' : ''} #${ids.join(', #')}`,
        timelineKind: 'finding',
        refs: ids.map((id) => ({ type: 'finding' as const, id })),
      };
    }
    case 'action':
      if (content.kind !== 'action')
        throw new CairnError(
          'INVALID_INPUT',
          `"${content.title}" is a ${content.kind} step; it takes no action`,
        );
      return {
        event: { type: 'ACTION', at, outcome: req.outcome },
        rationale: null,
        text: req.detail,
        timelineKind: 'action',
        refs: [],
        ...(req.record ? { extra: { containment: req.record } } : {}),
      };
    case 'timer': {
      if (content.kind !== 'timer')
        throw new CairnError('INVALID_INPUT', `"${content.title}" is not a timer step`);
      return {
        event: { type: 'TIMER', at },
        rationale: null,
        text: `waited ${content.minutes} minutes; ${content.recheck}`,
        timelineKind: 'note',
        refs: [],
      };
    }
  }
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
