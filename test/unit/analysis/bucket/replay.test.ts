// The replay of access-control changes into exposure windows. Each change is built from a
// CloudTrail-shaped record through readChange, so these also test how records are read.
import { describe, expect, it } from 'vitest';
import { readChange, type Change } from '../../../../src/analysis/bucket/changes';
import { replayExposure } from '../../../../src/analysis/bucket/replay';

const T = (hhmm: string): string => `2026-03-27T${hhmm}:00.000Z`;
const ms = (hhmm: string): number => Date.parse(T(hhmm));
let seq = 0;

function change(
  eventName: string,
  at: string,
  requestParameters: Record<string, unknown> | null,
  extra: { errorCode?: string; eventSource?: string; key?: string } = {},
): Change {
  seq++;
  return readChange(
    {
      eventId: `ev-${seq}`,
      eventName,
      eventTime: T(at),
      eventSource: extra.eventSource ?? 's3.amazonaws.com',
      principalArn: 'arn:aws:iam::111122223333:user/alice',
      sourceIp: '203.0.113.7',
      errorCode: extra.errorCode ?? null,
      objectKey: extra.key ?? null,
    },
    requestParameters === null ? null : { requestParameters },
    'b',
  );
}

const PUBLIC_POLICY = {
  bucketName: 'b',
  bucketPolicy: {
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ],
  },
};
const PRIVATE_POLICY = {
  bucketName: 'b',
  bucketPolicy: {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:*',
        Resource: '*',
      },
    ],
  },
};
const pab = (
  flags: Partial<
    Record<
      'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets',
      boolean
    >
  >,
) => ({
  bucketName: 'b',
  PublicAccessBlockConfiguration: flags,
});
const ALL_ON = pab({
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
});
const COVERAGE = { startMs: ms('00:00'), endMs: ms('23:00') };

const windows = (changes: Change[], reads: number[] = []) =>
  replayExposure(changes, reads, COVERAGE).windows.map((w) => ({
    start: new Date(w.startMs).toISOString(),
    end: w.endMs === null ? null : new Date(w.endMs).toISOString(),
    openStart: w.openStart,
    openedBy: w.openedBy?.ref.eventName ?? null,
    closedBy: w.closedBy?.ref.eventName ?? null,
    confidence: w.confidence,
  }));

