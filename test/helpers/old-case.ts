// Builds a case file as an older Cairn would have written it: only the first `version`
// migrations, a case record and one audited note.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { appendAudit } from '../../src/casefile/audit';
import { migrate } from '../../src/casefile/migrate';
import { eventIdKeySql } from '../../src/casefile/event-id';
import { MIGRATIONS } from '../../src/casefile/migrations';
import { APPEND_ONLY } from '../../src/casefile/migrations/001-core';
import { CAIRN_APPLICATION_ID } from '../../src/casefile/sqlite';

export function makeCaseAtVersion(path: string, version: number, title: string): void {
  const db = new Database(path);
  db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`);
  db.pragma('journal_mode = WAL');
  migrate(db, path, { migrations: MIGRATIONS.slice(0, version) });
  const at = Date.UTC(2026, 0, 2, 3, 4, 5);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO case_info (id, case_id, title, status, timezone, created_at_ms, created_by, created_with)
       VALUES (1, ?, ?, 'open', 'UTC', ?, 'old-cairn', '0.0.1')`,
    ).run(randomUUID(), title, at);
    appendAudit(db, { atMs: at, actor: 'old-cairn', action: 'case.create', payload: { title } });
  })();
  db.close();
}

/**
 * Rewrites a current case's events in the layout formats 6 to 8 kept them (every column in the
 * row, no runs, no flags, no event_objects), as a Cairn of those formats would have written the
 * same rows.
 */
export function eventsAsFormat8(db: Database.Database): void {
  db.exec(`
CREATE TABLE events_v8 (
  id INTEGER PRIMARY KEY, event_id BLOB NOT NULL, time_ms INTEGER NOT NULL,
  event_name INTEGER NOT NULL, event_source INTEGER, aws_region INTEGER, recipient_account INTEGER,
  principal_arn INTEGER, principal_type INTEGER, access_key_id INTEGER, session_issuer_arn INTEGER,
  source_ip INTEGER, user_agent INTEGER, read_only INTEGER, data_event INTEGER, error_code INTEGER,
  bucket INTEGER, object_key INTEGER, source_id INTEGER NOT NULL, file_id INTEGER NOT NULL,
  record_index INTEGER NOT NULL
);
INSERT INTO events_v8
SELECT e.id, e.event_id, e.time_ms, e.event_name, e.event_source, r.region, r.account,
  e.principal_arn, (SELECT s.id FROM strings s JOIN principal_types t ON t.type = s.value
                    WHERE t.code = e.principal_type_code),
  e.access_key_id, e.session_issuer_arn, e.source_ip, e.user_agent, e.read_only, e.data_event,
  e.error_code, o.bucket, o.object_key, r.source_id, r.file_id, r.first_index + e.id - r.first_row
FROM events e JOIN event_ranges r ON e.id BETWEEN r.first_row AND r.first_row + r.row_count - 1
  LEFT JOIN event_objects o ON o.id = e.id;
DROP TABLE events;
DROP TABLE event_ranges;
DROP TABLE event_objects;
DROP TABLE principal_types;
ALTER TABLE events_v8 RENAME TO events;
${APPEND_ONLY('events')}
CREATE INDEX events_event_id ON events(${eventIdKeySql('event_id')});
CREATE INDEX events_time ON events(time_ms);
`);
}
