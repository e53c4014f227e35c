// Migration 1: the core case-file tables from DESIGN.md.
// Never edit a migration once it has shipped: a case file is evidence, so later changes are new
// numbered migrations that move an existing file forward.
import type { Migration } from './types';

/** Triggers that make a table append-only (later migrations that rebuild a table reuse them). */
export const APPEND_ONLY = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: record a new entry instead of editing one'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: entries are never deleted'); END;`;

export const migration001: Migration = {
  version: 1,
  name: 'core tables',
  sql: `
-- Hash-chained, append-only log of every change the engine makes to the case.
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,           -- 1, 2, 3 ... without gaps
  at_ms     INTEGER NOT NULL,              -- UTC milliseconds
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,              -- e.g. case.create, timeline.note, ingest.file
  payload   TEXT    NOT NULL,              -- canonical JSON of what was written
  prev_hash TEXT    NOT NULL,              -- hash of entry seq-1 (64 zeros for the first)
  hash      TEXT    NOT NULL               -- sha256 over the canonical encoding of this entry
);
${APPEND_ONLY('audit')}

-- Exactly one row: what the case is and when the organisation became aware.
CREATE TABLE case_info (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  case_id         TEXT    NOT NULL,
  title           TEXT    NOT NULL,
  severity        TEXT,
  status          TEXT    NOT NULL,
  timezone        TEXT    NOT NULL,
  runbook         TEXT,
  aware_at_ms     INTEGER,
  aware_set_by    TEXT,
  aware_reason    TEXT,
  facts           TEXT    NOT NULL DEFAULT '{}',
  settings        TEXT    NOT NULL DEFAULT '{}',
  created_at_ms   INTEGER NOT NULL,
  created_by      TEXT    NOT NULL,
  created_with    TEXT    NOT NULL           -- Cairn version that created the file
);

-- Interned strings: event rows store small integers instead of repeating ARNs and user agents,
-- which keeps the case file close to the size of the compressed logs and the indexes small.
CREATE TABLE strings (
  id    INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

-- One row per ingestion (a folder, an S3 prefix, a LookupEvents query ...).
CREATE TABLE sources (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,
  location        TEXT    NOT NULL,
  params          TEXT    NOT NULL DEFAULT '{}',
  limitations     TEXT,                      -- what this source cannot see, in plain words
  status          TEXT    NOT NULL,          -- running, complete, partial, failed
  started_at_ms   INTEGER NOT NULL,
  finished_at_ms  INTEGER,
  files           INTEGER NOT NULL DEFAULT 0,
  records_read    INTEGER NOT NULL DEFAULT 0,
  inserted        INTEGER NOT NULL DEFAULT 0,
  duplicates      INTEGER NOT NULL DEFAULT 0,
  rejected        INTEGER NOT NULL DEFAULT 0,
  errors          TEXT    NOT NULL DEFAULT '[]'
);

-- Each delivered log file, kept verbatim (gzip stays gzip), content-addressed by sha256.
CREATE TABLE evidence_files (
  id           INTEGER PRIMARY KEY,
  sha256       TEXT    NOT NULL UNIQUE,
  size         INTEGER NOT NULL,
  compression  TEXT    NOT NULL CHECK (compression IN ('gzip', 'none')),
  chunks       INTEGER NOT NULL,
  added_at_ms  INTEGER NOT NULL
);
${APPEND_ONLY('evidence_files')}
CREATE TABLE evidence_chunks (
  file_id  INTEGER NOT NULL REFERENCES evidence_files(id),
  seq      INTEGER NOT NULL,
  data     BLOB    NOT NULL,
  PRIMARY KEY (file_id, seq)
);
${APPEND_ONLY('evidence_chunks')}

-- Every file an ingestion met, with its outcome, so a re-run skips what is done.
CREATE TABLE source_files (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES sources(id),
  location       TEXT    NOT NULL,
  sha256         TEXT,
  size           INTEGER,
  file_id        INTEGER REFERENCES evidence_files(id),
  format         TEXT,
  status         TEXT    NOT NULL,           -- done, digest, rejected, failed
  records_read   INTEGER NOT NULL DEFAULT 0,
  inserted       INTEGER NOT NULL DEFAULT 0,
  duplicates     INTEGER NOT NULL DEFAULT 0,
  rejected       INTEGER NOT NULL DEFAULT 0,
  rejections     TEXT    NOT NULL DEFAULT '[]',
  error          TEXT,
  ingested_at_ms INTEGER NOT NULL
);
CREATE INDEX source_files_sha256 ON source_files(sha256);

-- Normalised CloudTrail records, one per eventID. Text columns hold strings.id values.
-- No FOREIGN KEY clauses here: they would cost a lookup per row on the ingest hot path, and
-- rows are only ever written in the same transaction as the file they point into.
CREATE TABLE events (
  id                 INTEGER PRIMARY KEY,
  event_id           TEXT    NOT NULL UNIQUE,
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
  read_only          INTEGER,                -- 1, 0, or NULL when the record does not say
  management_event   INTEGER,
  error_code         INTEGER,
  bucket             INTEGER,
  object_key         INTEGER,
  source_id          INTEGER NOT NULL,
  file_id            INTEGER NOT NULL,
  record_index       INTEGER NOT NULL,       -- array index, or line number for NDJSON
  raw_start          INTEGER NOT NULL,       -- byte range of the record in the decompressed file
  raw_end            INTEGER NOT NULL
);
${APPEND_ONLY('events')}
CREATE INDEX events_time ON events(time_ms);
CREATE INDEX events_key_time ON events(access_key_id, time_ms);
CREATE INDEX events_principal_time ON events(principal_arn, time_ms);
CREATE INDEX events_issuer_time ON events(session_issuer_arn, time_ms) WHERE session_issuer_arn IS NOT NULL;
CREATE INDEX events_name_time ON events(event_name, time_ms);
CREATE INDEX events_ip_time ON events(source_ip, time_ms);
CREATE INDEX events_bucket_time ON events(bucket, time_ms) WHERE bucket IS NOT NULL;

-- Normalised S3 server access log lines. Request IDs repeat (a copy logs two lines), so the
-- identity of a line is its file and line number.
CREATE TABLE s3_access (
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
  access_key_id   INTEGER,                   -- from a presigned URL in the request URI
  source_id       INTEGER NOT NULL,
  file_id         INTEGER NOT NULL,
  line            INTEGER NOT NULL,
  raw_start       INTEGER NOT NULL,
  raw_end         INTEGER NOT NULL,
  UNIQUE (file_id, line)
);
${APPEND_ONLY('s3_access')}
CREATE INDEX s3_access_bucket_time ON s3_access(bucket, time_ms);
CREATE INDEX s3_access_time ON s3_access(time_ms);
CREATE INDEX s3_access_ip_time ON s3_access(remote_ip, time_ms);
CREATE INDEX s3_access_key ON s3_access(access_key_id) WHERE access_key_id IS NOT NULL;

-- Analysis results with the exact query and parameters that produced them.
CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL,
  subject       TEXT    NOT NULL,
  title         TEXT    NOT NULL,
  params        TEXT    NOT NULL,
  engine        TEXT    NOT NULL,            -- casefile, lookup-events, lake, athena
  query         TEXT    NOT NULL,
  result        TEXT    NOT NULL,
  created_at_ms INTEGER NOT NULL,
  actor         TEXT    NOT NULL,
  supersedes    INTEGER REFERENCES findings(id)
);
${APPEND_ONLY('findings')}
CREATE INDEX findings_kind_subject ON findings(kind, subject);

