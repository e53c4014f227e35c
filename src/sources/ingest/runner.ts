// Runs an ingestion: for each source, every file is read, parsed and committed (small files in
// batches, one transaction each), with progress reported as it goes. Large ingests suspend the evidence tables'
// indexes and build them once at the end (see casefile/indexes). Safe to kill at any point:
// running it again continues where it stopped and ends with the same counts.
import type { CaseFile } from '../../casefile/open';
import { CairnError } from '../../shared/errors';
import { pendingIndexes, restoreIndexes, suspendIndexes } from '../../casefile/indexes';
import type { Feed, FeedFile } from '../feeds/types';
import { InMemoryEventIds } from './dedupe';
import type { PackedFile } from './pack';
import { sha256, type ContentKind } from './parse-file';
import { defaultParserThreads, ParserPool } from './parser-pool';
import { closeSource, openSource, recordFailedFile } from './sources-repo';
import { IngestStore } from './store';
import type { FileOutcome, Rejection } from './types';

/** Above this many input bytes an ingest builds indexes once at the end instead of per row. */
export const BULK_THRESHOLD_BYTES = 32 * 1024 * 1024;

export interface IngestProgress {
  phase: 'listing' | 'reading' | 'indexing' | 'done';
  files: number;
  filesSkipped: number;
  records: number;
  inserted: number;
  bytes: number;
  bytesTotal: number | null;
  elapsedMs: number;
  current: string | null;
}

export interface SourceReport {
  sourceId: number;
  kind: string;
  location: string;
  limitations: string | null;
  resumed: boolean;
  status: 'complete' | 'partial' | 'failed';
  files: number;
  filesSkipped: number;
  filesRejected: number;
  filesFailed: number;
  digests: number;
  recordsRead: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejections: (Rejection & { location: string })[];
  notes: string[];
  errors: string[];
}

export interface IngestReport {
  sources: SourceReport[];
  bulk: boolean;
  indexesRebuilt: string[];
  elapsedMs: number;
}

export interface IngestOptions {
  actor: string;
  kind: ContentKind;
  bulk?: 'auto' | 'always' | 'never';
  maxDecodedBytes?: number;
  onProgress?: (p: IngestProgress) => void;
  now?: () => number;
  /** Parser threads besides the writer; default: one fewer than the cores (0 = parse inline). */
  parserThreads?: number;
}

type Pending = Promise<
  { ok: true; packed: PackedFile } | { ok: false; location: string; error: unknown }
>;

const FIRST_REJECTIONS = 20;
const MAX_FILES_IN_FLIGHT = 64;
const MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

