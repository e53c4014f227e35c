// The whole-case enumeration answered from the ingest-time activity summary (migration 4) must
// be the one the events give (enumerationFromEvents, the reference), on real samples, generated
// incidents and a synthetic trail built on the summary's edges; the summary must not depend on
// batches or file order; migration 4 must fill it for an older case; other rules rebuild it; and
// what it cannot answer goes to the events.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildActivity } from '../../../src/analysis/activity/rebuild';
import { enumerationAnalysis, enumerationFromEvents } from '../../../src/analysis/enumeration';
import type { ApiContext } from '../../../src/api';
import { iterateAudit } from '../../../src/casefile/audit';
import { MIGRATIONS } from '../../../src/casefile/migrations';
import { openCaseFile } from '../../../src/casefile/open';
import type { Db } from '../../../src/casefile/sqlite';
import { verifyCase } from '../../../src/casefile/verify';
import { newCase, testContext } from '../../helpers/case';
import { eventsAsFormat8 } from '../../helpers/old-case';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir, freshDir } from '../../helpers/tmp';
import { DATA } from '../ingest/oracle';
import { generatedCase } from '../tabletop/scenario';
import {
  dump,
  expectEveryScopeMatches,
  expectSummaryMatchesEvents,
  fromSummary,
  portable,
  THRESHOLDS,
  writeSyntheticTrail,
} from './activity-summary-helpers';

const STRATUS = join(DATA, 'stratus-red-team/detonation-logs');
const SAMPLES = [
  'stratus-red-team',
  'panther-analysis',
  'otrf-security-datasets',
  'plaso',
  'streamalert',
  'openregister-sumologic-fixture',
  'lookup-events',
].map((d) => join(DATA, d));

interface Built {
  ctx: ApiContext;
  path: string;
}

async function caseWith(sources: string[][], dir = freshDir()): Promise<Built> {
  const ctx = testContext();
  const { path } = await newCase(ctx, { dir });
  for (const s of sources) await ingest(ctx, { path, sources: s });
  return { ctx, path };
}

const db = (c: Built): Db => c.ctx.cases.forRead(c.path).db;

/** The file's audit entries of one action, payloads parsed. */
function audited(d: Db, action: string): Record<string, unknown>[] {
  return [...iterateAudit(d)]
    .filter((e) => e.action === action)
    .map((e) => JSON.parse(e.payload) as Record<string, unknown>);
}

/** A closed copy of the case file, for changes the original must not see. */
function copyOf(c: Built, name: string): string {
  c.ctx.cases.closeAll();
  const to = join(freshDir(), name);
  copyFileSync(c.path, to);
  if (existsSync(`${c.path}-wal`)) copyFileSync(`${c.path}-wal`, `${to}-wal`);
  return to;
}

/** Tuples with a quiet gap over 30 minutes (read bucket by bucket), and the others (read whole). */
function tupleShapes(d: Db): { split: number; whole: number } {
  const count = (sql: string): number => d.prepare(sql).pluck().get() as number;
  const split = count(`SELECT COUNT(*) FROM (SELECT DISTINCT principal_arn, access_key_id,
    source_ip FROM activity_buckets WHERE gap_ms > ${30 * 60_000})`);
  return { split, whole: count('SELECT COUNT(*) FROM activity_tuples') - split };
}

