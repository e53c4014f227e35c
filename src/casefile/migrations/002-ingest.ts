// Migration 2: shape the evidence tables for fast, compact, resumable ingestion.
// - Provenance of a row is (file, record index or line). The raw record is recovered byte-exact by
//   re-reading the kept file, so the ingest hot path parses each file once and stores no offsets.
// - Lookups by access key, principal, session issuer, IP, event name, bucket … go through
//   `postings`: for each term, the rows of each kept file that carry it, as a compact list. Rows of
//   one file are a contiguous id range (`evidence_blocks`), so a posting is a few bytes per row
//   instead of a B-tree entry per row and column: the case file stays close to the size of the
//   compressed logs, and an ingest never updates eight indexes row by row.
// - eventIDs in canonical UUID form are stored as 16-byte blobs (others as text), unique via a
//   named index that a bulk ingest may suspend and build once at the end.
// - source_files gets notes (normalisations applied, e.g. eventTime taken from @timestamp).
import type { Migration } from './types';

const APPEND_ONLY = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: record a new entry instead of editing one'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: entries are never deleted'); END;`;

const EVENT_COLUMNS = `id, event_id, time_ms, event_name, event_source, aws_region, event_type,
  event_category, recipient_account, principal_arn, principal_type, principal_account, user_name,
  access_key_id, session_issuer_arn, source_ip, user_agent, read_only, management_event, error_code,
  bucket, object_key, source_id, file_id, record_index`;

const S3_COLUMNS = `id, time_ms, bucket_owner, bucket, remote_ip, requester, request_id, operation,
  object_key, http_status, error_code, bytes_sent, object_size, user_agent, signature_version,
  auth_type, host_header, tls_version, access_key_id, source_id, file_id, line`;

export const migration002: Migration = {
  version: 2,
  name: 'ingest-shaped evidence tables',
  sql: `
CREATE TABLE events_v2 (
  id                 INTEGER PRIMARY KEY,
  event_id           BLOB    NOT NULL,       -- 16-byte UUID, or the text as given; unique via events_event_id
  time_ms            INTEGER NOT NULL,
  event_name         INTEGER NOT NULL,
  event_source       INTEGER,
  aws_region         INTEGER,
  event_type         INTEGER,
  event_category     INTEGER,
  recipient_account  INTEGER,
  principal_arn      INTEGER,
  principal_type     INTEGER,
  principal_account  INTEGER,
  user_name          INTEGER,
  access_key_id      INTEGER,
  session_issuer_arn INTEGER,
  source_ip          INTEGER,
  user_agent         INTEGER,
  read_only          INTEGER,
  management_event   INTEGER,
  error_code         INTEGER,
  bucket             INTEGER,
  object_key         INTEGER,
  source_id          INTEGER NOT NULL,
  file_id            INTEGER NOT NULL,
  record_index       INTEGER NOT NULL        -- array index (0-based) or line number (1-based)
);
INSERT INTO events_v2 (${EVENT_COLUMNS}) SELECT ${EVENT_COLUMNS} FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
${APPEND_ONLY('events')}
CREATE UNIQUE INDEX events_event_id ON events(event_id);
CREATE INDEX events_time ON events(time_ms);

CREATE TABLE s3_access_v2 (
  id              INTEGER PRIMARY KEY,
  time_ms         INTEGER NOT NULL,
  bucket_owner    INTEGER,
  bucket          INTEGER,
  remote_ip       INTEGER,
  requester       INTEGER,
  request_id      TEXT,
  operation       INTEGER,
  object_key      INTEGER,
  http_status     INTEGER,
  error_code      INTEGER,
  bytes_sent      INTEGER,
  object_size     INTEGER,
  user_agent      INTEGER,
  signature_version INTEGER,
  auth_type       INTEGER,
  host_header     INTEGER,
  tls_version     INTEGER,
  access_key_id   INTEGER,
  source_id       INTEGER NOT NULL,
  file_id         INTEGER NOT NULL,
  line            INTEGER NOT NULL           -- 1-based line number in the kept file
);
INSERT INTO s3_access_v2 (${S3_COLUMNS}) SELECT ${S3_COLUMNS} FROM s3_access;
DROP TABLE s3_access;
ALTER TABLE s3_access_v2 RENAME TO s3_access;
${APPEND_ONLY('s3_access')}
CREATE INDEX s3_access_time ON s3_access(time_ms);

-- The rows each kept file produced: a contiguous id range in events or s3_access.
CREATE TABLE evidence_blocks (
  file_id      INTEGER PRIMARY KEY,          -- evidence_files.id
  table_name   TEXT    NOT NULL CHECK (table_name IN ('events', 's3_access')),
  first_row    INTEGER NOT NULL,
  row_count    INTEGER NOT NULL,
  min_time_ms  INTEGER,
  max_time_ms  INTEGER
);
${APPEND_ONLY('evidence_blocks')}
CREATE INDEX evidence_blocks_time ON evidence_blocks(table_name, min_time_ms);

-- For each (field, term) the rows of one block that carry it: row offsets from the block's
-- first_row, delta- and varint-encoded. Field numbers are listed in src/casefile/postings.ts.
CREATE TABLE postings (
  field        INTEGER NOT NULL,
  term         INTEGER NOT NULL,              -- strings.id
  file_id      INTEGER NOT NULL,              -- evidence_blocks.file_id
  n            INTEGER NOT NULL,
  min_time_ms  INTEGER NOT NULL,
  max_time_ms  INTEGER NOT NULL,
  rows         BLOB    NOT NULL,
  PRIMARY KEY (field, term, file_id)
) WITHOUT ROWID;
${APPEND_ONLY('postings')}

ALTER TABLE source_files ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
CREATE INDEX source_files_source ON source_files(source_id);

-- Indexes a bulk ingest has dropped and must build again (also after a crash mid-ingest).
CREATE TABLE deferred_indexes (
  name       TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  sql        TEXT NOT NULL
);
ALTER TABLE sources ADD COLUMN files_skipped INTEGER NOT NULL DEFAULT 0;
`,
};
