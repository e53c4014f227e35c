// Inserts events rows several to a statement: one better-sqlite3 call per row cost more than the
// row itself. Row ids are assigned here as SQLite would assign them (one past the largest id:
// events is append-only and only the ingest writes it, inside the writer's transaction), so the
// ingest knows each row's id before the row reaches the table. Rows wait in a small buffer;
// lookups that must see them (a duplicate's stored content) flush it first.
// The ingest hands over a row's values as parsed (INGEST_ROW); this module stores them in the
// compact layout of src/casefile/event-layout.ts: seconds and flags in the row, account, Region
// and provenance once per run of rows in event_ranges, bucket and object key in event_objects.
import { eventFlags, MAX_PRINCIPAL_TYPE_CODE, splitTime } from '../../casefile/event-layout';
import type { Db } from '../../casefile/sqlite';

/** Positions of the values the ingest gives for a row (string columns hold strings.id). */
export const INGEST_ROW = {
  eventId: 0,
  timeMs: 1,
  eventName: 2,
  eventSource: 3,
  awsRegion: 4,
  recipientAccount: 5,
  principalArn: 6,
  principalType: 7,
  accessKeyId: 8,
  sessionIssuerArn: 9,
  sourceIp: 10,
  userAgent: 11,
  readOnly: 12,
  dataEvent: 13,
  errorCode: 14,
  bucket: 15,
  objectKey: 16,
  sourceId: 17,
  fileId: 18,
  recordIndex: 19,
} as const;
/** Values per ingest row. */
export const EVENT_PARAMS = 20;

const STORED_COLUMNS = `id, event_id, time_s, event_name, event_source, principal_arn, access_key_id,
  session_issuer_arn, source_ip, user_agent, error_code, flags`;
/** Ingest values copied unchanged into the stored row, in STORED_COLUMNS order after time_s. */
const COPIED: readonly number[] = [
  INGEST_ROW.eventName,
  INGEST_ROW.eventSource,
  INGEST_ROW.principalArn,
  INGEST_ROW.accessKeyId,
  INGEST_ROW.sessionIssuerArn,
  INGEST_ROW.sourceIp,
  INGEST_ROW.userAgent,
  INGEST_ROW.errorCode,
];
/** Values per stored row, the id included. */
const STORED = 3 + COPIED.length + 1;
/** Rows per multi-row INSERT. */
const ROWS_PER_INSERT = 25;

const insertSql = (rows: number): string => {
  const one = `(${new Array<string>(STORED).fill('?').join(', ')})`;
  return `INSERT INTO events (${STORED_COLUMNS}) VALUES ${new Array<string>(rows).fill(one).join(', ')}`;
};

export type EventValue = number | string | Buffer | null;

/** A run of consecutive rows with the same source, file, account and Region. */
interface Run {
  firstRow: number;
  rows: number;
  sourceId: number;
  fileId: number;
  firstIndex: number;
  account: number | null;
  region: number | null;
}

export class EventRowWriter {
  private readonly many;
  private readonly one;
  private readonly maxId;
  private readonly insertRun;
  private readonly insertObject;
  private readonly principalTypes;
  private readonly buf: EventValue[] = new Array<EventValue>(ROWS_PER_INSERT * STORED);
  private readonly row: EventValue[] = new Array<EventValue>(STORED);
  private waiting = 0;
  private nextId = -1;
  private run: Run | null = null;
  /** The eventIDs (and their hash52) of the rows in the buffer, for duplicates within it. */
  private readonly bufferedIds: string[] = new Array<string>(ROWS_PER_INSERT);
  private readonly bufferedHashes = new Float64Array(ROWS_PER_INSERT);

