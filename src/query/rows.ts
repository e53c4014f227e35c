// Candidate rows for a set of term filters: the rows carrying every filtered term. Starts from the
// rarest term's postings and checks the rest against the row values in SQL, so a lookup costs
// in proportion to the rarest term's rows, not the table.
import { countWithTerm, FIELD, rowsWithTerm } from '../casefile/postings';
import type { Db } from '../casefile/sqlite';

export interface TermFilter {
  field: number;
  /** The column holding the same string id in the table (checked for the other filters). */
  column: string;
  values: string[];
}

/** Maps strings to their ids; a value that never occurs maps to nothing. */
export function stringIds(db: Db, values: readonly string[]): number[] {
  const stmt = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
  const ids: number[] = [];
  for (const v of values) {
    const id = stmt.get(v) as number | undefined;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** True when any CloudTrail event of this name is in the case (a postings lookup, no row read). */
export function hasEventName(db: Db, eventName: string): boolean {
  const [id] = stringIds(db, [eventName]);
  return id !== undefined && countWithTerm(db, FIELD.eventName, id) > 0;
}

export type Candidates =
  /** No term filters: scan by time. */
  | { kind: 'all' }
  /** Some filtered value occurs nowhere: the answer is empty. */
  | { kind: 'none' }
  | { kind: 'rows'; ids: number[]; where: string[]; params: number[] };

export function candidates(
  db: Db,
  filters: readonly TermFilter[],
  range: { fromMs?: number; toMs?: number },
): Candidates {
  if (filters.length === 0) return { kind: 'all' };
  const resolved = filters.map((f) => ({ ...f, ids: stringIds(db, f.values) }));
  if (resolved.some((f) => f.ids.length === 0)) return { kind: 'none' };
  const cost = (f: (typeof resolved)[number]): number =>
    f.ids.reduce((n, id) => n + countWithTerm(db, f.field, id), 0);
  const ordered = [...resolved].sort((a, b) => cost(a) - cost(b));
  const driver = ordered[0]!;
  const ids = new Set<number>();
  for (const term of driver.ids)
    for (const id of rowsWithTerm(db, { field: driver.field, term, ...range })) ids.add(id);
  const where: string[] = [];
  const params: number[] = [];
  for (const f of ordered.slice(1)) {
    where.push(`${f.column} IN (${f.ids.map(() => '?').join(', ')})`);
    params.push(...f.ids);
  }
  return { kind: 'rows', ids: [...ids].sort((a, b) => a - b), where, params };
}
