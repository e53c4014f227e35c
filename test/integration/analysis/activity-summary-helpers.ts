// Helpers for the activity-summary integration tests: a synthetic trail built to sit on the
// summary's edges, dumps of the summary (as stored, and with case-specific ids resolved), and the
// check that the whole-case enumeration from the summary equals the one from the events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { decodeBucketApis, decodeTupleApis } from '../../../src/analysis/activity/codec';
import { summarySessions } from '../../../src/analysis/activity/summary-sessions';
import { caseClassifier } from '../../../src/analysis/context';
import {
  enumerationAnalysis,
  enumerationFromEvents,
  type EnumerationOptions,
  type EnumerationResult,
} from '../../../src/analysis/enumeration';
import type { Db } from '../../../src/casefile/sqlite';
import { rng } from '../../helpers/rng';

const W = 15 * 60_000;

/** Threshold sets the summary must answer exactly as the events do. */
export const THRESHOLDS: EnumerationOptions[] = [
  {},
  { sessionGapMinutes: 15 },
  { sessionGapMinutes: 15.5 },
  { sessionGapMinutes: 240 },
  { minDenied: 1 },
  { minDistinctApis: 3, minServices: 2 },
  { minDistinctApis: 1, minServices: 1, minDenied: 1 },
  { minDistinctApis: 0, minServices: 0 },
  { minDistinctApis: 1, minServices: 0, minDenied: 100 },
  { minDistinctApis: 1000, minDenied: 1000 },
];

/** What the summary says for these options: sessions, 'no-tuples' or 'not-applicable'. */
export function fromSummary(db: Db, opts: EnumerationOptions): ReturnType<typeof summarySessions> {
  const classifier = caseClassifier(db);
  return summarySessions(
    db,
    {
      sessionGapMinutes: opts.sessionGapMinutes ?? 30,
      minDistinctApis: opts.minDistinctApis ?? 10,
      minServices: opts.minServices ?? 3,
      minDenied: opts.minDenied ?? 5,
    },
    opts,
    (ip) => (ip ? classifier.classify(ip).class : 'unparseable'),
    opts.accessKeyId
      ? { accessKeyId: opts.accessKeyId }
      : opts.principalArn
        ? { principalArn: opts.principalArn }
        : {},
  );
}

/**
 * Every access key and every principal of the case, each with the analysis scoped to it equal to
 * the event path's and answered from the summary. Returns how many scopes had sessions.
 */
export function expectEveryScopeMatches(db: Db, opts: EnumerationOptions = {}): number {
  const values = (column: string): string[] =>
    db
      .prepare(
        `SELECT DISTINCT s.value FROM events e JOIN strings s ON s.id = e.${column} ORDER BY s.value`,
      )
      .pluck()
      .all() as string[];
  let withSessions = 0;
  for (const accessKeyId of values('access_key_id'))
    if (expectSummaryMatchesEvents(db, { ...opts, accessKeyId }).sessions.length) withSessions++;
  for (const principalArn of values('principal_arn'))
    if (expectSummaryMatchesEvents(db, { ...opts, principalArn }).sessions.length) withSessions++;
  return withSessions;
}

/** The analysis equals the event path's, and came from the summary. */
export function expectSummaryMatchesEvents(db: Db, opts: EnumerationOptions): EnumerationResult {
  expect(fromSummary(db, opts), JSON.stringify(opts)).not.toBe('not-applicable');
  const fast = enumerationAnalysis(db, opts);
  expect(fast, JSON.stringify(opts)).toEqual(enumerationFromEvents(db, opts));
  return fast;
}

export interface Dump {
  buckets: unknown[];
  tuples: unknown[];
  rules: unknown[];
  /** The per-key roll-ups (migration 5) that move with the summary. */
  keyRollups: unknown[];
}

/** The summary's rows exactly as stored. */
export function dump(db: Db): Dump {
  const hex = (rows: unknown[]): unknown[] =>
    (rows as Record<string, unknown>[]).map((r) => ({
      ...r,
      apis: (r['apis'] as Buffer).toString('hex'),
    }));
  return {
    buckets: hex(
      db
        .prepare(
          'SELECT * FROM activity_buckets ORDER BY principal_arn, access_key_id, source_ip, bucket',
        )
        .all(),
    ),
    tuples: hex(
      db
        .prepare('SELECT * FROM activity_tuples ORDER BY principal_arn, access_key_id, source_ip')
        .all(),
    ),
    rules: db.prepare('SELECT rules FROM activity_summary').pluck().all(),
    keyRollups: db.prepare('SELECT * FROM key_rollups ORDER BY access_key_id, field, value').all(),
  };
}

