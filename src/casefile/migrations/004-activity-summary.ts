// Migration 4: an activity summary the enumeration analysis reads instead of every event.
// Derived data, like an index: the ingest keeps it up to date in the same transaction as each
// batch of events (src/analysis/activity/maintain.ts), and it can always be rebuilt from `events`
// (src/analysis/activity/rebuild.ts). So it is mutable by design, has no append-only triggers
// and is not evidence: `events` stays the record; this answers "who did what, when" fast.
// - `activity_buckets`: one row per (principal, access key, source IP, 15-minute bucket): calls,
//   denied calls, first and last call, the first successful inflection write, and the APIs
//   called (varint-encoded, in first-occurrence order). String ids that are NULL are stored as 0
//   so they can be part of the primary key.
// - `activity_tuples`: one row per (principal, access key, source IP) over its whole life: the
//   totals and distinct-API counts that let the analysis skip tuples that can never cross its
//   thresholds, and the API set those counts are kept from.
// - `activity_summary`: the fingerprint of the rules the summary was built under.
// Migration 7 replaces both tables with their current form and fills them from the events in the
// case; until then the summary has no fingerprint, so nothing reads it and an ingest rebuilds it.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'activity summary for the enumeration analysis',
  sql: `
CREATE TABLE activity_buckets (
  principal_arn  INTEGER NOT NULL,           -- strings.id, 0 when the event has none
  access_key_id  INTEGER NOT NULL,
  source_ip      INTEGER NOT NULL,
  bucket         INTEGER NOT NULL,           -- floor(time_ms / 900000)
  calls          INTEGER NOT NULL,
  denied         INTEGER NOT NULL,           -- calls failed with an access-denied error code
  first_ms       INTEGER NOT NULL,
  last_ms        INTEGER NOT NULL,
  write_ms       INTEGER,                    -- first successful inflection write, if any
  write_row      INTEGER,                    -- its events.id
  apis           BLOB    NOT NULL,
  PRIMARY KEY (principal_arn, access_key_id, source_ip, bucket)
) WITHOUT ROWID;

CREATE TABLE activity_tuples (
  principal_arn  INTEGER NOT NULL,
  access_key_id  INTEGER NOT NULL,
  source_ip      INTEGER NOT NULL,
  calls          INTEGER NOT NULL,
  denied         INTEGER NOT NULL,
  first_ms       INTEGER NOT NULL,
  first_row      INTEGER NOT NULL,           -- lowest events.id at first_ms
  last_ms        INTEGER NOT NULL,
  names          INTEGER NOT NULL,           -- distinct event names
  read_apis      INTEGER NOT NULL,           -- distinct (source, name) that may be read APIs
  read_services  INTEGER NOT NULL,           -- distinct sources with a read or denied call
  inflection_ok  INTEGER NOT NULL,           -- 1: an inflection-write name succeeded
  has_write      INTEGER NOT NULL,           -- 1: some bucket has a write_row
  apis           BLOB    NOT NULL,
  PRIMARY KEY (principal_arn, access_key_id, source_ip)
) WITHOUT ROWID;

CREATE TABLE activity_summary (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  rules  TEXT    NOT NULL
);
`,
};