export async function runIngest(
  file: CaseFile,
  feeds: Feed[],
  opts: IngestOptions,
): Promise<IngestReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const store = new IngestStore(file, opts.actor);
  const progress: IngestProgress = {
    phase: 'listing',
    files: 0,
    filesSkipped: 0,
    records: 0,
    inserted: 0,
    bytes: 0,
    bytesTotal: null,
    elapsedMs: 0,
    current: null,
  };
  let lastEmit = 0;
  const emit = (force = false): void => {
    const t = now();
    if (!force && t - lastEmit < 200) return;
    lastEmit = t;
    progress.elapsedMs = t - started;
    opts.onProgress?.({ ...progress });
  };
  emit(true);

  let total = 0;
  for (const feed of feeds) {
    // A feed that cannot even list (denied, offline) fails on its own below, with its reason.
    total += (await feed.totalBytes().catch(() => null)) ?? 0;
  }
  progress.bytesTotal = total || null;
  const bulk =
    opts.bulk === 'always' ||
    (opts.bulk !== 'never' && total >= BULK_THRESHOLD_BYTES) ||
    pendingIndexes(file.db).length > 0;
  if (bulk) {
    file.writer.write('ingest.indexes.suspend', opts.actor, (w) => {
      const names = [...suspendIndexes(w.db, 'events'), ...suspendIndexes(w.db, 's3_access')];
      return {
        audit: { suspended: names, reason: 'bulk ingest: indexes are built once at the end' },
        value: undefined,
      };
    });
    store.useEventIdIndex(new InMemoryEventIds(file.db));
  }

  const reports: SourceReport[] = [];
  let indexesRebuilt: string[] = [];
  const pool = new ParserPool(opts.parserThreads ?? defaultParserThreads());
  // One fsync per file made small files (CloudTrail writes one per account and Region every five
  // minutes) cost ~10 ms each. In WAL mode NORMAL keeps every commit atomic and in order; only a
  // power loss can undo the last few, and re-running the ingest redoes exactly those files.
  // FULL is back before the indexes are rebuilt and the ingest reports done.
  file.db.pragma('synchronous = NORMAL');
  // A checkpoint (the WAL copied into the file, with two fsyncs) every 1,000 pages cost a bulk
  // ingest a third of its writing: pages that every batch changes (postings, the activity
  // summary, strings) were copied again each time. The WAL may grow to 64 MiB while the ingest
  // runs; the checkpoint at the end copies each page once.
  const autoCheckpoint = file.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  file.db.pragma('wal_autocheckpoint = 16384');
  try {
    progress.phase = 'reading';
    for (const feed of feeds)
      reports.push(await ingestFeed(file, feed, store, pool, opts, progress, emit));
  } finally {
    await pool.close();
    file.db.pragma('synchronous = FULL');
    file.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    if (bulk || pendingIndexes(file.db).length > 0) {
      progress.phase = 'indexing';
      progress.current = null;
      emit(true);
      indexesRebuilt = file.writer.write('ingest.indexes.restore', opts.actor, (w) => {
        const names = restoreIndexes(w.db);
        return { audit: { restored: names }, value: names };
      });
    }
  }
  file.db.pragma('wal_checkpoint(PASSIVE)');
  progress.phase = 'done';
  emit(true);
  return { sources: reports, bulk, indexesRebuilt, elapsedMs: now() - started };
}

