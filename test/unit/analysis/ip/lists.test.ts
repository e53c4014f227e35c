import { describe, expect, it } from 'vitest';
import { CairnError } from '../../../../src/shared/errors';
import { createIpClassifier, parseThreatList, parseTorExitList } from '../../../../src/analysis/ip';

const noData = { aws: null, tor: null } as const;

describe('threat lists', () => {
  const text = [
    '# Feed: example bad actors, 2025-01-01',
    '',
    '198.51.100.7',
    '203.0.113.0/24   # a whole documentation block',
    '075.050.255.67',
    '10.0.0.1/8',
    '   ',
    '2001:DB8::/32',
    'not-an-ip',
    '198.51.100.7',
    '1.2.3.4/33\r',
    '::ffff:192.0.2.1',
  ].join('\n');

  it('keeps the good lines with their line numbers and returns the bad ones', () => {
    const { list, errors } = parseThreatList(text, 'feed.txt');
    expect(list.name).toBe('feed.txt');
    expect(list.entries.map((e) => [e.line, e.prefix])).toEqual([
      [3, '198.51.100.7/32'],
      [4, '203.0.113.0/24'],
      [8, '2001:db8::/32'],
      [12, '192.0.2.1/32'], // IPv4-mapped IPv6 is the IPv4 address
    ]);
    expect(errors).toEqual([
      { line: 5, text: '075.050.255.67', reason: 'not an IPv4 or IPv6 address or CIDR' },
      { line: 6, text: '10.0.0.1/8', reason: 'host bits set (network is 10.0.0.0/8)' },
      { line: 9, text: 'not-an-ip', reason: 'not an IPv4 or IPv6 address or CIDR' },
      { line: 11, text: '1.2.3.4/33', reason: 'prefix length must be a whole number from 0 to 32' },
    ]);
  });

  it('cites the list and line of the longest match in each list', () => {
    const a = parseThreatList('10.0.0.0/8\n10.1.0.0/16\n', 'a').list;
    const b = parseThreatList('# b\n10.1.2.0/24\n', 'b').list;
    const classifier = createIpClassifier({ ...noData, threats: [a, b] });
    const result = classifier.classify('10.1.2.3');
    expect(result.class).toBe('threat');
    expect(result.matches.filter((m) => m.list === 'threat')).toEqual([
      { list: 'threat', listName: 'a', prefix: '10.1.0.0/16', line: 2 },
      { list: 'threat', listName: 'b', prefix: '10.1.2.0/24', line: 2 },
    ]);
    expect(classifier.classify('10.9.9.9').matches[0]).toEqual({
      list: 'threat',
      listName: 'a',
      prefix: '10.0.0.0/8',
      line: 1,
    });
  });

  it('needs a name to cite', () => {
    expect(() => parseThreatList('1.2.3.4', ' ')).toThrow(CairnError);
  });
});

describe('Tor exit lists from text', () => {
  it('reads plain lists and TorDNSEL exit-addresses, keeping the list date', () => {
    const text = [
      'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E',
      'Published 2025-03-01 10:00:00',
      'LastStatus 2025-03-01 11:00:00',
      'ExitAddress 162.247.74.201 2025-03-01 11:05:00',
      '185.220.101.50',
      'ExitAddress',
      'garbage',
    ].join('\n');
    const { list, errors } = parseTorExitList(text, {
      date: '2025-03-02',
      source: 'check.torproject.org',
    });
    expect(list.entries.map((e) => e.prefix)).toEqual(['162.247.74.201/32', '185.220.101.50/32']);
    expect(errors.map((e) => e.line)).toEqual([6, 7]);
    const result = createIpClassifier({ aws: null, tor: list }).classify('185.220.101.50');
    expect(result.class).toBe('tor');
    expect(result.matches[0]).toEqual({
      list: 'tor',
      prefix: '185.220.101.50/32',
      listDate: '2025-03-02',
      listSource: 'check.torproject.org',
    });
  });

  it.each(['2025-02-30', '27/02/2024', ''])('refuses a list date that is not a day: %s', (date) => {
    expect(() => parseTorExitList('1.2.3.4', { date, source: 'x' })).toThrow(/tor list date/);
  });
});

describe('internal ranges from case settings', () => {
  it('throws a CairnError that names the bad entry', () => {
    const bad = (internal: string[]): unknown => {
      try {
        createIpClassifier({ ...noData, internal });
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const err = bad(['10.0.0.0/8', 'corp-vpn']);
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe('INVALID_INPUT');
    expect((err as CairnError).message).toBe(
      'internal ranges: entry 2 "corp-vpn": not an IPv4 or IPv6 address or CIDR',
    );
    expect((bad(['172.16.0.1/12']) as CairnError).message).toContain(
      'host bits set (network is 172.16.0.0/12)',
    );
    expect((bad(['075.050.255.0/24']) as CairnError).message).toContain('"075.050.255.0/24"');
  });

  it('accepts addresses, CIDRs, IPv6 and surrounding spaces', () => {
    const classifier = createIpClassifier({
      ...noData,
      internal: [' 198.51.100.0/24 ', '2001:db8:1::/48', '8.8.8.8', '8.8.8.8'],
    });
    expect(classifier.sources.internal).toEqual([
      '198.51.100.0/24',
      '2001:db8:1::/48',
      '8.8.8.8/32',
    ]);
    expect(classifier.classify('198.51.100.10').matches[0]).toEqual({
      list: 'internal',
      prefix: '198.51.100.0/24',
      entry: ' 198.51.100.0/24 ',
    });
    expect(classifier.classify('2001:db8:1:2::5').class).toBe('internal');
    expect(classifier.classify('8.8.8.8').class).toBe('internal');
    expect(classifier.classify('8.8.4.4').class).toBe('public');
  });
});
