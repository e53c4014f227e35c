// Commits parsed files — the kept evidence, their rows, their outcomes and one audit entry — in a
// single transaction through the case writer. A crash leaves every committed file whole and
// nothing of the batch in flight; a re-run skips files whose sha256 is already done.
import type { BatchActivity } from '../../analysis/activity/batch';
import { beginActivityBatch, finishActivityBatch } from '../../analysis/activity/maintain';
import type { CaseFile } from '../../casefile/open';
import { addTermRow, FIELD, PostingsBuilder, type TermRows } from '../../casefile/postings';
import { StringTable } from '../../casefile/strings';
import type { Db as Database } from '../../casefile/sqlite';
import { statement } from '../../casefile/statements';
import { indexedLookup, type EventIdIndex } from './dedupe';
import { EVENT_PARAMS, EventRowWriter, type EventValue } from './event-rows';
import { keepEvidenceFile, packSmallFiles, type PackPlace } from './evidence';
import { EVENT_TEXT, S3_NUM, S3_TEXT, type PackedFile } from './pack';
import { MAX_REJECTIONS_KEPT, type FileOutcome } from './types';

const INSERT_S3 = `INSERT INTO s3_access (time_ms, bucket_owner, bucket, remote_ip, requester, request_id,
  operation, object_key, http_status, error_code, bytes_sent, object_size, user_agent, signature_version,
  auth_type, host_header, tls_version, access_key_id, source_id, file_id, line)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const nanToNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
const mapId = (ids: Int32Array, local: number): number | null => (local < 0 ? null : ids[local]!);

/** Where each packed text column goes in the events INSERT parameters. */
const EVENT_COLUMN: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16];
/** Where each packed text column goes in the s3_access INSERT parameters. */
const S3_COLUMN: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 9, 12, 13, 14, 15, 16, 17];
const S3_REQUEST_ID = S3_TEXT.indexOf('requestId');

// Which value (by position in the INSERT parameters) feeds which postings field.
const EVENT_POSTINGS: readonly (readonly [number, number])[] = [
  [FIELD.eventName, 2],
  [FIELD.eventSource, 3],
  [FIELD.awsRegion, 4],
  [FIELD.recipientAccount, 5],
  [FIELD.principalArn, 6],
  [FIELD.accessKeyId, 8],
  [FIELD.sessionIssuerArn, 9],
  [FIELD.sourceIp, 10],
  [FIELD.userAgent, 11],
  [FIELD.errorCode, 14],
  [FIELD.bucket, 15],
];
/** For each of EVENT_POSTINGS, the packed text column holding its term. */
const EVENT_POSTING_TEXT: readonly number[] = EVENT_POSTINGS.map(([, at]) =>
  EVENT_COLUMN.indexOf(at),
);
const S3_POSTINGS: readonly (readonly [number, number])[] = [
  [FIELD.s3Bucket, 2],
  [FIELD.s3RemoteIp, 3],
  [FIELD.s3Requester, 4],
  [FIELD.s3Operation, 6],
  [FIELD.s3ErrorCode, 9],
  [FIELD.s3AccessKeyId, 17],
];

/**
 * The rows one batch produced in one table: their contiguous id range, time span and postings.
 * A block is keyed by the first evidence file that contributed to it (evidence_blocks.file_id,
 * postings.file_id); each row still names its own file. Blocks per batch rather than per file
 * keep postings small when a trail is many small files.
 */
class BlockBuilder {
  private key = -1;
  private first = -1;
  private last = -1;
  private minTime = Number.MAX_SAFE_INTEGER;
  private maxTime = Number.MIN_SAFE_INTEGER;
  private readonly postings = new PostingsBuilder();

  /** Adds a row to the block (its postings are the caller's); returns its offset in the block. */
  place(fileId: number, rowId: number, timeMs: number): number {
    if (this.first < 0) {
      this.first = rowId;
      this.key = fileId;
    } else if (rowId !== this.last + 1)
      throw new Error(`rows of one file must be contiguous (row ${rowId} after ${this.last})`);
    this.last = rowId;
    if (timeMs < this.minTime) this.minTime = timeMs;
    if (timeMs > this.maxTime) this.maxTime = timeMs;
    return rowId - this.first;
  }

  row(
    fileId: number,
    rowId: number,
    timeMs: number,
    values: readonly unknown[],
    fields: readonly (readonly [number, number])[],
  ): void {
    const offset = this.place(fileId, rowId, timeMs);
    for (const [field, at] of fields)
      this.postings.add(field, values[at] as number | null, offset, timeMs);
  }

  termRows(field: number, term: number): TermRows {
    return this.postings.rows(field, term);
  }

  write(db: Database, table: 'events' | 's3_access'): void {
    if (this.first < 0) return;
    const fileId = this.key;
    statement(
      db,
      'INSERT INTO evidence_blocks (file_id, table_name, first_row, row_count, min_time_ms, max_time_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(fileId, table, this.first, this.last - this.first + 1, this.minTime, this.maxTime);
    this.postings.write(db, fileId);
  }
}

/** Crash tests set CAIRN_FAULT_KILL_DURING_FILE=N to kill the process inside the Nth file's transaction. */
const KILL_DURING_FILE = Number(process.env['CAIRN_FAULT_KILL_DURING_FILE'] ?? 0) || -1;

export class IngestStore {
  readonly strings: StringTable;
  private filesInThisProcess = 0;
  private eventIds: EventIdIndex;
  private readonly eventRows;
  private readonly insertS3;
  private readonly storedSummary;
  private readonly doneBySha;

  constructor(
    private readonly file: CaseFile,
    private readonly actor: string,
  ) {
    const db = file.db;
    this.strings = new StringTable(db);
    this.eventIds = indexedLookup(db);
    this.eventRows = new EventRowWriter(db);
    this.insertS3 = db.prepare(INSERT_S3);
    this.storedSummary = db.prepare(
      'SELECT e.time_ms AS timeMs, s.value AS eventName FROM events e JOIN strings s ON s.id = e.event_name WHERE e.id = ?',
    );
    this.doneBySha = db
      .prepare(
        "SELECT 1 FROM source_files WHERE sha256 = ? AND status IN ('done', 'digest', 'rejected') LIMIT 1",
      )
      .pluck();
  }

  /** Switch duplicate detection to the in-memory table while the unique index is suspended. */
  useEventIdIndex(index: EventIdIndex): void {
    this.eventIds = index;
  }

  /** True when a file with this content was already ingested (into any source of the case). */
  isDone(sha256: string): boolean {
    return this.doneBySha.get(sha256) !== undefined;
  }

  /**
   * Commits files in one transaction with one audit entry listing them. Small files (CloudTrail
   * writes one per account and Region every five minutes) are batched: a commit per file cost
   * more than the rows in it. A crash loses the batch in flight, never part of a file.
   */
  commitBatch(sourceId: number, files: readonly PackedFile[]): FileOutcome[] {
    if (files.length === 0) return [];
    try {
      const outcomes = this.file.writer.write('ingest.files', this.actor, (w) => {
        // The enumeration analysis's activity summary moves with the events, in this transaction.
        const batch = beginActivityBatch(w.db);
        this.eventRows.begin();
        const blocks = { events: new BlockBuilder(), s3: new BlockBuilder() };
        const packed = packSmallFiles(w.db, files);
        const done = files.map((parsed) =>
          this.writeFile(w.db, w.nowMs, sourceId, parsed, blocks, batch, packed.get(parsed.sha256)),
        );
        this.eventRows.finish();
        blocks.events.write(w.db, 'events');
        blocks.s3.write(w.db, 's3_access');
        const activity = finishActivityBatch(w.db, batch);
        return {
          audit: {
            sourceId,
            files: done.map((d) => d.audit),
            ...(activity.rebuilt ? { activitySummary: 'rebuilt under the current rules' } : {}),
          },
          value: done.map((d) => d.outcome),
        };
      });
      this.strings.committed();
      return outcomes;
    } catch (err) {
      this.strings.rolledBack();
      this.eventRows.rolledBack();
      throw err;
    }
  }

  private writeFile(
    db: Database,
    nowMs: number,
    sourceId: number,
    parsed: PackedFile,
    blocks: { events: BlockBuilder; s3: BlockBuilder },
    activity: BatchActivity | null,
    packed: PackPlace | undefined,
  ): { outcome: FileOutcome; audit: Record<string, unknown> } {
    const fileId = keepEvidenceFile(db, parsed, nowMs, packed);
    const notes = [...parsed.notes];
    let inserted = 0;
    let duplicates = 0;
    const ev = parsed.events;
    if (ev) {
      const ids = this.internDict(ev.dict);
      const T = EVENT_TEXT.length;
      const values: EventValue[] = new Array<EventValue>(EVENT_PARAMS);
      const id = (at: number): number | null => values[at] as number | null;
      const idBytes = Buffer.from(ev.idBytes.buffer, ev.idBytes.byteOffset, ev.idBytes.byteLength);
      // Per posting field, the block's rows for each of this file's strings: an array lookup per
      // row and field instead of two map lookups.
      const termRows = EVENT_POSTINGS.map(() => new Array<TermRows | undefined>(ev.dict.length));
      for (let r = 0; r < ev.rows; r++) {
        const eventId = ev.eventIds[r]!;
        const hash = ev.idHashes[r]!;
        const timeMs = ev.nums[r * 4]!;
        const existing =
          this.eventRows.findBuffered(eventId, hash) ?? this.eventIds.find(eventId, hash);
        if (existing !== null) {
          duplicates++;
          this.eventRows.flush(); // the conflict check reads the first copy back
          const name = ev.dict[ev.text[r * T]!]!;
          const conflict = this.conflict(existing, timeMs, name);
          if (conflict && notes.length < MAX_REJECTIONS_KEPT)
            notes.push(`record ${ev.nums[r * 4 + 1]}: eventID ${eventId} ${conflict}`);
          continue;
        }
        // The parser thread has already turned canonical UUIDs into their 16 stored bytes.
        values[0] = ev.idIsUuid[r] ? idBytes.subarray(r * 16, r * 16 + 16) : eventId;
        values[1] = timeMs;
        for (let c = 0; c < T; c++) values[EVENT_COLUMN[c]!] = mapId(ids, ev.text[r * T + c]!);
        values[12] = nanToNull(ev.nums[r * 4 + 2]!);
        values[13] = nanToNull(ev.nums[r * 4 + 3]!);
        values[17] = sourceId;
        values[18] = fileId;
        values[19] = ev.nums[r * 4 + 1]!;
        const rowId = this.eventRows.add(eventId, hash, values);
        this.eventIds.add(eventId, rowId, hash);
        const offset = blocks.events.place(fileId, rowId, timeMs);
        for (let k = 0; k < EVENT_POSTINGS.length; k++) {
          const local = ev.text[r * T + EVENT_POSTING_TEXT[k]!]!;
          if (local < 0) continue;
          const byLocal = termRows[k]!;
          let t = byLocal[local];
          if (t === undefined)
            byLocal[local] = t = blocks.events.termRows(EVENT_POSTINGS[k]![0], ids[local]!);
          addTermRow(t, offset, timeMs);
        }
        activity?.row(
          rowId,
          timeMs,
          id(6),
          id(8),
          id(10),
          id(3),
          id(2)!,
          id(14),
          id(12),
          id(4),
          id(11),
        );
        inserted++;
      }
    }
    const s3 = parsed.s3;
    if (s3) {
      const ids = this.internDict(s3.dict);
      const T = S3_TEXT.length;
      const N = S3_NUM.length;
      const values: (number | string | null)[] = new Array<number | string | null>(21);
      for (let r = 0; r < s3.rows; r++) {
        for (let c = 0; c < T; c++) {
          const local = s3.text[r * T + c]!;
          // The request id is kept as text: it is unique-ish, interning it would only grow strings.
          values[S3_COLUMN[c]!] =
            c === S3_REQUEST_ID ? (local < 0 ? null : s3.dict[local]!) : mapId(ids, local);
        }
        const timeMs = s3.nums[r * N]!;
        values[0] = timeMs;
        values[8] = nanToNull(s3.nums[r * N + 2]!);
        values[10] = nanToNull(s3.nums[r * N + 3]!);
        values[11] = nanToNull(s3.nums[r * N + 4]!);
        values[18] = sourceId;
        values[19] = fileId;
        values[20] = s3.nums[r * N + 1]!;
        const rowId = Number(this.insertS3.run(values).lastInsertRowid);
        blocks.s3.row(fileId, rowId, timeMs, values, S3_POSTINGS);
        inserted++;
      }
    }
    this.filesInThisProcess++;
    if (KILL_DURING_FILE === this.filesInThisProcess) {
      this.eventRows.flush();
      // Fault injection for the crash tests: die with this file's rows written but not committed.
      process.kill(process.pid, 'SIGKILL');
    }
    const rejections = parsed.rejections.slice(0, MAX_REJECTIONS_KEPT);
    statement(
      db,
      `INSERT INTO source_files (source_id, location, sha256, size, file_id, format, status, records_read,
         inserted, duplicates, rejected, rejections, notes, error, ingested_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sourceId,
      parsed.location,
      parsed.sha256,
      parsed.raw.length,
      fileId,
      parsed.format,
      parsed.status,
      parsed.recordsRead,
      inserted,
      duplicates,
      parsed.rejected,
      JSON.stringify(rejections),
      JSON.stringify(notes),
      parsed.error,
      nowMs,
    );
    statement(
      db,
      `UPDATE sources SET files = files + 1, records_read = records_read + ?, inserted = inserted + ?,
         duplicates = duplicates + ?, rejected = rejected + ? WHERE id = ?`,
    ).run(parsed.recordsRead, inserted, duplicates, parsed.rejected, sourceId);
    return {
      outcome: {
        location: parsed.location,
        sha256: parsed.sha256,
        status: parsed.status,
        format: parsed.format,
        recordsRead: parsed.recordsRead,
        inserted,
        duplicates,
        rejected: parsed.rejected,
        rejections,
        notes,
        error: parsed.error,
      },
      audit: {
        evidenceFileId: fileId,
        location: parsed.location,
        sha256: parsed.sha256,
        size: parsed.raw.length,
        format: parsed.format,
        status: parsed.status,
        recordsRead: parsed.recordsRead,
        inserted,
        duplicates,
        rejected: parsed.rejected,
      },
    };
  }

  /** Global string ids for a file's dictionary, looked up once per distinct string. */
  private internDict(dict: readonly string[]): Int32Array {
    const ids = new Int32Array(dict.length);
    for (let i = 0; i < dict.length; i++) ids[i] = this.strings.id(dict[i]!);
    return ids;
  }

  /** Same eventID with different content is worth a note: corruption, or a forged record. */
  private conflict(rowId: number, timeMs: number, eventName: string): string | null {
    const stored = this.storedSummary.get(rowId) as
      { timeMs: number; eventName: string } | undefined;
    if (!stored) return null;
    if (stored.timeMs !== timeMs || stored.eventName !== eventName) {
      return `is already in the case with different content (${stored.eventName} at ${new Date(stored.timeMs).toISOString()}, here ${eventName} at ${new Date(timeMs).toISOString()}); the first one was kept`;
    }
    return null;
  }
}
