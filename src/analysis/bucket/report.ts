// The words of a bucket exposure result: durations, the summary a responder reads first, and the
// highlights for the case timeline. Pure.
import type { TimelineRef } from '../../shared/domain';
import type { BucketWindow, EventRef } from '../../shared/ops/analysis-bucket';
import type { Change } from './changes';

export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

export const who = (ref: EventRef | null): string =>
  ref?.principalArn ? `by ${ref.principalArn}` : 'by an unknown principal';

const evt = (ref: EventRef): TimelineRef => ({ type: 'event', id: ref.eventId });

export function highlightsFor(
  bucket: string,
  windows: readonly BucketWindow[],
  /** What each window's closing change set, in its own words (same order as windows). */
  closeTexts: readonly (string | null)[],
  failedAttempts: readonly Change[],
): { at: string; text: string; refs: TimelineRef[] }[] {
  const out: { at: string; text: string; refs: TimelineRef[] }[] = [];
  const s3 = `s3://${bucket}`;
  windows.forEach((w, i) => {
    const how = w.exposure.length ? ` (${w.exposure.join('; ')})` : '';
    if (w.openStart) {
      out.push({
        at: w.start,
        text:
          w.confidence === 'confirmed'
            ? `${s3} was already public when the logs begin${how}`
            : `${s3} may already have been public when the logs begin${how}`,
        refs: [],
      });
    } else if (w.openedBy) {
      const verb =
        w.confidence === 'confirmed' && w.publicFrom === w.start
          ? 'became public'
          : 'may have become public';
      out.push({
        at: w.start,
        text: `${s3} ${verb}: ${w.openedBy.eventName} ${who(w.openedBy)}${how}`,
        refs: [evt(w.openedBy)],
      });
    }
    if (w.publicFrom && w.publicFrom !== w.start && w.confidence === 'confirmed') {
      out.push({ at: w.publicFrom, text: `${s3} is certainly public from here`, refs: [] });
    }
    const firstRead = w.externalAccess?.reads[0];
    if (firstRead) {
      const from = firstRead.ip ? ` from ${firstRead.ip}` : '';
      const object = firstRead.key ? ` ${firstRead.key}` : '';
      out.push({
        at: firstRead.at,
        text: `First external read of ${s3} in the exposure: ${firstRead.operation}${object}${from} (${firstRead.why.join(', ')})`,
        refs: [firstRead.ref],
      });
    }
    const close = closeTexts[i];
    if (w.closedBy && w.end) {
      const what = close ? ` (${close.replace(/\.$/, '')})` : '';
      out.push({
        at: w.end,
        text: `Public access to ${s3} shut: ${w.closedBy.eventName} ${who(w.closedBy)}${what}`,
        refs: [evt(w.closedBy)],
      });
    }
  });
  for (const c of failedAttempts) {
    out.push({
      at: c.ref.eventTime,
      text: `Attempt to open ${s3} failed (${c.failed}): ${c.ref.eventName} ${who(c.ref)}`,
      refs: [evt(c.ref)],
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

export function summaryFor(
  bucket: string,
  windows: readonly BucketWindow[],
  changesSeen: number,
  lastRecord: string | null,
): string {
  const s3 = `s3://${bucket}`;
  if (windows.length === 0) {
    return changesSeen === 0
      ? `No window in which ${s3} was public can be shown: CloudTrail in this case holds no access-control change for it (policy, ACL, public access block), and no anonymous read of it succeeded.`
      : `No window in which ${s3} was public can be shown from the ${changesSeen} access-control change(s) in the logs.`;
  }
  const total = windows.reduce((n, w) => n + w.durationMs, 0);
  const confirmed = windows.filter((w) => w.confidence === 'confirmed').length;
  const last = windows[windows.length - 1]!;
  const kinds =
    confirmed === windows.length
      ? 'confirmed'
      : confirmed === 0
        ? 'possible only'
        : `${confirmed} confirmed, ${windows.length - confirmed} possible`;
  const parts = [
    `${s3} was ${confirmed ? 'public' : 'possibly public'} in ${windows.length} window(s) (${kinds}) for ${last.end === null ? 'at least ' : ''}${durationText(total)} in all.`,
  ];
  if (last.end === null)
    parts.push(
      `It is still ${last.confidence === 'confirmed' ? 'public' : 'possibly public'} at the last log record${lastRecord ? ` (${lastRecord})` : ''}.`,
    );
  else if (last.closedBy)
    parts.push(
      `The last window closed at ${last.end} (${last.closedBy.eventName} ${who(last.closedBy)}).`,
    );
  const seen = windows.filter((w) => w.externalAccess);
  if (seen.length === 0)
    parts.push(
      'External reads cannot be counted: no access logs or data events cover these windows.',
    );
  else {
    const sum = (f: (w: NonNullable<BucketWindow['externalAccess']>) => number): number =>
      seen.reduce((n, w) => n + f(w.externalAccess!), 0);
    parts.push(
      `${sum((e) => e.requests)} external read(s) of ${sum((e) => e.objects)} object(s), ${bytesText(sum((e) => e.bytes))}, from ${sum((e) => e.ips)} address(es) inside the window(s)${seen.length > 1 ? ' (distinct counts summed over windows)' : ''}${seen.length < windows.length ? '; some windows no log covers' : ''}.`,
    );
  }
  return parts.join(' ');
}
