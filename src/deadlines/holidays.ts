// Public holidays, computed for any year from the rules that define them (never a per-year
// table that silently runs out). Dates are plain calendar dates "YYYY-MM-DD".
import { CairnError } from '../shared/errors';
import type { HolidayCalendarId } from './vocabulary';

export interface Holiday {
  /** The day that is off work (the observed day when the holiday moves off a weekend). */
  date: string;
  name: string;
  /** The holiday's nominal date when `date` is an observed substitute; otherwise null. */
  observedFor: string | null;
}

/** Both calendars are modelled in their current form from this year on (MLK Day: 1986). */
export const FIRST_MODELLED_YEAR = 1986;
const LAST_MODELLED_YEAR = 9999;

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (the same numbering as Date#getUTCDay). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addCalendarDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The n-th (1-based) given weekday of a month; n = -1 means the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n === -1) {
    const last = new Date(Date.UTC(year, month, 0)); // day 0 of next month = last of this one
    const back = (last.getUTCDay() - weekday + 7) % 7;
    return isoDate(year, month, last.getUTCDate() - back);
  }
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return isoDate(year, month, 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7);
}

function checkYear(year: number, calendar: string): void {
  if (!Number.isInteger(year) || year < FIRST_MODELLED_YEAR || year > LAST_MODELLED_YEAR) {
    throw new CairnError(
      'INVALID_INPUT',
      `${calendar} holidays: year ${year} is outside ${FIRST_MODELLED_YEAR}–${LAST_MODELLED_YEAR}`,
    );
  }
}

/**
 * A fixed-date US federal holiday on a weekend is observed on the Friday before (Saturday) or
 * the Monday after (Sunday), per 5 U.S.C. 6103(b) and OPM practice.
 */
function observed(date: string, name: string): Holiday {
  const weekday = weekdayOf(date);
  if (weekday === 6) return { date: addCalendarDays(date, -1), name, observedFor: date };
  if (weekday === 0) return { date: addCalendarDays(date, 1), name, observedFor: date };
  return { date, name, observedFor: null };
}

function usFederalHolidaysNominalYear(year: number): Holiday[] {
  const MON = 1;
  const THU = 4;
  const days: Holiday[] = [
    observed(isoDate(year, 1, 1), "New Year's Day"),
    {
      date: nthWeekday(year, 1, MON, 3),
      name: 'Birthday of Martin Luther King, Jr.',
      observedFor: null,
    },
    { date: nthWeekday(year, 2, MON, 3), name: "Washington's Birthday", observedFor: null },
    { date: nthWeekday(year, 5, MON, -1), name: 'Memorial Day', observedFor: null },
  ];
  if (year >= 2021) {
    days.push(observed(isoDate(year, 6, 19), 'Juneteenth National Independence Day'));
  }
  days.push(
    observed(isoDate(year, 7, 4), 'Independence Day'),
    { date: nthWeekday(year, 9, MON, 1), name: 'Labor Day', observedFor: null },
    { date: nthWeekday(year, 10, MON, 2), name: 'Columbus Day', observedFor: null },
    observed(isoDate(year, 11, 11), 'Veterans Day'),
    { date: nthWeekday(year, 11, THU, 4), name: 'Thanksgiving Day', observedFor: null },
    observed(isoDate(year, 12, 25), 'Christmas Day'),
  );
  return days;
}

/**
 * US federal holidays (5 U.S.C. 6103) whose day off falls in `year`. When New Year's Day of the
 * next year is a Saturday its observed day is 31 December of this year, so it is listed here
 * (and not in the next year's list), as OPM does.
 */
export function usFederalHolidays(year: number): Holiday[] {
  checkYear(year, 'US federal');
  const inYear = (h: Holiday): boolean => h.date.startsWith(`${year}-`);
  const next = year < LAST_MODELLED_YEAR ? usFederalHolidaysNominalYear(year + 1) : [];
  return [...usFederalHolidaysNominalYear(year), ...next.slice(0, 1)].filter(inYear);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/**
 * Brazil's national holidays: Lei 662/1949 (as amended by Lei 10.607/2002), Lei 6.802/1980
 * (12 Oct), Lei 14.759/2023 (20 Nov, from 2024), and Good Friday (observed nationwide; legally a
 * religious holiday under Lei 9.093/1995). Brazilian holidays do not move off weekends.
 * Carnival and Corpus Christi are optional days ("ponto facultativo"), not holidays, and state
 * and municipal holidays are not modelled.
 */
export function brazilNationalHolidays(year: number): Holiday[] {
  checkYear(year, 'Brazil national');
  const fixed = (month: number, day: number, name: string): Holiday => ({
    date: isoDate(year, month, day),
    name,
    observedFor: null,
  });
  const days: Holiday[] = [
    fixed(1, 1, 'Confraternização Universal'),
    { date: addCalendarDays(easterSunday(year), -2), name: 'Sexta-feira Santa', observedFor: null },
    fixed(4, 21, 'Tiradentes'),
    fixed(5, 1, 'Dia do Trabalho'),
    fixed(9, 7, 'Independência do Brasil'),
    fixed(10, 12, 'Nossa Senhora Aparecida'),
    fixed(11, 2, 'Finados'),
    fixed(11, 15, 'Proclamação da República'),
  ];
  if (year >= 2024) days.push(fixed(11, 20, 'Dia Nacional de Zumbi e da Consciência Negra'));
  days.push(fixed(12, 25, 'Natal'));
  return days.sort((x, y) => x.date.localeCompare(y.date));
}

export const HOLIDAY_CALENDAR_LABELS: Readonly<Record<HolidayCalendarId, string>> = {
  us_federal: 'US federal holidays',
  br_national: 'Brazilian national holidays',
};

export function holidaysInYear(calendar: HolidayCalendarId, year: number): Holiday[] {
  switch (calendar) {
    case 'us_federal':
      return usFederalHolidays(year);
    case 'br_national':
      return brazilNationalHolidays(year);
  }
}

/** The holiday (day off) on `date` in the calendar, if any. */
export function holidayOn(date: string, calendar: HolidayCalendarId): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  return holidaysInYear(calendar, year).find((h) => h.date === date);
}
