// The delivery date in a log file's name or path, used to skip files outside a time range
// without reading them: CloudTrail `…/CloudTrail/<region>/YYYY/MM/DD/…_YYYYMMDDTHHmmZ_…`,
// S3 access logs `<prefix>YYYY-mm-DD-HH-MM-SS-<unique>` or `…/YYYY/MM/DD/…`.
import type { TimeRange } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Start of the UTC day (ms) the key says the file belongs to, or null if it does not say. */
export function deliveryDay(key: string): number | null {
  const stamp =
    /_(\d{4})(\d{2})(\d{2})T\d{4}Z_/.exec(key) ??
    /(?:^|\/|[^0-9])(\d{4})-(\d{2})-(\d{2})-\d{2}-\d{2}-\d{2}-[^/]*$/.exec(key);
  const partition = /\/(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/.exec(key);
  const m = stamp ?? partition;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? null : ms;
}

/**
 * True when the file may hold records in the range. Files are delivered after the events they
 * hold (CloudTrail within ~15 minutes, S3 access logs within hours), so a day of margin on each
 * side keeps every file that could matter.
 */
export function mayHoldRange(key: string, range: TimeRange): boolean {
  const day = deliveryDay(key);
  if (day === null) return true;
  if (range.fromMs !== undefined && day + 2 * DAY_MS <= range.fromMs) return false;
  if (range.toMs !== undefined && day - DAY_MS > range.toMs) return false;
  return true;
}
