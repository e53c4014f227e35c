// Rebuilds the activity summary from `events` in SQL: what migration 4 runs on an existing case,
// what an ingest runs when the summary was built under other rules, and what tests compare the
// ingest-time maintenance (maintain.ts) with. It writes the same bytes as the JS encoder
// (codec.ts): per-bucket and per-tuple API lists in first-occurrence order.
import type { Db } from '../../casefile/sqlite';
import { keyRollupsRebuildSql } from './key-rollups';
import {
  ACTIVITY_RULES_FINGERPRINT,
  BUCKET_MS,
  DENIED_CODES,
  INFLECTION_WRITES,
  READ_PREFIXES,
  WRITE_WHEN_READ_ONLY_UNKNOWN,
} from './rules';

/** Packs (offset in bucket, row id) into one sortable integer: offsets < 2^20, rows < 2^40. */
const ROW_SPACE = 2n ** 40n;
const W = BUCKET_MS;

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const idsOf = (values: readonly string[]): string =>
  `(SELECT id FROM strings WHERE value IN (${values.map(quote).join(', ') || 'NULL'}))`;

/** Hex of the LEB128 varint of `col` (a column name: it is evaluated several times). */
function varhex(col: string): string {
  const branch = (bytes: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < bytes; i++) {
      const shifted = i === 0 ? col : `(${col} >> ${7 * i})`;
      parts.push(i < bytes - 1 ? `((${shifted} & 127) | 128)` : shifted);
    }
    return `printf('${'%02X'.repeat(bytes)}', ${parts.join(', ')})`;
  };
  const whens: string[] = [];
  for (let bytes = 1; bytes < 8; bytes++)
    whens.push(`WHEN ${col} < ${(1n << BigInt(7 * bytes)).toString()} THEN ${branch(bytes)}`);
  return `(CASE ${whens.join(' ')} ELSE ${branch(8)} END)`;
}

const readName = (col: string): string =>
  `(${READ_PREFIXES.map((p) => `${col} GLOB ${quote(`${p}*`)}`).join(' OR ')})`;

