// Interned strings: evidence rows store small integers for ARNs, user agents, event names.
// The cache lives as long as one writer connection; ids handed out inside a transaction that
// rolls back are forgotten, so a later file never points at a string row that does not exist.
import type { Db } from './sqlite';

export class StringTable {
  private readonly ids = new Map<string, number>();
  private pending: string[] = [];
  private readonly select;
  private readonly insert;

  constructor(db: Db) {
    this.select = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.insert = db.prepare('INSERT INTO strings (value) VALUES (?)');
  }

  /** The id of `value`, creating it inside the current transaction if needed. */
  id(value: string): number {
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    let id = this.select.get(value) as number | undefined;
    if (id === undefined) {
      id = Number(this.insert.run(value).lastInsertRowid);
      this.pending.push(value);
    }
    this.ids.set(value, id);
    return id;
  }

  idOrNull(value: string | null): number | null {
    return value === null ? null : this.id(value);
  }

  /** Call after the surrounding transaction committed. */
  committed(): void {
    this.pending = [];
  }

  /** Call after the surrounding transaction rolled back. */
  rolledBack(): void {
    for (const v of this.pending) this.ids.delete(v);
    this.pending = [];
  }
}
