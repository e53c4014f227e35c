// Bucket exposure: replays a bucket's access-control history from CloudTrail into the windows in
// which it was (or may have been) public, and counts the external reads inside each window from
// S3 access logs and CloudTrail data events. Reads the case; writes nothing (the handler records
// the finding). Returns the result and the exact SQL it ran.
import type { Db } from '../../casefile/sqlite';
import { CairnError } from '../../shared/errors';
import type {
  BucketChange,
  BucketExposure,
  BucketWindow,
  ExternalAccess,
} from '../../shared/ops/analysis-bucket';
import { caseClassifier, readSettings } from '../context';
import { caveatsFor } from './caveats';
import type { Change } from './changes';
import { accessControlChanges, fillFromRaw, knownBuckets, sightings, tableRange } from './evidence';
import { dedupeReads, readJudge, summariseExternal, type Read, type ReadVerdict } from './external';
import {
  accessLogReads,
  commonRecipientAccount,
  dataEventReads,
  successfulAnonymousReadTimes,
  hasDataEventReads,
} from './queries';
import { highlightsFor, summaryFor } from './report';
import { replayExposure, type ReplayWindow } from './replay';
import { recordSql } from './sql-recorder';

export const BUCKET_EXPOSURE_KIND = 'bucket-exposure';

export interface BucketExposureRun {
  result: BucketExposure;
  /** The SQL statements the analysis ran, in order, for the finding. */
  query: string;
  params: { bucket: string; exactBytes: boolean };
}

