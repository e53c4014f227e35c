import { formatInZone } from '../../src/shared/time';

/**
 * An instant shown in UTC and in the case's zone; never a bare local time. Stacked by default
 * (tables); `inline` keeps it on one line, the zone's time in brackets, for running text.
 */
export function Time({ iso, zone, inline }: { iso: string; zone: string; inline?: boolean }) {
  const ms = Date.parse(iso);
  const utc = formatInZone(ms, 'UTC').replace(/ \+00:00$/, ' UTC');
  return (
    <span className={inline ? 'time inline' : 'time'} title={iso}>
      <span className="utc">{utc}</span>
      {zone === 'UTC' ? null : inline ? (
        // The space stays outside the unbreakable part, so running text can wrap before "(".
        <>
          {' '}
          <span className="zoned">({formatInZone(ms, zone)})</span>
        </>
      ) : (
        <span className="zoned">{formatInZone(ms, zone)}</span>
      )}
    </span>
  );
}
