// Parses one S3 server access log line (../../../../shared/reference/formats.md, section 2).
// Pure and defensive: malformed input yields { ok: false } naming the field and column, never a
// throw. Fast: one tokenizing pass with indexOf, then slices only for the fields kept.

import { KNOWN_FIELDS, MIN_FIELDS, S3_ACCESS_FIELDS } from './record';
import type { S3AccessParseResult, S3AccessRecord } from './record';
import { parseLogTime } from './time';
import {
  KIND_BRACKETED,
  KIND_QUOTED_ESCAPED,
  TIME_FIELD,
  fieldError,
  tokenEnds,
  tokenKinds,
  tokenStarts,
  tokenize,
} from './tokenize';
import type { FieldError } from './tokenize';
import { accessKeyIdOf, decodeKey, httpMethodOf, isHex, readCount, unescapeQuoted } from './values';

const DASH = 0x2d;

function fail(error: FieldError): S3AccessParseResult {
  const result: S3AccessParseResult = { ok: false, reason: error.reason };
  if (error.column !== undefined) result.column = error.column;
  if (error.field !== undefined) result.field = error.field;
  return result;
}

/** Thrown only inside this module to unwind from a field reader; never escapes parseS3AccessLine. */
class FieldFailure extends Error {
  constructor(readonly error: FieldError) {
    super(error.reason);
  }
}

function isDash(line: string, i: number): boolean {
  return tokenEnds[i]! - tokenStarts[i]! === 1 && line.charCodeAt(tokenStarts[i]!) === DASH;
}

/** A plain field as text; null for `-` or when the line is too short to have it. */
function text(line: string, count: number, i: number): string | null {
  if (i >= count || isDash(line, i)) return null;
  return line.slice(tokenStarts[i], tokenEnds[i]);
}

// The last value read per field. Owner, bucket, operation, host header, cipher … repeat on
// nearly every line of a file, so returning the same string skips a slice (and the owner's hex
// check) and lets a million records share one string instead of each holding its own.
const lastValue: (string | undefined)[] = new Array<string | undefined>(KNOWN_FIELDS);

/** Like text(), reusing the previous line's string when the field is unchanged. */
function repeated(line: string, count: number, i: number): string | null {
  if (i >= count || isDash(line, i)) return null;
  // Slicing then comparing with === measured several times faster than startsWith(last, at).
  const value = line.slice(tokenStarts[i], tokenEnds[i]);
  const last = lastValue[i];
  if (value === last) return last;
  lastValue[i] = value;
  return value;
}

/** A quoted field's content; `"-"` and a bare `-` (the only unquoted value tokenize allows) are null. */
function quoted(line: string, i: number): string | null {
  if (isDash(line, i)) return null;
  if (tokenKinds[i] === KIND_QUOTED_ESCAPED)
    return unescapeQuoted(line, tokenStarts[i]!, tokenEnds[i]!);
  return line.slice(tokenStarts[i], tokenEnds[i]);
}

/** A count field (status, bytes, times); null for `-`. */
function count(line: string, i: number, what: string): number | null {
  if (isDash(line, i)) return null;
  const n = readCount(line, tokenStarts[i]!, tokenEnds[i]!);
  if (n === -1) throw new FieldFailure(fieldError(i, what, tokenStarts[i]! + 1));
  return n;
}

function time(line: string): number | null {
  if (isDash(line, TIME_FIELD)) return null;
  const start = tokenStarts[TIME_FIELD]!;
  if (tokenKinds[TIME_FIELD] !== KIND_BRACKETED) {
    throw new FieldFailure(fieldError(TIME_FIELD, "expected '[' or -", start + 1));
  }
  const parsed = parseLogTime(line, start, tokenEnds[TIME_FIELD]!);
  if (typeof parsed === 'number') return parsed;
  throw new FieldFailure(fieldError(TIME_FIELD, parsed.message, start + parsed.offset + 1));
}

