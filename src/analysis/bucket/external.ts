// Which reads of a bucket came from outside, and what they add up to. Pure: reads (from S3
// server access logs and CloudTrail data events) and the case's IP classifier in, a summary out.
//
// A read is external when ANY of these holds:
//   - it is anonymous (access-log requester "-", CloudTrail accountId "anonymous"): the public;
//   - its address is not one of the case's internal ranges (AWS service names such as
//     "s3.amazonaws.com" or "AWS Internal", and the access log's "-" for AWS's own traffic, are
//     not addresses a person called from, so they never count);
//   - its principal belongs to another AWS account than the bucket owner's.
// Reads are the object and listing operations; a successful one is HTTP 2xx/304 in access logs or
// a data event without errorCode, a denied one is HTTP 401/403 or AccessDenied.
import type { IpClassifier } from '../ip';

export const ACCESS_LOG_READ_OPERATIONS = [
  'REST.GET.OBJECT',
  'REST.HEAD.OBJECT',
  'REST.GET.BUCKET',
  'REST.GET.BUCKETVERSIONS',
  'REST.GET.OBJECT_TORRENT',
  'REST.COPY.OBJECT_GET',
  'REST.POST.SELECT',
  'WEBSITE.GET.OBJECT',
  'WEBSITE.HEAD.OBJECT',
] as const;

export const DATA_EVENT_READS = [
  'GetObject',
  'HeadObject',
  'ListObjects',
  'ListObjectsV2',
  'ListObjectVersions',
  'SelectObjectContent',
  'GetObjectTorrent',
  'GetObjectAttributes',
] as const;

export interface Read {
  source: 's3-access' | 'cloudtrail';
  timeMs: number;
  ip: string | null;
  /** Requester ARN or id as logged; null when anonymous in access logs. */
  requester: string | null;
  anonymous: boolean;
  key: string | null;
  operation: string;
  ok: boolean;
  denied: boolean;
  bytes: number;
  requestId: string | null;
  /** s3_access row id, or CloudTrail eventID. */
  ref: { type: 's3_access'; id: number } | { type: 'event'; id: string };
}

export interface ReadVerdict {
  external: boolean;
  /** Plain reasons: "anonymous", "outside internal ranges (public)", "account 111122223333". */
  why: string[];
  ipClass: string | null;
}

/** The account a requester ARN (or Cairn's "account:ID") belongs to, if it says. */
export function accountOf(requester: string | null): string | null {
  if (!requester) return null;
  const arn = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(requester);
  if (arn) return arn[1]!;
  const bare = /^account:(\d{12})$/.exec(requester);
  return bare ? bare[1]! : null;
}

const NOT_A_CALLER = new Set(['internal', 'aws-service']);

export function classifyRead(
  read: Read,
  classifier: IpClassifier,
  ownerAccount: string | null,
): ReadVerdict {
  const why: string[] = [];
  if (read.anonymous) why.push('anonymous');
  let ipClass: string | null = null;
  if (read.ip !== null) {
    ipClass = classifier.classify(read.ip).class;
    if (!NOT_A_CALLER.has(ipClass)) why.push(`outside internal ranges (${ipClass})`);
  }
  const account = accountOf(read.requester);
  if (account && ownerAccount && account !== ownerAccount) why.push(`account ${account}`);
  return { external: why.length > 0, why, ipClass };
}

/**
 * classifyRead, remembered per (anonymous, address, account): a busy bucket repeats the same few
 * callers, and the classifier's own cache is bounded.
 */
export function readJudge(
  classifier: IpClassifier,
  ownerAccount: string | null,
): (read: Read) => ReadVerdict {
  const memo = new Map<string, ReadVerdict>();
  return (read) => {
    const key = `${read.anonymous ? 1 : 0}|${read.ip ?? ''}|${accountOf(read.requester) ?? ''}`;
    let v = memo.get(key);
    if (!v) memo.set(key, (v = classifyRead(read, classifier, ownerAccount)));
    return v;
  };
}

export interface ReadSample {
  at: string;
  source: Read['source'];
  ip: string | null;
  requester: string | null;
  key: string | null;
  operation: string;
  bytes: number;
  why: string[];
  ref: Read['ref'];
}

