import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IpMatch } from '../../../../src/analysis/ip';
import { createIpClassifier, parseThreatList } from '../../../../src/analysis/ip';
import type { AwsFileEntry } from './oracle';
import {
  awsEntries,
  fixturePath,
  oracleAwsMatches,
  oracleCanonicalIpv6,
  oracleCidr,
  oracleContains,
  oracleParse,
  seededRandom,
  torFixtureLines,
} from './oracle';

// One classifier with the bundled AWS snapshot and Tor list, shared by the read-only tests.
const bundled = createIpClassifier();
const SNAPSHOT = { createDate: '2026-08-22-15-17-05', syncToken: '1787411825' };

function expectedAws(entries: AwsFileEntry[]): IpMatch[] {
  return entries.map((e) => ({
    list: 'aws',
    prefix: e.prefix,
    service: e.service,
    region: e.region,
    networkBorderGroup: e.network_border_group,
    ...SNAPSHOT,
  }));
}

function awsMatches(ip: string): IpMatch[] {
  return bundled.classify(ip).matches.filter((m) => m.list === 'aws');
}

function sorted(matches: IpMatch[]): IpMatch[] {
  return [...matches].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Text of an address `offset` above a CIDR's network, built with BigInt. */
function addressIn(prefix: string, pick: (below: number) => number): string {
  const cidr = oracleCidr(prefix);
  const hostBits = (cidr.version === 4 ? 32 : 128) - cidr.length;
  const span = 1n << BigInt(hostBits);
  const offset = span <= 1n ? 0n : BigInt(pick(Number(span > 1_000_000n ? 1_000_000n : span)));
  const value = cidr.network + offset;
  if (cidr.version === 4) return [24n, 16n, 8n, 0n].map((s) => (value >> s) & 255n).join('.');
  return [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n]
    .map((s) => ((value >> s) & 0xffffn).toString(16))
    .join(':');
}

describe('real addresses from the sample logs', () => {
  it('18.236.253.47 (Stratus steal-instance-credentials) is EC2 in us-west-2', () => {
    const capture = readFileSync(
      fixturePath(
        'stratus-red-team/detonation-logs/aws.credential-access.ec2-steal-instance-credentials.json',
      ),
      'utf8',
    );
    expect(capture).toContain('"sourceIPAddress": "18.236.253.47"');
    const expected = oracleAwsMatches('18.236.253.47');
    expect(expected).toMatchObject([
      { service: 'EC2', region: 'us-west-2', network_border_group: 'us-west-2' },
    ]);
    const result = bundled.classify('18.236.253.47');
    expect(result.class).toBe('aws');
    expect(result.normalized).toBe('18.236.253.47');
    expect(result.version).toBe(4);
    expect(result.matches).toEqual(expectedAws(expected));
  });

  it('72.21.198.70 (AWS CLI lookup-events example) is only in the AMAZON superset', () => {
    const example = readFileSync(
      fixturePath('lookup-events/aws-cli_examples_cloudtrail_lookup-events.json'),
      'utf8',
    );
    expect(example).toContain('72.21.198.70');
    const expected = oracleAwsMatches('72.21.198.70');
    expect(expected.map((e) => e.service)).toEqual(['AMAZON']);
    expect(bundled.classify('72.21.198.70').class).toBe('aws');
    expect(awsMatches('72.21.198.70')).toEqual(expectedAws(expected));
  });

  it('075.050.255.67 (anonymised in Stratus) is unparseable; AWS Internal is an AWS service', () => {
    expect(bundled.classify('075.050.255.67')).toEqual({
      class: 'unparseable',
      ip: '075.050.255.67',
      matches: [],
    });
    expect(bundled.classify('AWS Internal')).toEqual({
      class: 'aws-service',
      ip: 'AWS Internal',
      matches: [{ list: 'aws-service', service: 'AWS Internal' }],
    });
  });
});

describe('Tor exits (bundled list, 2024-02-27)', () => {
  const lines = torFixtureLines();

  it('classifies addresses from the list, IPv6 in any spelling, and dates the match', () => {
    const ipv4 = lines.filter((l) => !l.includes(':'));
    const ipv6 = lines.filter((l) => l.includes(':'));
    for (const ip of [
      ipv4[0]!,
      ipv4[500]!,
      ipv4.at(-1)!,
      ipv6[0]!,
      oracleCanonicalIpv6(ipv6[1]!),
      ipv6.at(-1)!.toUpperCase(),
    ]) {
      const result = bundled.classify(ip);
      expect(result.class, ip).toBe('tor');
      expect(result.matches[0]).toMatchObject({ list: 'tor', listDate: '2024-02-27' });
      if (ip.includes(':')) expect(result.normalized).toBe(oracleCanonicalIpv6(ip));
    }
    expect(bundled.classify('2001:470:1:908::9001').matches[0]).toMatchObject({
      prefix: '2001:470:1:908::9001/128',
    });
  });

  it('an exit on EC2 is tor, and still reports the AWS match', () => {
    // Found by scanning the two fixture files with Python's ipaddress module.
    for (const ip of ['23.23.187.92', '54.224.79.94']) {
      expect(lines).toContain(ip);
      const result = bundled.classify(ip);
      expect(result.class).toBe('tor');
      expect(result.matches[0]).toMatchObject({ list: 'tor', prefix: `${ip}/32` });
      expect(sorted(awsMatches(ip))).toEqual(sorted(expectedAws(oracleAwsMatches(ip))));
      expect(awsMatches(ip)).toMatchObject([{ service: 'EC2' }]);
    }
  });

  it('a neighbour of an exit is not an exit', () => {
    const neighbour = bundled.classify('23.23.187.93');
    expect(neighbour.class).toBe('aws');
    expect(neighbour.matches.some((m) => m.list === 'tor')).toBe(false);
  });
});

describe('AWS ranges against a linear scan of ip-ranges.json', () => {
  it('agrees for addresses inside a sample of IPv4 and IPv6 prefixes', () => {
    const pick = seededRandom(2024);
    const entries = awsEntries();
    const v6 = entries.filter((e) => e.prefix.includes(':'));
    const sample = [
      ...Array.from({ length: 60 }, () => entries[pick(entries.length)]!),
      ...Array.from({ length: 60 }, () => v6[pick(v6.length)]!),
      v6.find((e) => e.service === 'EC2')!,
      v6.find((e) => e.service === 'S3')!,
    ];
    for (const entry of sample) {
      const ip = addressIn(entry.prefix, pick);
      const expected = expectedAws(oracleAwsMatches(ip));
      expect(expected.length, ip).toBeGreaterThan(0);
      expect(sorted(awsMatches(ip)), ip).toEqual(sorted(expected));
    }
  });

  it('reports every service listed at the winning prefix (S3 and EC2 share 3.5.140.0/22)', () => {
    const expected = oracleAwsMatches('3.5.140.1');
    expect(expected.map((e) => e.service).sort()).toEqual(['EC2', 'S3']);
    expect(sorted(awsMatches('3.5.140.1'))).toEqual(sorted(expectedAws(expected)));
  });

  it('says public for an address in no list', () => {
    const ip = '8.8.4.4';
    expect(oracleAwsMatches(ip)).toEqual([]);
    expect(bundled.classify(ip)).toEqual({
      class: 'public',
      ip,
      normalized: ip,
      version: 4,
      matches: [],
    });
  });
});

describe('precedence of the single class', () => {
  const threat = parseThreatList('23.23.187.0/24\n', 'feed').list;

  it('internal > threat > tor > aws, with every match kept in that order', () => {
    const all = createIpClassifier({ internal: ['23.23.0.0/16'], threats: [threat] }).classify(
      '23.23.187.92',
    );
    expect(all.class).toBe('internal');
    expect(all.matches.map((m) => m.list)).toEqual(['internal', 'threat', 'tor', 'aws']);
    expect(createIpClassifier({ threats: [threat] }).classify('23.23.187.92').class).toBe('threat');
    expect(
      createIpClassifier({ threats: [threat], tor: null }).classify('23.23.187.92').class,
    ).toBe('threat');
    expect(createIpClassifier({ aws: null }).classify('23.23.187.92').class).toBe('tor');
    expect(createIpClassifier({ tor: null }).classify('23.23.187.92').class).toBe('aws');
  });

  it('private space not in the internal list is private, with its kind', () => {
    const cases: [string, string, string][] = [
      ['10.0.1.100', '10.0.0.0/8', 'rfc1918'],
      ['172.31.255.255', '172.16.0.0/12', 'rfc1918'],
      ['192.168.0.1', '192.168.0.0/16', 'rfc1918'],
      ['100.64.0.1', '100.64.0.0/10', 'cgnat'],
      ['127.0.0.1', '127.0.0.0/8', 'loopback'],
      ['169.254.169.254', '169.254.0.0/16', 'link-local'],
      ['::1', '::1/128', 'loopback'],
      ['fe80::1', 'fe80::/10', 'link-local'],
      ['fd12:3456::1', 'fc00::/7', 'ula'],
    ];
    for (const [ip, prefix, range] of cases) {
      const result = bundled.classify(ip);
      expect(result.class, ip).toBe('private');
      expect(result.matches, ip).toEqual([{ list: 'private', prefix, range }]);
      expect(oracleContains(oracleCidr(prefix), oracleParse(ip))).toBe(true);
    }
    for (const ip of ['172.32.0.1', '100.128.0.1', '11.0.0.1', 'fec0::1']) {
      expect(bundled.classify(ip).class, ip).toBe('public');
    }
    const internal = createIpClassifier({ internal: ['10.0.0.0/16'], aws: null, tor: null });
    expect(internal.classify('10.0.1.100').matches.map((m) => m.list)).toEqual([
      'internal',
      'private',
    ]);
    expect(internal.classify('10.1.0.1').class).toBe('private');
  });

  it('special-purpose space stays public but says why', () => {
    expect(bundled.classify('203.0.113.50')).toMatchObject({
      class: 'public',
      matches: [{ list: 'special-purpose', prefix: '203.0.113.0/24', range: 'documentation' }],
    });
    expect(bundled.classify('255.255.255.255').matches).toEqual([
      { list: 'special-purpose', prefix: '255.255.255.255/32', range: 'broadcast' },
    ]);
    expect(bundled.classify('251.228.255.218').matches).toMatchObject([{ range: 'reserved' }]);
    expect(bundled.classify('2001:db8::1').matches).toMatchObject([{ range: 'documentation' }]);
  });
});

describe('IPv4-mapped IPv6', () => {
  it('is classified as the IPv4 address it carries', () => {
    const mapped = bundled.classify('::ffff:18.236.253.47');
    expect(mapped).toMatchObject({
      class: 'aws',
      normalized: '18.236.253.47',
      version: 4,
      ipv4Mapped: true,
    });
    expect(mapped.matches).toEqual(bundled.classify('18.236.253.47').matches);
    expect(bundled.classify('::FFFF:12ec:fd2f').matches).toEqual(mapped.matches); // hex spelling
    expect(bundled.classify('::ffff:54.224.79.94').class).toBe('tor');
    const withLists = createIpClassifier({
      internal: ['::ffff:10.0.0.0/104'],
      threats: [parseThreatList('::ffff:198.51.100.7', 't').list],
    });
    expect(withLists.classify('10.2.3.4').class).toBe('internal');
    expect(withLists.classify('::ffff:198.51.100.7').class).toBe('threat');
    expect(withLists.classify('198.51.100.7').class).toBe('threat');
  });

  it('other embeddings are plain IPv6', () => {
    expect(bundled.classify('::18.236.253.47')).toMatchObject({
      class: 'public',
      version: 6,
      normalized: '::12ec:fd2f',
    });
  });
});

describe('AWS service names in sourceIPAddress', () => {
  it.each([
    ['ec2.amazonaws.com', 'ec2'],
    ['eks-nodegroup.amazonaws.com', 'eks-nodegroup'],
    ['delivery.logs.amazonaws.com', 'delivery.logs'],
    ['EC2.AMAZONAWS.COM', 'ec2'],
    ['s3.amazonaws.com.cn', 's3'],
  ])('%s is aws-service %s', (ip, service) => {
    expect(bundled.classify(ip)).toEqual({
      class: 'aws-service',
      ip,
      matches: [{ list: 'aws-service', service, host: ip.toLowerCase() }],
    });
  });

  it.each([
    'amazonaws.com',
    'evil-amazonaws.com',
    'ec2.amazonaws.com.evil.com',
    'ec2..amazonaws.com',
    '-ec2.amazonaws.com',
    'AWS  Internal',
  ])('%s is unparseable', (ip) => {
    expect(bundled.classify(ip).class).toBe('unparseable');
  });
});

describe('the classifier as a whole', () => {
  it('never throws and caches frozen results', () => {
    for (const ip of [
      '',
      ' ',
      '…',
      'a'.repeat(100_000),
      '\u0000',
      '1.2.3.4\n',
      '[::1]:443',
      '1.2.3.4:80',
    ]) {
      expect(bundled.classify(ip).class).toBe('unparseable');
    }
    const first = bundled.classify('18.236.253.47');
    expect(bundled.classify('18.236.253.47')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.matches)).toBe(true);
    expect(Object.isFrozen(first.matches[0])).toBe(true);
  });

  it('gives the same answers with and without the cache over many repeated lookups', () => {
    const pick = seededRandom(99);
    const tor = torFixtureLines();
    const pool = [
      ...Array.from({ length: 300 }, () => `${pick(224)}.${pick(256)}.${pick(256)}.${pick(256)}`),
      ...Array.from({ length: 100 }, () => tor[pick(tor.length)]!),
      '18.236.253.47',
      'AWS Internal',
      '075.050.255.67',
    ];
    const small = createIpClassifier({ cacheSize: 50 }); // evicts constantly
    const none = createIpClassifier({ cacheSize: 0 });
    for (let i = 0; i < 5_000; i++) {
      const ip = pool[pick(pool.length)]!;
      const expected = none.classify(ip);
      expect(small.classify(ip)).toEqual(expected);
      expect(bundled.classify(ip)).toEqual(expected);
    }
  });

  it('describes the data it was built from', () => {
    expect(bundled.sources).toMatchObject({
      internal: [],
      aws: { syncToken: '1787411825', createDate: '2026-08-22-15-17-05', prefixes: 16_828 },
      tor: { date: '2024-02-27', addresses: 1746 },
      threats: [],
    });
    const bare = createIpClassifier({
      aws: null,
      tor: null,
      threats: [parseThreatList('1.1.1.1', 'x').list],
    });
    expect(bare.sources).toEqual({
      internal: [],
      aws: null,
      tor: null,
      threats: [{ name: 'x', entries: 1 }],
    });
    expect(bare.classify('18.236.253.47').class).toBe('public');
  });
});
