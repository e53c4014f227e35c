// Malformed lines are rejected with a reason naming the field and column; nothing throws.
import { describe, expect, it } from 'vitest';
import { parseS3AccessLine } from '../../../../src/sources/s3-access';
import { fixtureLines, parseFails } from './fixture-data';

const GOOD =
  '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be examplebucket [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57427F3EXAMPLE REST.GET.OBJECT report.pdf "GET /examplebucket/report.pdf HTTP/1.1" 200 - 1024 1024 15 12 "-" "curl/8.4.0" - HOSTID= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader examplebucket.s3.us-east-1.amazonaws.com TLSv1.2';

/** GOOD with one exact substring replaced (the substring must occur once). */
function goodWith(find: string, replace: string): string {
  expect(GOOD.split(find)).toHaveLength(2);
  return GOOD.replace(find, replace);
}

describe('quotes', () => {
  it('rejects a stray quote inside an unquoted field, naming the field and the column', () => {
    const line = goodWith(' report.pdf ', ' rep"ort.pdf ');
    const failure = parseFails(line);
    expect(failure.field).toBe('key');
    expect(failure.column).toBe(line.indexOf('"') + 1);
    expect(failure.reason).toMatch(/^key \(field 8\): .*quote.*column \d+$/);
  });

  it('rejects an unescaped quote inside the user agent at the quote that breaks it', () => {
    const line = goodWith('"curl/8.4.0"', '"curl "8.4.0" x"');
    const failure = parseFails(line);
    expect(failure.field).toBe('userAgent');
    expect(failure.column).toBe(line.indexOf('"curl "') + 6 + 1);
  });

  it('rejects an unbalanced quote at the end of the line', () => {
    const line = `${GOOD.slice(0, GOOD.indexOf('"curl'))}"curl/8.4.0 - x`;
    const failure = parseFails(line);
    expect(failure.field).toBe('userAgent');
    expect(failure.column).toBe(line.indexOf('"curl') + 1);
    expect(failure.reason).toContain('unbalanced');
  });

  it('rejects a request-URI that is neither quoted nor - (e.g. fields shifted by a space in the key)', () => {
    const line = goodWith(' report.pdf ', ' my report.pdf ');
    const failure = parseFails(line);
    expect(failure.field).toBe('requestUri');
    expect(failure.column).toBe(line.indexOf('report.pdf') + 1);
  });

  it('rejects a quote opening a field that is never quoted', () => {
    const failure = parseFails(goodWith(' REST.GET.OBJECT ', ' "REST.GET.OBJECT" '));
    expect(failure.field).toBe('operation');
  });
});

describe('field counts', () => {
  it('rejects 17 fields, naming the missing 18th', () => {
    const eighteen = GOOD.slice(0, GOOD.indexOf(' HOSTID=')); // ends with "curl/8.4.0" -
    expect(parseS3AccessLine(eighteen).ok).toBe(true);
    const line = eighteen.slice(0, -2);
    const failure = parseFails(line);
    expect(failure.field).toBe('versionId');
    expect(failure.reason).toContain('too few fields: 17');
    expect(failure.column).toBe(line.length + 1);
  });

  it('rejects an empty field (two spaces in a row)', () => {
    const line = goodWith(' 200 -', ' 200  -');
    const failure = parseFails(line);
    expect(failure.field).toBe('errorCode');
    expect(failure.column).toBe(line.indexOf('  ') + 2);
  });

  it('rejects empty and blank lines', () => {
    expect(parseFails('').reason).toBe('empty line');
    expect(parseFails('  \r').reason).toBe('empty line');
  });
});

describe('bucket owner', () => {
  it.each(['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2bx', 'owner', '0x12'])(
    'rejects the non-hex owner %s',
    (owner) => {
      const failure = parseFails(goodWith(GOOD.slice(0, 64), owner));
      expect(failure).toMatchObject({ field: 'bucketOwner', column: 1 });
    },
  );

  it('rejects an owner longer than 64 hex digits', () => {
    expect(parseFails(goodWith(GOOD.slice(0, 64), `${GOOD.slice(0, 64)}a`)).field).toBe(
      'bucketOwner',
    );
  });

  it('rejects a bad owner even right after a good line with a similar one', () => {
    expect(parseS3AccessLine(GOOD).ok).toBe(true);
    expect(parseFails(goodWith(GOOD.slice(0, 64), `${GOOD.slice(0, 63)}g`)).field).toBe(
      'bucketOwner',
    );
    expect(parseS3AccessLine(GOOD).ok).toBe(true);
  });
});

