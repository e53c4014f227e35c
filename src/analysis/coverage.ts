// Log coverage: per source, account and Region the first and last record, silences longer than a
// threshold, whether data events and S3 server access logs exist (and for which buckets), and
// what each source cannot see. This is the "what we could not see" of every report: an absence of
// evidence only means something where the logs could have shown it.
import { EVENTS_BY_RANGE, RANGE_OF_ROW } from '../casefile/event-layout';
import type { Db } from '../casefile/sqlite';
import { stringsById } from '../query/rows';
import type { CloudTrailCoverage, CoverageLimitation, CoverageReport } from '../shared/coverage';

export const DEFAULT_GAP_THRESHOLD_MS = 60 * 60 * 1000;
/** Gaps listed per group; the count says how many there were in all. */
export const MAX_GAPS_LISTED = 100;

/** Object-level calls that are data events even in records too old to carry eventCategory. */
const DATA_EVENT_NAMES = [
  'GetObject',
  'PutObject',
  'DeleteObject',
  'DeleteObjects',
  'HeadObject',
  'CopyObject',
  'GetObjectAcl',
  'PutObjectAcl',
  'GetObjectTagging',
  'PutObjectTagging',
  'GetObjectAttributes',
  'RestoreObject',
  'SelectObjectContent',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'Invoke',
];

// events.data_event: 1 = data event (eventCategory Data, or no category and managementEvent
// false), 0 = the record does not say (the event name decides), NULL = another category.
const IS_DATA = `(e.data_event = 1 OR (e.data_event = 0 AND n.value IN (${DATA_EVENT_NAMES.map(
  (name) => `'${name}'`,
).join(',')})))`;
const EVENT_JOINS = `JOIN strings n ON n.id = e.event_name`;

/** The SQL this analysis runs, recorded with its finding so the result can be reproduced. */
export const COVERAGE_QUERIES = {
  cloudtrailGroups: `SELECT r.source_id, r.account AS account_id, r.region AS region_id,
      MIN(e.time_ms) AS first, MAX(e.time_ms) AS last, COUNT(*) AS records,
      SUM(CASE WHEN ${IS_DATA} THEN 1 ELSE 0 END) AS data_events
    FROM ${EVENTS_BY_RANGE} ${EVENT_JOINS}
    GROUP BY r.source_id, r.account, r.region`,
  dataEventBuckets: `SELECT DISTINCT r.source_id, r.account AS account_id, r.region AS region_id, b.value AS bucket
    FROM event_objects o CROSS JOIN events e ON e.id = o.id ${RANGE_OF_ROW} ${EVENT_JOINS}
    JOIN strings b ON b.id = o.bucket WHERE ${IS_DATA} ORDER BY b.value`,
  cloudtrailGaps: `SELECT source_id, account_id, region_id, prev, time_ms FROM (
      SELECT r.source_id, r.account AS account_id, r.region AS region_id, e.time_ms,
        LAG(e.time_ms) OVER (PARTITION BY r.source_id, r.account, r.region ORDER BY e.time_ms) AS prev
      FROM ${EVENTS_BY_RANGE})
    WHERE time_ms - prev > ? ORDER BY source_id, account_id, region_id, time_ms`,
  s3Groups: `SELECT a.source_id, a.bucket AS bucket_id, MIN(a.time_ms) AS first, MAX(a.time_ms) AS last, COUNT(*) AS lines
    FROM s3_access a GROUP BY a.source_id, a.bucket`,
  s3Gaps: `SELECT source_id, bucket_id, prev, time_ms FROM (
      SELECT source_id, bucket AS bucket_id, time_ms,
        LAG(time_ms) OVER (PARTITION BY source_id, bucket ORDER BY time_ms) AS prev
      FROM s3_access)
    WHERE time_ms - prev > ? ORDER BY source_id, bucket_id, time_ms`,
  bucketsInEvents: `SELECT b.value AS bucket, SUM(CASE WHEN ${IS_DATA} THEN 0 ELSE 1 END) AS management,
      SUM(CASE WHEN ${IS_DATA} THEN 1 ELSE 0 END) AS data
    FROM event_objects o CROSS JOIN events e ON e.id = o.id ${EVENT_JOINS}
    JOIN strings b ON b.id = o.bucket GROUP BY b.value`,
  bucketsInAccessLogs: `SELECT b.value AS bucket, COUNT(*) AS lines FROM s3_access a JOIN strings b ON b.id = a.bucket GROUP BY b.value`,
} as const;