describe('replaying a bucket’s access-control history', () => {
  it('opens a confirmed window at a public policy and leaves it open to the end of the logs', () => {
    expect(windows([change('PutBucketPolicy', '10:00', PUBLIC_POLICY)])).toEqual([
      {
        start: T('10:00'),
        end: null,
        openStart: false,
        openedBy: 'PutBucketPolicy',
        closedBy: null,
        confidence: 'confirmed',
      },
    ]);
  });

  it('closes it with a public access block, and re-opens it when the block is removed', () => {
    const r = replayExposure(
      [
        change('PutBucketPolicy', '10:00', PUBLIC_POLICY),
        change('PutBucketPublicAccessBlock', '11:00', ALL_ON),
        change('DeleteBucketPublicAccessBlock', '12:00', { bucketName: 'b' }),
        change('DeleteBucketPolicy', '13:30', { bucketName: 'b' }),
      ],
      [],
      COVERAGE,
    );
    expect(r.windows.map((w) => [w.startMs, w.endMs, w.closedBy?.ref.eventName])).toEqual([
      [ms('10:00'), ms('11:00'), 'PutBucketPublicAccessBlock'],
      // The policy is still public when the block goes: exposed again until it is deleted. The
      // bucket ACL was never seen, so after the policy goes the bucket is "possibly" public.
      [ms('12:00'), null, undefined],
    ]);
    expect(r.windows[1]!.confidence).toBe('confirmed');
    expect(r.finalLevel).toBe('possible');
  });

  it('does not close a window with BlockPublicPolicy or BlockPublicAcls alone (they refuse new grants only)', () => {
    const w = windows([
      change('PutBucketPolicy', '10:00', PUBLIC_POLICY),
      change(
        'PutBucketPublicAccessBlock',
        '11:00',
        pab({ BlockPublicPolicy: true, BlockPublicAcls: true }),
      ),
    ]);
    expect(w).toEqual([expect.objectContaining({ start: T('10:00'), end: null })]);
  });

  it('closes a public bucket ACL with IgnorePublicAcls, but not a public policy', () => {
    const acl = change('PutBucketAcl', '10:00', { bucketName: 'b', 'x-amz-acl': ['public-read'] });
    const ignoreAcls = change(
      'PutBucketPublicAccessBlock',
      '11:00',
      pab({ IgnorePublicAcls: true }),
    );
    expect(windows([change('PutBucketPolicy', '09:00', PRIVATE_POLICY), acl, ignoreAcls])).toEqual([
      expect.objectContaining({
        start: T('10:00'),
        end: T('11:00'),
        closedBy: 'PutBucketPublicAccessBlock',
      }),
    ]);
    expect(windows([change('PutBucketPolicy', '10:05', PUBLIC_POLICY), acl, ignoreAcls])).toEqual([
      expect.objectContaining({ start: T('10:00'), end: null }),
    ]);
  });

  it('keeps the window open as "possible" when a block leaves RestrictPublicBuckets off and the policy was never seen', () => {
    const r = replayExposure(
      [
        change('PutBucketAcl', '10:00', { bucketName: 'b', 'x-amz-acl': ['public-read'] }),
        change('PutBucketPublicAccessBlock', '11:00', pab({ IgnorePublicAcls: true })),
      ],
      [],
      COVERAGE,
    );
    expect(r.windows).toEqual([
      expect.objectContaining({ startMs: ms('10:00'), endMs: null, confidence: 'confirmed' }),
    ]);
    expect(r.finalLevel).toBe('possible');
    expect(r.finalPaths).toEqual([
      'bucket policy not known from the logs, and nothing known blocks it',
    ]);
  });

  it('applies an account-level block to the bucket (closing) and its removal (re-opening)', () => {
    expect(
      windows([
        change('PutBucketPolicy', '10:00', PUBLIC_POLICY),
        change('PutAccountPublicAccessBlock', '11:00', {
          PublicAccessBlockConfiguration: { RestrictPublicBuckets: true, IgnorePublicAcls: true },
        }),
        change('DeleteAccountPublicAccessBlock', '12:00', {}),
      ]),
    ).toEqual([
      expect.objectContaining({
        start: T('10:00'),
        end: T('11:00'),
        closedBy: 'PutAccountPublicAccessBlock',
      }),
      expect.objectContaining({
        start: T('12:00'),
        end: null,
        openedBy: 'DeleteAccountPublicAccessBlock',
      }),
    ]);
  });

  it('keeps a bucket-level block in force whatever the account-level one says', () => {
    const w = windows([
      change('PutBucketPublicAccessBlock', '09:00', ALL_ON),
      change('PutAccountPublicAccessBlock', '09:30', { PublicAccessBlockConfiguration: {} }),
      change('DeleteAccountPublicAccessBlock', '09:45', {}),
    ]);
    // Only the stretch before the bucket block (shut by it) is reported.
    expect(w).toEqual([
      expect.objectContaining({
        openStart: true,
        end: T('09:00'),
        closedBy: 'PutBucketPublicAccessBlock',
      }),
    ]);
  });

  it('reports a window that starts before the first log record as open-ended and possible', () => {
    const w = windows([
      change('DeleteBucketPolicy', '10:00', { bucketName: 'b' }),
      change('PutBucketAcl', '10:01', { 'x-amz-acl': ['private'] }),
    ]);
    expect(w).toEqual([
      {
        start: T('00:00'),
        end: T('10:01'),
        openStart: true,
        openedBy: null,
        closedBy: 'PutBucketAcl',
        confidence: 'possible',
      },
    ]);
  });

  it('confirms an open-ended window by an anonymous read before the closing change', () => {
    const r = replayExposure(
      [change('PutBucketPublicAccessBlock', '10:00', ALL_ON)],
      [ms('08:00')],
      COVERAGE,
    );
    expect(r.windows).toEqual([
      expect.objectContaining({
        startMs: ms('00:00'),
        endMs: ms('10:00'),
        openStart: true,
        confidence: 'confirmed',
        publicFromMs: ms('08:00'),
      }),
    ]);
  });

  it('reports anonymous reads with no change at all as a window open at both ends', () => {
    expect(windows([], [ms('08:00')])).toEqual([
      {
        start: T('00:00'),
        end: null,
        openStart: true,
        openedBy: null,
        closedBy: null,
        confidence: 'confirmed',
      },
    ]);
    expect(windows([])).toEqual([]);
  });

  it('opens a possible window when the block is removed while policy and ACL are unknown (Panther’s DeleteBucketPublicAccessBlock)', () => {
    expect(
      windows([change('DeleteBucketPublicAccessBlock', '10:45', { bucketName: 'b' })]),
    ).toEqual([
      {
        start: T('10:45'),
        end: null,
        openStart: false,
        openedBy: 'DeleteBucketPublicAccessBlock',
        closedBy: null,
        confidence: 'possible',
      },
    ]);
  });

  it('merges a possible stretch and the public one that follows into one window, public from the grant', () => {
    const r = replayExposure(
      [
        change('DeleteBucketPublicAccessBlock', '10:00', { bucketName: 'b' }),
        change('PutBucketPolicy', '10:30', PUBLIC_POLICY),
      ],
      [],
      COVERAGE,
    );
    expect(r.windows).toEqual([
      expect.objectContaining({
        startMs: ms('10:00'),
        endMs: null,
        confidence: 'confirmed',
        publicFromMs: ms('10:30'),
      }),
    ]);
  });

  it('opens nothing for a non-public policy, an unreadable block, or a new bucket', () => {
    expect(windows([change('PutBucketPolicy', '10:00', PRIVATE_POLICY)])).toEqual([]);
    expect(
      replayExposure([change('PutBucketPolicy', '10:00', PRIVATE_POLICY)], [], COVERAGE).finalLevel,
    ).toBe('unknown');
    expect(
      windows([
        change('PutBucketPublicAccessBlock', '10:00', { bucketName: 'b', publicAccessBlock: '' }),
      ]),
    ).toEqual([]);
    // Created, then made public: the window starts at the grant; nothing "before the logs".
    expect(
      windows([
        change('CreateBucket', '09:00', { bucketName: 'b' }),
        change('PutBucketPolicy', '10:00', PUBLIC_POLICY),
        change('DeleteBucket', '11:00', {}),
      ]),
    ).toEqual([
      expect.objectContaining({
        start: T('10:00'),
        end: T('11:00'),
        openStart: false,
        closedBy: 'DeleteBucket',
      }),
    ]);
  });

  it('turns an unreadable policy into a note for the caveats and a possible window, not a crash', () => {
    // Panther's "Invalid JSON Policy" test sends bucketPolicy: "invalid-json-policy".
    const c = change('PutBucketPolicy', '10:00', {
      bucketName: 'b',
      bucketPolicy: 'invalid-json-policy',
    });
    expect(c.effect).toEqual({ kind: 'policy', status: 'unknown', readsObjects: false });
    expect(c.notes).toEqual([
      `PutBucketPolicy at ${T('10:00')}: The policy cannot be read: the policy is not valid JSON ("invalid-json-policy").`,
    ]);
    expect(windows([c])).toEqual([
      expect.objectContaining({ start: T('10:00'), end: null, confidence: 'possible' }),
    ]);
  });

  it('ignores failed calls and calls to other services', () => {
    expect(
      windows([change('PutBucketPolicy', '10:00', PUBLIC_POLICY, { errorCode: 'AccessDenied' })]),
    ).toEqual([]);
    expect(
      windows([
        change('DeleteBucketPublicAccessBlock', '10:00', {}, { eventSource: 'ec2.amazonaws.com' }),
      ]),
    ).toEqual([]);
  });

  it('tracks public object ACLs per key, and says when an object cannot be attributed', () => {
    const grant = {
      AccessControlPolicy: {
        AccessControlList: {
          Grant: {
            Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
            Permission: 'READ',
          },
        },
      },
    };
    const r = replayExposure(
      [
        change('CreateBucket', '08:00', { bucketName: 'b' }),
        change('PutObjectAcl', '10:00', grant, { key: 'reports/q1.pdf' }),
        change('PutObjectAcl', '10:30', { 'x-amz-acl': ['private'] }, { key: 'reports/q1.pdf' }),
        change('PutObjectAcl', '11:00', grant, { key: '...' }),
      ],
      [],
      COVERAGE,
    );
    expect(r.windows.map((w) => [w.startMs, w.endMs, w.exposure])).toEqual([
      [ms('10:00'), ms('10:30'), ['object ACL makes 1 object(s) public (reports/q1.pdf)']],
    ]);
    const last = r.segments[r.segments.length - 1]!.by!;
    expect(last.notes[0]).toContain('does not name the object');
  });

  it('flags anonymous reads the replay cannot explain, and grants S3 should have refused', () => {
    const r = replayExposure(
      [
        change('CreateBucket', '08:00', { bucketName: 'b' }),
        change('PutBucketPublicAccessBlock', '09:30', ALL_ON),
        change('PutBucketPolicy', '10:00', PUBLIC_POLICY),
      ],
      [ms('09:15'), ms('12:00')],
      COVERAGE,
    );
    expect(r.windows).toEqual([]);
    expect(r.unexplainedAnonymousReads).toEqual([ms('09:15'), ms('12:00')]);
    expect(r.conflicts[0]).toContain('BlockPublicPolicy was on');
  });
});
