// Reads the bracketed access-log time `06/Feb/2019:00:00:38 +0000` (brackets already removed)
// by character position: no regex, no Date parsing of an ambiguous string.

const LAYOUT = 'dd/Mon/yyyy:HH:MM:SS +hhmm';
const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface TimeError {
  /** Offset of the offending character from the start of the content. */
  offset: number;
  message: string;
}

function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1 - (i - at); // encodes which digit was bad
    n = n * 10 + d;
  }
  return n;
}

function bad(offset: number, what: string): TimeError {
  return { offset, message: `malformed time (${what}; expected [${LAYOUT}])` };
}

/** Offsets of the fixed separators in the layout, and the character each must be. */
const SEPARATOR_AT = [2, 6, 11, 14, 17, 20];
const SEPARATOR_CODE = SEPARATOR_AT.map((at) => LAYOUT.charCodeAt(at));

/** Month index by its three letters packed into one number (no string is built per line). */
const MONTH_BY_CODE = new Map(
  Object.entries(MONTHS).map(([name, index]) => [packMonth(name, 0), index] as const),
);

function packMonth(s: string, at: number): number {
  return (s.charCodeAt(at) << 16) | (s.charCodeAt(at + 1) << 8) | s.charCodeAt(at + 2);
}

function monthOf(s: string, at: number): number | undefined {
  return MONTH_BY_CODE.get(packMonth(s, at));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 1 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 10) % 12; // months counted from March; `month` is 0-based
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** UTC milliseconds for the time in s[start, end), or where it went wrong. */
export function parseLogTime(s: string, start: number, end: number): number | TimeError {
  if (end - start !== LAYOUT.length) {
    return bad(Math.min(end - start, LAYOUT.length), `length ${end - start}`);
  }
  for (let i = 0; i < SEPARATOR_AT.length; i++) {
    const at = SEPARATOR_AT[i]!;
    if (s.charCodeAt(start + at) !== SEPARATOR_CODE[i]) return bad(at, `expected '${LAYOUT[at]}'`);
  }
  const day = digits(s, start, 2);
  if (day < 0) return bad(-1 - day, 'day is not a number');
  const month = monthOf(s, start + 3);
  if (month === undefined) return bad(3, 'unknown month');
  const year = digits(s, start + 7, 4);
  if (year < 0) return bad(6 - year, 'year is not a number');
  if (year < 1970) return bad(7, 'year before 1970');
  const hour = digits(s, start + 12, 2);
  if (hour < 0) return bad(11 - hour, 'hour is not a number');
  const minute = digits(s, start + 15, 2);
  if (minute < 0) return bad(14 - minute, 'minute is not a number');
  const second = digits(s, start + 18, 2);
  if (second < 0) return bad(17 - second, 'second is not a number');
  const sign = s.charCodeAt(start + 21);
  if (sign !== 0x2b && sign !== 0x2d) return bad(21, "offset sign is not '+' or '-'");
  const offH = digits(s, start + 22, 2);
  if (offH < 0) return bad(21 - offH, 'offset hours are not a number');
  const offM = digits(s, start + 24, 2);
  if (offM < 0) return bad(23 - offM, 'offset minutes are not a number');

  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = (DAYS_IN_MONTH[month] ?? 31) + (month === 1 && leap ? 1 : 0);
  if (day < 1 || day > monthDays) return bad(0, 'day out of range');
  if (hour > 23) return bad(12, 'hour out of range');
  if (minute > 59) return bad(15, 'minute out of range');
  if (second > 59) return bad(18, 'second out of range');
  if (offH > 23) return bad(22, 'offset hours out of range');
  if (offM > 59) return bad(24, 'offset minutes out of range');
  // Local time = UTC + offset, so UTC = local - offset. AWS always writes +0000, but honour it.
  const offsetMinutes = (sign === 0x2b ? 1 : -1) * (offH * 60 + offM);
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return (minutes * 60 + second) * 1000;
}
