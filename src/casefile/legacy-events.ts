// A case in a format before 9 that is opened read-only (read-only media, `cairn verify`, checking
// an export against the case) cannot be upgraded, yet its events must read as today's. TEMP views
// named like the current tables show its events in the current layout (src/casefile/event-layout
// .ts): SQLite looks names up in `temp` before `main`, so every reader works unchanged. Each row is
// a run of its own. Postings from before format 6 get their `enc` the same way. These views live
// only in the connection; the file is never written.
import { TIME_ORIGIN_S } from './event-layout';
import type { Db } from './sqlite';
import { hasTable } from './statements';

const hasColumn = (db: Db, table: string, column: string): boolean =>
  (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).includes(
    column,
  );

/** Creates the views when the file's events are in a layout before format 9; true if it did. */
export function viewLegacyEvents(db: Db): boolean {
  if (!hasTable(db, 'events') || hasTable(db, 'event_ranges')) return false;
  // Before format 6, data_event was derived from eventCategory and managementEvent (migration 6).
  const dataEvent = hasColumn(db, 'events', 'data_event')
    ? 'e.data_event'
    : `(SELECT CASE WHEN c.value = 'Data' THEN 1
          WHEN c.value IS NULL THEN (CASE WHEN e.management_event = 0 THEN 1 ELSE 0 END)
          ELSE NULL END FROM (SELECT NULL) LEFT JOIN main.strings c ON c.id = e.event_category)`;
  db.exec(`
CREATE TEMP VIEW events AS SELECT e.id, e.event_id,
  (e.time_ms / 1000) - (e.time_ms % 1000 < 0) - ${TIME_ORIGIN_S} AS time_s, e.time_ms,
  e.event_name, e.event_source, e.principal_arn, e.access_key_id, e.session_issuer_arn,
  e.source_ip, e.user_agent, e.error_code, e.read_only,
  ${dataEvent} AS data_event, e.principal_type AS principal_type_code
FROM main.events e;
CREATE TEMP VIEW event_ranges AS SELECT id AS first_row, 1 AS row_count, source_id, file_id,
  record_index AS first_index, recipient_account AS account, aws_region AS region
FROM main.events;
CREATE TEMP VIEW event_objects AS SELECT id, bucket, object_key FROM main.events
WHERE bucket IS NOT NULL OR object_key IS NOT NULL;
CREATE TEMP VIEW principal_types AS SELECT id AS code, value AS type FROM main.strings;
`);
  // Before format 6 every posting was a delta-varint list (enc 0).
  if (hasTable(db, 'postings') && !hasColumn(db, 'postings', 'enc'))
    db.exec('CREATE TEMP VIEW postings AS SELECT *, 0 AS enc FROM main.postings');
  return true;
}
