// CIDR blocks: strict parsing (no host bits set, no leading zeros in the length) and formatting.
// IPv4-mapped IPv6 blocks (::ffff:a.b.c.d/len with len >= 96) are stored as the IPv4 block they
// cover, because addresses are unmapped the same way before they are looked up.

import type { IpAddress } from './address';
import { addressBits, formatIp, isIpv4Mapped, parseIp } from './address';

export interface Cidr {
  readonly address: IpAddress;
  readonly length: number;
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

const LENGTH = /^(0|[1-9][0-9]{0,2})$/;

/** Bit i (0 = most significant) of an address. */
export function bitAt(words: readonly number[], i: number): number {
  return ((words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1;
}

function hostBitsSet(address: IpAddress, length: number): boolean {
  return address.words.some((word, index) => {
    const keep = Math.min(32, Math.max(0, length - index * 32));
    const hostMask = keep === 32 ? 0 : -1 >>> keep;
    return (word & hostMask) !== 0;
  });
}

function clearHostBits(address: IpAddress, length: number): IpAddress {
  const words = address.words.map((word, index) => {
    const keep = Math.min(32, Math.max(0, length - index * 32));
    if (keep === 0) return 0;
    if (keep === 32) return word;
    return (word & ~(0xffffffff >>> keep)) >>> 0;
  });
  return { version: address.version, words };
}

/**
 * Parses `address/length` or a bare address (a single-host block). Reasons are short phrases a
 * caller can put after the entry, e.g. `"10.0.0.1/8": host bits set (network is 10.0.0.0/8)`.
 */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = parseIp(addressText);
  if (address === undefined) return { ok: false, reason: 'not an IPv4 or IPv6 address or CIDR' };
  const bits = addressBits(address.version);
  let length: number = bits;
  if (slash !== -1) {
    const lengthText = text.slice(slash + 1);
    if (!LENGTH.test(lengthText) || Number(lengthText) > bits) {
      return { ok: false, reason: `prefix length must be a whole number from 0 to ${bits}` };
    }
    length = Number(lengthText);
  }
  if (hostBitsSet(address, length)) {
    const network = formatCidr({ address: clearHostBits(address, length), length });
    return { ok: false, reason: `host bits set (network is ${network})` };
  }
  if (length >= 96 && isIpv4Mapped(address)) {
    return {
      ok: true,
      cidr: { address: { version: 4, words: [address.words[3] ?? 0] }, length: length - 96 },
    };
  }
  return { ok: true, cidr: { address, length } };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.address)}/${cidr.length}`;
}

/** True when the block contains the address (same version, same leading bits). */
export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.address.version !== address.version) return false;
  for (let w = 0; w * 32 < cidr.length; w++) {
    const keep = Math.min(32, cidr.length - w * 32);
    const mask = keep === 32 ? -1 : ~(-1 >>> keep);
    if ((((cidr.address.words[w] ?? 0) ^ (address.words[w] ?? 0)) & mask) !== 0) return false;
  }
  return true;
}
