// `cairn timeline`, `pin`, `unpin`, `annotate`, `correct` and `redact`: the unified timeline and
// what a responder does to it. Every change is a new audited entry.
import { callOp } from '../../../api';
import type { TimelineEntry } from '../../../shared/domain';
import { CairnError } from '../../../shared/errors';
import type { UnifiedEntry } from '../../../shared/timeline';
import { optString } from '../args';
import type { Command } from '../command';

const time = (iso: string): string => iso.replace('T', ' ').replace(/\.000Z$/, 'Z');

function entryId(text: string | undefined, name: string): number {
  const m = /^T?(\d+)$/.exec(text ?? '');
  if (!m)
    throw new CairnError(
      'INVALID_INPUT',
      `${name}: "${text}" is not a timeline entry (e.g. 12 or T12)`,
    );
  return Number(m[1]);
}

function line(e: UnifiedEntry): string {
  const status = e.status === 'current' ? '' : ` [${e.status}]`;
  const ev = e.evidence[0]?.provenance;
  const prov = ev ? `\n      ${ev.fileLocation} ${ev.locatorKind} ${ev.locator}` : '';
  return `${e.key.padEnd(6)} ${time(e.eventTime)}  ${e.kind.padEnd(12)} ${e.actor}: ${e.text}${status}${prov}`;
}

const written = (verb: string, e: TimelineEntry): string =>
  `${verb} #${e.id} at ${e.eventTime} (recorded ${e.recordedAt} by ${e.actor}, audit #${e.auditSeq})`;

export const timeline: Command = {
  path: ['timeline'],
  usage: 'cairn timeline FILE [--history] [--from ISO] [--to ISO] [--json]',
  summary:
    'The unified timeline: pinned evidence, finding highlights, decisions, actions, notifications and notes',
  options: { history: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', from: '--from', to: '--to' },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'timeline.unified',
      {
        path: positionals[0],
        includeHistory: values['history'] === true,
        from: optString(values, 'from'),
        to: optString(values, 'to'),
      },
      ctx,
    );
    return {
      json: r,
      human: r.entries.length ? r.entries.map(line).join('\n') : 'The timeline is empty.',
    };
  },
};

export const pin: Command = {
  path: ['pin'],
  usage: 'cairn pin FILE EVENT_ID [--s3] [--comment TEXT] [--json]',
  summary: 'Pin a CloudTrail event (or, with --s3, an S3 access log row) to the timeline',
  options: { s3: { type: 'boolean' }, comment: { type: 'string' } },
  positionals: ['FILE', 'EVENT_ID'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', id: 'EVENT_ID', comment: '--comment' },
  async run({ positionals, values, ctx }) {
    const e = await callOp(
      'timeline.pin',
      {
        path: positionals[0],
        id: positionals[1],
        type: values['s3'] === true ? 's3_access' : 'event',
        comment: optString(values, 'comment'),
      },
      ctx,
    );
    return { json: e, human: written('Pinned', e) };
  },
};

export const unpin: Command = {
  path: ['unpin'],
  usage: 'cairn unpin FILE ENTRY --reason TEXT [--json]',
  summary: 'Unpin evidence: a new audited entry withdraws the pin',
  options: { reason: { type: 'string' } },
  positionals: ['FILE', 'ENTRY'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', id: 'ENTRY', reason: '--reason' },
  async run({ positionals, values, ctx }) {
    const e = await callOp(
      'timeline.unpin',
      {
        path: positionals[0],
        id: entryId(positionals[1], 'ENTRY'),
        reason: optString(values, 'reason'),
      },
      ctx,
    );
    return { json: e, human: written('Unpinned with', e) };
  },
};

export const annotate: Command = {
  path: ['annotate'],
  usage: 'cairn annotate FILE ENTRY TEXT... [--json]',
  summary: 'Add a note about a timeline entry',
  options: {},
  positionals: ['FILE', 'ENTRY', 'TEXT...'],
  minPositionals: 3,
  fieldNames: { path: 'FILE', id: 'ENTRY', text: 'TEXT' },
  async run({ positionals, ctx }) {
    const e = await callOp(
      'timeline.annotate',
      {
        path: positionals[0],
        id: entryId(positionals[1], 'ENTRY'),
        text: positionals.slice(2).join(' '),
      },
      ctx,
    );
    return { json: e, human: written('Annotated with', e) };
  },
};

export const correct: Command = {
  path: ['correct'],
  usage: 'cairn correct FILE ENTRY [--text TEXT] [--at ISO] --reason TEXT [--json]',
  summary: 'Correct a timeline entry: a new audited entry supersedes it (never an edit in place)',
  options: { text: { type: 'string' }, at: { type: 'string' }, reason: { type: 'string' } },
  positionals: ['FILE', 'ENTRY'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', id: 'ENTRY', text: '--text', at: '--at', reason: '--reason' },
  async run({ positionals, values, ctx }) {
    const e = await callOp(
      'timeline.correct',
      {
        path: positionals[0],
        id: entryId(positionals[1], 'ENTRY'),
        text: optString(values, 'text'),
        at: optString(values, 'at'),
        reason: optString(values, 'reason'),
      },
      ctx,
    );
    return { json: e, human: written('Corrected with', e) };
  },
};

export const redact: Command = {
  path: ['redact'],
  usage: 'cairn redact FILE TEXT [--reason TEXT] [--json]',
  summary: 'Mark a string to be removed from every redacted export (audited)',
  options: { reason: { type: 'string' } },
  positionals: ['FILE', 'TEXT'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', value: 'TEXT', reason: '--reason' },
  async run({ positionals, values, ctx }) {
    const m = await callOp(
      'redaction.mark',
      { path: positionals[0], value: positionals[1], reason: optString(values, 'reason') ?? '' },
      ctx,
    );
    return {
      json: m,
      human: `Marked for redaction (audit #${m.seq}); redacted exports will show [REDACTED:marked] instead`,
    };
  },
};