  constructor(db: Db) {
    this.many = db.prepare(insertSql(ROWS_PER_INSERT));
    this.one = db.prepare(insertSql(1));
    this.maxId = db.prepare('SELECT MAX(id) FROM events').pluck();
    this.insertRun = db.prepare(
      `INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index, account, region)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertObject = db.prepare(
      'INSERT INTO event_objects (id, bucket, object_key) VALUES (?, ?, ?)',
    );
    this.principalTypes = new PrincipalTypeCodes(db);
  }

  /** Starts a transaction's rows: ids continue from the largest in the table. */
  begin(): void {
    this.waiting = 0;
    this.run = null;
    this.nextId = ((this.maxId.get() as number | null) ?? 0) + 1;
  }

  /** Queues a row (values at INGEST_ROW positions) and returns the id it will have. */
  add(eventId: string, hash: number, values: readonly EventValue[]): number {
    const id = this.nextId++;
    const at = this.waiting * STORED;
    const { timeS, subMs } = splitTime(values[INGEST_ROW.timeMs] as number);
    this.buf[at] = id;
    this.buf[at + 1] = values[INGEST_ROW.eventId]!;
    this.buf[at + 2] = timeS;
    for (let i = 0; i < COPIED.length; i++) this.buf[at + 3 + i] = values[COPIED[i]!]!;
    this.buf[at + STORED - 1] = eventFlags(
      values[INGEST_ROW.readOnly] as number | null,
      values[INGEST_ROW.dataEvent] as number | null,
      this.principalTypes.code(values[INGEST_ROW.principalType] as number | null),
      subMs,
    );
    this.extendRun(id, values);
    const bucket = values[INGEST_ROW.bucket] as number | null;
    const objectKey = values[INGEST_ROW.objectKey] as number | null;
    if (bucket !== null || objectKey !== null) this.insertObject.run(id, bucket, objectKey);
    this.bufferedIds[this.waiting] = eventId;
    this.bufferedHashes[this.waiting] = hash;
    if (++this.waiting === ROWS_PER_INSERT) this.flush();
    return id;
  }

  /** Row id of a row still in the buffer with this eventID (hash: its hash52), or null. */
  findBuffered(eventId: string, hash: number): number | null {
    for (let r = 0; r < this.waiting; r++) {
      if (this.bufferedHashes[r] === hash && this.bufferedIds[r] === eventId)
        return this.buf[r * STORED] as number;
    }
    return null;
  }

  /** Writes every queued row. Call before reading events back. */
  flush(): void {
    if (this.waiting === ROWS_PER_INSERT) {
      this.many.run(this.buf);
    } else {
      for (let r = 0; r < this.waiting; r++) {
        const at = r * STORED;
        for (let i = 0; i < STORED; i++) this.row[i] = this.buf[at + i]!;
        this.one.run(this.row);
      }
    }
    this.waiting = 0;
  }

  /** Writes every queued row and the open run: call once the transaction's rows are all added. */
  finish(): void {
    this.flush();
    this.closeRun();
  }

  /** The transaction that `begin` started was rolled back. */
  rolledBack(): void {
    this.principalTypes.rolledBack();
  }

  private extendRun(id: number, values: readonly EventValue[]): void {
    const sourceId = values[INGEST_ROW.sourceId] as number;
    const fileId = values[INGEST_ROW.fileId] as number;
    const index = values[INGEST_ROW.recordIndex] as number;
    const account = values[INGEST_ROW.recipientAccount] as number | null;
    const region = values[INGEST_ROW.awsRegion] as number | null;
    const run = this.run;
    if (
      run !== null &&
      id === run.firstRow + run.rows &&
      index === run.firstIndex + run.rows &&
      fileId === run.fileId &&
      sourceId === run.sourceId &&
      account === run.account &&
      region === run.region
    ) {
      run.rows++;
      return;
    }
    this.closeRun();
    this.run = { firstRow: id, rows: 1, sourceId, fileId, firstIndex: index, account, region };
  }

  private closeRun(): void {
    const r = this.run;
    if (r === null) return;
    this.insertRun.run(r.firstRow, r.rows, r.sourceId, r.fileId, r.firstIndex, r.account, r.region);
    this.run = null;
  }
}

/**
 * The small per-case codes of principal types (IAMUser, AssumedRole …) that fit in the flags,
 * created inside the current transaction. After a rollback every cached code is forgotten: the
 * cache is keyed by strings.id, and a rolled-back string's id can be given to another string.
 */
class PrincipalTypeCodes {
  private readonly codes = new Map<number, number>();
  private readonly select;
  private readonly insert;

  constructor(db: Db) {
    this.select = db
      .prepare(
        'SELECT code FROM principal_types WHERE type = (SELECT value FROM strings WHERE id = ?)',
      )
      .pluck();
    this.insert = db.prepare(
      'INSERT INTO principal_types (type) SELECT value FROM strings WHERE id = ?',
    );
  }

  /** The code of the principal type with this strings.id (0 for none). */
  code(stringId: number | null): number {
    if (stringId === null) return 0;
    const known = this.codes.get(stringId);
    if (known !== undefined) return known;
    let code = this.select.get(stringId) as number | undefined;
    if (code === undefined) {
      code = Number(this.insert.run(stringId).lastInsertRowid);
    }
    if (code > MAX_PRINCIPAL_TYPE_CODE)
      throw new Error(`more than ${MAX_PRINCIPAL_TYPE_CODE} distinct principal types in one case`);
    this.codes.set(stringId, code);
    return code;
  }

  rolledBack(): void {
    this.codes.clear();
  }
}
