// Since format 9 an events row keeps whole seconds plus flags, and account, Region and provenance
// live once per run of rows (src/casefile/event-layout.ts). What the engine returns must not
// change: milliseconds, time bounds, per-row Region/account/record, principal types, read-only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventFlags, splitTime, TIME_ORIGIN_S } from '../../../src/casefile/event-layout';
import { migrate } from '../../../src/casefile/migrate';
import { eventWithRaw } from '../../../src/query/event-raw';
import { allEvents, runCaseQuery } from '../../../src/query/casefile';
import { listEvents } from '../../../src/query/events';
import { enumerationAnalysis, enumerationFromEvents } from '../../../src/analysis/enumeration';
import type { Db } from '../../../src/casefile/sqlite';
import { localFeed } from '../../../src/sources/feeds/local';
import { runIngest } from '../../../src/sources/ingest/runner';
import { lookupEvidence } from '../../../src/timeline/evidence';
import { newCase, testContext } from '../../helpers/case';
import { freshDir } from '../../helpers/tmp';

interface Spec {
  id: string;
  time: string;
  region: string;
  account: string;
  type: string;
  readOnly?: boolean | string;
}

const record = (s: Spec): object => ({
  eventVersion: '1.08',
  eventID: s.id,
  eventTime: s.time,
  eventSource: 'iam.amazonaws.com',
  eventName: 'ListUsers',
  awsRegion: s.region,
  recipientAccountId: s.account,
  sourceIPAddress: '198.51.100.7',
  ...(s.readOnly !== undefined ? { readOnly: s.readOnly } : {}),
  userIdentity: { type: s.type, arn: `arn:aws:iam::${s.account}:user/ana` },
});

// An org-wide export sorted by time: account and Region change from one line to the next, some
// times carry milliseconds, and one principal type is not one AWS documents.
const SPECS: Spec[] = [
  {
    id: 'e-01',
    time: '2026-03-20T10:00:00.123Z',
    region: 'us-east-1',
    account: '111122223333',
    type: 'IAMUser',
    readOnly: true,
  },
  {
    id: 'e-02',
    time: '2026-03-20T10:00:00.999Z',
    region: 'eu-west-1',
    account: '111122223333',
    type: 'AssumedRole',
    readOnly: false,
  },
  {
    id: 'e-03',
    time: '2026-03-20T10:00:00Z',
    region: 'eu-west-1',
    account: '444455556666',
    type: 'AssumedRole',
  },
  {
    id: 'e-04',
    time: '2026-03-20T10:00:01.500Z',
    region: 'eu-west-1',
    account: '444455556666',
    type: 'BrandNewType',
    readOnly: 'true',
  },
  {
    id: 'e-05',
    time: '2026-03-20T10:00:02Z',
    region: 'us-east-1',
    account: '111122223333',
    type: 'IAMUser',
  },
  {
    id: 'e-06',
    time: '1999-12-31T23:59:59.250Z',
    region: 'us-east-1',
    account: '111122223333',
    type: 'Root',
  },
];

