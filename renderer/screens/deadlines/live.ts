// Client-side time for the deadlines screen: a ticking clock, the countdown text, the status a
// clock has reached since the list was fetched, and the reminders that have come due. The engine
// computed the instants; the screen only compares them with the time now.
import { useEffect, useState } from 'react';
import {
  timeLeftWords,
  type DeadlineList,
  type Obligation,
  type ObligationStatus,
} from '../../../src/shared/deadlines';

/** The current time, re-read every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2 d 03:14:05" / "00:49:05"; the sign is shown by the caller. */
export function countdownText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return d > 0 ? `${d} d ${clock}` : clock;
}

const RUNNING: readonly ObligationStatus[] = ['open', 'due_soon', 'overdue'];

export function isRunning(o: Obligation): boolean {
  return RUNNING.includes(o.status);
}

/** The status at `now`: a running clock may have become due soon or overdue since the fetch. */
export function liveStatus(
  o: Obligation,
  now: number,
  settings: DeadlineList['settings'],
): ObligationStatus {
  const start = o.clock?.start?.ms;
  const due = o.clock?.due?.ms;
  if (!isRunning(o) || start === undefined || due === undefined) return o.status;
  if (now > due) return 'overdue';
  const soonAt = start + (due - start) * settings.dueSoonFraction;
  const within = settings.dueSoonWithinMs;
  return now >= soonAt || (within !== null && due - now <= within) ? 'due_soon' : 'open';
}

export interface LiveReminder {
  key: string;
  ruleId: string;
  message: string;
  overdue: boolean;
}

/** For each running clock, the latest reminder point passed (or overdue), worded for now. */
export function liveReminders(list: DeadlineList, now: number): LiveReminder[] {
  const out: LiveReminder[] = [];
  for (const o of list.obligations) {
    const due = o.clock?.due;
    if (!isRunning(o) || !due) continue;
    const left = due.ms - now;
    const target = o.clock?.isLegalDeadline ? '' : ' (internal target, not a legal deadline)';
    if (left < 0) {
      out.push({
        key: `${o.rule.id}@due`,
        ruleId: o.rule.id,
        message: `OVERDUE: ${o.rule.title} is ${timeLeftWords(left)}${target}`,
        overdue: true,
      });
      continue;
    }
    const passed = o.reminders.filter((r) => r.atMs <= now).at(-1);
    if (!passed) continue;
    out.push({
      key: `${o.rule.id}@${passed.atMs}`,
      ruleId: o.rule.id,
      message: `REMINDER: ${o.rule.title} is ${timeLeftWords(left)}${target}`,
      overdue: false,
    });
  }
  return out;
}

export const STATUS_TEXT: Record<ObligationStatus, string> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  open: 'Open',
  waiting: 'Clock not started',
  needs_answer: 'Needs an answer',
  late: 'Notified late',
  met: 'Notified',
  not_required: 'Not required',
  not_applicable: 'Not applicable',
};
