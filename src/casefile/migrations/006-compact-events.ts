// Migration 6: a smaller events table, so a case file stays within twice the gzip logs it holds.
// - Columns no reader uses are gone: event_type, principal_account and user_name stay in the raw
//   record (every event's kept file), which is where an analysis that ever needs them reads them.
// - event_category and management_event, read only to tell data events from management events,
//   become one `data_event` code: 1 = a data event (category Data, or no category and
//   managementEvent false), 0 = undecided by the record (no category and managementEvent true or
//   absent: the event name decides, see analysis/coverage.ts), NULL = any other category. The
//   common case (category Management) costs no value bytes.
// - eventIDs are no longer unique by index: a 16-byte UUID blob is indexed by its first four
//   bytes only (a third of the index's size; other IDs by their whole text), and every lookup
//   compares the whole ID after the index narrows the rows (src/casefile/event-id.ts). Ingest
//   keeps them unique: it never inserts an eventID it finds (src/sources/ingest/dedupe.ts).
// - postings gain `enc`: 0 = offsets as a delta-varint list (every posting written before), 1 = a
//   bitmap of the block's rows, chosen by the writer when it is smaller (dense terms: a Region,
//   an account, a common event name). See src/casefile/postings.ts.
// Row ids are kept, so everything that points at an event (activity summary, findings, the
// timeline) still points at the same one.
import { eventIdKeySql } from '../event-id';
import { APPEND_ONLY } from './001-core';
import type { Migration } from './types';

/** The eventID index: see eventIdKeySql (src/casefile/event-id.ts). */
const EVENT_ID_INDEX_SQL = `CREATE INDEX events_event_id ON events(${eventIdKeySql('event_id')})`;

const KEPT = `id, event_id, time_ms, event_name, event_source, aws_region, recipient_account,
  principal_arn, principal_type, access_key_id, session_issuer_arn, source_ip, user_agent, read_only,
  error_code, bucket, object_key, source_id, file_id, record_index`;

export const migration006: Migration = {
  version: 6,
  name: 'compact events: fewer columns, eventID prefix index, bitmap postings',
  compactAfter: true,
  sql: `
CREATE TABLE events_v6 (
  id                 INTEGER PRIMARY KEY,
  event_id           BLOB    NOT NULL,       -- 16-byte UUID, or the text as given; see events_event_id
  time_ms            INTEGER NOT NULL,
  event_name         INTEGER NOT NULL,
  event_source       INTEGER,
  aws_region         INTEGER,
  recipient_account  INTEGER,
  principal_arn      INTEGER,
  principal_type     INTEGER,
  access_key_id      INTEGER,
  session_issuer_arn INTEGER,
  source_ip          INTEGER,
  user_agent         INTEGER,
  read_only          INTEGER,
  data_event         INTEGER,                -- 1 data event, 0 decided by the event name, NULL not
  error_code         INTEGER,
  bucket             INTEGER,
  object_key         INTEGER,
  source_id          INTEGER NOT NULL,
  file_id            INTEGER NOT NULL,
  record_index       INTEGER NOT NULL        -- array index (0-based) or line number (1-based)
);
INSERT INTO events_v6 (${KEPT}, data_event)
  SELECT ${KEPT.replace(/\b(\w+)\b/g, 'e.$1')},
    CASE WHEN c.value = 'Data' THEN 1
         WHEN c.value IS NULL THEN (CASE WHEN e.management_event = 0 THEN 1 ELSE 0 END)
         ELSE NULL END
  FROM events e LEFT JOIN strings c ON c.id = e.event_category
  ORDER BY e.id;
DROP TABLE events;
ALTER TABLE events_v6 RENAME TO events;
${APPEND_ONLY('events')}
DELETE FROM deferred_indexes WHERE table_name = 'events';
${EVENT_ID_INDEX_SQL};
CREATE INDEX events_time ON events(time_ms);

ALTER TABLE postings ADD COLUMN enc INTEGER NOT NULL DEFAULT 0;
`,
};
