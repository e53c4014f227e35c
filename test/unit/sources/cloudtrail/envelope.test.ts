import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotJsonError, parseDocument } from '../../../../src/sources/cloudtrail/envelope';
import { lineRange, scanArrayElements } from '../../../../src/sources/cloudtrail/scan';
import { decode, FileRejected } from '../../../../src/sources/decode';

const rec = (id: string, name = 'ListBuckets'): Record<string, unknown> => ({
  eventVersion: '1.08',
  eventID: id,
  eventTime: '2026-03-27T20:00:00Z',
  eventName: name,
  eventSource: 's3.amazonaws.com',
  note: 'has "quotes", [brackets] and {braces} and a \\ backslash',
});

describe('CloudTrail envelopes', () => {
  it('reads a trail file {"Records":[…]} with array indexes', () => {
    const doc = parseDocument(Buffer.from(JSON.stringify({ Records: [rec('a'), rec('b')] })));
    expect(doc.envelope).toBe('records');
    expect(doc.locatorKind).toBe('index');
    expect(doc.elements.map((e) => e.locator)).toEqual([0, 1]);
  });

  it('reads JSON arrays, NDJSON with line numbers, lookup-events output and CloudWatch Logs exports', () => {
    expect(parseDocument(Buffer.from(JSON.stringify([rec('a')]))).envelope).toBe('array');
    const nd = parseDocument(
      Buffer.from(`${JSON.stringify(rec('a'))}\n\n${JSON.stringify(rec('b'))}\n`),
    );
    expect(nd.envelope).toBe('ndjson');
    expect(nd.elements.map((e) => e.locator)).toEqual([1, 3]);
    const lookup = parseDocument(
      Buffer.from(
        JSON.stringify({ Events: [{ EventId: 'a', CloudTrailEvent: JSON.stringify(rec('a')) }] }),
      ),
    );
    expect(lookup.envelope).toBe('lookup-events');
    const cwl = parseDocument(
      Buffer.from(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          logEvents: [{ id: '1', timestamp: 1, message: JSON.stringify(rec('a')) }],
        }),
      ),
    );
    expect(cwl.envelope).toBe('cloudwatch-logs');
  });

  it('recognises a digest file and does not read it as events', () => {
    const digest = {
      awsAccountId: '111122223333',
      digestStartTime: '2026-03-27T19:00:00Z',
      digestEndTime: '2026-03-27T20:00:00Z',
      logFiles: [],
    };
    const doc = parseDocument(Buffer.from(JSON.stringify(digest)));
    expect(doc.envelope).toBe('digest');
    expect(doc.elements).toEqual([]);
  });

  it('salvages the complete records of a truncated trail file and says where the damage is', () => {
    const full = JSON.stringify({ Records: [rec('a'), rec('b'), rec('c')] });
    const cut = Buffer.from(full.slice(0, full.indexOf('"c"') + 10));
    const doc = parseDocument(cut);
    expect(doc.elements.map((e) => (e.value as { eventID: string }).eventID)).toEqual(['a', 'b']);
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]).toMatchObject({
      locator: null,
      reason: expect.stringMatching(
        /not valid JSON .* 2 complete record\(s\) before the damage were kept, the rest from byte \d+ is lost/,
      ) as unknown,
    });
  });

  it('counts NDJSON lines that are not JSON, by line number', () => {
    const doc = parseDocument(
      Buffer.from(`${JSON.stringify(rec('a'))}\n{"broken": \n${JSON.stringify(rec('b'))}`),
    );
    expect(doc.elements).toHaveLength(2);
    expect(doc.problems).toEqual([
      { locator: 2, reason: expect.stringMatching(/^line 2 is not valid JSON/) as unknown },
    ]);
  });

  it('refuses what is not JSON at all', () => {
    expect(() => parseDocument(Buffer.from('a,b,c\n1,2,3'))).toThrow(NotJsonError);
    expect(() => parseDocument(Buffer.from(''))).toThrow(/the file is empty/);
    expect(() => parseDocument(Buffer.from('{"Records": [ {"a": '))).toThrow(/not valid JSON/);
  });
});

describe('the array scanner', () => {
  it('finds each element’s exact bytes, strings with brackets and escapes included', () => {
    const records = [rec('a'), rec('b', 'Get"Object'), { nested: [1, [2, { x: ']' }]] }];
    const text = `{ "other": {"x": [1,2]}, "Records" : [ ${records.map((r) => JSON.stringify(r, null, 1)).join(' ,\n ')} ] }`;
    const buf = Buffer.from(text);
    const scan = scanArrayElements(buf)!;
    expect(scan.container).toBe('Records');
    expect(scan.ranges.map(([s, e]) => JSON.parse(buf.toString('utf8', s, e)) as unknown)).toEqual(
      records,
    );
    expect(scan.stoppedAt).toBe(buf.length);
  });

  it('tells escaped quotes from the quote after an escaped backslash, and can stop early', () => {
    const records = [
      { a: 'ends in a backslash \\', b: 'x' },
      { a: 'an escaped quote " then \\" more', b: '\\\\' },
      { a: '"', b: ['\\', '}'] },
      { last: true },
    ];
    const buf = Buffer.from(JSON.stringify({ Records: records }));
    const whole = scanArrayElements(buf)!;
    expect(whole.ranges.map(([s, e]) => JSON.parse(buf.toString('utf8', s, e)) as unknown)).toEqual(
      records,
    );
    const early = scanArrayElements(buf, 1)!;
    expect(early.ranges).toEqual(whole.ranges.slice(0, 2));
    expect(early.stoppedAt).toBeLessThan(buf.length);
  });

  it('gives line ranges without the line ending', () => {
    const buf = Buffer.from('one\r\ntwo\nthree');
    expect(lineRange(buf, 1)).toEqual([0, 3]);
    expect(buf.toString('utf8', ...lineRange(buf, 2)!)).toBe('two');
    expect(buf.toString('utf8', ...lineRange(buf, 3)!)).toBe('three');
    expect(lineRange(buf, 5)).toBeNull();
  });
});

describe('decoding delivered bytes', () => {
  it('gunzips by content, not by name', () => {
    const d = decode(gzipSync('{"Records":[]}'));
    expect(d).toMatchObject({ compression: 'gzip', damage: null });
    expect(d.data.toString()).toBe('{"Records":[]}');
    expect(decode(Buffer.from('{"Records":[]}')).compression).toBe('none');
  });

  it('keeps what a truncated gzip still holds and reports the damage', () => {
    const gz = gzipSync(
      JSON.stringify({ Records: Array.from({ length: 200 }, (_, i) => rec(`id-${i}`)) }),
    );
    const d = decode(gz.subarray(0, Math.floor(gz.length * 0.6)));
    expect(d.damage).toMatch(
      /^the gzip stream is truncated: only the first \d+ bytes could be decompressed$/,
    );
    expect(d.data.length).toBeGreaterThan(1000);
  });

  it('refuses a file larger than it can read in one piece, with the reason', () => {
    const big = Buffer.alloc(2048, 0x20);
    expect(() => decode(big, 1024)).toThrow(FileRejected);
    expect(() => decode(gzipSync(big), 1024)).toThrow(/decompresses to more than/);
    expect(() => decode(Buffer.from([0x1f, 0x8b, 0, 0, 0]))).toThrow(
      /not a readable gzip file|truncated/,
    );
  });
});
