// Reminder points inside a deadline window and the open / due-soon / overdue status. Pure: the
// caller passes `now`. Works for legal due instants and internal targets alike.
import { CairnError } from '../shared/errors';
import { toIso } from '../shared/time';

export type ReminderPoint =
  /** When this fraction of the window has elapsed (0 < fraction < 1), e.g. 0.5 or 0.8. */
  | { kind: 'fraction'; fraction: number; label?: string }
  /** This many milliseconds before the due instant, e.g. 3_600_000 for one hour. */
  | { kind: 'before_due'; ms: number; label?: string };

export const DEFAULT_REMINDER_POINTS: readonly ReminderPoint[] = [
  { kind: 'fraction', fraction: 0.5 },
  { kind: 'fraction', fraction: 0.8 },
  { kind: 'before_due', ms: 3_600_000 },
];

export interface Reminder {
  atMs: number;
  iso: string;
  label: string;
  point: ReminderPoint;
  isPast: boolean;
}

export interface ReminderWindow {
  startMs: number;
  dueMs: number;
}

function checkWindow({ startMs, dueMs }: ReminderWindow): void {
  if (!Number.isSafeInteger(startMs) || !Number.isSafeInteger(dueMs)) {
    throw new CairnError('INVALID_INPUT', 'reminders: startMs and dueMs must be integer UTC ms');
  }
  if (dueMs <= startMs) {
    throw new CairnError(
      'INVALID_INPUT',
      `reminders: dueMs (${toIso(dueMs)}) must be after startMs (${toIso(startMs)})`,
    );
  }
}

function describe(point: ReminderPoint): string {
  if (point.label) return point.label;
  switch (point.kind) {
    case 'fraction':
      return `${Math.round(point.fraction * 100)}% of the window elapsed`;
    case 'before_due': {
      const hours = point.ms / 3_600_000;
      return Number.isInteger(hours)
        ? `${hours} hour${hours === 1 ? '' : 's'} before due`
        : `${Math.round(point.ms / 60_000)} minutes before due`;
    }
  }
}

function instantOf(point: ReminderPoint, { startMs, dueMs }: ReminderWindow): number {
  switch (point.kind) {
    case 'fraction':
      if (!(point.fraction > 0 && point.fraction < 1)) {
        throw new CairnError(
          'INVALID_INPUT',
          `reminders: fraction ${point.fraction} is not in (0, 1)`,
        );
      }
      return startMs + Math.round((dueMs - startMs) * point.fraction);
    case 'before_due':
      if (!(Number.isFinite(point.ms) && point.ms > 0)) {
        throw new CairnError('INVALID_INPUT', `reminders: before_due ms ${point.ms} must be > 0`);
      }
      return dueMs - point.ms;
  }
}

/**
 * The reminder instants of a window, in time order, each marked past or not at `nowMs` (an
 * instant equal to now counts as past: the reminder is due). Points that would fall before the
 * window opens (an offset longer than the window) are dropped, as are exact duplicates.
 */
export function reminderSchedule(
  window: ReminderWindow,
  nowMs: number,
  points: readonly ReminderPoint[] = DEFAULT_REMINDER_POINTS,
): Reminder[] {
  checkWindow(window);
  const seen = new Set<number>();
  const reminders: Reminder[] = [];
  for (const point of points) {
    const atMs = instantOf(point, window);
    if (atMs < window.startMs || seen.has(atMs)) continue;
    seen.add(atMs);
    reminders.push({
      atMs,
      iso: toIso(atMs),
      label: describe(point),
      point,
      isPast: atMs <= nowMs,
    });
  }
  return reminders.sort((a, b) => a.atMs - b.atMs);
}

export type DeadlineStatus = 'open' | 'due_soon' | 'overdue';

export interface StatusOptions {
  /** Due soon once this fraction of the window has elapsed (default 0.8). */
  dueSoonFraction?: number;
  /** Due soon once this little time remains, whatever the window (default: not used). */
  dueSoonWithinMs?: number;
}

/**
 * open / due_soon / overdue at `nowMs`. The due instant itself still counts (calendar-day
 * deadlines end at 23:59:59.999), so overdue means strictly after it.
 */
export function deadlineStatus(
  window: ReminderWindow,
  nowMs: number,
  options: StatusOptions = {},
): DeadlineStatus {
  checkWindow(window);
  const fraction = options.dueSoonFraction ?? 0.8;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new CairnError('INVALID_INPUT', `status: dueSoonFraction ${fraction} is not in (0, 1]`);
  }
  if (nowMs > window.dueMs) return 'overdue';
  const soonAt = window.startMs + (window.dueMs - window.startMs) * fraction;
  const withinMs = options.dueSoonWithinMs;
  if (nowMs >= soonAt || (withinMs !== undefined && window.dueMs - nowMs <= withinMs)) {
    return 'due_soon';
  }
  return 'open';
}