describe.each(['never', 'always'] as const)('the compact events layout (bulk %s)', (bulk) => {
  it('gives back every row as given: milliseconds, bounds, Region, account, record, type', async () => {
    const dir = freshDir();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    // Line 4 is not JSON (a rejection) and line 7 repeats e-02: both leave a hole in the lines.
    const lines = SPECS.map((s) => JSON.stringify(record(s)));
    lines.splice(3, 0, '{not json');
    lines.splice(6, 0, JSON.stringify(record(SPECS[1]!)));
    writeFileSync(join(logs, 'export.ndjson'), `${lines.join('\n')}\n`);
    const ctx = testContext();
    const file = ctx.cases.forWrite((await newCase(ctx, { dir })).path);
    const report = await runIngest(file, [await localFeed(logs, {})], {
      actor: 't',
      kind: 'auto',
      bulk,
      parserThreads: 0,
    });
    expect(report.sources[0]).toMatchObject({ inserted: 6, duplicates: 1, rejected: 1 });
    const db = file.db;

    // Listed by time to the millisecond, then in file order.
    const rows = allEvents(db, {});
    expect(rows.map((r) => r.eventId)).toEqual(['e-06', 'e-03', 'e-01', 'e-02', 'e-04', 'e-05']);
    const byId = new Map(rows.map((r) => [r.eventId, r]));
    const lineOf = (id: string): number =>
      lines.findIndex((l) => l.includes(`"eventID":"${id}"`)) + 1;
    for (const s of SPECS) {
      const r = byId.get(s.id)!;
      expect(r.eventTime).toBe(new Date(s.time).toISOString());
      expect(r.awsRegion).toBe(s.region);
      expect(r.recipientAccountId).toBe(s.account);
      expect(r.principalType).toBe(s.type);
      expect(r.readOnly).toBe(
        s.readOnly === undefined ? null : s.readOnly === true || s.readOnly === 'true',
      );
      expect(r.provenance.recordIndex).toBe(lineOf(s.id));
      const raw = eventWithRaw(db, r.rowId);
      expect(JSON.parse(raw.raw)).toMatchObject({ eventID: s.id, eventTime: s.time });
      const ev = lookupEvidence(db, { type: 'event', id: s.id });
      expect(ev?.provenance).toMatchObject({ locatorKind: 'line', locator: lineOf(s.id) });
    }

    // Time bounds are exact to the millisecond, inside one second too.
    const between = (from: string, to: string): string[] =>
      runCaseQuery(db, { limit: 100, from, to }).rows.map((r) => r.eventId);
    expect(between('2026-03-20T10:00:00.124Z', '2026-03-20T10:00:01.499Z')).toEqual(['e-02']);
    expect(between('2026-03-20T10:00:00.000Z', '2026-03-20T10:00:00.998Z')).toEqual([
      'e-03',
      'e-01',
    ]);
    // The rows with milliseconds are the ones the partial index lists (it decides the order).
    expect(
      db
        .prepare(
          'SELECT e.event_id FROM events e INDEXED BY events_subsecond WHERE flags >= 16777216 ORDER BY id',
        )
        .pluck()
        .all()
        .map(String),
    ).toEqual(['e-01', 'e-02', 'e-04', 'e-06']);
    expect(between('2026-03-20T10:00:01.500Z', '2026-03-20T10:00:02.000Z')).toEqual([
      'e-04',
      'e-05',
    ]);
    // Paging resumes after the last row of a page, within the same second too.
    const first = runCaseQuery(db, { limit: 2 });
    expect(first.rows.map((r) => r.eventId)).toEqual(['e-06', 'e-03']);
    const last = first.rows[1]!;
    const after = { timeMs: Date.parse(last.eventTime), id: last.rowId };
    expect(runCaseQuery(db, { limit: 10 }, after).rows.map((r) => r.eventId)).toEqual([
      'e-01',
      'e-02',
      'e-04',
      'e-05',
    ]);
    // Rows found by a term (the postings) come in the same order.
    expect(
      runCaseQuery(db, {
        limit: 10,
        principalArns: ['arn:aws:iam::111122223333:user/ana'],
      }).rows.map((r) => r.eventId),
    ).toEqual(['e-06', 'e-01', 'e-02', 'e-05']);
    // Grouping by Region and account reads the runs.
    expect(
      runCaseQuery(db, { limit: 10, groupBy: ['awsRegion', 'recipientAccountId'] }).groups.map(
        (g) => [g['awsRegion'], g['recipientAccountId'], g.calls],
      ),
    ).toEqual([
      ['us-east-1', '111122223333', 3],
      ['eu-west-1', '444455556666', 2],
      ['eu-west-1', '111122223333', 1],
    ]);

    // A run per change of account or Region, or hole in the lines: the file's runs are
    // e-01 | e-02 | e-03 (line 4 rejected) | e-04 | e-05 (line 7 a duplicate) | e-06.
    expect(
      db.prepare('SELECT first_index, row_count FROM event_ranges ORDER BY first_row').raw().all(),
    ).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [5, 1],
      [6, 1],
      [8, 1],
    ]);
    ctx.cases.closeAll();
  });
});

