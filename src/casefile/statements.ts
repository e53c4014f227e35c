// Prepared statements kept per connection for the ingest hot path: compiling the same SQL for
// every file of a many-small-files trail cost more than the inserts themselves.
import type { Statement } from 'better-sqlite3';
import type { Db } from './sqlite';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * Whether the file has this table (not a TEMP view of the same name): what an older case format
 * lacks.
 */
export function hasTable(db: Db, name: string): boolean {
  return (
    statement(db, "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?").get(
      name,
    ) !== undefined
  );
}

/** The statement for `sql` on `db`, compiled once per connection. */
export function statement(db: Db, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  let s = byDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    byDb.set(sql, s);
  }
  return s;
}
