// A byte-level scanner that finds where each element of a JSON array starts and ends, without
// parsing it. Used to salvage the complete records of a damaged document (the fast path parses
// whole files with JSON.parse) and to recover a record's exact bytes from a kept evidence file.
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export interface ArrayScan {
  /** "Records", "Events" or "logEvents" when the array is that member of a top-level object. */
  container: string | null;
  /** [start, end) byte ranges of complete elements, in order. */
  ranges: [number, number][];
  /** Where scanning stopped: buf.length when the array closed normally. */
  stoppedAt: number;
}

/**
 * Index just past the string that starts at `pos`, or -1 if it never closes. Jumps from quote to
 * quote with indexOf (most of a record's bytes are inside strings); a quote preceded by an odd
 * number of backslashes is escaped.
 */
function skipString(b: Uint8Array, pos: number): number {
  let from = pos + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let slashes = 0;
    while (q - 1 - slashes > pos && b[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Index just past the value that starts at `pos`, or -1 if the buffer ends inside it. */
function skipValue(b: Uint8Array, pos: number): number {
  const c = b[pos];
  if (c === QUOTE) return skipString(b, pos);
  if (c === OPEN_OBJ || c === OPEN_ARR) {
    let depth = 0;
    for (let i = pos; i < b.length; i++) {
      const d = b[i];
      if (d === QUOTE) {
        i = skipString(b, i) - 1;
        if (i < 0) return -1;
      } else if (d === OPEN_OBJ || d === OPEN_ARR) depth++;
      else if (d === CLOSE_OBJ || d === CLOSE_ARR) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = pos;
  while (
    i < b.length &&
    b[i] !== COMMA &&
    b[i] !== CLOSE_ARR &&
    b[i] !== CLOSE_OBJ &&
    !isSpace(b[i]!)
  )
    i++;
  return i === b.length ? -1 : i;
}

function skipSpace(b: Uint8Array, i: number): number {
  while (i < b.length && isSpace(b[i]!)) i++;
  return i;
}

const CONTAINERS = new Set(['Records', 'Events', 'logEvents', 'QueryResultRows']);

/** Finds the array to scan: the document itself, or the Records/Events/logEvents member. */
function locateArray(b: Buffer): { start: number; container: string | null } | null {
  let i = skipSpace(b, b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0);
  if (b[i] === OPEN_ARR) return { start: i, container: null };
  if (b[i] !== OPEN_OBJ) return null;
  i = skipSpace(b, i + 1);
  while (i < b.length && b[i] === QUOTE) {
    const keyEnd = skipString(b, i);
    if (keyEnd < 0) return null;
    const key = b.toString('utf8', i + 1, keyEnd - 1);
    i = skipSpace(b, keyEnd);
    if (b[i] !== 58 /* : */) return null;
    i = skipSpace(b, i + 1);
    if (CONTAINERS.has(key) && b[i] === OPEN_ARR) return { start: i, container: key };
    const valueEnd = skipValue(b, i);
    if (valueEnd < 0) return null;
    i = skipSpace(b, valueEnd);
    if (b[i] === COMMA) i = skipSpace(b, i + 1);
  }
  return null;
}

/**
 * The elements' byte ranges; with `through`, scanning stops once that element (0-based) is found
 * (reading one record back needs no more of the file than that).
 */
export function scanArrayElements(b: Buffer, through?: number): ArrayScan | null {
  const located = locateArray(b);
  if (!located) return null;
  const ranges: [number, number][] = [];
  let i = skipSpace(b, located.start + 1);
  while (i < b.length) {
    if (through !== undefined && ranges.length > through)
      return { container: located.container, ranges, stoppedAt: i };
    if (b[i] === CLOSE_ARR) return { container: located.container, ranges, stoppedAt: b.length };
    const end = skipValue(b, i);
    if (end < 0) return { container: located.container, ranges, stoppedAt: i };
    ranges.push([i, end]);
    i = skipSpace(b, end);
    if (b[i] === COMMA) i = skipSpace(b, i + 1);
    else if (b[i] !== CLOSE_ARR) return { container: located.container, ranges, stoppedAt: i };
  }
  return { container: located.container, ranges, stoppedAt: i };
}

/** Byte ranges of the lines of a buffer (1-based line numbers), for NDJSON and text logs. */
export function lineRange(b: Buffer, lineNumber: number): [number, number] | null {
  let start = 0;
  for (let n = 1; n < lineNumber; n++) {
    const nl = b.indexOf(10, start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  if (start > b.length) return null;
  let end = b.indexOf(10, start);
  if (end < 0) end = b.length;
  if (end > start && b[end - 1] === 13) end--;
  return [start, end];
}
