import { describe, expect, it } from 'vitest';
import { deadlineStatus, reminderSchedule } from '../../../src/deadlines/reminders';

const at = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

// A 72-hour window: 23:30 UTC Mar 27 → 23:30 UTC Mar 30 (2026).
const window = { startMs: at('2026-03-27T23:30:00Z'), dueMs: at('2026-03-30T23:30:00Z') };

describe('reminderSchedule', () => {
  it('places fraction and offset reminders and marks the past ones', () => {
    // 50 % of 72 h = 36 h → 11:30 UTC Mar 29. 80 % = 57.6 h = 57 h 36 min → 09:06 UTC Mar 30.
    // One hour before due → 22:30 UTC Mar 30. At 12:00 UTC Mar 29 only the first is past.
    const reminders = reminderSchedule(window, at('2026-03-29T12:00:00Z'), [
      { kind: 'before_due', ms: HOUR },
      { kind: 'fraction', fraction: 0.8 },
      { kind: 'fraction', fraction: 0.5 },
    ]);
    expect(reminders.map((r) => [r.iso, r.label, r.isPast])).toEqual([
      ['2026-03-29T11:30:00.000Z', '50% of the window elapsed', true],
      ['2026-03-30T09:06:00.000Z', '80% of the window elapsed', false],
      ['2026-03-30T22:30:00.000Z', '1 hour before due', false],
    ]);
  });

  it('uses 50 %, 80 % and one hour before due by default', () => {
    expect(reminderSchedule(window, window.startMs).map((r) => r.iso)).toEqual([
      '2026-03-29T11:30:00.000Z',
      '2026-03-30T09:06:00.000Z',
      '2026-03-30T22:30:00.000Z',
    ]);
  });

  it('drops reminders before the window opens and duplicates', () => {
    // A one-hour window (NERC CIP-008): "2 hours before due" would precede the start; "1 hour
    // before due" is the start itself and is kept; 30 minutes before = 50 % is kept once.
    const short = { startMs: at('2026-06-01T10:00:00Z'), dueMs: at('2026-06-01T11:00:00Z') };
    const reminders = reminderSchedule(short, short.startMs, [
      { kind: 'before_due', ms: 2 * HOUR },
      { kind: 'before_due', ms: HOUR },
      { kind: 'fraction', fraction: 0.5 },
      { kind: 'before_due', ms: HOUR / 2, label: 'half an hour left' },
    ]);
    expect(reminders.map((r) => [r.iso, r.label])).toEqual([
      ['2026-06-01T10:00:00.000Z', '1 hour before due'],
      ['2026-06-01T10:30:00.000Z', '50% of the window elapsed'],
    ]);
  });

  it('refuses an empty window and fractions outside (0, 1)', () => {
    expect(() => reminderSchedule({ startMs: 10, dueMs: 10 }, 0)).toThrow(/must be after/);
    expect(() => reminderSchedule(window, 0, [{ kind: 'fraction', fraction: 1.2 }])).toThrow(
      /fraction 1.2/,
    );
  });
});

describe('deadlineStatus', () => {
  it.each([
    // 80 % of 72 h is reached at 09:06 UTC Mar 30 (see above).
    ['2026-03-28T00:00:00Z', 'open'],
    ['2026-03-30T09:05:59Z', 'open'],
    ['2026-03-30T09:06:00Z', 'due_soon'],
    // The due instant itself is still in time; one millisecond later is overdue.
    ['2026-03-30T23:30:00.000Z', 'due_soon'],
    ['2026-03-30T23:30:00.001Z', 'overdue'],
  ] as const)('at %s is %s', (now, expected) => {
    expect(deadlineStatus(window, at(now))).toBe(expected);
  });

  it('can call a deadline due soon by time left instead', () => {
    // 24 h before due = 23:30 UTC Mar 29, earlier than the 80 % mark.
    expect(deadlineStatus(window, at('2026-03-29T23:30:00Z'), { dueSoonWithinMs: 24 * HOUR })).toBe(
      'due_soon',
    );
    expect(deadlineStatus(window, at('2026-03-29T23:29:59Z'), { dueSoonWithinMs: 24 * HOUR })).toBe(
      'open',
    );
  });
});
