// The activity summary kept at ingest (maintain.ts), rebuilt in SQL (rebuild.ts) and filled by
// migration 7: a hand-worked example, every split of it into batches, and random events split
// at random, all compared with the rows worked out by hand or with a rebuild from scratch.
import { describe, expect, it } from 'vitest';
import {
  activitySummaryCurrent,
  lastEventRow,
  summarizeNewEvents,
} from '../../../../src/analysis/activity/maintain';
import { rebuildActivity } from '../../../../src/analysis/activity/rebuild';
import {
  ACTIVITY_RULES_FINGERPRINT,
  DENIED_CODES,
  INFLECTION_WRITES,
} from '../../../../src/analysis/activity/rules';
import { migrate } from '../../../../src/casefile/migrate';
import { MIGRATIONS } from '../../../../src/casefile/migrations';
import {
  dumpSummary,
  insertEvents,
  memoryCase,
  rng,
  sid,
  varints,
  W,
  type Ev,
  type SummaryDump,
} from './db';

const T0 = 1000 * W;
const A = { p: 'arn:aws:iam::111122223333:user/alice', k: 'AKIAALICE', ip: '203.0.113.7' };

/** Rows 1–7. Row 3 is earlier in time than rows 1–2; rows 1 and 2 share a millisecond. */
const EXAMPLE: Ev[] = [
  { ...A, t: T0 + 5000, name: 'ListUsers' },
  { ...A, t: T0 + 5000, name: 'GetUser', err: 'AccessDenied' },
  { ...A, t: T0 + 1000, name: 'ListUsers', err: 'AccessDenied' },
  { ...A, t: T0 + W - 1, name: 'CreateUser', ro: false },
  // The next bucket's first millisecond; no readOnly flag: a write by its name.
  { ...A, t: T0 + W, name: 'CreateAccessKey' },
  { ...A, t: T0 + W + 10, name: 'DescribeInstances', source: 'ec2.amazonaws.com', ro: true },
  // No principal, key, IP or event source.
  { t: T0 + 2, name: 'GetCallerIdentity', source: null, err: 'Client.UnauthorizedOperation' },
];

/** Zigzag, written out for the test: 0, -1, 1, -2, 2 → 0, 1, 2, 3, 4. */
const zz = (d: number): number => (d >= 0 ? 2 * d : -2 * d - 1);

