import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, parseCidr } from '../../../../src/analysis/ip/cidr';
import { parseIp } from '../../../../src/analysis/ip/address';

function parsed(text: string): string {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return formatCidr(result.cidr);
}

function reason(text: string): string {
  const result = parseCidr(text);
  if (result.ok) throw new Error(`${text} parsed as ${formatCidr(result.cidr)}`);
  return result.reason;
}

describe('CIDR parsing', () => {
  it('accepts IPv4 and IPv6 blocks and writes them canonically', () => {
    expect(parsed('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(parsed('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(parsed('18.236.0.0/15')).toBe('18.236.0.0/15');
    expect(parsed('2600:1F14:0000::/34')).toBe('2600:1f14::/34');
    expect(parsed('::/0')).toBe('::/0');
  });

  it('treats a bare address as a single host', () => {
    expect(parsed('1.2.3.4')).toBe('1.2.3.4/32');
    expect(parsed('2001:0470:0001:0908:0000:0000:0000:9001')).toBe('2001:470:1:908::9001/128');
  });

  it('stores IPv4-mapped IPv6 blocks as the IPv4 block they cover', () => {
    expect(parsed('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
    expect(parsed('::ffff:1.2.3.4')).toBe('1.2.3.4/32');
    expect(parsed('::ffff:0:0/96')).toBe('0.0.0.0/0');
  });

  it('refuses host bits rather than widening the block, and names the network', () => {
    expect(reason('10.0.0.1/8')).toBe('host bits set (network is 10.0.0.0/8)');
    expect(reason('2001:db8::1/32')).toBe('host bits set (network is 2001:db8::/32)');
    expect(reason('255.255.255.255/31')).toBe('host bits set (network is 255.255.255.254/31)');
  });

  it.each([
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/08',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
  ])('refuses a bad prefix length: %s', (text) => {
    expect(reason(text)).toMatch(/prefix length|not an IPv4/);
  });

  it.each(['075.050.255.0/24', 'example.com/24', '/24', ''])(
    'refuses a bad address: %s',
    (text) => {
      expect(reason(text)).toBe('not an IPv4 or IPv6 address or CIDR');
    },
  );
});

describe('CIDR containment', () => {
  it('matches by leading bits and never across families', () => {
    const block = parseCidr('18.236.0.0/15');
    if (!block.ok) throw new Error('unreachable');
    expect(cidrContains(block.cidr, parseIp('18.237.255.255')!)).toBe(true);
    expect(cidrContains(block.cidr, parseIp('18.238.0.0')!)).toBe(false);
    expect(cidrContains(block.cidr, parseIp('::ffff:18.236.0.1')!)).toBe(false); // unmapped by callers
    const v6 = parseCidr('2600:1f14::/34');
    if (!v6.ok) throw new Error('unreachable');
    expect(cidrContains(v6.cidr, parseIp('2600:1f14:3fff::1')!)).toBe(true);
    expect(cidrContains(v6.cidr, parseIp('2600:1f14:4000::1')!)).toBe(false);
  });
});
