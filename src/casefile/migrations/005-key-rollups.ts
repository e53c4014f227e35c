// Migration 5: per-access-key roll-ups for the key-activity analysis (see
// src/analysis/activity/key-rollups.ts), an index to find a key's activity tuples (the scoped
// enumeration reads them instead of every call of the key), and one to find a kept file's
// source_files row (every raw-record read scanned the table). The roll-ups are derived data,
// mutable, not evidence; migration 9, which gives events the shape the roll-ups read, fills them
// from the events already in the case.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'per-access-key roll-ups',
  sql: `
CREATE TABLE key_rollups (
  access_key_id  INTEGER NOT NULL,           -- strings.id
  field          INTEGER NOT NULL,           -- KEY_ROLLUP in key-rollups.ts
  value          INTEGER NOT NULL,           -- strings.id, 0 when the calls had none
  calls          INTEGER NOT NULL,
  first_ms       INTEGER NOT NULL,
  last_ms        INTEGER NOT NULL,
  PRIMARY KEY (access_key_id, field, value)
) WITHOUT ROWID;
CREATE INDEX activity_tuples_key ON activity_tuples(access_key_id);
-- Reading a record back from its kept file looks the file's format up by file_id.
CREATE INDEX source_files_file ON source_files(file_id);
`,
};
