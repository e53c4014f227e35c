// Timeline operations: notes now; pins, corrections and findings arrive with later issues.
import { appendTimeline, listTimeline, timelineAuditRecord } from '../../casefile/repos/timeline';
import { parseInstant } from '../../shared/time';
import type { Handlers } from './types';

export const timelineHandlers: Pick<Handlers, 'timeline.note' | 'timeline.list'> = {
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
};
