// Calendar arithmetic in a jurisdiction's time zone: which local day an instant falls on, when a
// local day ends, and which days are business days (weekends and the jurisdiction's modelled
// public holidays excluded). Dates are "YYYY-MM-DD"; instants are UTC milliseconds.
import { TZDate } from '@date-fns/tz';
import { CairnError } from '../shared/errors';
import { isValidTimeZone } from '../shared/time';
import { addCalendarDays, holidayOn, weekdayOf, type Holiday } from './holidays';
import type { HolidayCalendarId } from './vocabulary';

export { addCalendarDays, weekdayOf } from './holidays';

function checkZone(zone: string, field: string): void {
  if (!isValidTimeZone(zone)) {
    throw new CairnError('INVALID_INPUT', `${field}: "${zone}" is not an IANA time zone`);
  }
}

/** The calendar date an instant falls on in `zone`. */
export function localDateOf(ms: number, zone: string): string {
  checkZone(zone, 'zone');
  const local = new TZDate(ms, zone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The first instant of a local date in `zone` (later than 00:00 if midnight is skipped by DST). */
export function startOfLocalDayMs(date: string, zone: string): number {
  checkZone(zone, 'zone');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, zone).getTime();
}

/**
 * The last millisecond of a local date in `zone` (23:59:59.999 local). Computed as the start of
 * the next local day minus 1 ms, so a day shortened or lengthened by DST still ends correctly.
 */
export function endOfLocalDayMs(date: string, zone: string): number {
  return startOfLocalDayMs(addCalendarDays(date, 1), zone) - 1;
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

export interface NonBusinessDay {
  date: string;
  reason: 'weekend' | 'holiday';
  holiday: Holiday | null;
}

/** Why `date` is not a business day, or null if it is one. */
export function nonBusinessReason(
  date: string,
  calendar: HolidayCalendarId | null,
): NonBusinessDay | null {
  if (isWeekend(date)) return { date, reason: 'weekend', holiday: null };
  const holiday = calendar === null ? undefined : holidayOn(date, calendar);
  return holiday ? { date, reason: 'holiday', holiday } : null;
}

export function isBusinessDay(date: string, calendar: HolidayCalendarId | null): boolean {
  return nonBusinessReason(date, calendar) === null;
}

export interface BusinessDayCount {
  /** The N-th business day after the start date. */
  date: string;
  /** Every day passed over on the way, with the reason (for explanations). */
  skipped: NonBusinessDay[];
}

/**
 * The `count`-th business day strictly after `startDate`: the start day itself never counts,
 * whatever it is, and counting skips weekends and the calendar's holidays (null: weekends only).
 */
export function nthBusinessDayAfter(
  startDate: string,
  count: number,
  calendar: HolidayCalendarId | null,
): BusinessDayCount {
  if (!Number.isInteger(count) || count < 1) {
    throw new CairnError('INVALID_INPUT', `business days: count must be a positive integer`);
  }
  const skipped: NonBusinessDay[] = [];
  let date = startDate;
  let counted = 0;
  while (counted < count) {
    date = addCalendarDays(date, 1);
    const reason = nonBusinessReason(date, calendar);
    if (reason) skipped.push(reason);
    else counted += 1;
  }
  return { date, skipped };
}