-- The case timeline. Corrections supersede; nothing is edited in place.
CREATE TABLE timeline (
  id              INTEGER PRIMARY KEY,
  event_time_ms   INTEGER NOT NULL,          -- when it happened
  recorded_at_ms  INTEGER NOT NULL,          -- when the case learned of it
  kind            TEXT    NOT NULL CHECK (kind IN
                    ('evidence', 'finding', 'action', 'decision', 'notification', 'deadline', 'note')),
  actor           TEXT    NOT NULL,
  text            TEXT    NOT NULL,
  refs            TEXT    NOT NULL DEFAULT '[]',
  supersedes      INTEGER REFERENCES timeline(id),
  retracted       INTEGER NOT NULL DEFAULT 0 CHECK (retracted IN (0, 1)),
  audit_seq       INTEGER NOT NULL REFERENCES audit(seq) DEFERRABLE INITIALLY DEFERRED
);
${APPEND_ONLY('timeline')}
CREATE INDEX timeline_event_time ON timeline(event_time_ms);
CREATE INDEX timeline_supersedes ON timeline(supersedes) WHERE supersedes IS NOT NULL;

-- Runbook runs: the persisted xstate snapshot and every transition.
CREATE TABLE runbook_runs (
  id              INTEGER PRIMARY KEY,
  runbook_id      TEXT    NOT NULL,
  runbook_version TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  snapshot        TEXT    NOT NULL,
  started_at_ms   INTEGER NOT NULL,
  started_by      TEXT    NOT NULL,
  updated_at_ms   INTEGER NOT NULL
);
CREATE TABLE runbook_transitions (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runbook_runs(id),
  at_ms       INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  event       TEXT    NOT NULL,              -- canonical JSON of the event sent
  from_state  TEXT    NOT NULL,
  to_state    TEXT    NOT NULL,
  rationale   TEXT,
  audit_seq   INTEGER NOT NULL REFERENCES audit(seq) DEFERRABLE INITIALLY DEFERRED
);
${APPEND_ONLY('runbook_transitions')}

-- Notification obligations tracked for this case.
CREATE TABLE deadlines (
  id              INTEGER PRIMARY KEY,
  rule_id         TEXT    NOT NULL UNIQUE,
  applicability   TEXT    NOT NULL,          -- applicable, not_applicable, needs_answer
  reason          TEXT,
  clock_start_ms  INTEGER,
  clock_basis     TEXT,
  due_ms          INTEGER,
  status          TEXT    NOT NULL,          -- open, met, missed, not_required
  rationale       TEXT,
  notified_at_ms  INTEGER,
  evidence        TEXT,
  updated_at_ms   INTEGER NOT NULL
);
`,
};
