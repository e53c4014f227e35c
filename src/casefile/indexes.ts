// Bulk ingests drop a table's secondary indexes and build each once at the end: building an
// index over a million rows is several times faster than updating eight B-trees row by row.
// The exact CREATE statements are kept in deferred_indexes first, so an ingest that is killed
// half-way leaves a file whose indexes are restored by the next ingest or the next open.
import type { Db } from './sqlite';

export function suspendIndexes(db: Db, table: string): string[] {
  const rows = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .all(table) as { name: string; sql: string }[];
  const keep = db.prepare(
    'INSERT OR REPLACE INTO deferred_indexes (name, table_name, sql) VALUES (?, ?, ?)',
  );
  for (const r of rows) {
    keep.run(r.name, table, r.sql);
    db.exec(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
  }
  return rows.map((r) => r.name);
}

export function pendingIndexes(db: Db): string[] {
  return (
    db.prepare('SELECT name FROM deferred_indexes ORDER BY name').all() as { name: string }[]
  ).map((r) => r.name);
}

/** Builds every deferred index; a UNIQUE index that cannot be built names the duplicate. */
export function restoreIndexes(db: Db): string[] {
  const rows = db
    .prepare('SELECT name, sql FROM deferred_indexes ORDER BY table_name, name')
    .all() as {
    name: string;
    sql: string;
  }[];
  const done = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  for (const r of rows) {
    db.exec(r.sql.replace(/^CREATE (UNIQUE )?INDEX /i, (m) => `${m}IF NOT EXISTS `));
    done.run(r.name);
  }
  return rows.map((r) => r.name);
}
