// Wording for deadline explanations and caveats. Kept apart from the arithmetic so the sentences
// counsel reads can be reviewed in one place.
import type { BusinessDayCount } from './calendar';
import { HOLIDAY_CALENDAR_LABELS } from './holidays';
import type { DeadlineRule } from './schema';

/** "2026-03-27 23:30 UTC" (seconds shown only when not zero). */
export function utcLabel(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19);
  const clock =
    seconds === '00' && iso.slice(20, 23) === '000' ? iso.slice(11, 16) : iso.slice(11, 19);
  return `${iso.slice(0, 10)} ${clock} UTC`;
}

/** "1 hour", "72 hours", "30 calendar days", "4 business days". */
export function countOf(n: number, unit: 'hours' | 'calendar_days' | 'business_days'): string {
  const words = unit.replace('_', ' ');
  return `${n} ${n === 1 ? words.slice(0, -1) : words}`;
}

export function holidaysNotModelled(rule: DeadlineRule): string {
  return `holidays of ${rule.jurisdiction.name} are not modelled: confirm with counsel`;
}

export function calendarDaysSentence(
  n: number,
  startWords: string,
  citation: string,
  startDate: string,
  dueDate: string,
  dueMs: number,
  zone: string,
): string {
  return (
    `Due by the end of ${dueDate} (23:59:59.999 ${zone}; ${utcLabel(dueMs)}): ` +
    `${countOf(n, 'calendar_days')} from ${startWords}, per ${citation}. ` +
    `Day 1 is the day after the start day (${startDate} in ${zone}) and the deadline runs to the ` +
    `end of day ${n}; no extension is applied when that day is a weekend or holiday.`
  );
}

export function businessDaysSentence(
  rule: DeadlineRule,
  n: number,
  startWords: string,
  startDate: string,
  counted: BusinessDayCount,
  dueMs: number,
  zone: string,
): string {
  const calendar = rule.jurisdiction.holidayCalendar;
  const holidays = counted.skipped
    .filter((day) => day.reason === 'holiday')
    .map((day) => `${day.date} ${day.holiday?.name ?? 'holiday'}`);
  const skipping =
    calendar === null
      ? `skips weekends only (${holidaysNotModelled(rule)})`
      : `skips weekends and ${HOLIDAY_CALENDAR_LABELS[calendar]}` +
        (holidays.length > 0 ? ` (holidays skipped: ${holidays.join(', ')})` : '');
  return (
    `Due by the end of ${counted.date} (23:59:59.999 ${zone}; ${utcLabel(dueMs)}): ` +
    `${countOf(n, 'business_days')} from ${startWords}, per ${rule.citation}. ` +
    `Counting starts the day after the start day (${startDate} in ${zone}) and ${skipping}; ` +
    `the deadline runs to the end of business day ${n}.`
  );
}

/** One sentence per reason to be careful with this rule's result. */
export function caveatsFor(rule: DeadlineRule, zone: string): string[] {
  const caveats: string[] = [];
  switch (rule.status) {
    case 'in_force':
      break;
    case 'proposed':
      caveats.push('This rule is only proposed and is not in force.');
      break;
    case 'enacted_not_yet_in_force':
      caveats.push('This rule is enacted but was not yet in force when researched.');
      break;
    case 'in_force_amendments_pending':
      caveats.push('Amendments to this rule are pending: check which version applies.');
      break;
  }
  if (rule.deadline.kind === 'business_days' && rule.jurisdiction.holidayCalendar === null) {
    caveats.push(`Business days skip weekends only: ${holidaysNotModelled(rule)}.`);
  }
  if (rule.confidence !== 'high') {
    caveats.push(`Research confidence is ${rule.confidence}.`);
  }
  if (rule.verification === 'researcher_knowledge_only') {
    caveats.push('Not re-checked against a retrieved source during research.');
  }
  if (rule.recentChange) caveats.push(`Recent change: ${rule.recentChange}`);
  if (zone !== rule.jurisdiction.timeZone) {
    caveats.push(
      `Time zone set by the caller to ${zone} (rule default ${rule.jurisdiction.timeZone}).`,
    );
  }
  return caveats;
}

/** The last sentence of every explanation: provenance, and the reminder to check with counsel. */
export function closingSentence(rule: DeadlineRule, caveats: string[]): string {
  const status = rule.status === 'in_force' ? '' : ` ${caveats[0] ?? ''}`;
  return `${status} Research as of ${rule.asOf} (confidence ${rule.confidence}); confirm with counsel.`.trim();
}