/** SQL that empties the summary and fills it again from every event in the case. */
export function activityRebuildSql(): string {
  const rows = ROW_SPACE.toString();
  return `
DELETE FROM activity_buckets;
DELETE FROM activity_tuples;
DELETE FROM activity_summary;
DROP TABLE IF EXISTS temp.activity_rebuild;
-- One row per (principal, key, IP, bucket, API); ids NULL are stored as 0.
CREATE TEMP TABLE activity_rebuild AS
SELECT p, k, ip, (time_ms - off) / ${W} AS b, src, n,
  COUNT(*) AS calls, SUM(dn) AS denied, MIN(off * ${rows} + id) AS fkey, MAX(off) AS loff,
  MIN(CASE WHEN wr THEN off * ${rows} + id END) AS wkey, MAX(ok) AS anyok
FROM (
  SELECT coalesce(principal_arn, 0) AS p, coalesce(access_key_id, 0) AS k,
    coalesce(source_ip, 0) AS ip, coalesce(event_source, 0) AS src, event_name AS n, id, time_ms,
    ((time_ms % ${W}) + ${W}) % ${W} AS off,
    coalesce(error_code IN ${idsOf(DENIED_CODES)}, 0) AS dn,
    error_code IS NULL AS ok,
    (error_code IS NULL AND event_name IN ${idsOf([...INFLECTION_WRITES])}
      AND (read_only = 0 OR (read_only IS NULL AND event_name IN ${idsOf(WRITE_WHEN_READ_ONLY_UNKNOWN)}))) AS wr
  FROM events
)
GROUP BY p, k, ip, b, src, n;

INSERT INTO activity_buckets (principal_arn, access_key_id, source_ip, bucket, calls, denied,
  first_ms, last_ms, gap_ms, write_ms, write_row, apis)
SELECT p, k, ip, b, SUM(calls), SUM(denied), b * ${W} + MIN(fkey) / ${rows}, b * ${W} + MAX(loff),
  b * ${W} + MIN(fkey) / ${rows} - lag(b * ${W} + MAX(loff)) OVER (PARTITION BY p, k, ip ORDER BY b),
  b * ${W} + MIN(wkey) / ${rows}, MIN(wkey) % ${rows}, unhex(group_concat(entry, '' ORDER BY fkey))
FROM (
  SELECT *, ${varhex('src')} || ${varhex('n')} || ${varhex('calls')} || ${varhex('denied')}
    || ${varhex('dms')} || ${varhex('zrow')} AS entry
  FROM (
    SELECT *, CASE WHEN drow >= 0 THEN drow * 2 ELSE -drow * 2 - 1 END AS zrow
    FROM (
      SELECT *, fkey / ${rows} - coalesce(lag(fkey / ${rows}) OVER w, 0) AS dms,
        fkey % ${rows} - coalesce(lag(fkey % ${rows}) OVER w, 0) AS drow
      FROM temp.activity_rebuild WINDOW w AS (PARTITION BY p, k, ip, b ORDER BY fkey)
    )
  )
)
GROUP BY p, k, ip, b;

INSERT INTO activity_tuples (principal_arn, access_key_id, source_ip, calls, denied, first_ms,
  first_row, last_ms, names, read_apis, read_services, inflection_ok, write_ms, write_row, apis)
SELECT x.p, x.k, x.ip, SUM(calls), SUM(denied), MIN(tfirst_ms), MIN(tfirst_row), MAX(last_ms),
  COUNT(DISTINCT n), SUM((flags & 2) > 0), COUNT(DISTINCT CASE WHEN flags & 5 THEN src END),
  MAX(iok), w.write_ms, w.write_row,
  unhex(group_concat(${varhex('src')} || ${varhex('packed')} || ${varhex('calls')}
    || ${varhex('denied')} || ${varhex('dms')} || ${varhex('zrow')}, '' ORDER BY afirst_ms, afirst_row))
FROM (
  SELECT *, n * 8 + flags AS packed,
    CASE WHEN drow >= 0 THEN drow * 2 ELSE -drow * 2 - 1 END AS zrow
  FROM (
    SELECT *, afirst_ms - coalesce(lag(afirst_ms) OVER w, tfirst_ms) AS dms,
      afirst_row - coalesce(lag(afirst_row) OVER w, 0) AS drow
    FROM (
      SELECT a.p, a.k, a.ip, a.src, a.n, SUM(a.calls) AS calls, SUM(a.denied) AS denied,
        MIN(a.tfirst_ms) AS tfirst_ms, MIN(a.tfirst_row) AS tfirst_row,
        MIN(a.afirst_ms) AS afirst_ms, MIN(a.afirst_row) AS afirst_row,
        MAX(a.b * ${W} + a.loff) AS last_ms,
        (SUM(a.denied) > 0) + 2 * (${readName('sn.value')} OR coalesce(instr(ss.value, ':') > 0, 0))
          + 4 * ${readName('sn.value')} AS flags,
        (MAX(a.anyok) AND a.n IN ${idsOf([...INFLECTION_WRITES])}) AS iok
      FROM (
        SELECT *, first_value(b * ${W} + fkey / ${rows}) OVER t AS tfirst_ms,
          first_value(fkey % ${rows}) OVER t AS tfirst_row,
          first_value(b * ${W} + fkey / ${rows}) OVER api AS afirst_ms,
          first_value(fkey % ${rows}) OVER api AS afirst_row
        FROM temp.activity_rebuild
        WINDOW t AS (PARTITION BY p, k, ip ORDER BY b, fkey),
          api AS (PARTITION BY p, k, ip, src, n ORDER BY b, fkey)
      ) a
      JOIN strings sn ON sn.id = a.n LEFT JOIN strings ss ON ss.id = a.src
      GROUP BY a.p, a.k, a.ip, a.src, a.n
    )
    WINDOW w AS (PARTITION BY p, k, ip ORDER BY afirst_ms, afirst_row)
  )
) x
-- The tuple's first write is its first bucket's (bare columns take the MIN(bucket) row's values).
LEFT JOIN (
  SELECT principal_arn, access_key_id, source_ip, MIN(bucket), write_ms, write_row
  FROM activity_buckets WHERE write_row IS NOT NULL
  GROUP BY principal_arn, access_key_id, source_ip
) w ON w.principal_arn = x.p AND w.access_key_id = x.k AND w.source_ip = x.ip
GROUP BY x.p, x.k, x.ip;

INSERT INTO activity_summary (id, rules) VALUES (1, ${quote(ACTIVITY_RULES_FINGERPRINT)});
DROP TABLE temp.activity_rebuild;
`;
}

/** Rebuilds the whole summary and the per-key roll-ups from `events` (inside the caller's transaction, if any). */
export function rebuildActivity(db: Db): void {
  db.exec(activityRebuildSql());
  db.exec(keyRollupsRebuildSql());
}
