// Built-in address blocks that are not the public internet. Sources: RFC 1918 (private IPv4),
// RFC 6598 (CGNAT), RFC 1122 (loopback, this-network), RFC 3927 / RFC 4291 (link-local),
// RFC 4193 (ULA), RFC 5737 / RFC 3849 / RFC 9637 (documentation), RFC 2544 (benchmarking),
// RFC 5771 / RFC 4291 (multicast), RFC 1112 (reserved 240/4), RFC 919 (limited broadcast),
// RFC 6890 (192.0.0.0/24). Broadcast sits inside 240/4; longest prefix makes it win.

import type { PrivateRange, SpecialRange } from './types';

export const PRIVATE_BLOCKS: readonly { readonly cidr: string; readonly range: PrivateRange }[] = [
  { cidr: '10.0.0.0/8', range: 'rfc1918' },
  { cidr: '172.16.0.0/12', range: 'rfc1918' },
  { cidr: '192.168.0.0/16', range: 'rfc1918' },
  { cidr: '100.64.0.0/10', range: 'cgnat' },
  { cidr: '127.0.0.0/8', range: 'loopback' },
  { cidr: '169.254.0.0/16', range: 'link-local' },
  { cidr: '::1/128', range: 'loopback' },
  { cidr: 'fe80::/10', range: 'link-local' },
  { cidr: 'fc00::/7', range: 'ula' },
];

export const SPECIAL_BLOCKS: readonly { readonly cidr: string; readonly range: SpecialRange }[] = [
  { cidr: '0.0.0.0/8', range: 'this-network' },
  { cidr: '192.0.0.0/24', range: 'ietf-protocol' },
  { cidr: '192.0.2.0/24', range: 'documentation' },
  { cidr: '198.51.100.0/24', range: 'documentation' },
  { cidr: '203.0.113.0/24', range: 'documentation' },
  { cidr: '198.18.0.0/15', range: 'benchmarking' },
  { cidr: '224.0.0.0/4', range: 'multicast' },
  { cidr: '240.0.0.0/4', range: 'reserved' },
  { cidr: '255.255.255.255/32', range: 'broadcast' },
  { cidr: '::/128', range: 'unspecified' },
  { cidr: '2001:db8::/32', range: 'documentation' },
  { cidr: '3fff::/20', range: 'documentation' },
  { cidr: 'ff00::/8', range: 'multicast' },
];
