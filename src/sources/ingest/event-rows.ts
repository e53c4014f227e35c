// Inserts events rows several to a statement: one better-sqlite3 call per row cost more than the
// row itself. Row ids are assigned here as SQLite would assign them (one past the largest id:
// events is append-only and only the ingest writes it, inside the writer's transaction), so the
// ingest knows each row's id before the row reaches the table. Rows wait in a small buffer;
// lookups that must see them (a duplicate's stored content) flush it first.
import type { Db } from '../../casefile/sqlite';

const COLUMNS = `id, event_id, time_ms, event_name, event_source, aws_region, recipient_account,
  principal_arn, principal_type, access_key_id, session_issuer_arn, source_ip, user_agent,
  read_only, data_event, error_code, bucket, object_key, source_id, file_id, record_index`;

/** Values per row after the id, in the order of COLUMNS. */
export const EVENT_PARAMS = 20;
/** Rows per multi-row INSERT. */
const ROWS_PER_INSERT = 25;

const insertSql = (rows: number): string => {
  const one = `(${new Array<string>(EVENT_PARAMS + 1).fill('?').join(', ')})`;
  return `INSERT INTO events (${COLUMNS}) VALUES ${new Array<string>(rows).fill(one).join(', ')}`;
};

export type EventValue = number | string | Buffer | null;

export class EventRowWriter {
  private readonly many;
  private readonly one;
  private readonly maxId;
  private readonly buf: EventValue[] = new Array<EventValue>(ROWS_PER_INSERT * (EVENT_PARAMS + 1));
  private readonly row: EventValue[] = new Array<EventValue>(EVENT_PARAMS + 1);
  private waiting = 0;
  private nextId = -1;
  /** The eventIDs (and their hash52) of the rows in the buffer, for duplicates within it. */
  private readonly bufferedIds: string[] = new Array<string>(ROWS_PER_INSERT);
  private readonly bufferedHashes = new Float64Array(ROWS_PER_INSERT);

  constructor(db: Db) {
    this.many = db.prepare(insertSql(ROWS_PER_INSERT));
    this.one = db.prepare(insertSql(1));
    this.maxId = db.prepare('SELECT MAX(id) FROM events').pluck();
  }

  /** Starts a transaction's rows: ids continue from the largest in the table. */
  begin(): void {
    this.waiting = 0;
    this.nextId = ((this.maxId.get() as number | null) ?? 0) + 1;
  }

  /** Queues a row (values in COLUMNS order after the id) and returns the id it will have. */
  add(eventId: string, hash: number, values: readonly EventValue[]): number {
    const id = this.nextId++;
    const at = this.waiting * (EVENT_PARAMS + 1);
    this.buf[at] = id;
    for (let i = 0; i < EVENT_PARAMS; i++) this.buf[at + 1 + i] = values[i]!;
    this.bufferedIds[this.waiting] = eventId;
    this.bufferedHashes[this.waiting] = hash;
    if (++this.waiting === ROWS_PER_INSERT) this.flush();
    return id;
  }

  /** Row id of a row still in the buffer with this eventID (hash: its hash52), or null. */
  findBuffered(eventId: string, hash: number): number | null {
    for (let r = 0; r < this.waiting; r++) {
      if (this.bufferedHashes[r] === hash && this.bufferedIds[r] === eventId)
        return this.buf[r * (EVENT_PARAMS + 1)] as number;
    }
    return null;
  }

  /** Writes every queued row. Call before reading events back and before the commit. */
  flush(): void {
    if (this.waiting === ROWS_PER_INSERT) {
      this.many.run(this.buf);
    } else {
      for (let r = 0; r < this.waiting; r++) {
        const at = r * (EVENT_PARAMS + 1);
        for (let i = 0; i <= EVENT_PARAMS; i++) this.row[i] = this.buf[at + i]!;
        this.one.run(this.row);
      }
    }
    this.waiting = 0;
  }
}
