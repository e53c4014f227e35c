import { describe, expect, it } from 'vitest';
import {
  endOfLocalDayMs,
  isBusinessDay,
  localDateOf,
  nthBusinessDayAfter,
  startOfLocalDayMs,
} from '../../../src/deadlines/calendar';
import {
  brazilNationalHolidays,
  easterSunday,
  usFederalHolidays,
} from '../../../src/deadlines/holidays';

const dates = (list: Array<{ date: string }>): string[] => list.map((h) => h.date);

describe('US federal holidays (computed for any year)', () => {
  // Each list is worked out by hand from a printed calendar of that year, applying: New Year's
  // Jan 1, MLK 3rd Mon Jan, Washington 3rd Mon Feb, Memorial last Mon May, Juneteenth Jun 19
  // (from 2021), Independence Jul 4, Labor 1st Mon Sep, Columbus 2nd Mon Oct, Veterans Nov 11,
  // Thanksgiving 4th Thu Nov, Christmas Dec 25; Saturday → Friday before, Sunday → Monday after.
  it.each([
    [
      2020,
      // Jan 1 Wed; Mondays in Jan 6,13,20 → 20; Feb 3,10,17 → 17; last Mon May 25; no
      // Juneteenth before 2021; Jul 4 is Sat → Fri Jul 3; Sep 7; Oct 5,12 → 12; Nov 11 Wed;
      // Thu in Nov 5,12,19,26 → 26; Dec 25 Fri. Jan 1 2021 is a Friday, so nothing on Dec 31.
      [
        '2020-01-01',
        '2020-01-20',
        '2020-02-17',
        '2020-05-25',
        '2020-07-03',
        '2020-09-07',
        '2020-10-12',
        '2020-11-11',
        '2020-11-26',
        '2020-12-25',
      ],
    ],
    [
      2021,
      // Jan 1 Fri; Jan 4,11,18 → 18; Feb 1,8,15 → 15; May 31 (last Mon); Juneteenth Jun 19 is
      // Sat → Fri Jun 18; Jul 4 Sun → Mon Jul 5; Sep 6; Oct 4,11 → 11; Nov 11 Thu; Nov
      // 4,11,18,25 → 25; Dec 25 Sat → Fri Dec 24; Jan 1 2022 is Sat → observed Fri Dec 31 2021.
      [
        '2021-01-01',
        '2021-01-18',
        '2021-02-15',
        '2021-05-31',
        '2021-06-18',
        '2021-07-05',
        '2021-09-06',
        '2021-10-11',
        '2021-11-11',
        '2021-11-25',
        '2021-12-24',
        '2021-12-31',
      ],
    ],
    [
      2022,
      // New Year's 2022 was observed on Dec 31 2021 (above), so the list starts with MLK:
      // Jan 3,10,17 → 17; Feb 7,14,21 → 21; May 30; Jun 19 Sun → Mon Jun 20; Jul 4 Mon; Sep 5;
      // Oct 3,10 → 10; Nov 11 Fri; Nov 3,10,17,24 → 24; Dec 25 Sun → Mon Dec 26.
      [
        '2022-01-17',
        '2022-02-21',
        '2022-05-30',
        '2022-06-20',
        '2022-07-04',
        '2022-09-05',
        '2022-10-10',
        '2022-11-11',
        '2022-11-24',
        '2022-12-26',
      ],
    ],
    [
      2023,
      // Jan 1 Sun → Mon Jan 2; Jan 2,9,16 → 16; Feb 6,13,20 → 20; May 29; Jun 19 Mon; Jul 4
      // Tue; Sep 4; Oct 2,9 → 9; Nov 11 Sat → Fri Nov 10; Nov 2,9,16,23 → 23; Dec 25 Mon.
      [
        '2023-01-02',
        '2023-01-16',
        '2023-02-20',
        '2023-05-29',
        '2023-06-19',
        '2023-07-04',
        '2023-09-04',
        '2023-10-09',
        '2023-11-10',
        '2023-11-23',
        '2023-12-25',
      ],
    ],
    [
      2026,
      // Jan 1 Thu; Jan 5,12,19 → 19; Feb 2,9,16 → 16; May 25; Jun 19 Fri; Jul 4 Sat → Fri Jul 3;
      // Sep 7; Oct 5,12 → 12; Nov 11 Wed; Nov 5,12,19,26 → 26; Dec 25 Fri; Jan 1 2027 is Fri.
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-05-25',
        '2026-06-19',
        '2026-07-03',
        '2026-09-07',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    [
      2027,
      // Same weekdays as 2021 (both start on a Friday, neither is a leap year), so the same
      // shifts: Jun 18 (Sat Juneteenth), Jul 5 (Sun Jul 4), Dec 24 (Sat Christmas), and Jan 1
      // 2028 is a Saturday → observed Fri Dec 31 2027.
      [
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-05-31',
        '2027-06-18',
        '2027-07-05',
        '2027-09-06',
        '2027-10-11',
        '2027-11-11',
        '2027-11-25',
        '2027-12-24',
        '2027-12-31',
      ],
    ],
  ])('lists the days off in %i', (year, expected) => {
    expect(dates(usFederalHolidays(year))).toEqual(expected);
  });

  it('names the nominal date of an observed holiday', () => {
    // Jul 4 2026 is a Saturday: the day off is Friday Jul 3.
    expect(usFederalHolidays(2026).find((h) => h.date === '2026-07-03')).toEqual({
      date: '2026-07-03',
      name: 'Independence Day',
      observedFor: '2026-07-04',
    });
  });

  it('treats observed days as non-business days and the weekend date as a weekend', () => {
    expect(isBusinessDay('2021-12-31', 'us_federal')).toBe(false); // observed New Year's 2022
    expect(isBusinessDay('2022-06-20', 'us_federal')).toBe(false); // observed Juneteenth (Sun)
    expect(isBusinessDay('2023-11-10', 'us_federal')).toBe(false); // observed Veterans Day (Sat)
    expect(isBusinessDay('2026-11-27', 'us_federal')).toBe(true); // day after Thanksgiving
    expect(isBusinessDay('2026-11-26', 'us_federal')).toBe(false); // Thanksgiving
    expect(isBusinessDay('2026-11-26', null)).toBe(true); // weekends-only calendar
    expect(isBusinessDay('2026-11-28', null)).toBe(false); // Saturday
  });

  it('refuses years before the modern holiday set', () => {
    expect(() => usFederalHolidays(1980)).toThrow(/year 1980 is outside/);
  });
});

describe('Brazilian national holidays', () => {
  it.each([
    // Published Easter Sundays (Gregorian).
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('lists 2026 with Good Friday and Consciência Negra', () => {
    // Easter 2026 is Apr 5, so Good Friday is Apr 3. Fixed days do not move off weekends.
    expect(dates(brazilNationalHolidays(2026))).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-21',
      '2026-05-01',
      '2026-09-07',
      '2026-10-12',
      '2026-11-02',
      '2026-11-15',
      '2026-11-20',
      '2026-12-25',
    ]);
  });

  it('has no 20 November before 2024 (Lei 14.759/2023)', () => {
    // Easter 2023 is Apr 9 → Good Friday Apr 7.
    const list = dates(brazilNationalHolidays(2023));
    expect(list).not.toContain('2023-11-20');
    expect(list).toContain('2023-04-07');
  });
});

describe('business-day counting', () => {
  it('skips weekends and holidays, never counting the start day', () => {
    // Wed Nov 25 2026: Thu 26 Thanksgiving skipped, Fri 27 = 1, Sat/Sun skipped, Mon 30 = 2,
    // Tue Dec 1 = 3, Wed Dec 2 = 4.
    const result = nthBusinessDayAfter('2026-11-25', 4, 'us_federal');
    expect(result.date).toBe('2026-12-02');
    expect(result.skipped.map((d) => [d.date, d.reason])).toEqual([
      ['2026-11-26', 'holiday'],
      ['2026-11-28', 'weekend'],
      ['2026-11-29', 'weekend'],
    ]);
  });

  it('counts weekends only when no calendar is modelled', () => {
    // Fri Feb 13 2026: Sat/Sun skipped; Mon Feb 16 (a federal holiday) still counts = 1.
    expect(nthBusinessDayAfter('2026-02-13', 1, null).date).toBe('2026-02-16');
  });
});

describe('local days in a zone', () => {
  it('takes the date in the zone, not in UTC', () => {
    // 2026-01-10 05:00 UTC is 2026-01-09 21:00 in Los Angeles (UTC-8).
    expect(localDateOf(Date.UTC(2026, 0, 10, 5), 'America/Los_Angeles')).toBe('2026-01-09');
  });

  it('ends a 23-hour and a 25-hour day at local midnight', () => {
    // New York springs forward on 2026-03-08; Mar 9 begins at 00:00 EDT = 04:00 UTC.
    expect(new Date(endOfLocalDayMs('2026-03-08', 'America/New_York')).toISOString()).toBe(
      '2026-03-09T03:59:59.999Z',
    );
    // Berlin falls back on 2026-10-25; Oct 26 begins at 00:00 CET = Oct 25 23:00 UTC.
    expect(new Date(endOfLocalDayMs('2026-10-25', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T22:59:59.999Z',
    );
  });

  it('starts a day whose midnight DST skipped at the first real instant', () => {
    // São Paulo began DST at midnight on 2018-11-04 (00:00 → 01:00, UTC-3 → UTC-2): the day
    // starts at 01:00 -02:00 = 03:00 UTC.
    expect(new Date(startOfLocalDayMs('2018-11-04', 'America/Sao_Paulo')).toISOString()).toBe(
      '2018-11-04T03:00:00.000Z',
    );
  });
});
