// Strict IP address parsing and canonical formatting, with no allocation-heavy helpers on the
// IPv4 path (it is the hot one: almost every CloudTrail sourceIPAddress is IPv4).
//
// Strict means: dotted-quad IPv4 with exactly four decimal octets and no leading zeros (so
// `075.050.255.67` is rejected: some tools read it as octal, and the anonymised Stratus captures
// use such strings as placeholders), and IPv6 in any RFC 4291 text form (compressed `::`, leading
// zeros inside a group, a trailing dotted quad) but without zone ids or brackets.

/** An address as 32-bit unsigned words, most significant first: one word for IPv4, four for IPv6. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly words: readonly number[];
}

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;

/** Parses a strict dotted-quad IPv4 address in text[start, end); returns the uint32 or -1. */
export function parseIpv4Number(text: string, start = 0, end = text.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CHAR_0 && c <= CHAR_9) {
      // A leading zero is only allowed for the octet "0" itself.
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - CHAR_0);
      digits++;
      if (octet > 255) return -1;
    } else if (c === CHAR_DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

const CHAR_COLON = 58;

/** Value of a hex digit's char code, or -1. */
function hexValue(c: number): number {
  if (c >= CHAR_0 && c <= CHAR_9) return c - CHAR_0;
  const lower = c | 0x20; // ASCII letters: set the lower-case bit
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Parses zone-less IPv6 text into eight 16-bit groups, or undefined. One pass, no regexes. */
function parseIpv6Groups(text: string): number[] | undefined {
  const n = text.length;
  // The longest valid form is 8 full groups with a trailing dotted quad in the last two: 45 chars.
  if (n < 2 || n > 45) return undefined;
  const groups: number[] = [];
  let gapAt = -1; // index in `groups` where `::` stands
  let i = 0;
  if (text.charCodeAt(0) === CHAR_COLON) {
    if (text.charCodeAt(1) !== CHAR_COLON) return undefined;
    gapAt = 0;
    i = 2;
  }
  while (i < n) {
    const pieceStart = i;
    let value = 0;
    let digits = 0;
    for (let h = hexValue(text.charCodeAt(i)); h >= 0 && i < n; h = hexValue(text.charCodeAt(i))) {
      value = value * 16 + h;
      digits++;
      i++;
    }
    if (i < n && text.charCodeAt(i) === CHAR_DOT) {
      // Only the last piece may be a dotted quad: it runs to the end of the text.
      const v4 = parseIpv4Number(text, pieceStart, n);
      if (v4 < 0) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      break;
    }
    if (digits === 0 || digits > 4) return undefined;
    groups.push(value);
    if (groups.length > 8) return undefined;
    if (i === n) break;
    if (text.charCodeAt(i) !== CHAR_COLON) return undefined;
    i++;
    if (i < n && text.charCodeAt(i) === CHAR_COLON) {
      if (gapAt !== -1) return undefined;
      gapAt = groups.length;
      i++;
    } else if (i === n) {
      return undefined; // a single trailing colon
    }
  }
  if (gapAt === -1) return groups.length === 8 ? groups : undefined;
  // `::` stands for at least one zero group.
  if (groups.length > 7) return undefined;
  const zeros = new Array<number>(8 - groups.length).fill(0);
  return [...groups.slice(0, gapAt), ...zeros, ...groups.slice(gapAt)];
}

function groupsToWords(groups: readonly number[]): number[] {
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push((groups[i] ?? 0) * 65536 + (groups[i + 1] ?? 0));
  return words;
}

/** Parses strict IPv4 or zone-less IPv6 text; undefined when it is not an address. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const groups = parseIpv6Groups(text);
    return groups === undefined ? undefined : { version: 6, words: groupsToWords(groups) };
  }
  const v4 = parseIpv4Number(text);
  return v4 < 0 ? undefined : { version: 4, words: [v4] };
}

/** True for ::ffff:0:0/96, the IPv4-mapped IPv6 block. */
export function isIpv4Mapped(address: IpAddress): boolean {
  const [a, b, c] = address.words;
  return address.version === 6 && a === 0 && b === 0 && c === 0xffff;
}

/** IPv4-mapped IPv6 becomes the IPv4 address it carries; anything else is returned unchanged. */
export function unmapIpv4(address: IpAddress): IpAddress {
  return isIpv4Mapped(address) ? { version: 4, words: [address.words[3] ?? 0] } : address;
}

export function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (2+ groups) of zeros as `::`. */
export function formatIpv6(words: readonly number[]): string {
  const groups: number[] = [];
  for (const word of words) groups.push(Math.floor(word / 65536), word % 65536);
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (groups[i] ?? 0).toString(16);
  }
  return out;
}

export function formatIp(address: IpAddress): string {
  return address.version === 4 ? formatIpv4(address.words[0] ?? 0) : formatIpv6(address.words);
}

/** The number of bits in an address of this version. */
export function addressBits(version: 4 | 6): 32 | 128 {
  return version === 4 ? 32 : 128;
}