interface SourceRow {
  id: number;
  kind: string;
  location: string;
  limitations: string | null;
  status: string;
  rejected: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const hours = (ms: number): number => Math.round((ms / 3_600_000) * 100) / 100;
const groupKey = (...ids: (number | null)[]): string => ids.map((i) => i ?? '-').join('|');

type Gap = CloudTrailCoverage['gaps'][number];

function collectGaps(
  rows: { prev: number; time_ms: number; key: string }[],
): Map<string, { gaps: Gap[]; count: number; longest: Gap | null }> {
  const out = new Map<string, { gaps: Gap[]; count: number; longest: Gap | null }>();
  for (const r of rows) {
    const g = out.get(r.key) ?? { gaps: [], count: 0, longest: null };
    const gap = { from: iso(r.prev), to: iso(r.time_ms), hours: hours(r.time_ms - r.prev) };
    g.count++;
    if (g.gaps.length < MAX_GAPS_LISTED) g.gaps.push(gap);
    if (!g.longest || gap.hours > g.longest.hours) g.longest = gap;
    out.set(r.key, g);
  }
  return out;
}

export function computeCoverage(db: Db, opts: { gapThresholdMs?: number } = {}): CoverageReport {
  const threshold = opts.gapThresholdMs ?? DEFAULT_GAP_THRESHOLD_MS;
  const sources = db
    .prepare('SELECT id, kind, location, limitations, status, rejected FROM sources ORDER BY id')
    .all() as SourceRow[];
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const limitations: CoverageLimitation[] = [];

  const ctGroups = db.prepare(COVERAGE_QUERIES.cloudtrailGroups).all() as {
    source_id: number;
    account_id: number | null;
    region_id: number | null;
    first: number;
    last: number;
    records: number;
    data_events: number;
  }[];
  const bucketRows = db.prepare(COVERAGE_QUERIES.dataEventBuckets).all() as {
    source_id: number;
    account_id: number | null;
    region_id: number | null;
    bucket: string;
  }[];
  const ctGapRows = db.prepare(COVERAGE_QUERIES.cloudtrailGaps).all(threshold) as {
    source_id: number;
    account_id: number | null;
    region_id: number | null;
    prev: number;
    time_ms: number;
  }[];
  const names = stringsById(
    db,
    ctGroups.flatMap((g) => [g.account_id, g.region_id]),
  );
  const ctGaps = collectGaps(
    ctGapRows.map((r) => ({ ...r, key: groupKey(r.source_id, r.account_id, r.region_id) })),
  );
  const longestGap = new Map<CloudTrailCoverage, Gap>();
  const cloudtrail: CloudTrailCoverage[] = ctGroups.map((g) => {
    const key = groupKey(g.source_id, g.account_id, g.region_id);
    const source = sourceById.get(g.source_id);
    const gaps = ctGaps.get(key);
    const entry: CloudTrailCoverage = {
      sourceId: g.source_id,
      sourceKind: source?.kind ?? 'unknown',
      sourceLocation: source?.location ?? `source #${g.source_id}`,
      account: g.account_id === null ? null : (names.get(g.account_id) ?? null),
      region: g.region_id === null ? null : (names.get(g.region_id) ?? null),
      first: iso(g.first),
      last: iso(g.last),
      records: g.records,
      dataEvents: g.data_events,
      dataEventBuckets: bucketRows
        .filter((b) => groupKey(b.source_id, b.account_id, b.region_id) === key)
        .map((b) => b.bucket),
      gaps: gaps?.gaps ?? [],
      gapCount: gaps?.count ?? 0,
    };
    if (gaps?.longest) longestGap.set(entry, gaps.longest);
    return entry;
  });
  cloudtrail.sort(
    (a, b) =>
      a.sourceId - b.sourceId ||
      (a.account ?? '').localeCompare(b.account ?? '') ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );

  const s3Groups = db.prepare(COVERAGE_QUERIES.s3Groups).all() as {
    source_id: number;
    bucket_id: number | null;
    first: number;
    last: number;
    lines: number;
  }[];
  const s3GapRows = db.prepare(COVERAGE_QUERIES.s3Gaps).all(threshold) as {
    source_id: number;
    bucket_id: number | null;
    prev: number;
    time_ms: number;
  }[];
  const bucketNames = stringsById(
    db,
    s3Groups.map((g) => g.bucket_id),
  );
  const s3Gaps = collectGaps(
    s3GapRows.map((r) => ({ ...r, key: groupKey(r.source_id, r.bucket_id) })),
  );
  const s3Access = s3Groups
    .map((g) => {
      const gaps = s3Gaps.get(groupKey(g.source_id, g.bucket_id));
      return {
        sourceId: g.source_id,
        sourceLocation: sourceById.get(g.source_id)?.location ?? `source #${g.source_id}`,
        bucket: g.bucket_id === null ? null : (bucketNames.get(g.bucket_id) ?? null),
        first: iso(g.first),
        last: iso(g.last),
        lines: g.lines,
        gaps: gaps?.gaps ?? [],
        gapCount: gaps?.count ?? 0,
      };
    })
    .sort((a, b) => a.sourceId - b.sourceId || (a.bucket ?? '').localeCompare(b.bucket ?? ''));

  const buckets = new Map<
    string,
    { managementEvents: number; dataEvents: number; accessLogLines: number }
  >();
  const bucket = (name: string) => {
    const b = buckets.get(name) ?? { managementEvents: 0, dataEvents: 0, accessLogLines: 0 };
    buckets.set(name, b);
    return b;
  };
  for (const r of db.prepare(COVERAGE_QUERIES.bucketsInEvents).all() as {
    bucket: string;
    management: number;
    data: number;
  }[]) {
    bucket(r.bucket).managementEvents += r.management;
    bucket(r.bucket).dataEvents += r.data;
  }
  for (const r of db.prepare(COVERAGE_QUERIES.bucketsInAccessLogs).all() as {
    bucket: string;
    lines: number;
  }[])
    bucket(r.bucket).accessLogLines += r.lines;
  const bucketList = [...buckets]
    .map(([name, b]) => ({
      bucket: name,
      ...b,
      objectLevelBlind: b.dataEvents === 0 && b.accessLogLines === 0,
    }))
    .sort((a, b) => a.bucket.localeCompare(b.bucket));

  // What could not be seen, in plain words, source by source.
  for (const s of sources) {
    if (s.limitations) limitations.push({ sourceId: s.id, text: s.limitations });
    const groups = cloudtrail.filter((g) => g.sourceId === s.id);
    if (groups.length > 0 && groups.every((g) => g.dataEvents === 0))
      limitations.push({
        sourceId: s.id,
        text: `${s.location}: no CloudTrail data events, so object reads and writes (S3 GetObject/PutObject, Lambda Invoke) are not visible in this source.`,
      });
    for (const g of groups.filter((x) => x.gapCount > 0)) {
      const longest = longestGap.get(g);
      limitations.push({
        sourceId: s.id,
        text: `${s.location}, account ${g.account ?? 'unknown'}, ${g.region ?? 'no Region'}: ${g.gapCount} silence(s) longer than ${hours(threshold)} h between ${g.first} and ${g.last}${longest ? `; the longest is ${longest.hours} h, from ${longest.from} to ${longest.to}` : ''}. Nothing is known about those periods.`,
      });
    }
    if (s.rejected > 0)
      limitations.push({
        sourceId: s.id,
        text: `${s.location}: ${s.rejected} record(s) were rejected at ingest and are not in the case (cairn sources FILE lists why).`,
      });
    if (s.status !== 'complete')
      limitations.push({
        sourceId: s.id,
        text: `${s.location}: the ingest ended ${s.status}; files after the failure were not read.`,
      });
  }
  if (cloudtrail.length === 0)
    limitations.push({ sourceId: null, text: 'No CloudTrail events are in the case.' });
  if (s3Access.length === 0)
    limitations.push({
      sourceId: null,
      text: 'No S3 server access logs are in the case: anonymous and presigned-URL requests to buckets cannot be seen.',
    });
  for (const b of bucketList.filter((x) => x.objectLevelBlind))
    limitations.push({
      sourceId: null,
      text: `Bucket ${b.bucket}: named in ${b.managementEvents} management event(s), but neither data events nor S3 access logs cover it, so who read or wrote its objects cannot be seen.`,
    });

  const times = [...cloudtrail, ...s3Access].flatMap((g) => [g.first, g.last]).sort();
  return {
    gapThresholdHours: hours(threshold),
    first: times[0] ?? null,
    last: times[times.length - 1] ?? null,
    cloudtrail,
    s3Access,
    buckets: bucketList,
    limitations,
  };
}
