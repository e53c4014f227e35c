// Splitting a file into lines with byte ranges that recover each raw line exactly.
import { describe, expect, it } from 'vitest';
import { parseS3AccessBuffer, splitLines } from '../../../../src/sources/s3-access';
import { fixture, fixtureLines } from './fixture-data';

function slices(text: string | Buffer) {
  return [...splitLines(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)];
}

describe('splitLines', () => {
  it('splits on LF with 1-based line numbers and byte ranges that exclude the newline', () => {
    expect(slices('ab\ncd\n')).toEqual([
      { line: 'ab', lineNumber: 1, start: 0, end: 2 },
      { line: 'cd', lineNumber: 2, start: 3, end: 5 },
    ]);
  });

  it('tolerates CRLF: the CR is neither in the line nor in its range', () => {
    expect(slices('ab\r\ncd\r\n')).toEqual([
      { line: 'ab', lineNumber: 1, start: 0, end: 2 },
      { line: 'cd', lineNumber: 2, start: 4, end: 6 },
    ]);
  });

  it('reads a last line without a newline, and a CR at the very end', () => {
    expect(slices('ab\ncd').map((s) => s.line)).toEqual(['ab', 'cd']);
    expect(slices('ab\r\ncd\r')).toEqual([
      { line: 'ab', lineNumber: 1, start: 0, end: 2 },
      { line: 'cd', lineNumber: 2, start: 4, end: 6 },
    ]);
  });

  it('yields blank lines in the middle and an empty last line, but nothing after the final newline', () => {
    expect(slices('ab\n\ncd\n\n').map((s) => [s.lineNumber, s.line])).toEqual([
      [1, 'ab'],
      [2, ''],
      [3, 'cd'],
      [4, ''],
    ]);
    expect(slices('')).toEqual([]);
    expect(slices('\n')).toEqual([{ line: '', lineNumber: 1, start: 0, end: 0 }]);
  });

  it('counts bytes, not characters, for multi-byte UTF-8', () => {
    const text = 'é€\n𝄞x\n';
    const buffer = Buffer.from(text, 'utf8');
    const got = slices(buffer);
    // é = 2 bytes, € = 3, newline = 1; 𝄞 = 4 bytes, x = 1.
    expect(got).toEqual([
      { line: 'é€', lineNumber: 1, start: 0, end: 5 },
      { line: '𝄞x', lineNumber: 2, start: 6, end: 11 },
    ]);
    for (const s of got) expect(buffer.subarray(s.start, s.end).toString('utf8')).toBe(s.line);
  });

  it('skips a UTF-8 byte-order mark before the first line', () => {
    const buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ab\ncd')]);
    expect(slices(buffer)[0]).toEqual({ line: 'ab', lineNumber: 1, start: 3, end: 5 });
  });
});

describe('parseS3AccessBuffer', () => {
  const name = 'awsdocs_LogFormat_examples.log';

  it('parses a real file converted to CRLF, ranges recovering each line without its CR', () => {
    const crlf = Buffer.from(fixture(name).toString('utf8').replaceAll('\n', '\r\n'), 'utf8');
    const expected = fixtureLines(name);
    const parsed = [...parseS3AccessBuffer(crlf)];
    expect(parsed).toHaveLength(7);
    for (const p of parsed) {
      expect(p.result.ok).toBe(true);
      expect(crlf.subarray(p.start, p.end).toString('utf8')).toBe(expected[p.lineNumber - 1]);
      expect(crlf[p.end]).toBe(0x0d);
    }
  });

  it('skips blank lines, including an empty last line, keeping the line numbers of the rest', () => {
    const [first, second] = fixtureLines(name);
    const buffer = Buffer.from(`${first}\n\n   \n${second}\n\n`, 'utf8');
    const parsed = [...parseS3AccessBuffer(buffer)];
    expect(parsed.map((p) => [p.lineNumber, p.result.ok])).toEqual([
      [1, true],
      [4, true],
    ]);
  });

  it('reports a bad line with its line number and carries on', () => {
    const [first, second] = fixtureLines(name);
    const buffer = Buffer.from(`${first}\nnot a log line\n${second}`, 'utf8');
    const parsed = [...parseS3AccessBuffer(buffer)];
    expect(parsed.map((p) => p.result.ok)).toEqual([true, false, true]);
    expect(parsed[1]).toMatchObject({ lineNumber: 2, start: first!.length + 1 });
  });
});
