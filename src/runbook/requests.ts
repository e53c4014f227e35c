// What a responder sends to a run, checked against the step before the machine sees it: a
// decision needs an option and a rationale, a skip a reason, a checklist every box, an input
// well-typed values (no instant in the future). Each request becomes the machine event and the
// words the timeline records.
import type { CaseFile } from '../casefile/open';
import type { TimelineKind } from '../casefile/repos/timeline';
import { CairnError } from '../shared/errors';
import type {
  FactValue,
  FieldSpec,
  RunbookContext,
  RunbookEvent,
  StepContent,
} from '../shared/runbook';
import { parseInstant } from '../shared/time';
import { gatherEvidence } from './evidence';
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

/** Checks values against a step's fields; a required field already known as a fact may be left out. */
export function checkFields(
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

export interface Prepared {
  event: RunbookEvent;
  rationale: string | null;
  text: string;
  timelineKind: TimelineKind;
  refs: { type: 'finding'; id: number }[];
  /** Kept with the transition beside the machine event. */
  extra?: Record<string, unknown>;
}

/** Turns a request into the machine event, refusing with a clear message what the step cannot take. */
export function prepare(
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