function bucketOwner(line: string): string | null {
  const last = lastValue[0];
  const owner = repeated(line, 1, 0);
  // A value equal to the last one was checked when it was first seen.
  if (owner === null || owner === last) return owner;
  if (!isHex(owner, 0, owner.length)) {
    lastValue[0] = undefined;
    throw new FieldFailure(fieldError(0, 'expected a canonical user ID (1-64 hex digits)', 1));
  }
  return owner;
}

function httpStatus(line: string): number | null {
  const status = count(line, 9, 'expected a 3-digit HTTP status or -');
  if (status !== null && (status < 100 || status > 599 || tokenEnds[9]! - tokenStarts[9]! !== 3)) {
    throw new FieldFailure(
      fieldError(9, 'expected a 3-digit HTTP status or -', tokenStarts[9]! + 1),
    );
  }
  return status;
}

function aclRequired(line: string, fields: number): boolean | null {
  const value = text(line, fields, 25);
  if (value === null) return null;
  if (value === 'Yes') return true;
  throw new FieldFailure(fieldError(25, 'expected Yes or -', tokenStarts[25]! + 1));
}

function build(line: string, fields: number): S3AccessRecord {
  const requester = text(line, fields, 4);
  const keyRaw = text(line, fields, 7);
  const requestUri = quoted(line, 8);
  return {
    time: time(line),
    bucketOwner: bucketOwner(line),
    bucket: repeated(line, fields, 1),
    remoteIp: text(line, fields, 3),
    requester,
    requestId: text(line, fields, 5),
    operation: repeated(line, fields, 6),
    key: keyRaw === null ? null : decodeKey(keyRaw),
    keyRaw,
    requestUri,
    httpMethod: requestUri === null ? null : httpMethodOf(requestUri),
    httpStatus: httpStatus(line),
    errorCode: text(line, fields, 10),
    bytesSent: count(line, 11, 'expected a byte count or -'),
    objectSize: count(line, 12, 'expected a byte count or -'),
    totalTimeMs: count(line, 13, 'expected milliseconds or -'),
    turnAroundMs: count(line, 14, 'expected milliseconds or -'),
    referer: quoted(line, 15),
    userAgent: quoted(line, 16),
    versionId: text(line, fields, 17),
    hostId: text(line, fields, 18),
    signatureVersion: repeated(line, fields, 19),
    cipherSuite: repeated(line, fields, 20),
    authType: repeated(line, fields, 21),
    hostHeader: repeated(line, fields, 22),
    tlsVersion: repeated(line, fields, 23),
    accessPointArn: repeated(line, fields, 24),
    aclRequired: aclRequired(line, fields),
    region: repeated(line, fields, 26),
    anonymous: requester === null || requester === 'Anonymous',
    accessKeyId: requestUri === null ? null : accessKeyIdOf(requestUri),
    fieldCount: fields,
  };
}

/** Parses one line (without its line terminator). Never throws. */
export function parseS3AccessLine(line: string): S3AccessParseResult {
  if (typeof line !== 'string') return { ok: false, reason: 'not a string' };
  // Trailing whitespace (a stray CR, spaces) is not a field; leading whitespace is an error.
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x0d && c !== 0x09) break;
    end--;
  }
  if (end === 0) return { ok: false, reason: 'empty line' };

  const fields = tokenize(line, end);
  if (typeof fields !== 'number') return fail(fields);
  if (fields < MIN_FIELDS) {
    const missing = S3_ACCESS_FIELDS[fields] ?? 'versionId';
    return {
      ok: false,
      reason: `too few fields: ${fields} found, at least ${MIN_FIELDS} expected; ${missing} (field ${
        fields + 1
      }) is missing at column ${end + 1}`,
      column: end + 1,
      field: missing,
    };
  }
  try {
    return { ok: true, record: build(line, fields) };
  } catch (err) {
    if (err instanceof FieldFailure) return fail(err.error);
    // Anything else is a bug in this parser, but a bad line must still not stop an ingest.
    return { ok: false, reason: `internal parser error: ${String(err)}` };
  }
}