function expectHandWorkedRows(db: ReturnType<typeof memoryCase>): void {
  const id = (v: string): number => sid(db, v);
  const [p, k, ip, iam, ec2] = [
    id(A.p),
    id(A.k),
    id(A.ip),
    id('iam.amazonaws.com'),
    id('ec2.amazonaws.com'),
  ];
  const n = (name: string): number => id(name);
  const d = dumpSummary(db);
  expect(d.rules).toEqual([ACTIVITY_RULES_FINGERPRINT]);
  const rows = d.buckets.map(({ apis, ...r }) => ({ ...r, apis: varints(apis as string) }));
  expect(rows).toEqual([
    {
      principal_arn: 0,
      access_key_id: 0,
      source_ip: 0,
      bucket: 1000,
      calls: 1,
      denied: 1,
      first_ms: T0 + 2,
      last_ms: T0 + 2,
      gap_ms: null,
      write_ms: null,
      write_row: null,
      apis: [0, n('GetCallerIdentity'), 1, 1, 2, zz(7)],
    },
    {
      principal_arn: p,
      access_key_id: k,
      source_ip: ip,
      bucket: 1000,
      calls: 4,
      denied: 2,
      first_ms: T0 + 1000,
      last_ms: T0 + W - 1,
      gap_ms: null,
      write_ms: T0 + W - 1,
      write_row: 4,
      // ListUsers first (row 3 at +1 s), then GetUser (row 2 at +5 s), then CreateUser.
      apis: [
        ...[iam, n('ListUsers'), 2, 1, 1000, zz(3)],
        ...[iam, n('GetUser'), 1, 1, 4000, zz(2 - 3)],
        ...[iam, n('CreateUser'), 1, 0, W - 1 - 5000, zz(4 - 2)],
      ],
    },
    {
      principal_arn: p,
      access_key_id: k,
      source_ip: ip,
      bucket: 1001,
      calls: 2,
      denied: 0,
      first_ms: T0 + W,
      last_ms: T0 + W + 10,
      // From the previous bucket's last call (T0 + W - 1).
      gap_ms: 1,
      write_ms: T0 + W,
      write_row: 5,
      apis: [
        ...[iam, n('CreateAccessKey'), 1, 0, 0, zz(5)],
        ...[ec2, n('DescribeInstances'), 1, 0, 10, zz(1)],
      ],
    },
  ]);
  // Per API in first-occurrence order: source, name × 8 + flags (1 denied, 2 may be a read API,
  // 4 read name), calls, denied, first call as a step from the one before (the first from the
  // tuple's first call), first row as a zigzag step.
  const tuples = d.tuples.map(({ apis, ...r }) => ({ ...r, apis: varints(apis as string) }));
  expect(tuples).toEqual([
    {
      principal_arn: 0,
      access_key_id: 0,
      source_ip: 0,
      calls: 1,
      denied: 1,
      first_ms: T0 + 2,
      first_row: 7,
      last_ms: T0 + 2,
      names: 1,
      read_apis: 1,
      read_services: 1,
      inflection_ok: 0,
      write_ms: null,
      write_row: null,
      apis: [0, n('GetCallerIdentity') * 8 + 7, 1, 1, 0, zz(7)],
    },
    {
      principal_arn: p,
      access_key_id: k,
      source_ip: ip,
      calls: 6,
      denied: 2,
      first_ms: T0 + 1000,
      first_row: 3,
      last_ms: T0 + W + 10,
      names: 5,
      read_apis: 3,
      read_services: 2,
      inflection_ok: 1,
      write_ms: T0 + W - 1,
      write_row: 4,
      apis: [
        ...[iam, n('ListUsers') * 8 + 7, 2, 1, 0, zz(3)],
        ...[iam, n('GetUser') * 8 + 7, 1, 1, 4000, zz(2 - 3)],
        ...[iam, n('CreateUser') * 8 + 0, 1, 0, W - 1 - 5000, zz(4 - 2)],
        ...[iam, n('CreateAccessKey') * 8 + 0, 1, 0, 1, zz(5 - 4)],
        ...[ec2, n('DescribeInstances') * 8 + 6, 1, 0, 10, zz(6 - 5)],
      ],
    },
  ]);
}

/** Inserts the events batch by batch, folding each batch in as the ingest does. */
function maintained(batches: readonly (readonly Ev[])[]): ReturnType<typeof memoryCase> {
  const db = memoryCase();
  for (const b of batches) {
    const last = lastEventRow(db);
    insertEvents(db, b);
    expect(summarizeNewEvents(db, last)).toEqual({ rebuilt: false });
  }
  return db;
}

function rebuiltDump(db: ReturnType<typeof memoryCase>): SummaryDump {
  rebuildActivity(db);
  return dumpSummary(db);
}