describe('time', () => {
  const timeColumn = GOOD.indexOf('[') + 1;

  it.each([
    ['[06/Feb/2019:00:00:38]', 'length'],
    ['[06/Fev/2019:00:00:38 +0000]', 'month'],
    ['[30/Feb/2019:00:00:38 +0000]', 'day'],
    ['[29/Feb/2019:00:00:38 +0000]', 'day'],
    ['[06/Feb/2019:24:00:38 +0000]', 'hour'],
    ['[06/Feb/2019:00:60:38 +0000]', 'minute'],
    ['[06/Feb/2019:00:00:3x +0000]', 'second'],
    ['[06/Feb/2019-00:00:38 +0000]', "':'"],
    ['[06/Feb/2019:00:00:38 *0000]', 'sign'],
    ['[06/Feb/1969:00:00:38 +0000]', 'year'],
  ])('rejects %s (%s)', (time, word) => {
    const failure = parseFails(goodWith('[06/Feb/2019:00:00:38 +0000]', time));
    expect(failure.field).toBe('time');
    expect(failure.reason).toContain(word);
    expect(failure.column).toBeGreaterThanOrEqual(timeColumn);
    expect(failure.column).toBeLessThanOrEqual(timeColumn + 28);
  });

  it('points at the exact character that is wrong', () => {
    const failure = parseFails(
      goodWith('[06/Feb/2019:00:00:38 +0000]', '[06/Feb/2019:00:0x:38 +0000]'),
    );
    expect(failure.column).toBe(GOOD.indexOf('[') + 1 + 17);
  });

  it('rejects a time that is not bracketed, and an unclosed bracket', () => {
    expect(parseFails(goodWith('[06/Feb/2019:00:00:38 +0000]', '06/Feb/2019:00:00:38')).field).toBe(
      'time',
    );
    const unclosed = parseFails(GOOD.replaceAll(']', ' '));
    expect(unclosed).toMatchObject({ field: 'time', column: timeColumn });
  });
});

describe('numbers and flags', () => {
  it.each([
    [' 200 ', '2OO', 'httpStatus'],
    [' 200 ', '2000', 'httpStatus'],
    [' 200 ', '099', 'httpStatus'],
    [' 1024 1024 ', '10k4 1024', 'bytesSent'],
    [' 1024 1024 ', '1024 -5', 'objectSize'],
    [' 15 12 ', '1.5 12', 'totalTimeMs'],
    [' 15 12 ', '15 1234567890123456', 'turnAroundMs'],
  ])('rejects%sreplaced by %s in %s', (find, replace, field) => {
    const line = goodWith(find, ` ${replace} `);
    const badToken =
      field === 'objectSize' || field === 'turnAroundMs'
        ? replace.split(' ')[1]
        : replace.split(' ')[0];
    const failure = parseFails(line);
    expect(failure.field).toBe(field);
    expect(failure.column).toBe(line.indexOf(` ${badToken} `) + 2);
  });

  it('rejects an aclRequired that is neither Yes nor -', () => {
    expect(parseFails(`${GOOD} - No`).field).toBe('aclRequired');
  });
});

describe('never throws', () => {
  it('returns a result for a non-string passed from untyped code', () => {
    const parse = parseS3AccessLine as (line: unknown) => ReturnType<typeof parseS3AccessLine>;
    expect(parse(undefined)).toEqual({ ok: false, reason: 'not a string' });
    expect(parse(42)).toEqual({ ok: false, reason: 'not a string' });
  });

  it('survives thousands of random mutations of real lines with a well-formed answer', () => {
    const seeds = [...fixtureLines('awsdocs_LogFormat_examples.log'), GOOD];
    const alphabet = ' "[]\\-%+\r\t/:abcXYZ0189';
    let state = 12345;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      let line = seeds[random(seeds.length)]!;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(line.length + 1);
        const kind = random(3);
        const ch = alphabet[random(alphabet.length)]!;
        if (kind === 0) line = line.slice(0, at) + ch + line.slice(at);
        else if (kind === 1) line = line.slice(0, at) + line.slice(at + 1);
        else line = line.slice(0, at) + ch + line.slice(at + 1);
      }
      const result = parseS3AccessLine(line);
      if (result.ok) continue;
      rejected++;
      expect(result.reason.length).toBeGreaterThan(0);
      if (result.column !== undefined) {
        expect(result.column).toBeGreaterThanOrEqual(1);
        expect(result.column).toBeLessThanOrEqual(line.length + 1);
      }
    }
    expect(rejected).toBeGreaterThan(100); // the mutations do break lines
  });
});
