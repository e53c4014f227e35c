// truth.json must agree with the logs it sits beside. Every check recomputes the answer from the
// generated files (CloudTrail read with gunzip + JSON.parse, access logs with the S3 parser, IPs
// with the IP classifier) and compares it with what truth.json claims.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIpClassifier } from '../../../src/analysis/ip';
import { generate, type GenerateOptions } from '../../../src/tabletop/generate';
import { TruthSchema, type Moment, type Truth } from '../../../src/tabletop/truth';
import { fileScopedDir } from '../../helpers/tmp';
import { ms, scanTree, type AccessLine, type CtRecord, type Scanned } from './scan';

interface Run {
  truth: Truth;
  scan: Scanned;
  byId: Map<string, CtRecord>;
}

const classifier = createIpClassifier();
const runs = new Map<string, Run>();

const CASES: Record<string, Omit<GenerateOptions, 'out'>> = {
  'leaked-key': { scenario: 'leaked-key', seed: 11 },
  'leaked-key, no persistence, never contained': {
    scenario: 'leaked-key',
    seed: 12,
    persistence: false,
    containAfterMinutes: null,
  },
  'public-bucket (bucket policy)': { scenario: 'public-bucket', seed: 1 },
  'public-bucket (ACL), no data events': { scenario: 'public-bucket', seed: 2, dataEvents: false },
  enumeration: { scenario: 'enumeration', seed: 5 },
  'enumeration without writes': { scenario: 'enumeration', seed: 6, writes: false },
};

beforeAll(async () => {
  const root = fileScopedDir('cairn-tabletop-truth-');
  for (const [name, opts] of Object.entries(CASES)) {
    const out = join(root, name.replace(/[^a-z]+/g, '-'));
    await generate({ ...opts, out, events: 3000, hours: 24 });
    const truth = TruthSchema.parse(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')));
    const scan = scanTree(out);
    runs.set(name, { truth, scan, byId: new Map(scan.records.map((r) => [r.eventID, r])) });
  }
}, 180_000);

const run = (name: string): Run => runs.get(name)!;
const iso = (t: number): string => new Date(t).toISOString();
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/** "Mar 17, 2026, 11:29:48 AM" (UTC) → ms, parsed by hand. */
function stsDate(text: string): number {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d\d):(\d\d) ([AP]M)$/.exec(text)!;
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[1]!) / 3;
  const h = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  return Date.UTC(Number(m[3]), month, Number(m[2]), h, Number(m[5]), Number(m[6]));
}

function expectMoment(r: Run, m: Moment | null): void {
  if (!m) return;
  if (m.eventId) {
    const e = r.byId.get(m.eventId);
    expect(e, `${m.eventName} ${m.eventId}`).toBeDefined();
    expect(iso(ms(e!.eventTime))).toBe(m.time);
    expect(e!.eventName).toBe(m.eventName);
    expect(e!.sourceIPAddress).toBe(m.sourceIp);
    if (m.requestId) expect(e!['requestID']).toBe(m.requestId);
  } else if (m.requestId) {
    const l = r.scan.lines.find((x) => x.record!.requestId === m.requestId);
    expect(l, m.requestId).toBeDefined();
    expect(iso(l!.record!.time!)).toBe(m.time);
    expect(l!.record!.remoteIp).toBe(m.sourceIp);
  }
}

function attackerActivity(r: Run): { events: CtRecord[]; lines: AccessLine[] } {
  const ips = new Set(r.truth.attacker.ips.map((i) => i.ip));
  return {
    events: r.scan.records.filter((e) => ips.has(e.sourceIPAddress)),
    lines: r.scan.lines.filter((l) => ips.has(l.record!.remoteIp ?? '')),
  };
}