describe('the flags and time columns', () => {
  it('give back read-only, data event, principal type code and milliseconds exactly', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', {});
    const insert = db.prepare(
      'INSERT INTO events (id, event_id, time_s, event_name, flags) VALUES (?, ?, ?, 1, ?)',
    );
    const read = db.prepare(
      'SELECT time_ms, read_only, data_event, principal_type_code FROM events WHERE id = ?',
    );
    const tri = [null, 0, 1];
    let id = 0;
    for (const ro of tri)
      for (const de of tri)
        for (const code of [0, 1, 7, 1_048_575])
          for (const ms of [
            Date.UTC(2026, 0, 1),
            Date.UTC(2026, 0, 1) + 999,
            Date.UTC(1970, 0, 1) - 1,
            Date.UTC(2068, 0, 1, 0, 0, 0, 1),
          ]) {
            const { timeS, subMs } = splitTime(ms);
            expect(subMs).toBeGreaterThanOrEqual(0);
            expect(subMs).toBeLessThan(1000);
            expect((timeS + TIME_ORIGIN_S) * 1000 + subMs).toBe(ms);
            insert.run(++id, `e-${id}`, timeS, eventFlags(ro, de, code, subMs));
            expect(read.get(id)).toEqual({
              time_ms: ms,
              read_only: ro,
              data_event: de,
              principal_type_code: code,
            });
          }
    // The common row (read-only known, a small type code, whole seconds) has flags under 128:
    // one byte in the record.
    expect(eventFlags(1, null, 5, 0)).toBeLessThan(128);
    expect(eventFlags(0, 1, 7, 0)).toBeLessThan(128);
  });
});

describe('rows whose times have milliseconds', () => {
  const call = (id: number, time: string, name: string, extra: object = {}): object => ({
    eventVersion: '1.08',
    eventID: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    eventTime: time,
    eventSource: 'iam.amazonaws.com',
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.1',
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/u',
      accessKeyId: 'AKIAKKKKKKKKKKKKKKKK',
    },
    ...extra,
  });

  async function caseOf(files: object[][]): Promise<{ db: Db; close: () => void }> {
    const dir = freshDir();
    const ctx = testContext();
    const file = ctx.cases.forWrite((await newCase(ctx, { dir })).path);
    // One file at a time, so the earlier file's rows get the lower row ids.
    for (const [i, records] of files.entries()) {
      const logs = join(dir, `logs-${i}`);
      mkdirSync(logs);
      writeFileSync(join(logs, 'f.json'), JSON.stringify({ Records: records }));
      await runIngest(file, [await localFeed(logs, {})], {
        actor: 't',
        kind: 'auto',
        parserThreads: 0,
      });
    }
    return { db: file.db, close: () => ctx.cases.closeAll() };
  }

  it('are paged in time order through a term filter, whatever their row ids', async () => {
    // The later file holds the earlier calls of the same second.
    const c = await caseOf([
      [call(1, '2020-01-01T00:00:00.500Z', 'ListUsers')],
      [
        call(2, '2020-01-01T00:00:00.100Z', 'ListRoles'),
        call(3, '2020-01-01T00:00:00.050Z', 'GetUser'),
      ],
    ]);
    const seen: string[] = [];
    let after: { timeMs: number; id: number } | undefined;
    for (let page = 0; page < 5; page++) {
      const r = listEvents(c.db, {
        accessKeyIds: ['AKIAKKKKKKKKKKKKKKKK'],
        limit: 1,
        ...(after ? { after } : {}),
      });
      seen.push(...r.events.map((e) => e.eventName));
      if (!r.next) break;
      after = r.next;
    }
    expect(seen).toEqual(['GetUser', 'ListRoles', 'ListUsers']);
    c.close();
  });

  it('give the same recon sessions from the events as from the activity summary', async () => {
    // A burst of reads inside one second, written out of time order, then a write.
    const names = ['ListUsers', 'ListRoles', 'ListPolicies', 'ListGroups', 'GetUser', 'GetRole'];
    const burst = names.map((n, i) =>
      call(10 + i, `2020-01-01T00:00:00.${String(900 - i * 150).padStart(3, '0')}Z`, n, {
        readOnly: true,
      }),
    );
    const c = await caseOf([
      burst,
      [call(30, '2020-01-01T00:00:01.005Z', 'CreateAccessKey', { readOnly: false })],
    ]);
    const fromSummary = enumerationAnalysis(c.db, { minDistinctApis: 3, minServices: 1 });
    const fromEvents = enumerationFromEvents(c.db, { minDistinctApis: 3, minServices: 1 });
    expect(fromSummary).toEqual(fromEvents);
    const session = fromEvents.sessions[0]!;
    expect([session.start, session.end]).toEqual([
      '2020-01-01T00:00:00.150Z',
      '2020-01-01T00:00:01.005Z',
    ]);
    c.close();
  });
});
