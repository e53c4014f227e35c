// Finds an eventID that is already in the case. With the index present this is a lookup by the
// UUID's first four bytes, confirmed on the whole ID; during a bulk ingest (index suspended) it is
// an in-memory open-addressing table of 52-bit hashes → rowid, seeded from the rows already in
// the case, with every hash hit confirmed against the stored eventID so a collision can never
// drop a record. The parser threads compute the hashes (pack.ts), so the writer only probes.
import {
  eventIdFromStored,
  eventIdMatch,
  eventIdParams,
  hash52,
  storedEventId,
} from '../../casefile/event-id';
import type { Db } from '../../casefile/sqlite';

export interface EventIdIndex {
  /** Row id of the stored event with this eventID, or null. `hash`: its hash52, if known. */
  find(eventId: string, hash?: number): number | null;
  /** Records a newly inserted event. */
  add(eventId: string, rowId: number, hash?: number): void;
}

export function indexedLookup(db: Db): EventIdIndex {
  const stmt = db.prepare(`SELECT id FROM events WHERE ${eventIdMatch()} LIMIT 1`).pluck();
  return {
    find: (eventId) => {
      return (stmt.get(...eventIdParams(storedEventId(eventId))) as number | undefined) ?? null;
    },
    add: () => undefined,
  };
}

export class InMemoryEventIds implements EventIdIndex {
  private keys: Float64Array;
  private rows: Float64Array;
  private size = 0;
  private readonly fetchId;

  constructor(db: Db, expected = 1 << 16) {
    let cap = 1 << 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap).fill(-1);
    this.rows = new Float64Array(cap);
    this.fetchId = db.prepare('SELECT event_id FROM events WHERE id = ?').pluck();
    for (const r of db
      .prepare('SELECT id, event_id FROM events')
      .raw()
      .iterate() as IterableIterator<[number, Buffer | string]>) {
      const id = eventIdFromStored(r[1]);
      this.add(id, r[0]);
    }
  }

  find(eventId: string, h = hash52(eventId)): number | null {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === -1) return null;
      if (k === h) {
        const row = this.rows[i]!;
        const stored = this.fetchId.get(row) as Buffer | string | undefined;
        if (stored !== undefined && eventIdFromStored(stored) === eventId) return row;
      }
    }
  }

  add(eventId: string, rowId: number, h = hash52(eventId)): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = h & mask;
    while (this.keys[i] !== -1) i = (i + 1) & mask;
    this.keys[i] = h;
    this.rows[i] = rowId;
    this.size++;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.rows = new Float64Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const h = oldKeys[j]!;
      if (h === -1) continue;
      let i = h & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = h;
      this.rows[i] = oldRows[j]!;
    }
  }
}