describe.each(Object.keys(CASES))('%s: truth.json agrees with the logs', (name) => {
  it('counts what the files hold', () => {
    const r = run(name);
    expect(r.truth.counts.cloudTrailRecords).toBe(r.scan.records.length);
    expect(r.truth.counts.trailFiles).toBe(r.scan.trailFiles.length);
    expect(r.truth.counts.accessLogLines).toBe(r.scan.lines.length);
    expect(r.truth.counts.accessLogFiles).toBe(r.scan.accessFiles.length);
  });

  it('names exactly the attacker addresses, events and requests in the logs', () => {
    const r = run(name);
    const { events, lines } = attackerActivity(r);
    expect(sorted(events.map((e) => e.eventID))).toEqual(sorted(r.truth.attacker.eventIds));
    expect(sorted(lines.map((l) => l.record!.requestId!))).toEqual(
      sorted(r.truth.attacker.s3RequestIds),
    );
    const seen = new Set([
      ...events.map((e) => e.sourceIPAddress),
      ...lines.map((l) => l.record!.remoteIp!),
    ]);
    expect(sorted(seen)).toEqual(sorted(r.truth.attacker.ips.map((i) => i.ip)));
    // In time order, as the truth says.
    const times = r.truth.attacker.eventIds.map((id) => ms(r.byId.get(id)!.eventTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Tor exits and EC2 (VPS) addresses, by the classifier's own lists.
    for (const ip of r.truth.attacker.ips) {
      const c = classifier.classify(ip.ip);
      expect(c.class, ip.ip).toBe(ip.kind === 'tor' ? 'tor' : 'aws');
    }
    const agents = new Set([
      ...events.map((e) => String(e['userAgent'])),
      ...lines.map((l) => l.record!.userAgent!),
    ]);
    expect(sorted(agents)).toEqual(sorted(r.truth.attacker.userAgents));
  });

  it('places every key moment on a real record, the first malicious use first', () => {
    const r = run(name);
    const k = r.truth.keyMoments;
    for (const m of [k.exposureStart, k.firstMaliciousUse, k.inflectionPoint, k.containment])
      expectMoment(r, m);
    const { events, lines } = attackerActivity(r);
    const first = Math.min(
      ...events.map((e) => ms(e.eventTime)),
      ...lines.map((l) => l.record!.time!),
    );
    expect(k.firstMaliciousUse.time).toBe(iso(first));
    expect(ms(k.exposureStart.time)).toBeLessThanOrEqual(first);
    if (k.inflectionPoint) expect(ms(k.inflectionPoint.time)).toBeGreaterThanOrEqual(first);
    for (const w of r.truth.exposureWindows) {
      if (w.end) expect(ms(w.end)).toBeGreaterThanOrEqual(ms(w.start));
      expectMoment(r, w.openedBy);
      expectMoment(r, w.closedBy);
    }
  });

  it('lists the objects read with the bytes the access logs and data events show', () => {
    const r = run(name);
    const attackerRequests = new Set(r.truth.attacker.s3RequestIds);
    const reads = r.scan.lines.filter(
      (l) =>
        attackerRequests.has(l.record!.requestId!) &&
        l.record!.operation === 'REST.GET.OBJECT' &&
        l.record!.httpStatus === 200,
    );
    const byObject = new Map<string, AccessLine[]>();
    for (const l of reads) {
      const k = `${l.record!.bucket}/${l.record!.key}`;
      byObject.set(k, [...(byObject.get(k) ?? []), l]);
    }
    expect(sorted(r.truth.objectsRead.map((o) => `${o.bucket}/${o.key}`))).toEqual(
      sorted(byObject.keys()),
    );
    for (const o of r.truth.objectsRead) {
      const ls = byObject.get(`${o.bucket}/${o.key}`)!;
      expect(o.reads).toBe(ls.length);
      expect(o.bytesSent).toBe(ls.reduce((a, l) => a + (l.record!.bytesSent ?? 0), 0));
      expect(o.objectSize).toBe(ls[0]!.record!.objectSize);
      expect(o.firstReadAt).toBe(iso(Math.min(...ls.map((l) => l.record!.time!))));
      expect(o.lastReadAt).toBe(iso(Math.max(...ls.map((l) => l.record!.time!))));
      expect(sorted(o.sourceIps)).toEqual(sorted(new Set(ls.map((l) => l.record!.remoteIp!))));
      expect(sorted(o.requestIds)).toEqual(sorted(ls.map((l) => l.record!.requestId!)));
      const dataEvents = r.scan.records.filter(
        (e) => e.eventName === 'GetObject' && o.requestIds.includes(String(e['requestID'])),
      );
      expect(sorted(o.eventIds)).toEqual(sorted(dataEvents.map((e) => e.eventID)));
      for (const e of dataEvents) {
        expect((e['additionalEventData'] as Record<string, unknown>)['bytesTransferredOut']).toBe(
          ls.find((l) => l.record!.requestId === e['requestID'])!.record!.bytesSent,
        );
      }
    }
  });

  it('gives each derived credential the issuing record, expiration and uses the logs show', () => {
    const r = run(name);
    const containedAt = r.truth.keyMoments.containment
      ? ms(r.truth.keyMoments.containment.time)
      : Infinity;
    for (const d of r.truth.credentials.derived) {
      const issued = r.byId.get(d.issuedBy.eventId!)!;
      const res = issued['responseElements'] as Record<string, Record<string, unknown>>;
      const logged = res['credentials'] ?? res['accessKey'];
      expect(logged!['accessKeyId']).toBe(d.accessKeyId);
      if (d.expirationAsLogged) {
        expect(logged!['expiration']).toBe(d.expirationAsLogged);
        expect(d.expiration).toBe(iso(stsDate(d.expirationAsLogged)));
      }
      const uses = r.scan.records
        .filter((e) => e.userIdentity['accessKeyId'] === d.accessKeyId)
        .map((e) => ms(e.eventTime));
      if (uses.length === 0) {
        expect(d.firstUse).toBeNull();
        continue;
      }
      expect(d.firstUse!.time).toBe(iso(Math.min(...uses)));
      expect(d.lastUse!.time).toBe(iso(Math.max(...uses)));
      expect(d.usedAfterParentContained).toBe(uses.some((t) => t >= containedAt));
      if (d.expiration) expect(Math.max(...uses)).toBeLessThan(ms(d.expiration));
    }
  });

  it('lists the notification rules the deadline engine finds for the declared facts', () => {
    const r = run(name);
    const expected: Record<string, string[]> = {
      // 339 employees' SSNs: CA, NY and WA residents must be told; NY's regulator for any count;
      // CA and WA regulators only from 500 residents.
      'leaked-key': [
        'us-ca-individuals',
        'us-ny-individuals',
        'us-ny-regulator',
        'us-wa-individuals',
      ],
      // 12,000 EU customers, passports, high risk: the authority (Art. 33) and the people (Art. 34).
      'public-bucket': ['eu-gdpr-art33', 'eu-gdpr-art34'],
      // No personal data left the account.
      enumeration: [],
    };
    const ids = r.truth.obligations.applicable.map((o) => o.ruleId);
    const noData = r.truth.objectsRead.length === 0 && r.truth.scenario === 'leaked-key';
    expect(sorted(ids)).toEqual(sorted(noData ? [] : expected[r.truth.scenario]!));
    expect(r.truth.obligations.needsAnswer).toEqual([]);
  });
});

describe('leaked key', () => {
  it('stops the leaked key at its deactivation while the derived credentials go on', () => {
    const r = run('leaked-key');
    const leaked = r.truth.credentials.leaked[0]!;
    const off = r.byId.get(leaked.deactivatedBy!.eventId!)!;
    expect(off.eventName).toBe('UpdateAccessKey');
    expect(off['requestParameters']).toMatchObject({
      accessKeyId: leaked.accessKeyId,
      status: 'Inactive',
    });
    const after = r.scan.records.filter(
      (e) =>
        e.userIdentity['accessKeyId'] === leaked.accessKeyId &&
        ms(e.eventTime) >= ms(off.eventTime),
    );
    expect(after).toEqual([]);
    expect(r.truth.credentials.derived.map((d) => d.kind).sort()).toEqual([
      'federation-token',
      'iam-access-key',
    ]);
    expect(r.truth.credentials.derived.every((d) => d.usedAfterParentContained)).toBe(true);
    const fed = r.scan.records.filter((e) => e.userIdentity['type'] === 'FederatedUser');
    expect(fed.length).toBeGreaterThan(0);
    // The first successful write by the attacker is the inflection point.
    const ips = new Set(r.truth.attacker.ips.map((i) => i.ip));
    const writes = r.scan.records
      .filter((e) => ips.has(e.sourceIPAddress) && e['readOnly'] === false && !e['errorCode'])
      .sort((a, b) => ms(a.eventTime) - ms(b.eventTime));
    expect(r.truth.keyMoments.inflectionPoint!.eventId).toBe(writes[0]!.eventID);
    expect(writes[0]!.eventName).toBe('CreateUser');
    // Scanners tried it first, from several addresses, and TruffleHog was first of all.
    const first = r.byId.get(r.truth.keyMoments.firstMaliciousUse.eventId!)!;
    expect(first.eventName).toBe('GetCallerIdentity');
    expect(first['userAgent']).toBe('TruffleHog');
  });

  it('without persistence and containment: no derived keys, data read is the inflection, the key stays open', () => {
    const r = run('leaked-key, no persistence, never contained');
    expect(r.truth.credentials.derived).toEqual([]);
    expect(
      r.scan.records.some((e) => ['CreateUser', 'GetFederationToken'].includes(e.eventName)),
    ).toBe(false);
    expect(r.truth.keyMoments.containment).toBeNull();
    expect(r.truth.exposureWindows[0]!.end).toBeNull();
    expect(r.truth.keyMoments.inflectionPoint!.eventName).toBe('GetObject');
    // The legitimate reporting job keeps using the key to the end of the window.
    const key = r.truth.credentials.leaked[0]!.accessKeyId;
    const legit = r.scan.records.filter(
      (e) => e.userIdentity['accessKeyId'] === key && e.sourceIPAddress === '198.51.100.77',
    );
    expect(Math.max(...legit.map((e) => ms(e.eventTime)))).toBeGreaterThan(
      ms(r.truth.window.end) - 3 * 3600_000,
    );
  });
});

describe('public bucket', () => {
  it.each(['public-bucket (bucket policy)', 'public-bucket (ACL), no data events'])(
    '%s: anonymous reads succeed only while the bucket is public',
    (name) => {
      const r = run(name);
      const b = r.truth.buckets[0]!;
      const opened = b.openedBy[b.openedBy.length - 1]!;
      const closed = b.closedBy!;
      expect(opened.eventName).toBe(b.publicVia === 'acl' ? 'PutBucketAcl' : 'PutBucketPolicy');
      expect(closed.eventName).toBe('PutBucketPublicAccessBlock');
      expect(r.byId.get(closed.eventId!)!['requestParameters']).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      });
      const anon = r.scan.lines.filter((l) => l.record!.anonymous && l.record!.bucket === b.name);
      expect(anon.length).toBeGreaterThan(10);
      for (const l of anon) {
        const t = l.record!.time!;
        const open = t >= ms(opened.time) && t < ms(closed.time);
        const bucketSetting = ['REST.GET.ACL', 'REST.GET.BUCKETPOLICY'].includes(
          l.record!.operation!,
        );
        expect(l.record!.httpStatus === 200, l.text).toBe(open && !bucketSetting);
        if (l.record!.httpStatus === 200)
          expect(l.record!.aclRequired).toBe(b.publicVia === 'acl' ? true : null);
      }
      expect(r.truth.exposureWindows[0]).toMatchObject({ start: opened.time, end: closed.time });
      // The inflection point is the first anonymous read of a customer file.
      const firstCustomerRead = anon
        .filter(
          (l) =>
            l.record!.httpStatus === 200 &&
            l.record!.operation === 'REST.GET.OBJECT' &&
            l.record!.key!.includes('customers-eu'),
        )
        .sort((x, y) => x.record!.time! - y.record!.time!)[0]!;
      expect(r.truth.keyMoments.inflectionPoint!.requestId).toBe(
        firstCustomerRead.record!.requestId,
      );
      // Data events: anonymous GetObject records exist exactly when the trail has them.
      const anonEvents = r.scan.records.filter(
        (e) => e.userIdentity['accountId'] === 'ANONYMOUS_PRINCIPAL',
      );
      expect(anonEvents.length > 0).toBe(b.dataEvents);
    },
  );
});

