// Builds a case file as an older Cairn would have written it: only the first `version`
// migrations, a case record and one audited note.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { appendAudit } from '../../src/casefile/audit';
import { migrate } from '../../src/casefile/migrate';
import { MIGRATIONS } from '../../src/casefile/migrations';
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
