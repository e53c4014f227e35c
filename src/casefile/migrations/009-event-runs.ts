// Migration 9: a smaller events row, so a case built from large trail files stays within twice
// their gzip size (see src/casefile/event-layout.ts for the layout and why):
// - `time_s` (whole seconds since 2000) replaces time_ms, whose value a VIRTUAL column keeps;
// - read_only, data_event and principal_type go into `flags` (VIRTUAL columns give back the first
//   two; principal types get small codes in `principal_types`);
// - recipient_account, aws_region, source_id, file_id and record_index move to `event_ranges`,
//   one row per run of consecutive rows that share them (and consecutive record indexes);
// - bucket and object_key move to `event_objects`, for the events that name either.
// Row ids and eventIDs are kept, so findings, the timeline and the activity summary still point at
// the same events. The activity summary and the key roll-ups are derived data, filled again here
// from the migrated events (migrations 5 and 7 only create their tables).
import { activityRebuildSql } from '../../analysis/activity/rebuild';
import { keyRollupsRebuildSql } from '../../analysis/activity/key-rollups';
import { eventIdKeySql } from '../event-id';
import {
  EVENT_VIRTUAL_COLUMNS,
  eventFlagsSql,
  SUB_SECOND_INDEX_SQL,
  TIME_ORIGIN_S,
} from '../event-layout';
import { APPEND_ONLY } from './001-core';
import type { Migration } from './types';

/** The events table and its indexes as this format creates them. */
export const EVENTS_V9_SQL = (table: string): string => `
CREATE TABLE ${table} (
  id                 INTEGER PRIMARY KEY,
  event_id           BLOB    NOT NULL,       -- 16-byte UUID, or the text as given; see events_event_id
  time_s             INTEGER NOT NULL,       -- whole seconds since 2000-01-01T00:00:00Z
  event_name         INTEGER NOT NULL,       -- strings.id, as every column below but flags
  event_source       INTEGER,
  principal_arn      INTEGER,
  access_key_id      INTEGER,
  session_issuer_arn INTEGER,
  source_ip          INTEGER,
  user_agent         INTEGER,
  error_code         INTEGER,
  flags              INTEGER NOT NULL,       -- read_only, data_event, principal type, sub-second ms
  ${EVENT_VIRTUAL_COLUMNS}
)`;

export const migration009: Migration = {
  version: 9,
  name: 'compact events: whole seconds, packed flags, account/Region/provenance per run of rows, buckets aside',
  compactAfter: true,
  sql: `
CREATE TABLE principal_types (
  code  INTEGER PRIMARY KEY,
  type  TEXT    NOT NULL UNIQUE
);
${APPEND_ONLY('principal_types')}
INSERT INTO principal_types (type)
  SELECT s.value FROM strings s WHERE s.id IN (SELECT DISTINCT principal_type FROM events)
  ORDER BY s.value;

CREATE TABLE event_ranges (
  first_row    INTEGER PRIMARY KEY,          -- events.id of the run's first row
  row_count    INTEGER NOT NULL,
  source_id    INTEGER NOT NULL,
  file_id      INTEGER NOT NULL,             -- evidence_files.id
  first_index  INTEGER NOT NULL,             -- the first row's array index (0-based) or line (1-based)
  account      INTEGER,                      -- strings.id of recipientAccountId
  region       INTEGER                       -- strings.id of awsRegion
);
${APPEND_ONLY('event_ranges')}
INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index, account, region)
SELECT MIN(id), COUNT(*), source_id, file_id, MIN(record_index), recipient_account, aws_region
FROM (
  SELECT *, SUM(starts) OVER (ORDER BY id) AS run FROM (
    SELECT id, source_id, file_id, record_index, recipient_account, aws_region,
      CASE WHEN LAG(id) OVER w = id - 1 AND LAG(source_id) OVER w = source_id
             AND LAG(file_id) OVER w = file_id AND LAG(record_index) OVER w = record_index - 1
             AND LAG(recipient_account) OVER w IS recipient_account
             AND LAG(aws_region) OVER w IS aws_region
           THEN 0 ELSE 1 END AS starts
    FROM events WINDOW w AS (ORDER BY id)))
GROUP BY run;

CREATE TABLE event_objects (
  id          INTEGER PRIMARY KEY,           -- events.id
  bucket      INTEGER,                       -- strings.id of the S3 bucket named
  object_key  INTEGER                        -- strings.id of the object key named
);
${APPEND_ONLY('event_objects')}
INSERT INTO event_objects (id, bucket, object_key)
  SELECT id, bucket, object_key FROM events WHERE bucket IS NOT NULL OR object_key IS NOT NULL
  ORDER BY id;

${EVENTS_V9_SQL('events_v9')};
INSERT INTO events_v9 (id, event_id, time_s, event_name, event_source, principal_arn, access_key_id,
  session_issuer_arn, source_ip, user_agent, error_code, flags)
SELECT e.id, e.event_id, (e.time_ms / 1000) - (e.time_ms % 1000 < 0) - ${TIME_ORIGIN_S}, e.event_name,
  e.event_source, e.principal_arn, e.access_key_id, e.session_issuer_arn, e.source_ip, e.user_agent,
  e.error_code,
  ${eventFlagsSql('e.read_only', 'e.data_event', 'pt.code', '((e.time_ms % 1000) + 1000) % 1000')}
FROM events e LEFT JOIN strings ps ON ps.id = e.principal_type
  LEFT JOIN principal_types pt ON pt.type = ps.value
ORDER BY e.id;
DROP TABLE events;
ALTER TABLE events_v9 RENAME TO events;
${APPEND_ONLY('events')}
DELETE FROM deferred_indexes WHERE table_name = 'events';
CREATE INDEX events_event_id ON events(${eventIdKeySql('event_id')});
CREATE INDEX events_time ON events(time_s);
${SUB_SECOND_INDEX_SQL};

${activityRebuildSql()}
${keyRollupsRebuildSql()}
`,
};
