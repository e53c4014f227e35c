// Field-level readers for the access-log parser: numbers, keys, quoted text, and what can be
// derived from the request line. Each takes a string (or bounds in one) and never throws.

const BACKSLASH = 0x5c;

/** Largest digit count that always fits a safe integer (object sizes reach 5 TB = 13 digits). */
const MAX_DIGITS = 15;

/** Digits in s[start, end) as a number, or -1 when the text is not a plain non-negative integer. */
export function readCount(s: string, start: number, end: number): number {
  if (end <= start || end - start > MAX_DIGITS) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** True when s[start, end) is 1–64 hex digits (a canonical user ID; fixtures use short ones). */
export function isHex(s: string, start: number, end: number): boolean {
  if (end <= start || end - start > 64) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20; // fold A-F onto a-f
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** The content of a quoted field with `\"` and `\\` unescaped; other backslashes are kept. */
export function unescapeQuoted(s: string, start: number, end: number): string {
  let out = '';
  let from = start;
  for (let i = start; i < end - 1; i++) {
    if (s.charCodeAt(i) !== BACKSLASH) continue;
    const next = s.charCodeAt(i + 1);
    if (next === 0x22 || next === BACKSLASH) {
      out += s.slice(from, i);
      from = i + 1; // keep the escaped character itself
      i++;
    }
  }
  return out + s.slice(from, end);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** Percent-decodes byte by byte, keeping malformed `%` sequences as written. */
function lenientPercentDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hi = c === 0x25 ? hexValue(s.charCodeAt(i + 1)) : -1;
    const lo = hi === -1 ? -1 : hexValue(s.charCodeAt(i + 2));
    if (lo !== -1) {
      bytes.push(hi * 16 + lo);
      i += 2;
      continue;
    }
    const cp = s.codePointAt(i) ?? c;
    if (cp > 0xffff) i++; // the low surrogate is part of this code point
    for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
  }
  // Invalid UTF-8 becomes U+FFFD; keyRaw keeps the exact logged form for anyone who needs it.
  return Buffer.from(bytes).toString('utf8');
}

/** The logged (URL-encoded) key decoded; `+` is a space, because S3 encodes a real `+` as %2B. */
export function decodeKey(raw: string): string {
  const plus = raw.indexOf('+');
  if (plus === -1 && raw.indexOf('%') === -1) return raw;
  const spaced = plus === -1 ? raw : raw.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A bad escape or invalid UTF-8 must not cost the record; decode what can be decoded.
    return lenientPercentDecode(spaced);
  }
}

/** The method at the start of a request line (`GET /x HTTP/1.1` → `GET`), if it looks like one. */
export function httpMethodOf(requestUri: string): string | null {
  let i = 0;
  for (; i < requestUri.length && i <= 16; i++) {
    const c = requestUri.charCodeAt(i);
    if (c === 0x20) break;
    if (c < 0x41 || c > 0x5a) return null; // methods are upper-case letters
  }
  if (i === 0 || i > 16) return null;
  return requestUri.slice(0, i);
}

/** True when the query parameter starting at `at` is named `name` (ASCII, case-insensitive). */
function nameIs(s: string, at: number, name: string): boolean {
  if (at + name.length > s.length) return false;
  for (let i = 0; i < name.length; i++) {
    if ((s.charCodeAt(at + i) | 0x20) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** Value start of the query parameter `name=` (lower-case, ends in `=`) in s[from, end), or -1. */
function findParam(s: string, from: number, end: number, name: string): number {
  let p = from;
  while (p < end) {
    if (nameIs(s, p, name)) return p + name.length;
    const amp = s.indexOf('&', p);
    if (amp === -1 || amp >= end) return -1;
    p = amp + 1;
  }
  return -1;
}

function looksLikeKeyId(s: string, start: number, end: number): boolean {
  if (end - start < 16 || end - start > 128) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum) return false;
  }
  return true;
}

/**
 * The access key ID a presigned URL carries in its query string: SigV4
 * `X-Amz-Credential=AKIA…%2F20190206%2Fregion%2Fs3%2Faws4_request` (or with raw `/`), or SigV2
 * `AWSAccessKeyId=AKIA…`. Parameter names match case-insensitively. Null when there is none.
 */
export function accessKeyIdOf(requestUri: string): string | null {
  const q = requestUri.indexOf('?');
  if (q === -1) return null;
  // The query ends at the space before the protocol; a raw space cannot occur inside a URI.
  let end = requestUri.indexOf(' ', q);
  if (end === -1) end = requestUri.length;
  let paramEnd: number;

  const v4 = findParam(requestUri, q + 1, end, 'x-amz-credential=');
  if (v4 !== -1) {
    paramEnd = requestUri.indexOf('&', v4);
    if (paramEnd === -1 || paramEnd > end) paramEnd = end;
    // The credential scope follows the key ID after a `/`, logged as-is or encoded as %2F.
    let stop = v4;
    while (stop < paramEnd) {
      const c = requestUri.charCodeAt(stop);
      if (c === 0x2f || c === 0x25) break;
      stop++;
    }
    if (looksLikeKeyId(requestUri, v4, stop)) return requestUri.slice(v4, stop);
  }

  const v2 = findParam(requestUri, q + 1, end, 'awsaccesskeyid=');
  if (v2 !== -1) {
    paramEnd = requestUri.indexOf('&', v2);
    if (paramEnd === -1 || paramEnd > end) paramEnd = end;
    if (looksLikeKeyId(requestUri, v2, paramEnd)) return requestUri.slice(v2, paramEnd);
  }
  return null;
}

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/**
 * The TLS version in one spelling (`TLSV1.2` in AWS's docs, `TLSv1.2` in real logs → `TLSv1.2`)
 * so callers can compare; null for `-`/null or a value this list does not know.
 */
export function canonicalTlsVersion(logged: string | null): TlsVersion | null {
  if (logged === null) return null;
  const lower = logged.toLowerCase();
  for (const v of TLS_VERSIONS) if (v.toLowerCase() === lower) return v;
  return null;
}
