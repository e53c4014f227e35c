// Migration 7: what lets the whole-case enumeration answer from one row per principal/key/IP.
// - `activity_buckets.gap_ms`: the quiet time from the tuple's previous bucket's last call to this
//   bucket's first. A tuple none of whose gaps is longer than the session gap is one session, and
//   the partial index finds the few that are not (a gap within a bucket never splits a session).
// - `activity_tuples` keeps, per API, its calls, denied calls and first occurrence over the
//   tuple's life (in first-occurrence order, as a bucket does), and the tuple's first successful
//   inflection write instead of a has-write flag: a one-session tuple is its session.
// The summary is derived data (see migration 4), so both tables are made again; migration 9, which
// gives events the shape the rebuild reads, fills them from the events already in the case.
import { BUCKET_MS } from '../../analysis/activity/rules';
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'session gaps and per-API tuple totals in the activity summary',
  sql: `
DROP TABLE activity_buckets;
DROP TABLE activity_tuples;
CREATE TABLE activity_buckets (
  principal_arn  INTEGER NOT NULL,           -- strings.id, 0 when the event has none
  access_key_id  INTEGER NOT NULL,
  source_ip      INTEGER NOT NULL,
  bucket         INTEGER NOT NULL,           -- floor(time_ms / ${BUCKET_MS})
  calls          INTEGER NOT NULL,
  denied         INTEGER NOT NULL,           -- calls failed with an access-denied error code
  first_ms       INTEGER NOT NULL,
  last_ms        INTEGER NOT NULL,
  gap_ms         INTEGER,                    -- first_ms - the previous bucket's last_ms; NULL: none
  write_ms       INTEGER,                    -- first successful inflection write, if any
  write_row      INTEGER,                    -- its events.id
  apis           BLOB    NOT NULL,
  PRIMARY KEY (principal_arn, access_key_id, source_ip, bucket)
) WITHOUT ROWID;
CREATE INDEX activity_buckets_long_gap ON activity_buckets(gap_ms) WHERE gap_ms > ${BUCKET_MS};

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
  write_ms       INTEGER,                    -- first successful inflection write, if any
  write_row      INTEGER,                    -- its events.id
  apis           BLOB    NOT NULL,
  PRIMARY KEY (principal_arn, access_key_id, source_ip)
) WITHOUT ROWID;
CREATE INDEX activity_tuples_key ON activity_tuples(access_key_id);
`,
};
