// The per-key roll-ups (migration 5): kept at ingest, rebuilt in SQL, filled by the migration and
// grouped from the events of an older read-only case — each compared with a hand-worked example.
import { describe, expect, it } from 'vitest';
import { keyRollup, type KeyRollupField } from '../../../../src/analysis/activity/key-rollups';
import { lastEventRow, summarizeNewEvents } from '../../../../src/analysis/activity/maintain';
import { rebuildActivity } from '../../../../src/analysis/activity/rebuild';
import { migrate } from '../../../../src/casefile/migrate';
import { viewLegacyEvents } from '../../../../src/casefile/legacy-events';
import { MIGRATIONS } from '../../../../src/casefile/migrations';
import { insertEvents, memoryCase, type Ev } from './db';

const T0 = Date.UTC(2026, 2, 20, 10);
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const ROLE = 'arn:aws:sts::111122223333:assumed-role/ops/session';
const K1 = 'AKIAALICE';
const K2 = 'ASIATEMP';
const HOME = { p: ALICE, k: K1, ip: '203.0.113.7', region: 'us-east-1', ua: 'aws-cli/2' };

const EXAMPLE: Ev[] = [
  { ...HOME, t: T0 + 5000, name: 'ListUsers', ro: true },
  { ...HOME, t: T0 + 1000, name: 'CreateUser', ro: false },
  {
    p: ALICE,
    k: K1,
    ip: '198.51.100.9',
    region: 'eu-west-1',
    ua: 'Boto3',
    source: 'ec2.amazonaws.com',
    t: T0 + 9000,
    name: 'RunInstances',
    ro: false,
    err: 'AccessDenied',
  },
  // No IP, Region or user agent; another service.
  {
    p: ALICE,
    k: K1,
    source: 'sts.amazonaws.com',
    t: T0 + 3000,
    name: 'GetCallerIdentity',
    ro: true,
  },
  {
    p: ROLE,
    k: K2,
    ip: '203.0.113.7',
    region: 'us-east-1',
    ua: 'aws-cli/2',
    source: 's3.amazonaws.com',
    t: T0 + 7000,
    name: 'CreateUser',
    ro: false,
  },
  // No access key: not rolled up.
  { p: ALICE, t: T0 + 2000, name: 'ConsoleLogin', ro: false },
  // readOnly unknown: not among the write calls (those are readOnly false).
  { ...HOME, t: T0 + 4000, name: 'CreateAccessKey' },
];

type Rows = Record<KeyRollupField, [string | null, number, number, number][]>;

/** Worked out by hand from EXAMPLE: [value, calls, first (ms after T0), last]. */
const K1_ROWS: Rows = {
  principalArn: [[ALICE, 5, 1000, 9000]],
  sourceIp: [
    ['203.0.113.7', 3, 1000, 5000],
    [null, 1, 3000, 3000],
    ['198.51.100.9', 1, 9000, 9000],
  ],
  awsRegion: [
    ['us-east-1', 3, 1000, 5000],
    [null, 1, 3000, 3000],
    ['eu-west-1', 1, 9000, 9000],
  ],
  eventSource: [
    ['iam.amazonaws.com', 3, 1000, 5000],
    ['sts.amazonaws.com', 1, 3000, 3000],
    ['ec2.amazonaws.com', 1, 9000, 9000],
  ],
  userAgent: [
    ['aws-cli/2', 3, 1000, 5000],
    [null, 1, 3000, 3000],
    ['Boto3', 1, 9000, 9000],
  ],
  errorCode: [
    [null, 4, 1000, 5000],
    ['AccessDenied', 1, 9000, 9000],
  ],
  writeName: [
    ['CreateUser', 1, 1000, 1000],
    ['RunInstances', 1, 9000, 9000],
  ],
};

const FIELDS = Object.keys(K1_ROWS) as KeyRollupField[];

function expectHandWorked(db: ReturnType<typeof memoryCase>): void {
  for (const field of FIELDS) {
    const got = keyRollup(db, [K1], field).map((r) => [
      r.value,
      r.calls,
      r.firstMs - T0,
      r.lastMs - T0,
    ]);
    expect(got, field).toEqual(K1_ROWS[field]);
  }
  // Two keys add up per value: CreateUser by K1 at +1000 and by K2 at +7000.
  expect(keyRollup(db, [K1, K2], 'writeName')).toEqual([
    { value: 'CreateUser', calls: 2, firstMs: T0 + 1000, lastMs: T0 + 7000 },
    { value: 'RunInstances', calls: 1, firstMs: T0 + 9000, lastMs: T0 + 9000 },
  ]);
  expect(keyRollup(db, [K2], 'principalArn')).toEqual([
    { value: ROLE, calls: 1, firstMs: T0 + 7000, lastMs: T0 + 7000 },
  ]);
  expect(keyRollup(db, ['AKIANEVERSEEN'], 'sourceIp')).toEqual([]);
}

describe('the per-key roll-ups of a hand-worked example', () => {
  it('are kept at ingest, wherever the batches end', () => {
    for (let cut = 0; cut <= EXAMPLE.length; cut++) {
      const db = memoryCase();
      for (const batch of [EXAMPLE.slice(0, cut), EXAMPLE.slice(cut)]) {
        const last = lastEventRow(db);
        insertEvents(db, batch);
        summarizeNewEvents(db, last);
      }
      expectHandWorked(db);
    }
  });

  it('are rebuilt from the events', () => {
    const db = memoryCase();
    insertEvents(db, EXAMPLE);
    db.exec('DELETE FROM key_rollups');
    expect(keyRollup(db, [K1], 'principalArn')).toEqual([]);
    rebuildActivity(db);
    expectHandWorked(db);
  });

  it.each([4, 8])('are filled by migration 9 from the events of a format-%i case', (version) => {
    const db = memoryCase(version);
    insertEvents(db, EXAMPLE);
    if (version === 8) db.exec('DELETE FROM key_rollups');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 9) });
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expectHandWorked(db);
  });

  it('are grouped from the events of a format-4 case that cannot be upgraded', () => {
    const db = memoryCase(4);
    insertEvents(db, EXAMPLE);
    // As a read-only opening shows an older format's events.
    expect(viewLegacyEvents(db)).toBe(true);
    expectHandWorked(db);
  });
});
