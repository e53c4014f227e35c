// The facilitator's controls, checked against the exercise as it stands before anything is
// written: an action that makes no sense now (resume when not paused, advance before the start,
// an inject released twice) is refused with a message that says why.
import { CairnError } from '../../shared/errors';
import type { ExerciseAction } from '../../shared/ops/tabletop-exercise';
import { refusal, type ClockState } from './clock';
import type { ExerciseFile, LogEntry, LogLine } from './schema';

export interface ControlRequest {
  action: ExerciseAction;
  minutes?: number | undefined;
  speed?: number | undefined;
  inject?: { id?: string | undefined; title?: string | undefined; text?: string | undefined };
}

function need<T>(value: T | undefined, field: string, action: string): T {
  if (value === undefined) {
    throw new CairnError('INVALID_INPUT', `${field}: required to ${action}`);
  }
  return value;
}

function injectLine(
  req: ControlRequest,
  exercise: ExerciseFile,
  entries: readonly LogEntry[],
  released: ReadonlySet<string>,
  base: { at: string; actor: string },
): LogLine {
  const inj = need(req.inject, 'inject', 'release an inject (give its id, or a text)');
  if (inj.id !== undefined && inj.text !== undefined) {
    throw new CairnError(
      'INVALID_INPUT',
      'inject: give either the id of a scheduled inject or the text of a new one, not both',
    );
  }
  if (inj.id !== undefined) {
    const scheduled = exercise.injects.find((i) => i.id === inj.id);
    if (!scheduled) {
      throw new CairnError(
        'INVALID_INPUT',
        `inject.id: "${inj.id}" is not in the schedule`,
        `scheduled injects: ${exercise.injects.map((i) => i.id).join(', ')}`,
      );
    }
    if (released.has(inj.id)) {
      throw new CairnError('CONFLICT', `inject "${inj.id}" has already been released`);
    }
    return { ...base, action: 'inject', injectId: inj.id };
  }
  const text = need(inj.text, 'inject.text', 'write a custom inject');
  // Custom injects are numbered by the log line they will occupy, which is unique.
  return {
    ...base,
    action: 'inject',
    injectId: `custom-${entries.length + 1}`,
    custom: { source: 'Facilitator', title: inj.title ?? 'Message from the facilitator', text },
  };
}

/**
 * The log line a request adds, or a CairnError: CONFLICT when the state does not allow it,
 * INVALID_INPUT when a value it needs is missing or wrong.
 */
export function controlLine(
  req: ControlRequest,
  ctx: {
    exercise: ExerciseFile;
    entries: readonly LogEntry[];
    clock: ClockState;
    /** Ids of the scheduled injects already released. */
    released: ReadonlySet<string>;
    nowMs: number;
    actor: string;
  },
): LogLine {
  const why = refusal(ctx.clock.state, req.action);
  if (why) throw new CairnError('CONFLICT', `cannot ${req.action}: ${why}`);
  const base = { at: new Date(ctx.nowMs).toISOString(), actor: ctx.actor };
  switch (req.action) {
    case 'start':
    case 'pause':
    case 'resume':
    case 'end':
      return { ...base, action: req.action };
    case 'advance':
      return { ...base, action: 'advance', minutes: need(req.minutes, 'minutes', 'advance') };
    case 'speed':
      return { ...base, action: 'speed', speed: need(req.speed, 'speed', 'change the speed') };
    case 'inject':
      return injectLine(req, ctx.exercise, ctx.entries, ctx.released, base);
  }
}