export interface ExternalSummary {
  /** Successful external reads. */
  requests: number;
  /** Distinct object keys read. */
  objects: number;
  bytes: number;
  /** Distinct addresses the successful reads came from. */
  ips: number;
  first: string | null;
  last: string | null;
  /** External reads that were refused (401/403, AccessDenied). */
  denied: number;
  /** Successful reads by anonymous callers. */
  anonymous: number;
  topIps: { ip: string; ipClass: string | null; requests: number; bytes: number }[];
  /** The first successful external reads, for the chart and the table. */
  reads: ReadSample[];
  readsTruncated: boolean;
  /** Data events dropped because the access log has the same request ID. */
  duplicatesRemoved: number;
}

export const MAX_READ_SAMPLES = 500;
const TOP_IPS = 10;

/**
 * Drops CloudTrail data events the access log also recorded: the same request ID when the data
 * event's ID is known, otherwise the same second, address and object (both logs have 1 s
 * resolution). Returns the data events kept and how many were dropped each way.
 */
export function dedupeReads<T extends Read>(
  accessLog: readonly Read[],
  dataEvents: readonly T[],
): { kept: T[]; removed: number; matchedWithoutId: number } {
  const ids = new Set(accessLog.map((r) => r.requestId).filter((x): x is string => x !== null));
  const sig = (r: Read): string => `${Math.floor(r.timeMs / 1000)}|${r.ip ?? ''}|${r.key ?? ''}`;
  const unmatched = new Map<string, number>();
  for (const r of accessLog) unmatched.set(sig(r), (unmatched.get(sig(r)) ?? 0) + 1);
  let removed = 0;
  let matchedWithoutId = 0;
  const kept = dataEvents.filter((r) => {
    if (r.requestId !== null && ids.has(r.requestId)) {
      removed++;
      return false;
    }
    const left = unmatched.get(sig(r)) ?? 0;
    if (r.requestId === null && left > 0) {
      unmatched.set(sig(r), left - 1);
      removed++;
      matchedWithoutId++;
      return false;
    }
    return true;
  });
  return { kept, removed, matchedWithoutId };
}

/** Adds up the external reads among `reads` (already de-duplicated, oldest first). */
export function summariseExternal(
  reads: readonly Read[],
  judge: (read: Read) => ReadVerdict,
  duplicatesRemoved = 0,
): ExternalSummary {
  const objects = new Set<string>();
  const byIp = new Map<string, { ipClass: string | null; requests: number; bytes: number }>();
  const samples: ReadSample[] = [];
  let requests = 0;
  let bytes = 0;
  let denied = 0;
  let anonymous = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (const r of reads) {
    const v = judge(r);
    if (!v.external) continue;
    if (r.denied) denied++;
    if (!r.ok) continue;
    requests++;
    bytes += r.bytes;
    if (r.anonymous) anonymous++;
    if (r.key !== null && !r.operation.includes('BUCKET') && !r.operation.startsWith('ListObject'))
      objects.add(r.key);
    first = first === null ? r.timeMs : Math.min(first, r.timeMs);
    last = last === null ? r.timeMs : Math.max(last, r.timeMs);
    if (r.ip !== null) {
      const s = byIp.get(r.ip) ?? { ipClass: v.ipClass, requests: 0, bytes: 0 };
      s.requests++;
      s.bytes += r.bytes;
      byIp.set(r.ip, s);
    }
    if (samples.length < MAX_READ_SAMPLES)
      samples.push({
        at: new Date(r.timeMs).toISOString(),
        source: r.source,
        ip: r.ip,
        requester: r.requester,
        key: r.key,
        operation: r.operation,
        bytes: r.bytes,
        why: v.why,
        ref: r.ref,
      });
  }
  const topIps = [...byIp.entries()]
    .map(([ip, s]) => ({ ip, ...s }))
    .sort((a, b) => b.requests - a.requests || b.bytes - a.bytes || a.ip.localeCompare(b.ip))
    .slice(0, TOP_IPS);
  return {
    requests,
    objects: objects.size,
    bytes,
    ips: byIp.size,
    first: first === null ? null : new Date(first).toISOString(),
    last: last === null ? null : new Date(last).toISOString(),
    denied,
    anonymous,
    topIps,
    reads: samples,
    readsTruncated: requests > samples.length,
    duplicatesRemoved,
  };
}
