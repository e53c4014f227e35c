import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../../src/analysis/ip/address';
import { parseCidr } from '../../../../src/analysis/ip/cidr';
import type { Cidr } from '../../../../src/analysis/ip/cidr';
import { PrefixTrie } from '../../../../src/analysis/ip/prefix-trie';
import { oracleCidr, oracleContains, oracleParse, seededRandom } from './oracle';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
  return parsed.cidr;
}

function longest(trie: PrefixTrie<string>, ip: string): string[] {
  const hits = trie.lookup(parseIp(ip)!.words);
  return [...(hits.at(-1)?.values ?? [])];
}

describe('PrefixTrie', () => {
  it('finds the longest of overlapping prefixes and lists the shorter ones too', () => {
    const trie = new PrefixTrie<string>(32);
    for (const text of ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3/32']) {
      trie.insert(cidr(text), text);
    }
    expect(longest(trie, '10.1.2.3')).toEqual(['10.1.2.3/32']);
    expect(longest(trie, '10.1.2.4')).toEqual(['10.1.2.0/24']);
    expect(longest(trie, '10.1.3.4')).toEqual(['10.1.0.0/16']);
    expect(longest(trie, '10.2.0.0')).toEqual(['10.0.0.0/8']);
    expect(longest(trie, '11.0.0.0')).toEqual(['0.0.0.0/0']);
    expect(trie.lookup(parseIp('10.1.2.3')!.words).map((h) => h.length)).toEqual([
      0, 8, 16, 24, 32,
    ]);
  });

  it('keeps every value stored at the same prefix', () => {
    const trie = new PrefixTrie<string>(128);
    trie.insert(cidr('2600:1f14::/34'), 'EC2');
    trie.insert(cidr('2600:1f14::/34'), 'AMAZON');
    trie.insert(cidr('2600:1f14::/35'), 'S3');
    expect(longest(trie, '2600:1f14:1000::1')).toEqual(['S3']);
    expect(longest(trie, '2600:1f14:2000::1')).toEqual(['EC2', 'AMAZON']);
    expect(trie.lookup(parseIp('2600:1f15::1')!.words)).toEqual([]);
  });

  it('agrees with a linear scan on random overlapping blocks (IPv4 and IPv6)', () => {
    const next = seededRandom(7);
    for (const version of [4, 6] as const) {
      const bits = version === 4 ? 32 : 128;
      const trie = new PrefixTrie<string>(bits);
      const blocks: string[] = [];
      const randomAddress = (): string => {
        // Few distinct leading bytes so the blocks overlap a lot.
        if (version === 4) return [next(3) + 10, next(4), next(256), next(256)].join('.');
        return [
          '2001',
          'db8',
          next(4).toString(16),
          next(65536).toString(16),
          '0',
          '0',
          '0',
          next(65536).toString(16),
        ].join(':');
      };
      for (let i = 0; i < 400; i++) {
        const length = version === 4 ? 6 + next(27) : 30 + next(99);
        // Clear host bits through the oracle so the block text is valid.
        const address = oracleParse(randomAddress());
        const shift = BigInt(bits - length);
        const network = (address.value >> shift) << shift;
        const text =
          version === 4
            ? `${[24n, 16n, 8n, 0n].map((s) => (network >> s) & 255n).join('.')}/${length}`
            : `${[112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((network >> s) & 0xffffn).toString(16)).join(':')}/${length}`;
        blocks.push(text);
        trie.insert(cidr(text), text);
      }
      const oracleBlocks = blocks.map(oracleCidr);
      for (let i = 0; i < 2000; i++) {
        const ip = randomAddress();
        const address = oracleParse(ip);
        const containing = oracleBlocks.filter((b) => oracleContains(b, address));
        const maxLength = Math.max(-1, ...containing.map((b) => b.length));
        const expected = containing.filter((b) => b.length === maxLength).map((b) => b.text);
        const hits = trie.lookup(parseIp(ip)!.words);
        expect([...(hits.at(-1)?.values ?? [])].sort(), ip).toEqual(expected.sort());
        expect(hits.map((h) => h.length)).toEqual(
          [...new Set(containing.map((b) => b.length))].sort((a, b) => a - b),
        );
      }
    }
  });
});