/** "s3://b/", "arn:aws:s3:::b" and "b" all name bucket b. */
export function normaliseBucketName(input: string): string {
  return input
    .trim()
    .replace(/^s3:\/\//i, '')
    .replace(/^arn:aws[a-z-]*:s3:::/i, '')
    .replace(/\/.*$/, '');
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Kept files read for data-event bytes unless exact bytes are asked for (decompression is the cost). */
export const RAW_FILES_BUDGET = 4;

interface WindowContext {
  coverageEndMs: number;
  accessLogs: { fromMs: number; toMs: number } | null;
  dataEvents: boolean;
  judge: (read: Read) => ReadVerdict;
  exactBytes: boolean;
}

function externalAccessIn(
  db: Db,
  bucket: string,
  w: ReplayWindow,
  ctx: WindowContext,
): { access: ExternalAccess | null; withoutRequestId: number; withoutBytes: number } {
  const endMs = w.endMs ?? ctx.coverageEndMs;
  const sources: ExternalAccess['sources'] = [];
  if (ctx.accessLogs && ctx.accessLogs.fromMs <= endMs && ctx.accessLogs.toMs >= w.startMs)
    sources.push('s3-access');
  if (ctx.dataEvents) sources.push('data-events');
  if (sources.length === 0) return { access: null, withoutRequestId: 0, withoutBytes: 0 };
  // Reads at the closing second count: the logs cannot order them against the close.
  const range = { fromMs: w.startMs, ...(w.endMs !== null ? { toMs: w.endMs } : {}) };
  const accessLog = sources.includes('s3-access') ? accessLogReads(db, bucket, range) : [];
  const data = ctx.dataEvents ? dataEventReads(db, bucket, range) : [];
  const first = accessLog.length ? dedupeReads(accessLog, data) : { kept: data, removed: 0 };
  const needRaw = first.kept.filter((r) => ctx.judge(r).external);
  const withoutBytes = fillFromRaw(db, needRaw, ctx.exactBytes ? Infinity : RAW_FILES_BUDGET);
  // Request IDs read from the raw records may match access-log lines the time test missed.
  const second =
    accessLog.length && needRaw.length
      ? dedupeReads(accessLog, first.kept)
      : { kept: first.kept, removed: 0 };
  const reads = accessLog.length
    ? [...accessLog, ...second.kept].sort((a, b) => a.timeMs - b.timeMs)
    : second.kept;
  const summary = summariseExternal(reads, ctx.judge, first.removed + second.removed);
  return {
    access: { ...summary, bytesComplete: withoutBytes === 0, sources },
    withoutRequestId: accessLog.length ? second.kept.filter((r) => r.requestId === null).length : 0,
    withoutBytes,
  };
}

function windowOf(
  w: ReplayWindow,
  coverageEndMs: number,
  externalAccess: ExternalAccess | null,
): BucketWindow {
  return {
    start: iso(w.startMs),
    end: w.endMs === null ? null : iso(w.endMs),
    openStart: w.openStart,
    openedBy: w.openedBy?.ref ?? null,
    closedBy: w.closedBy?.ref ?? null,
    confidence: w.confidence,
    publicFrom: w.publicFromMs === null ? null : iso(w.publicFromMs),
    durationMs: Math.max(0, (w.endMs ?? coverageEndMs) - w.startMs),
    exposure: w.exposure,
    externalAccess,
  };
}

export function analyzeBucketExposure(
  caseDb: Db,
  bucketInput: string,
  opts: { exactBytes?: boolean } = {},
): BucketExposureRun {
  const bucket = normaliseBucketName(bucketInput);
  if (!bucket) throw new CairnError('INVALID_INPUT', `bucket: "${bucketInput}" names no bucket`);
  const recorder = recordSql(caseDb);
  const db = recorder.db;

  const seen = sightings(db, bucket);
  if (seen.events === 0 && seen.accessLogLines === 0) {
    const known = knownBuckets(caseDb);
    throw new CairnError(
      'NOT_FOUND',
      `bucket ${bucket}: no CloudTrail event and no S3 access log line in this case names it`,
      known.length
        ? `buckets this case knows: ${known.join(', ')}`
        : 'no bucket appears in this case yet: ingest its CloudTrail and S3 access logs first (cairn ingest FILE SOURCE…)',
    );
  }

  const evidence = accessControlChanges(db, bucket, (rows) => {
    const fromChanges = mostCommon(rows.map((r) => r.recipientAccountId));
    if (fromChanges) return { account: fromChanges, basis: 'access-control' };
    const other = commonRecipientAccount(db, bucket);
    return { account: other, basis: other ? 'other-events' : null };
  });
  const owner = evidence.owner.account;
  const anonymous = successfulAnonymousReadTimes(db, bucket);
  const cloudTrail = tableRange(db, 'events');
  const anyAccessLogs = tableRange(db, 's3_access') !== null;
  const dataEvents = hasDataEventReads(db, bucket);

  const times = [
    cloudTrail?.fromMs,
    cloudTrail?.toMs,
    seen.accessLogRange?.fromMs,
    seen.accessLogRange?.toMs,
  ].filter((t): t is number => t !== undefined);
  const coverage = { startMs: Math.min(...times), endMs: Math.max(...times) };
  const replay = replayExposure(evidence.changes, anonymous, coverage);

  const exactBytes = opts.exactBytes ?? false;
  const windowCtx: WindowContext = {
    coverageEndMs: coverage.endMs,
    accessLogs: seen.accessLogRange,
    dataEvents,
    judge: readJudge(caseClassifier(caseDb), owner),
    exactBytes,
  };
  let withoutRequestId = 0;
  let withoutBytes = 0;
  const windows = replay.windows.map((w) => {
    const x = externalAccessIn(db, bucket, w, windowCtx);
    withoutRequestId += x.withoutRequestId;
    withoutBytes += x.withoutBytes;
    return windowOf(w, coverage.endMs, x.access);
  });

  const levelAfter = new Map<Change, BucketExposure['state']>();
  for (const s of replay.segments) if (s.by) levelAfter.set(s.by, s.level);
  const changes: BucketChange[] = evidence.changes.map((c) => ({
    at: c.ref.eventTime,
    event: c.ref,
    applied: !c.failed && c.effect !== null,
    failed: c.failed,
    text: c.text,
    exposureAfter: levelAfter.get(c) ?? null,
  }));
  const failedAttempts = evidence.changes.filter((c) => c.failed && c.loosens && c.effect);
  const highlights = highlightsFor(
    bucket,
    windows,
    replay.windows.map((w) => w.closedBy?.text ?? null),
    failedAttempts,
  );
  const caveats = caveatsFor({
    bucket,
    bucketEvents: seen.events,
    cloudTrail,
    anyAccessLogs,
    accessLogRange: seen.accessLogRange,
    dataEvents,
    changes: evidence.changes,
    ownerAccountId: owner,
    ownerBasis: evidence.owner.basis,
    unmatchedAccountChanges: evidence.otherAccountRows.length,
    windows,
    replay,
    internalCidrs: readSettings(caseDb).internalCidrs,
    dataEventsWithoutRequestId: withoutRequestId,
    dataEventsWithoutBytes: withoutBytes,
  });
  const result: BucketExposure = {
    bucket,
    ownerAccountId: owner,
    state: replay.finalLevel,
    summary: summaryFor(
      bucket,
      windows,
      evidence.changes.filter((c) => !c.failed && c.effect).length,
      iso(coverage.endMs),
    ),
    coverage: {
      cloudTrail: cloudTrail ? { from: iso(cloudTrail.fromMs), to: iso(cloudTrail.toMs) } : null,
      accessLogs: seen.accessLogRange
        ? {
            from: iso(seen.accessLogRange.fromMs),
            to: iso(seen.accessLogRange.toMs),
            lines: seen.accessLogLines,
          }
        : null,
      dataEvents,
    },
    windows,
    changes,
    caveats,
    highlights,
    unexplainedAnonymousReads: replay.unexplainedAnonymousReads.length,
  };
  const statements = recorder.statements();
  const query = [
    `-- Bucket exposure for s3://${bucket}: the ${statements.length} SQL statement(s) Cairn ran on the case file, in order.`,
    '-- Parameters (bucket, event names, operations, time bounds, candidate row ids from postings) are bound at run time; re-run with the same parameters.',
    ...statements.map((s) => `${s};`),
  ].join('\n');
  return { result, query, params: { bucket, exactBytes } };
}
