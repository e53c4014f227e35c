// What a bucket exposure result cannot see, said plainly. Pure: facts about the evidence in, a
// list of sentences out (most important first).
import type { BucketWindow } from '../../shared/ops/analysis-bucket';
import type { Change } from './changes';
import type { Replay } from './replay';

export interface CaveatFacts {
  bucket: string;
  /** CloudTrail rows naming the bucket. */
  bucketEvents: number;
  cloudTrail: { fromMs: number; toMs: number } | null;
  /** Any S3 access logs in the case at all. */
  anyAccessLogs: boolean;
  accessLogRange: { fromMs: number; toMs: number } | null;
  dataEvents: boolean;
  changes: readonly Change[];
  ownerAccountId: string | null;
  ownerBasis: 'access-control' | 'other-events' | null;
  unmatchedAccountChanges: number;
  windows: readonly BucketWindow[];
  replay: Replay;
  internalCidrs: readonly string[];
  dataEventsWithoutRequestId: number;
  /** External data events whose raw record was not read, so their bytes are not counted. */
  dataEventsWithoutBytes: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function caveatsFor(f: CaveatFacts): string[] {
  const out: string[] = [];
  const b = f.bucket;
  const applied = f.changes.filter((c) => !c.failed && c.effect);
  if (f.bucketEvents === 0)
    out.push(
      `CloudTrail in this case never names ${b}; only S3 access logs do. Without its policy, ACL and public access block history Cairn cannot replay when it was public.`,
    );
  else if (applied.length === 0)
    out.push(
      `CloudTrail in this case holds no access-control change for ${b} (bucket policy, ACL, object ACL, public access block, object ownership): whether it was public is unknown.`,
    );
  out.push(
    f.cloudTrail
      ? `CloudTrail in this case covers ${iso(f.cloudTrail.fromMs)} to ${iso(f.cloudTrail.toMs)}; changes outside that span are not visible.`
      : 'No CloudTrail records are in this case.',
  );

  f.windows.forEach((w, i) => {
    const n = `Window ${i + 1}`;
    if (w.openStart)
      out.push(
        `${n} starts before the first log record: ${b} was ${w.confidence === 'confirmed' ? 'public' : 'possibly public'} when the logs begin (${w.start}); when it really became public is not in the logs.`,
      );
    if (w.confidence === 'possible')
      out.push(
        `${n} is possible, not confirmed: ${w.exposure.join('; ')}. Check the bucket's policy and ACL as they were then (AWS Config history, aws s3api get-bucket-policy / get-bucket-acl).`,
      );
  });

  const pabChanges = applied.some(
    (c) => c.effect?.kind === 'bucket-pab' || c.effect?.kind === 'account-pab',
  );
  const grantConfirmed = f.replay.segments.some((s) => s.level === 'public');
  if (grantConfirmed && !pabChanges)
    out.push(
      `No public access block change for ${b} or its account is in the logs; Cairn assumes none neutralised the public grants. S3 accepting a public grant shows BlockPublicPolicy/BlockPublicAcls were off then, but RestrictPublicBuckets or IgnorePublicAcls may have been on: check with aws s3api get-public-access-block and aws s3control get-public-access-block.`,
    );

  out.push(...new Set(f.changes.flatMap((c) => c.notes)));
  out.push(...f.replay.conflicts);

  if (f.ownerAccountId === null)
    out.push(
      `The owner account of ${b} is unknown (no management event names the bucket with an account), so reads by other accounts cannot be recognised and account-level public access blocks cannot be matched.`,
    );
  else if (f.ownerBasis === 'other-events')
    out.push(
      `The owner account of ${b} (${f.ownerAccountId}) is taken from the bucket's other CloudTrail events, not from an access-control change.`,
    );
  if (f.unmatchedAccountChanges > 0 && f.ownerAccountId === null)
    out.push(
      `${f.unmatchedAccountChanges} account-level public access block change(s) are in the logs but cannot be matched to ${b}'s account.`,
    );

  if (!f.anyAccessLogs)
    out.push(
      'No S3 server access logs were ingested into this case: reads that CloudTrail data events do not show (presigned URLs, anonymous requests when data events are off) are invisible.',
    );
  else if (f.accessLogRange === null)
    out.push(`The case holds S3 server access logs, but none for ${b}.`);
  else {
    const logs = f.accessLogRange;
    f.windows.forEach((w, i) => {
      const startMs = Date.parse(w.start);
      const endMs = w.end ? Date.parse(w.end) : null;
      if (logs.fromMs > startMs && (endMs === null || logs.fromMs < endMs))
        out.push(
          `S3 access logs for ${b} begin at ${iso(logs.fromMs)}, after window ${i + 1} began (${w.start}): reads before then are not visible.`,
        );
      if (endMs !== null && logs.toMs >= startMs && logs.toMs < endMs)
        out.push(
          `S3 access logs for ${b} end at ${iso(logs.toMs)}, before window ${i + 1} closed (${w.end}): later reads are not visible.`,
        );
    });
  }
  if (!f.dataEvents)
    out.push(
      `No CloudTrail data events read ${b} in this case (GetObject, HeadObject, ListObjects …): either the trail does not log data events for it, or no one read it through a call that logs them.`,
    );
  f.windows.forEach((w, i) => {
    if (!w.externalAccess)
      out.push(
        `Neither access logs nor data events cover window ${i + 1}: external reads in it cannot be counted.`,
      );
  });
  if (f.internalCidrs.length === 0)
    out.push(
      'No internal ranges are set in the case settings, so every address counts as outside: set them with cairn case settings FILE --internal-cidr CIDR.',
    );
  if (f.dataEventsWithoutRequestId > 0 && f.accessLogRange !== null)
    out.push(
      `${f.dataEventsWithoutRequestId} data event(s) have no request ID Cairn could read and matched no access-log line of the same second, address and object: if both logs recorded them, they are counted twice.`,
    );
  if (f.dataEventsWithoutBytes > 0)
    out.push(
      `Bytes of ${f.dataEventsWithoutBytes} external data event(s) are not counted: reading their raw records means decompressing many log files. Run again with exact bytes (cairn analyze bucket … --exact-bytes) for the full count.`,
    );
  const unexplained = f.replay.unexplainedAnonymousReads;
  if (unexplained.length > 0)
    out.push(
      `${unexplained.length} anonymous read(s) of ${b} succeeded while the replay says it was not public (first at ${iso(unexplained[0]!)}): an exposure path is missing from the logs — an object ACL set before them, a PutObject with a public x-amz-acl, or an access point.`,
    );
  out.push(
    'Object ACLs set before the first log record, or by PutObject/CopyObject with a public x-amz-acl header, are not replayed: single objects may have been public outside these windows.',
  );
  return out;
}