describe('the whole-case enumeration from the summary equals the one from the events', () => {
  describe('on every real sample in one case', () => {
    let c: Built;
    beforeAll(async () => {
      c = await caseWith([SAMPLES], fileScopedDir());
    }, 120_000);

    it.each(THRESHOLDS)('with thresholds %j', (opts) => {
      expectSummaryMatchesEvents(db(c), opts);
    });

    it('has tuples read whole and tuples split by a long gap, at the default session gap', () => {
      const { split, whole } = tupleShapes(db(c));
      expect(split).toBeGreaterThan(3);
      expect(whole).toBeGreaterThan(3);
    });

    it('has sessions to compare: the Stratus admin-user capture is an active compromise', () => {
      const r = expectSummaryMatchesEvents(db(c), {});
      expect(r.verdict).toBe('active-compromise');
      expect(r.sessions.length).toBeGreaterThan(5);
      expect(new Set(r.sessions.map((s) => s.classification))).toEqual(
        new Set(['active-compromise', 'probing', 'recon']),
      );
    });

    it('for each access key and each principal on its own, routine sessions included', () => {
      const scopes = expectEveryScopeMatches(db(c));
      expect(scopes).toBeGreaterThan(20);
      expect(expectEveryScopeMatches(db(c), { minDistinctApis: 2, minServices: 1 })).toBe(scopes);
      const unknown = expectSummaryMatchesEvents(db(c), { accessKeyId: 'AKIANEVERSEENINCASE' });
      expect(unknown.verdict).toBe('no-data');
    });

    it('with a time range that holds every event', () => {
      const span = db(c)
        .prepare('SELECT MIN(time_ms) AS a, MAX(time_ms) AS b FROM events')
        .get() as {
        a: number;
        b: number;
      };
      expectSummaryMatchesEvents(db(c), { fromMs: span.a, toMs: span.b });
      expectSummaryMatchesEvents(db(c), { fromMs: 0 });
    });
  });

  it('on each Stratus Red Team capture in its own case', async () => {
    const files = readdirSync(STRATUS).sort();
    expect(files).toHaveLength(35);
    const verdicts = new Set<string>();
    for (const f of files) {
      const c = await caseWith([[join(STRATUS, f)]]);
      verdicts.add(expectSummaryMatchesEvents(db(c), {}).verdict);
      expectSummaryMatchesEvents(db(c), { minDenied: 1, minDistinctApis: 3, minServices: 1 });
      c.ctx.cases.closeAll();
    }
    // Most captures are a handful of calls that cross no threshold ('no-data': no group to read).
    expect([...verdicts].sort()).toEqual(['active-compromise', 'no-data', 'probing']);
  }, 180_000);

  describe.each([1, 2])('on a synthetic trail on the summary’s edges (seed %i)', (seed) => {
    let c: Built;
    beforeAll(async () => {
      const dir = fileScopedDir();
      c = await caseWith([writeSyntheticTrail(join(dir, 'trail'), seed)], dir);
    }, 120_000);

    it.each(THRESHOLDS)('with thresholds %j', (opts) => {
      const r = expectSummaryMatchesEvents(db(c), opts);
      if (opts.minDistinctApis === 0) expect(r.sessions.length).toBeGreaterThan(20);
    });

    it('has tuples split by a long gap at the default session gap', () => {
      expect(tupleShapes(db(c)).split).toBeGreaterThan(3);
    });
  });

  describe.each([
    ['enumeration', 1],
    ['enumeration', 2],
    ['leaked-key', 1],
    ['leaked-key', 2],
    ['public-bucket', 1],
    ['public-bucket', 3],
  ] as const)('on the generated %s incident (seed %i)', (scenario, seed) => {
    let c: Built;
    beforeAll(async () => {
      c = await generatedCase(fileScopedDir(), { scenario, seed });
    }, 120_000);

    it.each([{}, { sessionGapMinutes: 60, minDenied: 2 }, { minDistinctApis: 4, minServices: 2 }])(
      'with thresholds %j',
      (opts) => {
        expectSummaryMatchesEvents(db(c), opts);
      },
    );

    it('scoped to the incident key and to each principal', () => {
      expect(expectEveryScopeMatches(db(c))).toBeGreaterThan(0);
    });
  });
});

describe('the summary of the same events', () => {
  it('does not depend on batch boundaries or file order', async () => {
    const dir = freshDir();
    const files = [
      ...writeSyntheticTrail(join(dir, 'trail'), 3, 12),
      join(STRATUS, 'aws.persistence.iam-create-admin-user.json'),
      join(STRATUS, 'aws.credential-access.ec2-get-password-data.json'),
      join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json'),
    ];
    // A folder is one source, walked in name order, committed in batches of up to 64 files.
    const folder = (name: string, order: string[]): string => {
      const to = join(dir, name);
      mkdirSync(to);
      order.forEach((f, i) => copyFileSync(f, join(to, `${String(i).padStart(2, '0')}.json`)));
      return to;
    };
    const together = await caseWith([[folder('in-order', files)]]);
    const oneByOne = await caseWith(files.map((f) => [f]));
    const reversed = await caseWith([[folder('reversed', [...files].reverse())]]);
    expect(audited(db(together), 'ingest.files')).toHaveLength(1);
    expect(audited(db(oneByOne), 'ingest.files')).toHaveLength(files.length);

    const stored = dump(db(together));
    expect(stored.buckets.length).toBeGreaterThan(100);
    expect(dump(db(oneByOne))).toEqual(stored);
    expect(portable(db(reversed))).toEqual(portable(db(together)));
    expect(dump(db(reversed))).not.toEqual(stored); // rows and strings are numbered differently
    for (const c of [together, oneByOne, reversed]) {
      const before = dump(db(c));
      c.ctx.cases.closeAll();
      const f = openCaseFile(c.path);
      f.db.transaction(() => rebuildActivity(f.db))();
      expect(dump(f.db)).toEqual(before);
      f.close();
    }
  }, 120_000);
});

