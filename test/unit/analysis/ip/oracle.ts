// Independent reference implementations for the IP tests. They deliberately share no code with
// src/analysis/ip: validity comes from node:net, canonical IPv6 text from the WHATWG URL parser,
// and CIDR arithmetic from BigInt on a simple split-based parse.

import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/data');

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}

/** Node's own validator (which rejects leading-zero IPv4) minus zone ids, which we refuse. */
export function oracleIsIp(text: string): boolean {
  return !text.includes('%') && isIP(text) !== 0;
}

/** RFC 5952 text via the URL parser (its IPv6 serializer follows RFC 5952). */
export function oracleCanonicalIpv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

export interface OracleAddress {
  version: 4 | 6;
  value: bigint;
}

export function oracleParse(text: string): OracleAddress {
  if (!oracleIsIp(text)) throw new Error(`oracle: not an IP: ${text}`);
  if (isIP(text) === 4) {
    return {
      version: 4,
      value: text.split('.').reduce((acc, octet) => acc * 256n + BigInt(octet), 0n),
    };
  }
  // Expand via the URL form (no dotted quad, `::` at most once), then pad the gap.
  const canonical = oracleCanonicalIpv6(text);
  const [head = '', tail] = canonical.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return { version: 6, value: groups.reduce((acc, g) => acc * 65536n + BigInt(`0x${g}`), 0n) };
}

export interface OracleCidr {
  text: string;
  version: 4 | 6;
  network: bigint;
  length: number;
}

export function oracleCidr(text: string): OracleCidr {
  const [address = '', length = ''] = text.split('/');
  const parsed = oracleParse(address);
  return { text, version: parsed.version, network: parsed.value, length: Number(length) };
}

export function oracleContains(cidr: OracleCidr, address: OracleAddress): boolean {
  if (cidr.version !== address.version) return false;
  const bits = BigInt(cidr.version === 4 ? 32 : 128);
  const shift = bits - BigInt(cidr.length);
  return cidr.network >> shift === address.value >> shift;
}

export interface AwsFileEntry {
  prefix: string;
  service: string;
  region: string;
  network_border_group: string;
}

interface AwsFile {
  syncToken: string;
  createDate: string;
  prefixes: { ip_prefix: string; service: string; region: string; network_border_group: string }[];
  ipv6_prefixes: {
    ipv6_prefix: string;
    service: string;
    region: string;
    network_border_group: string;
  }[];
}

let awsFile: AwsFile | undefined;

/** The fixture copy of ip-ranges.json, read with JSON.parse only. */
export function readAwsFile(): AwsFile {
  awsFile ??= JSON.parse(
    readFileSync(fixturePath('aws-ip-ranges/ip-ranges.json'), 'utf8'),
  ) as AwsFile;
  return awsFile;
}

export function awsEntries(): AwsFileEntry[] {
  const file = readAwsFile();
  return [
    ...file.prefixes.map(({ ip_prefix, ...rest }) => ({ prefix: ip_prefix, ...rest })),
    ...file.ipv6_prefixes.map(({ ipv6_prefix, ...rest }) => ({ prefix: ipv6_prefix, ...rest })),
  ];
}

/**
 * The expected AWS answer by linear scan: among entries containing the address, the longest
 * prefix of a specific service; only if there is none, the longest AMAZON prefix. Returns every
 * entry at the winning prefix.
 */
let parsedAws: { entry: AwsFileEntry; cidr: OracleCidr }[] | undefined;

export function oracleAwsMatches(ip: string): AwsFileEntry[] {
  parsedAws ??= awsEntries().map((entry) => ({ entry, cidr: oracleCidr(entry.prefix) }));
  const address = oracleParse(ip);
  const containing = parsedAws.filter((e) => oracleContains(e.cidr, address));
  const specific = containing.filter((e) => e.entry.service !== 'AMAZON');
  const pool = specific.length > 0 ? specific : containing;
  const longest = Math.max(-1, ...pool.map((e) => e.cidr.length));
  return pool.filter((e) => e.cidr.length === longest).map((e) => e.entry);
}

/** The Tor fixture's non-blank lines, as written. */
export function torFixtureLines(): string[] {
  return readFileSync(fixturePath('tor/tor-exit-nodes.lst'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** A small seeded generator (mulberry32): the same numbers every run, so failures reproduce. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}
