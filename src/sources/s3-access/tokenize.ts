// Splits one access-log line into field bounds in a single left-to-right pass with indexOf.
// Bounds go into reused typed arrays so a million lines allocate nothing here; the caller reads
// them before the next call (parsing is synchronous, so no two calls can interleave).

import { KNOWN_FIELDS, S3_ACCESS_FIELDS } from './record';
import type { S3AccessFieldName } from './record';

export const KIND_PLAIN = 0;
/** Double-quoted, no backslash inside: the content needs no unescaping. */
export const KIND_QUOTED = 1;
/** Double-quoted with a backslash inside: `\"` and `\\` must be unescaped. */
export const KIND_QUOTED_ESCAPED = 2;
export const KIND_BRACKETED = 3;

export const TIME_FIELD = 2;
const QUOTE = 0x22;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const DASH = 0x2d;

/** Content bounds (quotes and brackets excluded) and kind of each of the first KNOWN_FIELDS. */
export const tokenStarts = new Int32Array(KNOWN_FIELDS);
export const tokenEnds = new Int32Array(KNOWN_FIELDS);
export const tokenKinds = new Uint8Array(KNOWN_FIELDS);

export interface FieldError {
  field?: S3AccessFieldName;
  reason: string;
  /** 1-based. */
  column?: number;
}

export function fieldError(index: number, message: string, column?: number): FieldError {
  const field = S3_ACCESS_FIELDS[index];
  const where = column === undefined ? '' : ` at column ${column}`;
  if (field === undefined) return { reason: `field ${index + 1}: ${message}${where}`, column };
  return { field, reason: `${field} (field ${index + 1}): ${message}${where}`, column };
}

function mayBeQuoted(index: number): boolean {
  // requestUri, referer, userAgent, and any field AWS appends after the known ones.
  return index === 8 || index === 15 || index === 16 || index >= KNOWN_FIELDS;
}

/** Index of the closing quote of the quoted field opening at `open`, skipping `\"`; -1 if none. */
function closingQuote(line: string, open: number, end: number): number {
  let q = open + 1;
  for (;;) {
    q = line.indexOf('"', q);
    if (q === -1 || q >= end) return -1;
    let b = q - 1;
    while (b > open && line.charCodeAt(b) === BACKSLASH) b--;
    // An odd run of backslashes escapes this quote; an even run is escaped backslashes.
    if ((q - 1 - b) % 2 === 0) return q;
    q++;
  }
}

/**
 * Fills the token arrays and returns the number of fields, or what went wrong.
 * `end` excludes trailing whitespace the caller trimmed.
 */
export function tokenize(line: string, end: number): number | FieldError {
  let pos = 0;
  let index = 0;
  // The next double quote at or after pos; lets plain fields detect a stray quote without
  // rescanning, so the whole line is scanned for quotes only once.
  let nextQuote = line.indexOf('"');
  if (nextQuote === -1 || nextQuote > end) nextQuote = end;

  for (;;) {
    const c = line.charCodeAt(pos);
    let start: number;
    let stop: number;
    let after: number; // first character after the field: a space or `end`
    let kind = KIND_PLAIN;
    const extra = index >= KNOWN_FIELDS;

    if (c === SPACE) {
      return fieldError(index, 'empty field (two spaces in a row)', pos + 1);
    } else if (c === QUOTE) {
      if (!mayBeQuoted(index)) return fieldError(index, 'unexpected double quote', pos + 1);
      const q = closingQuote(line, pos, end);
      if (q === -1) {
        if (!extra) return fieldError(index, 'unbalanced double quote opened', pos + 1);
        return index + 1; // an unknown trailing field: keep what we have
      }
      const slash = line.indexOf('\\', pos + 1);
      kind = slash !== -1 && slash < q ? KIND_QUOTED_ESCAPED : KIND_QUOTED;
      start = pos + 1;
      stop = q;
      after = q + 1;
      if (after < end && line.charCodeAt(after) !== SPACE) {
        if (!extra) {
          return fieldError(
            index,
            'closing double quote not followed by a space (stray or unbalanced quote)',
            q + 1,
          );
        }
        after = line.indexOf(' ', after);
        if (after === -1 || after > end) after = end;
      }
      nextQuote = line.indexOf('"', after);
      if (nextQuote === -1 || nextQuote > end) nextQuote = end;
    } else if (c === OPEN_BRACKET && index === TIME_FIELD) {
      const close = line.indexOf(']', pos + 1);
      if (close === -1 || close >= end) return fieldError(index, 'unclosed [ opened', pos + 1);
      if (nextQuote < close) return fieldError(index, 'stray double quote', nextQuote + 1);
      kind = KIND_BRACKETED;
      start = pos + 1;
      stop = close;
      after = close + 1;
      if (after < end && line.charCodeAt(after) !== SPACE) {
        return fieldError(index, 'expected a space after ]', after + 1);
      }
    } else {
      after = line.indexOf(' ', pos);
      if (after === -1 || after > end) after = end;
      // requestUri, referer and userAgent are quoted or a bare `-`. Anything else here usually
      // means an earlier field held a space and shifted the rest, so say so at this field.
      if (!extra && mayBeQuoted(index) && (after - pos !== 1 || c !== DASH)) {
        return fieldError(index, 'expected a double-quoted value or -', pos + 1);
      }
      if (nextQuote < after) {
        if (!extra) return fieldError(index, 'stray double quote', nextQuote + 1);
        nextQuote = line.indexOf('"', after);
        if (nextQuote === -1 || nextQuote > end) nextQuote = end;
      }
      start = pos;
      stop = after;
    }

    if (!extra) {
      tokenStarts[index] = start;
      tokenEnds[index] = stop;
      tokenKinds[index] = kind;
    }
    index++;
    if (after >= end) return index;
    pos = after + 1;
    if (pos >= end) return index; // unreachable after trimming; kept so the loop always ends
  }
}
