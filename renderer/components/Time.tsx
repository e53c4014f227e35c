import { formatInZone } from '../../src/shared/time';

/** An instant shown in UTC and in the case's zone; never a bare local time. */
export function Time({ iso, zone }: { iso: string; zone: string }) {
  const ms = Date.parse(iso);
  const utc = formatInZone(ms, 'UTC').replace(/ \+00:00$/, ' UTC');
  return (
    <span className="time" title={iso}>
      <span className="utc">{utc}</span>
      {zone !== 'UTC' ? <span className="zoned">{formatInZone(ms, zone)}</span> : null}
    </span>
  );
}