describe('migrations 4, 5, 7 and 9 on a case file that already holds events', () => {
  it('fill the summary and key roll-ups as the ingest would have kept them, and record the upgrade', async () => {
    const c = await caseWith([SAMPLES.slice(0, 3)]);
    const kept = dump(db(c));
    const old = copyOf(c, 'format-3.cairn');
    // The file a format-3 Cairn would have written: the same events (in the row layout before
    // format 9), no summary, no roll-ups.
    const raw = new Database(old);
    raw.exec(
      'DROP TABLE key_rollups; DROP INDEX source_files_file; DROP TABLE activity_buckets; DROP TABLE activity_tuples; DROP TABLE activity_summary; PRAGMA user_version = 3',
    );
    eventsAsFormat8(raw);
    raw.close();

    // Read-only media cannot be upgraded: the analysis reads the events, through today's layout.
    const readOnly = openCaseFile(old, { readonly: true });
    expect(readOnly.schemaVersion).toBe(3);
    expect(fromSummary(readOnly.db, {})).toBe('not-applicable');
    const fromOld = enumerationAnalysis(readOnly.db, {});
    expect(fromOld.verdict).toBe('active-compromise');
    expect(fromOld).toEqual(enumerationFromEvents(db(c), {}));
    readOnly.close();

    // All but migrations 6 and 8: the evidence here is already in its shape, the events in
    // format 6's. Migration 9 moves them and fills the summary and key roll-ups.
    const upgraded = openCaseFile(old, {
      migrations: MIGRATIONS.filter((m) => m.version !== 6 && m.version !== 8),
    });
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(9);
    expect(dump(upgraded.db)).toEqual(kept);
    expect(audited(upgraded.db, 'case.upgrade').at(-1)).toMatchObject({
      fromFormat: 3,
      toFormat: 9,
    });
    expect(verifyCase(upgraded.db, old).ok).toBe(true);
    expectSummaryMatchesEvents(upgraded.db, {});
    upgraded.close();
  }, 120_000);
});

describe('a summary built under other rules', () => {
  it('is not read, and the next ingest rebuilds it and says so in the audit log', async () => {
    const c = await caseWith([[join(STRATUS, 'aws.persistence.iam-create-admin-user.json')]]);
    const right = dump(db(c));
    c.ctx.cases.closeAll();
    const raw = new Database(c.path);
    raw.exec(
      "UPDATE activity_summary SET rules = 'an-older-fingerprint'; DELETE FROM activity_buckets",
    );
    raw.close();

    const stale = db(c);
    expect(fromSummary(stale, {})).toBe('not-applicable');
    const fromEvents = enumerationFromEvents(stale, {});
    expect(fromEvents.verdict).toBe('active-compromise');
    expect(enumerationAnalysis(stale, {})).toEqual(fromEvents);

    await ingest(c.ctx, {
      path: c.path,
      sources: [join(STRATUS, 'aws.credential-access.ec2-get-password-data.json')],
    });
    const after = db(c);
    const entries = audited(after, 'ingest.files');
    expect(entries.at(-1)).toMatchObject({ activitySummary: 'rebuilt under the current rules' });
    expect(entries.slice(0, -1).every((e) => !('activitySummary' in e))).toBe(true);
    const rebuilt = dump(after);
    expect(rebuilt.buckets.length).toBeGreaterThan(right.buckets.length);
    expectSummaryMatchesEvents(after, {});

    // A later ingest adds to the rebuilt summary without rebuilding it again.
    await ingest(c.ctx, {
      path: c.path,
      sources: [join(STRATUS, 'aws.discovery.ec2-download-user-data.json')],
    });
    expect(audited(db(c), 'ingest.files').at(-1)).not.toHaveProperty('activitySummary');
    expectSummaryMatchesEvents(db(c), { minDenied: 1 });
  }, 120_000);
});

