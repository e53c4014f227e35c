// Migration 8: small delivered files kept together. CloudTrail delivers a file per account and
// Region every five minutes, a few KB each; kept one to a row, such a file rarely shared its 4 KB
// page, and a case held about 14 % more page than content. An ingest batch's small files are now
// appended to one `evidence_packs` blob, and each keeps its own row in `evidence_files` (its
// sha256, size and compression, as before) with where it sits in the pack. Files kept before this
// migration, and large files, stay in `evidence_chunks`. Both tables are append-only.
import { APPEND_ONLY } from './001-core';
import type { Migration } from './types';

export const migration008: Migration = {
  version: 8,
  name: 'small evidence files kept in packs',
  sql: `
CREATE TABLE evidence_packs (
  id    INTEGER PRIMARY KEY,
  data  BLOB    NOT NULL
);
${APPEND_ONLY('evidence_packs')}
-- A packed file has no chunks (chunks = 0): its bytes are data[pack_offset, pack_offset + size).
ALTER TABLE evidence_files ADD COLUMN pack_id INTEGER REFERENCES evidence_packs(id);
ALTER TABLE evidence_files ADD COLUMN pack_offset INTEGER;
`,
};