/**
 * The summary with string ids replaced by their text and row numbers left out: the same for the
 * same events whatever order they were ingested in (which numbers strings and rows differently).
 */
export function portable(db: Db): { buckets: string[]; tuples: string[]; keyRollups: string[] } {
  const value = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const s = (id: number): string => (id === 0 ? '∅' : (value.get(id) as string));
  const buckets = (
    db.prepare('SELECT * FROM activity_buckets').all() as {
      principal_arn: number;
      access_key_id: number;
      source_ip: number;
      bucket: number;
      calls: number;
      denied: number;
      first_ms: number;
      last_ms: number;
      gap_ms: number | null;
      write_ms: number | null;
      apis: Buffer;
    }[]
  ).map((b) => {
    const apis = decodeBucketApis(b.apis, b.bucket * W)
      .map((a) => `${s(a.source)}:${s(a.name)} ${a.calls}/${a.denied} @${a.firstMs}`)
      .sort();
    return [
      s(b.principal_arn),
      s(b.access_key_id),
      s(b.source_ip),
      b.bucket,
      b.calls,
      b.denied,
      b.first_ms,
      b.last_ms,
      b.gap_ms,
      b.write_ms,
      ...apis,
    ].join(' | ');
  });
  const tuples = (
    db.prepare('SELECT * FROM activity_tuples').all() as (Record<string, number> & {
      apis: Buffer;
    })[]
  ).map((t) => {
    const apis = decodeTupleApis(t.apis, t['first_ms']!)
      .map((a) => `${s(a.source)}:${s(a.name)} ${a.flags} ${a.calls}/${a.denied} @${a.firstMs}`)
      .sort();
    return [
      s(t['principal_arn']!),
      s(t['access_key_id']!),
      s(t['source_ip']!),
      ...[
        'calls',
        'denied',
        'first_ms',
        'last_ms',
        'names',
        'read_apis',
        'read_services',
        'inflection_ok',
        'write_ms',
      ].map((c) => t[c]),
      ...apis,
    ].join(' | ');
  });
  const keyRollups = (
    db.prepare('SELECT * FROM key_rollups').all() as {
      access_key_id: number;
      field: number;
      value: number;
      calls: number;
      first_ms: number;
      last_ms: number;
    }[]
  ).map((r) =>
    [s(r.access_key_id), r.field, s(r.value), r.calls, r.first_ms, r.last_ms].join(' | '),
  );
  return { buckets: buckets.sort(), tuples: tuples.sort(), keyRollups: keyRollups.sort() };
}

const READS = [
  ['iam', 'ListUsers'],
  ['iam', 'ListRoles'],
  ['iam', 'GetAccountAuthorizationDetails'],
  ['ec2', 'DescribeInstances'],
  ['ec2', 'DescribeRegions'],
  ['ec2', 'DescribeSnapshots'],
  ['s3', 'ListBuckets'],
  ['s3', 'GetBucketPolicy'],
  ['s3', 'HeadBucket'],
  ['sts', 'GetCallerIdentity'],
  ['lambda', 'ListFunctions20150331'],
  ['dynamodb', 'BatchGetItem'],
  ['cloudtrail', 'LookupEvents'],
  ['secretsmanager', 'ListSecrets'],
] as const;
const WRITES = [
  ['iam', 'CreateUser'],
  ['iam', 'CreateAccessKey'],
  ['iam', 'AttachUserPolicy'],
  ['ec2', 'CreateKeyPair'],
  ['ec2', 'RunInstances'],
  ['s3', 'PutBucketPolicy'],
  ['cloudtrail', 'StopLogging'],
  ['s3', 'PutObject'],
  ['sts', 'AssumeRole'],
] as const;
const DENIED = ['AccessDenied', 'Client.UnauthorizedOperation', 'AccessDeniedException'];

interface Actor {
  arn: string | null;
  key: string | null;
  ip: string | null;
}