describe('the activity summary of a hand-worked example', () => {
  it('is kept at ingest as worked out by hand', () => {
    expectHandWorkedRows(maintained([EXAMPLE]));
  });

  it('is rebuilt from the events as worked out by hand', () => {
    const db = memoryCase();
    insertEvents(db, EXAMPLE);
    rebuildActivity(db);
    expectHandWorkedRows(db);
  });

  it.each([3, 6, 8])(
    'is filled by migration 9 from the events of a format-%i case as worked out by hand',
    (version) => {
      const db = memoryCase(version);
      insertEvents(db, EXAMPLE);
      if (version === 6)
        // A format-6 summary of the first rows only, in the old layout: migration 7 replaces it.
        db.exec(`INSERT INTO activity_tuples VALUES (1, 2, 3, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, x'00');
          INSERT INTO activity_summary VALUES (1, 'format-1-fingerprint')`);
      if (version === 8)
        // A format-8 summary that is wrong: migration 9 rebuilds it from the events it moves.
        db.exec(`DELETE FROM activity_buckets; DELETE FROM activity_tuples;
          INSERT INTO activity_tuples VALUES (1, 2, 3, 1, 0, 0, 1, 0, 1, 0, 0, 0, NULL, NULL, x'00');`);
      migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 9) });
      expect(db.pragma('user_version', { simple: true })).toBe(9);
      expectHandWorkedRows(db);
    },
  );

  it('does not depend on where the batches end', () => {
    const whole = dumpSummary(maintained([EXAMPLE]));
    for (let cut = 1; cut < EXAMPLE.length; cut++)
      expect(dumpSummary(maintained([EXAMPLE.slice(0, cut), EXAMPLE.slice(cut)]))).toEqual(whole);
    expect(dumpSummary(maintained(EXAMPLE.map((e) => [e])))).toEqual(whole);
  });

  it('sets the gap of the bucket after one a later batch fills in', () => {
    // Buckets 1000 and 1002 first; then 1001, right before the tuple's last stored bucket.
    const db = maintained([
      [
        { ...A, t: T0 + 10, name: 'ListUsers' },
        { ...A, t: T0 + 2 * W + 20, name: 'ListUsers' },
      ],
      [{ ...A, t: T0 + W + 30, name: 'GetUser' }],
    ]);
    const gaps = db.prepare('SELECT bucket, gap_ms FROM activity_buckets ORDER BY bucket').all();
    expect(gaps).toEqual([
      { bucket: 1000, gap_ms: null },
      { bucket: 1001, gap_ms: W + 20 },
      { bucket: 1002, gap_ms: W - 10 },
    ]);
    expect(rebuiltDump(db)).toEqual(dumpSummary(db));
  });

  it('leaves the summary alone when a batch added no events (all duplicates)', () => {
    const db = maintained([EXAMPLE]);
    const before = dumpSummary(db);
    expect(summarizeNewEvents(db, lastEventRow(db))).toEqual({ rebuilt: false });
    expect(dumpSummary(db)).toEqual(before);
  });
});

describe('the rules the summary is built under', () => {
  it('change only with a migration that rebuilds the summary', () => {
    // A case opened only to read is not upgraded, and reads a summary built under other rules
    // call by call instead (half a second for a busy key). So a change to the rules must come
    // with a migration that rebuilds the summary, as migration 7 does; then update this value.
    expect(ACTIVITY_RULES_FINGERPRINT).toBe('116f6cc378fabd83');
  });
});

describe('the activity summary under other rules', () => {
  it('is not current, and the next batch rebuilds it from every event', () => {
    const db = maintained([EXAMPLE.slice(0, 4)]);
    expect(activitySummaryCurrent(db)).toBe(true);
    db.exec(
      "UPDATE activity_summary SET rules = 'built-by-an-older-cairn'; DELETE FROM activity_buckets WHERE bucket = 1000",
    );
    expect(activitySummaryCurrent(db)).toBe(false);
    const last = lastEventRow(db);
    insertEvents(db, EXAMPLE.slice(4));
    expect(summarizeNewEvents(db, last)).toEqual({ rebuilt: true });
    expect(activitySummaryCurrent(db)).toBe(true);
    expectHandWorkedRows(db);
  });

  it('is never current in a format-3 case, which has no summary', () => {
    expect(activitySummaryCurrent(memoryCase(3))).toBe(false);
  });
});

const NAMES = [
  ...[...INFLECTION_WRITES].slice(0, 12),
  'CreateKeyPair',
  'RunInstances',
  'ListBuckets',
  'GetObject',
  'DescribeRegions',
  'BatchGetItem',
  'HeadBucket',
  'LookupEvents',
  'SearchResources',
  'ConsoleLogin',
  'AssumeRole',
  'PutObject',
  'Getaway', // a read prefix without being a read API: the rules look at the prefix only
];
const SOURCES = [
  'iam.amazonaws.com',
  'ec2.amazonaws.com',
  's3.amazonaws.com',
  'sts.amazonaws.com',
  '?', // the text the analysis shows for a missing source
  'odd:GetSource', // a colon makes "source:name" ambiguous
  null,
];
const ERRORS = [...DENIED_CODES, 'ThrottlingException', 'NoSuchEntity', null, null, null, null];

