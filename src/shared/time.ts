// Time values cross boundaries as ISO-8601 strings that carry a zone (Z or ±hh:mm) and are stored
// as UTC integer milliseconds. A local time without a zone is ambiguous evidence, so it is refused.
import { CairnError } from './errors';

const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 instant that names its zone; `field` names the input in the error. */
export function parseInstant(text: string, field: string): number {
  const m = ISO_WITH_ZONE.exec(text.trim());
  if (!m) {
    throw new CairnError(
      'INVALID_INPUT',
      `${field}: "${text}" is not an ISO-8601 time with a zone`,
      'write it like 2026-03-27T23:30:00Z or 2026-03-28T00:30:00+01:00',
    );
  }
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.parse(text.trim());
  // Date.parse rolls 2026-02-30 over into March; compare the fields to refuse such dates.
  const probe = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)),
  );
  if (
    Number.isNaN(ms) ||
    probe.getUTCMonth() !== Number(mo) - 1 ||
    probe.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 59
  ) {
    throw new CairnError('INVALID_INPUT', `${field}: "${text}" is not a real date and time`);
  }
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Formats an instant as "2026-03-28 00:30:00 +01:00" in the given IANA zone, for people. */
export function formatInZone(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === t)?.value ?? '';
  // longOffset is "GMT+01:00", or plain "GMT" at offset zero.
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${offset}`;
}
