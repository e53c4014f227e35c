// Splits a whole access-log file into lines with their byte ranges, so a stored row can point
// back into the evidence file and the raw line can be recovered byte-exact later.

import { parseS3AccessLine } from './parse-line';
import type { S3AccessParseResult } from './record';

export interface LineSlice {
  /** The line decoded as UTF-8, without its terminator. */
  line: string;
  /** 1-based. */
  lineNumber: number;
  /** Byte offset of the line's first byte in the buffer. */
  start: number;
  /** Byte offset just past the line's last byte, before its `\n` or `\r\n` (exclusive). */
  end: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Yields every line of the buffer in order. `\n` and `\r\n` both end a line; the final newline
 * is optional, and the empty "line" after it is not yielded. Blank lines elsewhere are yielded,
 * so line numbers match what an editor shows. A UTF-8 byte-order mark before line 1 is skipped.
 * `buffer.subarray(start, end)` is exactly the line's bytes.
 */
export function* splitLines(buffer: Buffer): Generator<LineSlice, void, undefined> {
  const length = buffer.length;
  let start = 0;
  if (length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
  let lineNumber = 0;
  while (start < length) {
    let newline = buffer.indexOf(LF, start);
    if (newline === -1) newline = length;
    let end = newline;
    if (end > start && buffer[end - 1] === CR) end--;
    lineNumber++;
    yield { line: buffer.toString('utf8', start, end), lineNumber, start, end };
    start = newline + 1;
  }
}

export interface ParsedLine {
  lineNumber: number;
  start: number;
  end: number;
  result: S3AccessParseResult;
}

/** Parses every non-blank line of an access-log file; blank lines carry no record and are skipped. */
export function* parseS3AccessBuffer(buffer: Buffer): Generator<ParsedLine, void, undefined> {
  for (const { line, lineNumber, start, end } of splitLines(buffer)) {
    if (line.trim() === '') continue;
    yield { lineNumber, start, end, result: parseS3AccessLine(line) };
  }
}