describe('the events behind a key with more calls than one page of rows', () => {
  it('are all read by the event path, and the summary agrees', async () => {
    const dir = freshDir();
    const key = 'AKIAMANYCALLS00001';
    const start = Date.UTC(2026, 2, 16);
    // 60,000 calls 4 s apart, with an hour's pause after every 10,000: six sessions.
    const times = Array.from(
      { length: 60_000 },
      (_, i) => start + i * 4000 + Math.floor(i / 10_000) * 3_600_000,
    );
    mkdirSync(join(dir, 'trail'));
    for (let f = 0; f < 6; f++)
      writeFileSync(
        join(dir, 'trail', `part-${f}.json`),
        JSON.stringify({
          Records: times.slice(f * 10_000, (f + 1) * 10_000).map((t, i) => ({
            eventVersion: '1.08',
            eventID: `many-${f}-${i}`,
            eventTime: new Date(t).toISOString(),
            eventSource: i % 2 ? 'iam.amazonaws.com' : 'ec2.amazonaws.com',
            eventName: i % 2 ? 'ListUsers' : 'DescribeInstances',
            errorCode: i % 100 === 0 ? 'AccessDenied' : undefined,
            sourceIPAddress: '203.0.113.50',
            userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/busy', accessKeyId: key },
          })),
        }),
      );
    const c = await caseWith([[join(dir, 'trail')]]);
    const scoped = enumerationAnalysis(db(c), { accessKeyId: key });
    expect(scoped.sessions.map((s) => s.calls)).toEqual(Array(6).fill(10_000));
    expect(scoped.sessions.at(-1)!.end).toBe(new Date(times.at(-1)!).toISOString());
    const whole = expectSummaryMatchesEvents(db(c), {});
    expect(whole.sessions.map((s) => s.classification)).toEqual(Array(6).fill('probing'));
  }, 120_000);
});

describe('what the summary cannot answer', () => {
  let c: Built;
  let span: { a: number; b: number };
  beforeAll(async () => {
    c = await caseWith([SAMPLES.slice(0, 3)], fileScopedDir());
    span = db(c).prepare('SELECT MIN(time_ms) AS a, MAX(time_ms) AS b FROM events').get() as {
      a: number;
      b: number;
    };
  }, 120_000);

  it.each([
    ['a time range that cuts the case', () => ({ fromMs: span.a + 1 })],
    ['a time range that ends before the last event', () => ({ toMs: span.b - 1 })],
    ['a session gap shorter than a bucket', () => ({ sessionGapMinutes: 14 })],
    ['no denied calls needed for probing', () => ({ minDenied: 0 })],
    ['a threshold that is not a number', () => ({ minServices: Number.NaN })],
  ])('goes to the events: %s', (_, opts) => {
    expect(fromSummary(db(c), opts())).toBe('not-applicable');
    expect(enumerationAnalysis(db(c), opts())).toEqual(enumerationFromEvents(db(c), opts()));
  });

  it('is read for the whole case and for one key: a summary changed by hand answers differently', () => {
    const path = copyOf(c, 'tampered.cairn');
    const f = openCaseFile(path);
    const key = { accessKeyId: enumerationFromEvents(f.db, {}).sessions[0]!.accessKeyId! };
    const keySessions = enumerationFromEvents(f.db, key).sessions;
    expect(keySessions.length).toBeGreaterThan(0);
    expect(Math.max(...keySessions.map((s) => s.calls))).toBeLessThan(1000);
    // Whole tuples and their buckets both: a tuple split by a long gap is read from its buckets.
    f.db.exec(`UPDATE activity_tuples SET calls = calls + 1000, write_row = NULL, denied = 0,
        read_apis = 0, read_services = 0;
      UPDATE activity_buckets SET calls = calls + 1000`);
    expect(enumerationFromEvents(f.db, {}).verdict).toBe('active-compromise');
    expect(enumerationAnalysis(f.db, {}).verdict).toBe('nothing-suspicious');
    const tampered = enumerationAnalysis(f.db, key).sessions;
    expect(tampered).toHaveLength(keySessions.length);
    for (const s of tampered) expect(s.calls).toBeGreaterThan(1000);
    f.close();
  });
});
