// StreamAlert's public-policy, ACL and public-access-block test events, replayed. Their eventIDs
// are redacted to "...", so ingestion rejects them (see the integration test); here the records
// go straight to the replay, and the expected windows are written by reading the raw events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChange, type Change } from '../../../../src/analysis/bucket/changes';
import { replayExposure } from '../../../../src/analysis/bucket/replay';

const DIR = join(import.meta.dirname, '../../../fixtures/data/streamalert');
type Rec = Record<string, unknown> & { eventName: string; eventTime: string };

/** The CloudTrail records of a StreamAlert test file: `data.Records[]` or an EventBridge `data.detail`. */
function records(file: string): Rec[] {
  const cases = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as {
    data: { Records?: Rec[]; detail?: Rec };
  }[];
  return cases.flatMap((c) => c.data.Records ?? (c.data.detail ? [c.data.detail] : []));
}

function asChange(r: Rec, bucket: string, label: string): Change {
  const params = (r['requestParameters'] ?? {}) as Record<string, unknown>;
  return readChange(
    {
      eventId: label, // StreamAlert redacted the real eventID to "..."
      eventName: r.eventName,
      eventTime: r.eventTime,
      eventSource: (r['eventSource'] as string | undefined) ?? null,
      principalArn: null,
      sourceIp: null,
      errorCode: null,
      objectKey: typeof params['key'] === 'string' ? params['key'] : null,
    },
    r,
    bucket,
  );
}

const critical = records('community__cloudwatch_events__cloudtrail_critical_api_calls.json');
const pick = (name: string, pred: (r: Rec) => boolean = () => true): Rec =>
  critical.find((r) => r.eventName === name && pred(r))!;
const bucketBlockOn = pick('PutBucketPublicAccessBlock', (r) =>
  JSON.stringify(r['requestParameters']).includes('"BlockPublicPolicy":true'),
);
const accountBlockOff = pick('PutAccountPublicAccessBlock');
const accountBlockDeleted = pick('DeleteAccountPublicAccessBlock');
const publicPolicy = records('community__cloudwatch_events__cloudtrail_public_resources.json').find(
  (r) => r.eventName === 'PutBucketPolicy',
)!;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('StreamAlert’s access-control events, replayed for bucket "test" (account 123456789123)', () => {
  it('has the events this test reads, with the times it expects', () => {
    expect(
      [bucketBlockOn, accountBlockOff, accountBlockDeleted, publicPolicy].map((r) => [
        r.eventName,
        r.eventTime,
      ]),
    ).toEqual([
      ['PutBucketPublicAccessBlock', '2019-07-08T19:50:33Z'], // bucketName "test", all four on
      ['PutAccountPublicAccessBlock', '2019-07-08T19:50:33Z'], // all four off
      ['DeleteAccountPublicAccessBlock', '2019-07-09T15:37:48Z'],
      ['PutBucketPolicy', '2019-07-09T21:13:33Z'], // Principal "*", s3:GetObject on arn:aws:s3:::test/*
    ]);
  });

  it('with the account block switched off: possibly public from then, certainly from the public policy, still open', () => {
    // 19:50:33 the account block goes off: nothing known blocks the bucket's (unseen) policy or ACL.
    // 15:37:48 next day the account block is deleted: no change. 21:13:33 a public policy: public.
    const changes = [
      asChange(accountBlockOff, 'test', 'acct-off'),
      asChange(accountBlockDeleted, 'test', 'acct-del'),
      asChange(publicPolicy, 'test', 'policy'),
    ];
    const start = Date.parse('2019-07-08T19:50:33Z');
    const r = replayExposure(changes, [], {
      startMs: start,
      endMs: Date.parse('2019-07-09T21:13:33Z'),
    });
    expect(
      r.windows.map((w) => ({
        start: iso(w.startMs),
        end: iso(w.endMs),
        openedBy: w.openedBy?.ref.eventId,
        confidence: w.confidence,
        publicFrom: iso(w.publicFromMs),
      })),
    ).toEqual([
      {
        start: '2019-07-08T19:50:33.000Z',
        end: null,
        openedBy: 'acct-off',
        confidence: 'confirmed',
        publicFrom: '2019-07-09T21:13:33.000Z',
      },
    ]);
    expect(r.windows[0]!.exposure).toContain('bucket policy lets anyone read objects');
  });

  it('with the bucket block on (all four), the later public policy is neutralised and S3 should have refused it', () => {
    // The bucket block is the first record: whatever was public before it is shut at that instant
    // (an open-ended window of no visible length). The account block going off changes nothing
    // while the bucket's own block is on; the public policy at 21:13:33 is neutralised by
    // RestrictPublicBuckets, and S3 refuses public policies while BlockPublicPolicy is on.
    const changes = [
      asChange(bucketBlockOn, 'test', 'bucket-on'),
      asChange(accountBlockOff, 'test', 'acct-off'),
      asChange(accountBlockDeleted, 'test', 'acct-del'),
      asChange(publicPolicy, 'test', 'policy'),
    ];
    const start = Date.parse('2019-07-08T19:50:33Z');
    const r = replayExposure(changes, [], {
      startMs: start,
      endMs: Date.parse('2019-07-09T21:13:33Z'),
    });
    expect(
      r.windows.map((w) => [
        iso(w.startMs),
        iso(w.endMs),
        w.openStart,
        w.closedBy?.ref.eventId,
        w.confidence,
      ]),
    ).toEqual([
      ['2019-07-08T19:50:33.000Z', '2019-07-08T19:50:33.000Z', true, 'bucket-on', 'possible'],
    ]);
    expect(r.finalLevel).toBe('not-public');
    expect(r.conflicts).toHaveLength(1);
  });

  it('reads the redacted object ACL grant to AllUsers as unattributable (the key is "...")', () => {
    const [grant] = records(
      'community__cloudwatch_events__cloudtrail_put_object_acl_public_publisher_example.json',
    );
    const c = asChange(grant!, 'example-bucket-to-ignore', 'obj');
    expect(c.effect).toEqual({ kind: 'object-acl', key: null, status: 'public' });
    expect(c.notes[0]).toContain('does not name the object');
    expect(
      replayExposure([c], [], { startMs: 0, endMs: Date.parse(grant!.eventTime) }).windows,
    ).toEqual([]);
  });
});
