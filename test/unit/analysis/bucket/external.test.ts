// External reads: which reads count as coming from outside, de-duplication across the two logs,
// and what they add up to.
import { describe, expect, it } from 'vitest';
import {
  accountOf,
  classifyRead,
  dedupeReads,
  readJudge,
  summariseExternal,
  type Read,
} from '../../../../src/analysis/bucket/external';
import { createIpClassifier } from '../../../../src/analysis/ip';

const classifier = createIpClassifier({ internal: ['10.0.0.0/8'], aws: null, tor: null });
const OWNER = '111122223333';
let n = 0;

function read(over: Partial<Read>): Read {
  n++;
  return {
    source: 's3-access',
    timeMs: Date.parse('2026-03-27T10:00:00Z') + n * 1000,
    ip: '198.51.100.9',
    requester: null,
    anonymous: true,
    key: `k${n}`,
    operation: 'REST.GET.OBJECT',
    ok: true,
    denied: false,
    bytes: 100,
    requestId: `REQ${n}`,
    ref: { type: 's3_access', id: n },
    ...over,
  };
}

describe('which reads are external', () => {
  it('counts an anonymous read as external even from an internal address', () => {
    expect(classifyRead(read({ ip: '10.1.2.3' }), classifier, OWNER)).toEqual({
      external: true,
      why: ['anonymous'],
      ipClass: 'internal',
    });
  });

  it('counts a signed read from outside the internal ranges', () => {
    const v = classifyRead(
      read({ anonymous: false, requester: `arn:aws:iam::${OWNER}:user/ci` }),
      classifier,
      OWNER,
    );
    expect(v).toMatchObject({ external: true, why: ['outside internal ranges (public)'] });
  });

  it('counts a principal of another account even from inside', () => {
    const v = classifyRead(
      read({
        anonymous: false,
        ip: '10.9.9.9',
        requester: 'arn:aws:sts::999988887777:assumed-role/x/y',
      }),
      classifier,
      OWNER,
    );
    expect(v.why).toEqual(['account 999988887777']);
  });

  it('does not count the owner’s principals from inside, AWS services, or AWS’s own traffic', () => {
    const own = { anonymous: false, requester: `arn:aws:iam::${OWNER}:user/ci` };
    expect(classifyRead(read({ ...own, ip: '10.0.0.5' }), classifier, OWNER).external).toBe(false);
    expect(classifyRead(read({ ...own, ip: 's3.amazonaws.com' }), classifier, OWNER).external).toBe(
      false,
    );
    expect(classifyRead(read({ ...own, ip: null }), classifier, OWNER).external).toBe(false);
    expect(
      classifyRead(
        read({ anonymous: false, requester: 'svc:logging.s3.amazonaws.com', ip: null }),
        classifier,
        OWNER,
      ).external,
    ).toBe(false);
  });

  it('cannot tell a foreign account without the owner’s', () => {
    const v = classifyRead(
      read({ anonymous: false, ip: '10.9.9.9', requester: 'arn:aws:iam::999988887777:user/z' }),
      classifier,
      null,
    );
    expect(v.external).toBe(false);
  });

  it('reads accounts from IAM and STS ARNs and Cairn’s account: form only', () => {
    expect(accountOf('arn:aws:iam::123456789012:user/a')).toBe('123456789012');
    expect(accountOf('arn:aws-us-gov:sts::123456789012:assumed-role/r/s')).toBe('123456789012');
    expect(accountOf('account:123456789012')).toBe('123456789012');
    expect(accountOf('account:anonymous')).toBeNull();
    expect(
      accountOf('79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'),
    ).toBeNull();
  });
});

describe('adding up external reads', () => {
  it('drops data events the access log also recorded: same request ID, or same second, address and object', () => {
    const line = read({
      requestId: 'A471D1060ED5FD07',
      timeMs: Date.parse('2026-03-27T11:00:00Z'),
      key: 'x',
    });
    const twin = read({
      source: 'cloudtrail',
      requestId: 'A471D1060ED5FD07',
      timeMs: Date.parse('2026-03-27T11:00:07Z'), // a different second: only the ID matches
      ref: { type: 'event', id: 'e1' },
    });
    const other = read({
      requestId: null,
      timeMs: Date.parse('2026-03-27T12:00:00.400Z'),
      key: 'y',
      ip: '192.0.2.1',
    });
    const sameSecond = read({
      source: 'cloudtrail',
      requestId: null,
      timeMs: Date.parse('2026-03-27T12:00:00Z'),
      key: 'y',
      ip: '192.0.2.1',
      ref: { type: 'event', id: 'e2' },
    });
    const alone = read({ source: 'cloudtrail', requestId: null, ref: { type: 'event', id: 'e3' } });
    const r = dedupeReads([line, other], [twin, sameSecond, alone]);
    expect(r).toMatchObject({ removed: 2, matchedWithoutId: 1 });
    expect(r.kept.map((x) => x.ref)).toEqual([alone.ref]);
  });

  it('matches each access-log line at most once', () => {
    const line = read({ requestId: null, key: 'z' });
    const a = read({
      source: 'cloudtrail',
      requestId: null,
      key: 'z',
      timeMs: line.timeMs,
      ip: line.ip,
    });
    const b = read({
      source: 'cloudtrail',
      requestId: null,
      key: 'z',
      timeMs: line.timeMs,
      ip: line.ip,
    });
    expect(dedupeReads([line], [a, b]).kept).toEqual([b]);
  });

  it('counts requests, distinct objects, bytes, addresses, first and last; refusals apart; listings are not objects', () => {
    const reads = [
      read({ key: 'a.pdf', bytes: 1000, ip: '198.51.100.1' }),
      read({ key: 'a.pdf', bytes: 1000, ip: '198.51.100.2' }),
      read({
        key: 'b.pdf',
        bytes: 500,
        ip: '198.51.100.2',
        anonymous: false,
        requester: 'arn:aws:iam::999988887777:user/z',
      }),
      read({ key: null, operation: 'REST.GET.BUCKET', bytes: 300, ip: '198.51.100.2' }),
      read({ key: 'c.pdf', ok: false, denied: true, bytes: 243 }),
      read({
        key: 'd.pdf',
        ip: '10.0.0.7',
        anonymous: false,
        requester: `arn:aws:iam::${OWNER}:user/ci`,
      }),
    ];
    const s = summariseExternal(reads, readJudge(classifier, OWNER));
    expect(s).toMatchObject({
      requests: 4,
      objects: 2,
      bytes: 2800,
      ips: 2,
      denied: 1,
      anonymous: 3,
      first: new Date(reads[0]!.timeMs).toISOString(),
      last: new Date(reads[3]!.timeMs).toISOString(),
      readsTruncated: false,
    });
    expect(s.topIps).toEqual([
      { ip: '198.51.100.2', ipClass: 'public', requests: 3, bytes: 1800 },
      { ip: '198.51.100.1', ipClass: 'public', requests: 1, bytes: 1000 },
    ]);
    expect(s.reads.map((r) => r.key)).toEqual(['a.pdf', 'a.pdf', 'b.pdf', null]);
  });

  it('keeps at most 500 reads for the chart and says so', () => {
    const many = Array.from({ length: 501 }, () => read({}));
    const s = summariseExternal(many, readJudge(classifier, OWNER));
    expect(s).toMatchObject({ requests: 501, readsTruncated: true });
    expect(s.reads).toHaveLength(500);
  });
});