/**
 * A trail of bursts by a few actors: reconnaissance, denied probing, inflection writes and
 * routine calls; gaps just under, at and over 15 and 30 minutes; calls sharing a millisecond;
 * bucket edges; records without a principal, key, IP or event source. Written as `files`
 * CloudTrail files (about 3,000 records in all) whose order is not the order of time.
 */
export function writeSyntheticTrail(dir: string, seed: number, files = 24): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const actors: Actor[] = [
    { arn: 'arn:aws:iam::111122223333:user/intruder', key: 'AKIAINTRUDER0001', ip: '203.0.113.9' },
    { arn: 'arn:aws:iam::111122223333:user/intruder', key: 'AKIAINTRUDER0001', ip: '198.51.100.4' },
    { arn: 'arn:aws:iam::111122223333:user/dev', key: 'AKIADEV000000001', ip: '10.0.0.5' },
    { arn: 'arn:aws:iam::111122223333:user/dev', key: null, ip: '10.0.0.5' }, // console
    { arn: 'arn:aws:iam::111122223333:root', key: null, ip: null },
    { arn: null, key: 'AKIANOPRINCIPAL1', ip: '192.0.2.1' },
    { arn: null, key: null, ip: '192.0.2.77' },
    {
      arn: 'arn:aws:sts::111122223333:assumed-role/ci/run',
      key: 'ASIACI0000000001',
      ip: '10.0.9.9',
    },
    // Calls a source whose name has a colon: "odd:GetWidget:PutObject" reads as a Get API.
    { arn: 'arn:aws:iam::111122223333:user/odd', key: 'AKIAODD000000001', ip: '192.0.2.200' },
  ];
  const records: Record<string, unknown>[] = [];
  let t = Date.UTC(2026, 2, 16, 0, 0, 0);
  const gaps = [0, W - 1, W, W + 1, 2 * W, 2 * W + 1, 30 * 60_000 - 1, 4 * W, 30 * W];
  while (records.length < 3000) {
    const who = pick(actors);
    const style = r();
    const burst = 5 + Math.floor(r() * 60);
    for (let i = 0; i < burst; i++) {
      const step = r();
      t +=
        step < 0.12 ? 0 : step < 0.16 ? W - (t % W) : step < 0.2 ? W - 1 - (t % W) : r() * 40_000;
      t = Math.floor(t);
      const write = style > 0.8 && r() < 0.15;
      const odd = who.arn?.endsWith('/odd') === true;
      const [svc, name] = odd ? ['odd:GetWidget', 'PutObject'] : write ? pick(WRITES) : pick(READS);
      const denied = !odd && (style < 0.3 ? r() < 0.7 : r() < 0.05);
      const source = odd ? svc : r() < 0.02 ? undefined : r() < 0.01 ? '?' : `${svc}.amazonaws.com`;
      // Mostly labelled as CloudTrail labels them; some unlabelled, a few the wrong way round.
      const readOnly = r() < 0.25 ? undefined : r() < 0.05 ? write : !write;
      records.push({
        eventVersion: '1.08',
        eventID: `0000${seed}-${records.length.toString().padStart(6, '0')}-synthetic`,
        eventTime: new Date(t).toISOString(),
        ...(source === undefined ? {} : { eventSource: source }),
        eventName: name,
        awsRegion: 'eu-west-1',
        ...(who.ip ? { sourceIPAddress: who.ip } : {}),
        userIdentity: {
          type: who.arn?.includes(':root') ? 'Root' : 'IAMUser',
          ...(who.arn ? { arn: who.arn } : {}),
          ...(who.key ? { accessKeyId: who.key } : {}),
        },
        ...(denied ? { errorCode: pick(DENIED) } : r() < 0.03 ? { errorCode: 'NoSuchEntity' } : {}),
        ...(readOnly === undefined ? {} : { readOnly }),
      });
    }
    t += pick(gaps);
  }
  mkdirSync(dir, { recursive: true });
  const order = Array.from({ length: files }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const per = Math.ceil(records.length / files);
  return order.map((n, i) => {
    const path = join(dir, `trail-${String(i).padStart(3, '0')}.json`);
    writeFileSync(path, JSON.stringify({ Records: records.slice(n * per, (n + 1) * per) }));
    return path;
  });
}