/** Random events in bursts, with shared milliseconds, bucket edges and times out of order. */
function randomEvents(seed: number, count: number): Ev[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const who = Array.from({ length: 9 }, (_, i) => ({
    p: i === 0 ? null : `arn:aws:iam::1:user/u${i % 5}`,
    k: i % 3 === 0 ? null : `AKIA${i % 4}`,
    ip: i === 4 ? null : `198.51.100.${i % 3}`,
  }));
  const out: Ev[] = [];
  let t = T0 - 3 * W; // crosses zero-offset buckets and several days
  while (out.length < count) {
    const w = pick(who);
    const burst = 1 + Math.floor(r() * 40);
    for (let i = 0; i < burst && out.length < count; i++) {
      const roll = r();
      // Same millisecond, a bucket's last or first millisecond, or a short step.
      t += roll < 0.1 ? 0 : roll < 0.15 ? W - 1 - (t % W) : roll < 0.2 ? W - (t % W) : r() * 90_000;
      t = Math.floor(t);
      const ro = r();
      out.push({
        ...w,
        t,
        name: pick(NAMES),
        source: pick(SOURCES),
        err: pick(ERRORS),
        ro: ro < 0.3 ? null : ro < 0.65,
        region: pick(['us-east-1', 'eu-west-1', null]),
        ua: pick(['aws-cli/2', 'Boto3', null]),
      });
    }
    // Quiet gaps around the 15-minute mark and longer.
    t += pick([0, W - 1, W, W + 1, 3 * W, 20 * W]);
  }
  // Files do not arrive in time order: shuffle whole stretches.
  const chunks: Ev[][] = [];
  for (let i = 0; i < out.length; i += 97) chunks.push(out.slice(i, i + 97));
  for (let i = chunks.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [chunks[i], chunks[j]] = [chunks[j]!, chunks[i]!];
  }
  return chunks.flat();
}

function randomBatches(events: Ev[], seed: number): Ev[][] {
  const r = rng(seed);
  const out: Ev[][] = [];
  for (let i = 0; i < events.length;) {
    const size = r() < 0.2 ? 1 : 1 + Math.floor(r() * 400);
    out.push(events.slice(i, i + size));
    i += size;
  }
  return out;
}

describe('the activity summary of random events', () => {
  it.each([1, 2, 3])(
    'is the same kept batch by batch as rebuilt from scratch (seed %i)',
    (seed) => {
      const events = randomEvents(seed, 3000);
      const one = maintained([events]);
      const oneDump = dumpSummary(one);
      expect(oneDump.buckets.length).toBeGreaterThan(50);
      expect(rebuiltDump(one)).toEqual(oneDump);
      for (const split of [seed * 10, seed * 10 + 1])
        expect(dumpSummary(maintained(randomBatches(events, split)))).toEqual(oneDump);
    },
  );

  it.each([1, 2, 3])(
    'is the same kept batch by batch as rebuilt when the batches come in random order (seed %i)',
    (seed) => {
      // Rows are numbered in arrival order, so compare with a rebuild of the same case. Batches
      // that land before, between and after stored buckets exercise every gap update.
      const r = rng(seed + 100);
      const batches = randomBatches(randomEvents(seed, 3000), seed * 10 + 2)
        .map((b) => ({ b, order: r() }))
        .sort((x, y) => x.order - y.order)
        .map(({ b }) => b);
      const db = maintained(batches);
      const kept = dumpSummary(db);
      expect(kept.buckets.filter((b) => b['gap_ms'] !== null).length).toBeGreaterThan(50);
      expect(rebuiltDump(db)).toEqual(kept);
    },
  );

  it('is the same when migration 9 fills the summary from the events of a format-3 case', () => {
    const events = randomEvents(4, 2000);
    const old = memoryCase(3);
    insertEvents(old, events);
    migrate(old, ':memory:', { migrations: MIGRATIONS });
    expect(dumpSummary(old)).toEqual(dumpSummary(maintained(randomBatches(events, 5))));
  });
});
