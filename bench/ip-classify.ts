// IP classification throughput, as ratios against a naive linear scan measured in the same run
// (absolute numbers depend on the machine; the ratios are what to compare between changes).
//   npx tsx bench/ip-classify.ts
// Target: around a million lookups per second on one core for CloudTrail-like input, where a
// few thousand distinct addresses repeat many times.

import { parseIp } from '../src/analysis/ip/address';
import { cidrContains } from '../src/analysis/ip/cidr';
import type { Cidr } from '../src/analysis/ip/cidr';
import { bundledAwsIpRanges, bundledTorExitList, createIpClassifier } from '../src/analysis/ip';

/** Small seeded generator so every run classifies the same input. */
function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 4294967296) * below);
  };
}

const pick = seeded(1);
const aws = bundledAwsIpRanges();
const tor = bundledTorExitList();

function ipv4In(cidr: Cidr): string {
  const network = cidr.address.words[0] ?? 0;
  const span = 2 ** (32 - cidr.length);
  const v = network + pick(span);
  return `${Math.floor(v / 16777216)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
}

// 20,000 distinct values: AWS addresses, Tor exits, random public IPv4, some IPv6 and services.
const v4Prefixes = aws.prefixes.filter((p) => p.cidr.address.version === 4);
const distinct: string[] = [];
for (let i = 0; i < 8_000; i++) distinct.push(ipv4In(v4Prefixes[pick(v4Prefixes.length)]!.cidr));
for (let i = 0; i < 1_000; i++)
  distinct.push(tor.entries[pick(tor.entries.length)]!.prefix.split('/')[0]!);
for (let i = 0; i < 10_000; i++)
  distinct.push(`${1 + pick(222)}.${pick(256)}.${pick(256)}.${pick(256)}`);
for (let i = 0; i < 900; i++)
  distinct.push(`2600:1f14:${pick(65536).toString(16)}::${pick(65536).toString(16)}`);
distinct.push('AWS Internal', 'ec2.amazonaws.com', '075.050.255.67');
while (distinct.length < 20_000) distinct.push(`10.0.${pick(256)}.${pick(256)}`);

const LOOKUPS = 1_000_000;
const stream: string[] = Array.from({ length: LOOKUPS }, () => distinct[pick(distinct.length)]!);

function rate(label: string, count: number, run: (ip: string) => unknown): number {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) if (run(stream[i % stream.length]!) !== undefined) sink++;
  const seconds = (performance.now() - start) / 1000;
  const perSecond = count / seconds;
  console.log(
    `${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s  (${sink === count ? 'ok' : 'MISMATCH'})`,
  );
  return perSecond;
}

// Baseline: scan every prefix of every list for each address, keeping the longest per list.
const baselineEntries: { cidr: Cidr; list: string }[] = [
  ...aws.prefixes.map((p) => ({ cidr: p.cidr, list: p.service === 'AMAZON' ? 'amazon' : 'aws' })),
  ...tor.entries.map((e) => ({ cidr: e.cidr, list: 'tor' })),
];
function naive(ip: string): unknown {
  const address = parseIp(ip);
  if (address === undefined) return null;
  const best = new Map<string, number>();
  for (const e of baselineEntries) {
    if (e.cidr.length > (best.get(e.list) ?? -1) && cidrContains(e.cidr, address))
      best.set(e.list, e.cidr.length);
  }
  return best;
}

const buildStart = performance.now();
const cached = createIpClassifier({ internal: ['10.0.0.0/16'] });
console.log(
  `build (bundled AWS + Tor, first use)           ${(performance.now() - buildStart).toFixed(1)} ms`,
);
const uncached = createIpClassifier({ internal: ['10.0.0.0/16'], cacheSize: 0 });

// Warm up the JIT (and, for the cached classifier, fill the cache as real use would).
rate('warm-up', 200_000, (ip) => cached.classify(ip));
rate('warm-up', 50_000, (ip) => uncached.classify(ip));
rate('warm-up', 500, naive);

const baseline = rate('naive linear scan (baseline)', 2_000, naive);
const trie = rate('trie, no cache', 200_000, (ip) => uncached.classify(ip));
const withCache = rate('trie + cache (20k distinct, repeated)', LOOKUPS, (ip) =>
  cached.classify(ip),
);
console.log(`ratio trie/no cache vs baseline:  ${(trie / baseline).toFixed(0)}x`);
console.log(`ratio trie+cache vs baseline:     ${(withCache / baseline).toFixed(0)}x`);
console.log(`ratio trie+cache vs trie:         ${(withCache / trie).toFixed(1)}x`);
