// Timeline operations: notes, the unified view, pins, annotations and corrections.
import { appendTimeline, listTimeline, timelineAuditRecord } from '../../casefile/repos/timeline';
import { CairnError } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import { annotateEntry, correctEntry, pinEvidence, unpinEvidence } from '../../timeline/actions';
import { buildUnifiedTimeline } from '../../timeline/unified';
import type { Handlers } from './types';

export const timelineHandlers: Pick<
  Handlers,
  | 'timeline.note'
  | 'timeline.list'
  | 'timeline.unified'
  | 'timeline.pin'
  | 'timeline.unpin'
  | 'timeline.annotate'
  | 'timeline.correct'
> = {
  'timeline.note': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const atMs = input.at === undefined ? null : parseInstant(input.at, 'at');
    return file.writer.write('timeline.note', ctx.actor, (w) => {
      const entry = appendTimeline(w, {
        eventTimeMs: atMs ?? w.nowMs,
        kind: 'note',
        text: input.text,
      });
      return { audit: { entry: timelineAuditRecord(entry) }, value: entry };
    });
  },

  'timeline.list': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    return { entries: listTimeline(file.db, { includeSuperseded: input.includeSuperseded }) };
  },

  'timeline.unified': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    const fromMs = input.from === undefined ? undefined : parseInstant(input.from, 'from');
    const toMs = input.to === undefined ? undefined : parseInstant(input.to, 'to');
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
      throw new CairnError('INVALID_INPUT', `from: ${input.from} is after to: ${input.to}`);
    return {
      entries: buildUnifiedTimeline(file.db, {
        includeHistory: input.includeHistory,
        hashEvidence: input.hashEvidence,
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
      }),
    };
  },

  'timeline.pin': (input, ctx) =>
    pinEvidence(ctx.cases.forWrite(input.path), ctx.actor, {
      type: input.type,
      id: input.id,
      comment: input.comment,
    }),

  'timeline.unpin': (input, ctx) =>
    unpinEvidence(ctx.cases.forWrite(input.path), ctx.actor, {
      id: input.id,
      reason: input.reason,
    }),

  'timeline.annotate': (input, ctx) =>
    annotateEntry(ctx.cases.forWrite(input.path), ctx.actor, { id: input.id, text: input.text }),

  'timeline.correct': (input, ctx) =>
    correctEntry(ctx.cases.forWrite(input.path), ctx.actor, {
      id: input.id,
      text: input.text,
      atMs: input.at === undefined ? null : parseInstant(input.at, 'at'),
      reason: input.reason,
    }),
};