async function ingestFeed(
  file: CaseFile,
  feed: Feed,
  store: IngestStore,
  pool: ParserPool,
  opts: IngestOptions,
  progress: IngestProgress,
  emit: (force?: boolean) => void,
): Promise<SourceReport> {
  const { id: sourceId, resumed } = openSource(file, opts.actor, feed);
  const report: SourceReport = {
    sourceId,
    kind: feed.sourceKind,
    location: feed.location,
    limitations: feed.limitations,
    resumed,
    status: 'complete',
    files: 0,
    filesSkipped: 0,
    filesRejected: 0,
    filesFailed: 0,
    digests: 0,
    recordsRead: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    notes: [],
    errors: [],
  };
  const fail = (location: string, err: unknown): void => {
    const message = `${location}: ${describe(err)}`;
    report.filesFailed++;
    report.errors.push(message);
    recordFailedFile(file, opts.actor, sourceId, location, message);
  };
  // Files are parsed ahead on the pool's threads but committed strictly in feed order, so the
  // first copy of a duplicated eventID always wins, whatever the thread timing.
  // Enough files in flight to keep the parser threads and the writer busy when files are small
  // (a round trip per file otherwise leaves both idle half the time), bounded by bytes so a run
  // of large files does not hold gigabytes.
  const queue: Pending[] = [];
  const queueBytes: number[] = [];
  let inFlightBytes = 0;
  const full = (): boolean =>
    queue.length >= MAX_FILES_IN_FLIGHT ||
    (queue.length >= 2 && inFlightBytes >= MAX_BYTES_IN_FLIGHT);
  const batch = new Batch();
  const flush = (): void => {
    for (const outcome of store.commitBatch(sourceId, batch.take())) {
      tally(report, outcome);
      progress.files++;
      progress.records += outcome.recordsRead;
      progress.inserted += outcome.inserted;
    }
    emit();
  };
  const commitNext = async (): Promise<void> => {
    // Parse waiting files here rather than wait idle for the parser threads.
    const next = await pool.helpUntil(queue.shift()!);
    inFlightBytes -= queueBytes.shift() ?? 0;
    if (!next.ok) {
      flush();
      fail(next.location, next.error);
      return;
    }
    if (batch.add(next.packed)) flush();
  };
  try {
    for await (const f of feed.files()) {
      progress.current = f.location;
      let raw: Buffer;
      try {
        raw = await f.read();
      } catch (err) {
        queueBytes.push(0);
        queue.push(Promise.resolve({ ok: false, location: f.location, error: err }));
        continue;
      }
      progress.bytes += f.size ?? raw.length;
      const hash = sha256(raw);
      if (store.isDone(hash)) {
        report.filesSkipped++;
        progress.filesSkipped++;
        emit();
        continue;
      }
      queueBytes.push(raw.length);
      inFlightBytes += raw.length;
      queue.push(
        pool
          .parse({
            location: f.location,
            raw,
            sha256: hash,
            kind: f.kind ?? opts.kind,
            ...(opts.maxDecodedBytes !== undefined
              ? { maxDecodedBytes: opts.maxDecodedBytes }
              : {}),
          })
          .then(
            (packed) => ({ ok: true as const, packed }),
            (error: unknown) => ({ ok: false as const, location: f.location, error }),
          ),
      );
      while (full()) await commitNext();
    }
    while (queue.length > 0) await commitNext();
    flush();
  } catch (err) {
    // What was parsed before the feed failed is still committed.
    flush();
    // The feed itself failed (e.g. S3 listing denied): what was committed stays committed.
    report.errors.push(describe(err));
    report.status = 'failed';
  }
  if (report.status !== 'failed' && report.filesFailed > 0) report.status = 'partial';
  closeSource(file, opts.actor, sourceId, {
    status: report.status,
    skipped: report.filesSkipped,
    errors: report.errors,
  });
  return report;
}

/**
 * Parsed files waiting for their transaction. A batch closes at a size where one commit's cost
 * no longer matters and progress still moves often (and a crash loses little to redo).
 */
class Batch {
  static readonly MAX_FILES = 64;
  // Also the block size of postings: a block's bitmaps must stay small enough to be stored in
  // their B-tree page (about 1,000 bytes on a 4 KiB page), or overflow pages waste most of a page.
  static readonly MAX_RECORDS = 5_000;
  static readonly MAX_BYTES = 16 * 1024 * 1024;
  private files: PackedFile[] = [];
  private records = 0;
  private bytes = 0;

  /** Adds a file; true when the batch is full and should be committed. */
  add(f: PackedFile): boolean {
    this.files.push(f);
    this.records += f.recordsRead;
    this.bytes += f.raw.length;
    return (
      this.files.length >= Batch.MAX_FILES ||
      this.records >= Batch.MAX_RECORDS ||
      this.bytes >= Batch.MAX_BYTES
    );
  }

  take(): PackedFile[] {
    const out = this.files;
    this.files = [];
    this.records = 0;
    this.bytes = 0;
    return out;
  }
}

function describe(err: unknown): string {
  if (err instanceof CairnError) return err.hint ? `${err.message} (${err.hint})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

function tally(report: SourceReport, o: FileOutcome): void {
  report.files++;
  if (o.status === 'rejected') report.filesRejected++;
  if (o.status === 'digest') report.digests++;
  report.recordsRead += o.recordsRead;
  report.inserted += o.inserted;
  report.duplicates += o.duplicates;
  report.rejected += o.rejected;
  for (const r of o.rejections) {
    if (report.rejections.length >= FIRST_REJECTIONS) break;
    report.rejections.push({ ...r, location: o.location });
  }
  for (const n of o.notes)
    if (report.notes.length < FIRST_REJECTIONS) report.notes.push(`${o.location}: ${n}`);
}

export type { FeedFile };
