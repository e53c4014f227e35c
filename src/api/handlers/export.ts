// The legal export as a job, its verification, and redaction marks.
import { callOp } from '..';
import { isOpName } from '../../shared/contract';
import { CairnError, toErrorShape } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import { listRedactionMarks, markForRedaction } from '../../export/marks';
import { runExport } from '../../export/run';
import {
  NO_NOTIFICATION_ASSESSMENT,
  notificationsFrom,
  type NotificationStatus,
} from '../../export/summary';
import { verifyExport } from '../../export/verify';
import type { ApiContext } from '../context';
import type { Handlers } from './types';

/** The case's notification assessment, when the deadline tracker is part of this build. */
async function notifications(path: string, ctx: ApiContext): Promise<NotificationStatus> {
  const op = 'deadlines.list';
  if (!isOpName(op)) return { state: 'none', note: NO_NOTIFICATION_ASSESSMENT };
  try {
    return notificationsFrom(await callOp(op, { path }, ctx));
  } catch (err) {
    return {
      state: 'none',
      note: `The notification assessment could not be read: ${toErrorShape(err).message}`,
    };
  }
}

export const exportHandlers: Pick<
  Handlers,
  'export.timeline' | 'export.verify' | 'redaction.mark' | 'redaction.list'
> = {
  'export.timeline': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const fromMs = input.from === undefined ? undefined : parseInstant(input.from, 'from');
    const toMs = input.to === undefined ? undefined : parseInstant(input.to, 'to');
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
      throw new CairnError('INVALID_INPUT', `from: ${input.from} is after to: ${input.to}`);
    const nowMs = ctx.clock();
    const actor = ctx.actor;
    return ctx.jobs.start('export', file.path, nowMs, async (progress) =>
      runExport(
        file,
        {
          format: input.format,
          out: input.out,
          redact: input.redact,
          overwrite: input.overwrite,
          actor,
          nowMs,
          notifications: await notifications(file.path, ctx),
          ...(fromMs !== undefined ? { fromMs } : {}),
          ...(toMs !== undefined ? { toMs } : {}),
        },
        progress,
      ),
    );
  },

  'export.verify': (input, ctx) => {
    const opts = {
      exportPath: input.file,
      ...(input.manifest ? { manifestPath: input.manifest } : {}),
    };
    if (!input.casePath) return verifyExport(opts);
    return ctx.cases.withUnchanged(input.casePath, (file) =>
      verifyExport({ ...opts, caseDb: file.db }),
    );
  },

  'redaction.mark': (input, ctx) =>
    markForRedaction(ctx.cases.forWrite(input.path), ctx.actor, {
      value: input.value,
      reason: input.reason,
    }),

  'redaction.list': (input, ctx) => ({
    marks: listRedactionMarks(ctx.cases.forRead(input.path).db),
  }),
};
