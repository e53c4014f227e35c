// The activity summary's API lists: LEB128 varints worked out by hand, and the SQL rebuild's
// encoder agreeing with the JS one for ids and row numbers far beyond what small cases reach.
import { describe, expect, it } from 'vitest';
import {
  decodeBucketApis,
  decodeTupleApis,
  encodeBucketApis,
  encodeTupleApis,
  VarintReader,
  type BucketApi,
} from '../../../../src/analysis/activity/codec';
import { lastEventRow, summarizeNewEvents } from '../../../../src/analysis/activity/maintain';
import { rebuildActivity } from '../../../../src/analysis/activity/rebuild';
import { eventFlags, splitTime } from '../../../../src/casefile/event-layout';
import { dumpSummary, memoryCase, W } from './db';

describe('tuple API lists', () => {
  it('write a bucket’s list with name × 8 + flags in the name’s place, steps from the tuple’s first call', () => {
    const start = 5 * W + 17;
    // 2402 = 18 × 128 + 98: low 7 bits first with the continuation bit (0x80 + 98 = 0xe2), then 18.
    // Then 3 calls, 1 denied, the first call at the tuple's start (step 0), row 9 → zigzag 18.
    const apis = [
      { source: 1, name: 300, flags: 2, calls: 3, denied: 1, firstMs: start, firstRow: 9 },
      { source: 0, name: 127, flags: 7, calls: 1, denied: 0, firstMs: start + 5, firstRow: 8 },
    ];
    const hex = encodeTupleApis(apis, start).toString('hex');
    expect(hex).toBe('01e212030100' + '12' + '00ff0701000501');
    expect(decodeTupleApis(Buffer.from(hex, 'hex'), start)).toEqual(apis);
  });

  it('round-trip ids up to 2^50', () => {
    const apis = [
      { source: 0, name: 1, flags: 0, calls: 1, denied: 0, firstMs: 0, firstRow: 1 },
      {
        source: 2 ** 35 + 3,
        name: 2 ** 46 - 1,
        flags: 5,
        calls: 2 ** 40,
        denied: 2 ** 39,
        firstMs: 2 ** 41,
        firstRow: 2 ** 39,
      },
    ];
    expect(decodeTupleApis(encodeTupleApis(apis, 0), 0)).toEqual(apis);
  });
});

describe('bucket API lists', () => {
  it('write each API’s first time and row as steps from the one before', () => {
    const start = 1000 * W;
    const apis: BucketApi[] = [
      { source: 3, name: 4, calls: 2, denied: 1, firstMs: start + 1000, firstRow: 10 },
      { source: 3, name: 5, calls: 1, denied: 0, firstMs: start + 1000, firstRow: 7 },
    ];
    // 1000 = 7 × 128 + 104 → e8 07; row 10 → zigzag 20 (0x14); row step -3 → zigzag 5.
    const hex = encodeBucketApis(apis, start).toString('hex');
    expect(hex).toBe('03040201e80714' + '030501000005');
    expect(decodeBucketApis(Buffer.from(hex, 'hex'), start)).toEqual(apis);
  });

  it('refuses a truncated list', () => {
    const r = new VarintReader(Buffer.from('8080', 'hex'));
    expect(() => r.next()).toThrow(/truncated varint/);
  });

  it('reads the largest safe integer back', () => {
    const r = new VarintReader(
      encodeBucketApis(
        [
          {
            source: Number.MAX_SAFE_INTEGER,
            name: 0,
            calls: 0,
            denied: 0,
            firstMs: 0,
            firstRow: 0,
          },
        ],
        0,
      ),
    );
    expect(r.next()).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('the SQL rebuild’s encoding', () => {
  it('matches the ingest’s for string ids and event rows up to 2^39', () => {
    const db = memoryCase();
    const strings: [number, string][] = [
      [2 ** 21 + 5, 'ListUsers'],
      [2 ** 28 + 9, 'iam.amazonaws.com'],
      [2 ** 35 + 1, 'arn:aws:iam::1:user/big'],
      [2 ** 38 + 3, 'CreateUser'],
      [2 ** 14 + 1, 'AccessDenied'],
    ];
    const s = new Map(strings.map(([id, v]) => [v, id]));
    const put = db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    for (const [id, v] of strings) put.run(id, v);
    const insert = db.prepare(
      `INSERT INTO events (id, event_id, time_s, event_name, event_source, principal_arn,
         error_code, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const run = db.prepare(
      'INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index) VALUES (?, 1, 1, 1, 0)',
    );
    const rows: [number, number, string, string | null][] = [
      [2 ** 39 + 11, 5 * W + 899_999, 'ListUsers', 'AccessDenied'],
      [2 ** 20, 5 * W + 3, 'CreateUser', null],
      [2 ** 33, 5 * W + 3, 'ListUsers', null],
      [7, 6 * W, 'CreateUser', null],
    ];
    const last = lastEventRow(db);
    for (const [id, t, name, err] of rows) {
      insert.run(
        id,
        `e-${id}`,
        splitTime(t).timeS,
        s.get(name),
        s.get('iam.amazonaws.com'),
        s.get('arn:aws:iam::1:user/big'),
        err === null ? null : s.get(err),
        eventFlags(0, null, 0, splitTime(t).subMs),
      );
      run.run(id);
    }
    summarizeNewEvents(db, last);
    const kept = dumpSummary(db);
    rebuildActivity(db);
    expect(dumpSummary(db)).toEqual(kept);
    const first = db.prepare('SELECT apis FROM activity_buckets WHERE bucket = 5').pluck().get();
    expect(decodeBucketApis(first as Buffer, 5 * W)).toEqual([
      {
        source: s.get('iam.amazonaws.com'),
        name: s.get('CreateUser'),
        calls: 1,
        denied: 0,
        firstMs: 5 * W + 3,
        firstRow: 2 ** 20,
      },
      {
        source: s.get('iam.amazonaws.com'),
        name: s.get('ListUsers'),
        calls: 2,
        denied: 1,
        firstMs: 5 * W + 3,
        firstRow: 2 ** 33,
      },
    ]);
  });
});
