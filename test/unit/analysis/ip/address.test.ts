import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from '../../../../src/analysis/ip/address';
import { oracleCanonicalIpv6, oracleIsIp, oracleParse, seededRandom } from './oracle';

function bigintOf(text: string): bigint {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`did not parse: ${text}`);
  return parsed.words.reduce((acc, w) => acc * 2n ** 32n + BigInt(w), 0n);
}

describe('IPv4 parsing', () => {
  it.each(['0.0.0.0', '1.2.3.4', '10.0.0.1', '255.255.255.255', '18.236.253.47', '221.252.237.0'])(
    'accepts %s and keeps its value',
    (text) => {
      expect(parseIp(text)?.version).toBe(4);
      expect(bigintOf(text)).toBe(oracleParse(text).value);
      expect(formatIp(parseIp(text)!)).toBe(text);
    },
  );

  it.each([
    ['075.050.255.67', 'leading zeros (ambiguous octal)'],
    ['01.2.3.4', 'leading zero in the first octet'],
    ['1.2.3.04', 'leading zero in the last octet'],
    ['00.0.0.0', 'double zero'],
    ['1.2.3', 'three octets'],
    ['1.2.3.4.5', 'five octets'],
    ['999.1.1.1', 'octet over 255'],
    ['1.2.3.256', 'last octet over 255'],
    ['100.200.300.400', 'the openregister fixture value'],
    ['', 'empty'],
    ['1..2.3', 'empty octet'],
    ['1.2.3.', 'trailing dot'],
    ['.1.2.3', 'leading dot'],
    [' 1.2.3.4', 'leading space'],
    ['1.2.3.4 ', 'trailing space'],
    ['1.2.3.-4', 'sign'],
    ['0x1.2.3.4', 'hex'],
    ['1.2.3.4/32', 'a CIDR is not an address'],
    ['AWS Internal', 'a service marker'],
  ])('rejects %s (%s)', (text) => {
    expect(parseIp(text)).toBeUndefined();
    expect(oracleIsIp(text)).toBe(false);
  });
});

describe('IPv6 parsing', () => {
  it.each([
    '::',
    '::1',
    '1::',
    '2001:db8::1',
    '2001:0DB8:0000:0000:0000:0000:0000:0001',
    '2001:0470:0001:0908:0000:0000:0000:9001',
    'fe80::1:2',
    '1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
    '::1:2:3:4:5:6:7',
    '1:0:0:2:0:0:0:3',
    '1:0:0:0:2:0:0:3',
    '0:0:1::',
    '2600:1f14:fff:f800::',
    '::ffff:1.2.3.4',
    '::1.2.3.4',
    '64:ff9b::192.0.2.33',
    '1:2:3:4:5:6:1.2.3.4',
    'ABCD:EF01::',
  ])('accepts %s with the RFC 5952 form the URL parser gives', (text) => {
    const parsed = parseIp(text);
    expect(parsed?.version).toBe(6);
    expect(formatIp(parsed!)).toBe(oracleCanonicalIpv6(text));
    expect(bigintOf(text)).toBe(oracleParse(text).value);
  });

  it.each([
    'fe80::1%eth0',
    'fe80::1%25eth0',
    '[::1]',
    ':::',
    ':',
    ':1',
    '1:',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7::8',
    '12345::',
    'g::1',
    '::ffff:1.2.3',
    '::ffff:01.2.3.4',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::ffff:1.2.3.4.5',
    ' ::1',
  ])('rejects %s', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('agrees with node:net on random near-miss strings', () => {
    const next = seededRandom(42);
    const alphabet = '0123456789abcdefABCDEFg:.:::';
    const seeds = [
      '::ffff:1.2.3.4',
      '2001:db8::1',
      '1.2.3.4',
      '1:2:3:4:5:6:7:8',
      '255.255.255.255',
      '::',
    ];
    const disagreements: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text: string;
      if (n % 2 === 0) {
        text = '';
        const length = next(24);
        for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      } else {
        // Mutate a valid address: insert, delete or replace one character.
        const base = seeds[next(seeds.length)] ?? '';
        const at = next(base.length + 1);
        const ch = alphabet[next(alphabet.length)] ?? '';
        const op = next(3);
        text =
          op === 0
            ? base.slice(0, at) + ch + base.slice(at)
            : op === 1
              ? base.slice(0, at) + base.slice(at + 1)
              : base.slice(0, at) + ch + base.slice(at + 1);
      }
      const ours = parseIp(text) !== undefined;
      if (ours !== oracleIsIp(text)) disagreements.push(text);
      else if (
        ours &&
        text.includes(':') &&
        formatIp(parseIp(text)!) !== oracleCanonicalIpv6(text)
      ) {
        disagreements.push(`${text} (format)`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
