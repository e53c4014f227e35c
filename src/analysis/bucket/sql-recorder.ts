// Records the exact SQL an analysis runs, so its finding can say which query produced it: the
// analysis reads through this wrapper instead of rewriting the shared query code to report text.
import type { Db } from '../../casefile/sqlite';

export interface SqlRecorder {
  db: Db;
  /** Distinct statements in the order they were first prepared. */
  statements(): string[];
}

/** Statements about evidence rows; file reads and settings are not part of "the query". */
const EVIDENCE_SQL = /\b(events|s3_access|postings|strings|evidence_blocks)\b/;

export function recordSql(db: Db): SqlRecorder {
  const seen = new Set<string>();
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const text = sql.replace(/\s+/g, ' ').trim();
          if (EVIDENCE_SQL.test(text)) seen.add(text);
          return target.prepare(sql);
        };
      }
      const value: unknown = Reflect.get(target, prop);
      // better-sqlite3 methods need the real Database as `this`.
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { db: wrapped, statements: () => [...seen] };
}
