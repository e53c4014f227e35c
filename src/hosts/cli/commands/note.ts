import { callOp } from '../../../api';
import type { Command } from '../command';
import { optString } from '../args';

export const note: Command = {
  path: ['note'],
  usage: 'cairn note FILE TEXT... [--at ISO] [--json]',
  summary: 'Add a note to the case timeline (audited); --at says when it happened',
  options: { at: { type: 'string' } },
  positionals: ['FILE', 'TEXT...'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', text: 'TEXT', at: '--at' },
  async run({ positionals, values, ctx }) {
    const entry = await callOp(
      'timeline.note',
      { path: positionals[0], text: positionals.slice(1).join(' '), at: optString(values, 'at') },
      ctx,
    );
    return {
      json: entry,
      human: `Noted #${entry.id} at ${entry.eventTime} (recorded ${entry.recordedAt} by ${entry.actor}, audit #${entry.auditSeq})`,
    };
  },
};