describe('enumeration', () => {
  it('has a sweep of many services and Regions, mostly refused, then writes, then the explicit deny', () => {
    const r = run('enumeration');
    const key = r.truth.credentials.leaked[0]!.accessKeyId;
    const ips = new Set(r.truth.attacker.ips.map((i) => i.ip));
    const attacks = r.scan.records
      .filter((e) => ips.has(e.sourceIPAddress))
      .sort((a, b) => ms(a.eventTime) - ms(b.eventTime));
    expect(attacks.every((e) => e.userIdentity['accessKeyId'] === key)).toBe(true);
    expect(new Set(attacks.map((e) => e.eventSource)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(attacks.map((e) => e['awsRegion'])).size).toBeGreaterThanOrEqual(6);
    const contained = ms(r.truth.keyMoments.containment!.time);
    const before = attacks.filter((e) => ms(e.eventTime) < contained);
    const denied = before.filter((e) => e['errorCode']);
    expect(denied.length / before.length).toBeGreaterThan(0.4);
    const writes = before.filter((e) => e['readOnly'] === false && !e['errorCode']);
    expect(r.truth.keyMoments.inflectionPoint!.eventId).toBe(writes[0]!.eventID);
    expect(writes.map((e) => e.eventName)).toEqual([
      'CreateKeyPair',
      'AuthorizeSecurityGroupIngress',
      'RunInstances',
    ]);
    const after = attacks.filter((e) => ms(e.eventTime) >= contained);
    expect(after.length).toBeGreaterThan(0);
    for (const e of after) {
      if (e.eventName === 'GetCallerIdentity') expect(e['errorCode']).toBeUndefined();
      else expect(String(e['errorMessage'])).toContain('explicit deny');
    }
    // The stolen session was issued by EC2 (IMDSv1) and the issuing record is in the trail.
    const issued = r.byId.get(r.truth.credentials.leaked[0]!.issuedBy!.eventId!)!;
    expect(issued.userIdentity).toEqual({ type: 'AWSService', invokedBy: 'ec2.amazonaws.com' });
    const session = attacks[0]!.userIdentity['sessionContext'] as Record<string, unknown>;
    expect(session['ec2RoleDelivery']).toBe('1.0');
    expect(r.truth.credentials.leaked[0]!.expiration).toBe(
      iso(
        stsDate(
          (issued['responseElements'] as Record<string, Record<string, string>>)['credentials']![
            'expiration'
          ]!,
        ),
      ),
    );
  });

  it('without writes, the inflection point is the 15th refused call of the sweep', () => {
    const r = run('enumeration without writes');
    const ips = new Set(r.truth.attacker.ips.map((i) => i.ip));
    const denied = r.scan.records
      .filter((e) => ips.has(e.sourceIPAddress) && e['errorCode'])
      .sort(
        (a, b) =>
          ms(a.eventTime) - ms(b.eventTime) ||
          r.truth.attacker.eventIds.indexOf(a.eventID) -
            r.truth.attacker.eventIds.indexOf(b.eventID),
      );
    expect(r.truth.keyMoments.inflectionPoint!.eventId).toBe(denied[14]!.eventID);
    expect(
      r.scan.records.some((e) => ips.has(e.sourceIPAddress) && e.eventName === 'RunInstances'),
    ).toBe(false);
  });
});
