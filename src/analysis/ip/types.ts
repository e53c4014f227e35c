// Result types of IP classification. Field names are part of what the CLI's --json and the UI
// show, so change them only additively.

/**
 * The single class of an address, chosen by this precedence (first that applies wins):
 * internal > threat > tor > aws-service > aws > private > public. `unparseable` is for strings
 * that are neither an address nor an AWS service name. Every list that matched is still in
 * `matches`, so a Tor exit or threat hit is never hidden by an AWS match (they outrank it anyway).
 */
export type IpClass =
  'internal' | 'threat' | 'tor' | 'aws-service' | 'aws' | 'private' | 'public' | 'unparseable';

/** Precedence of classes, highest first (see IpClass). */
export const IP_CLASS_PRECEDENCE: readonly IpClass[] = [
  'internal',
  'threat',
  'tor',
  'aws-service',
  'aws',
  'private',
  'public',
  'unparseable',
];

/** Non-public space that is not the case's own: RFC 1918, CGNAT, loopback, link-local, ULA. */
export type PrivateRange = 'rfc1918' | 'cgnat' | 'loopback' | 'link-local' | 'ula';

/**
 * Special-purpose space (RFC 6890 and friends) that is not "private" but is not a real public
 * source either. It is reported as an explanation; the class stays `public` unless another
 * list matched, e.g. 203.0.113.50 is documentation space and usually means sample data.
 */
export type SpecialRange =
  | 'this-network'
  | 'unspecified'
  | 'ietf-protocol'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'broadcast';

export type IpMatch =
  /** The case's own ranges; `entry` is the setting as the user wrote it. */
  | { readonly list: 'internal'; readonly prefix: string; readonly entry: string }
  /** An imported threat list; `line` is the 1-based line in that list's text. */
  | {
      readonly list: 'threat';
      readonly listName: string;
      readonly prefix: string;
      readonly line: number;
    }
  /** A Tor exit; `listDate` (YYYY-MM-DD) says how old the exit list is. */
  | {
      readonly list: 'tor';
      readonly prefix: string;
      readonly listDate: string;
      readonly listSource: string;
    }
  /** A CloudTrail service principal instead of an address, e.g. ec2.amazonaws.com or AWS Internal. */
  | { readonly list: 'aws-service'; readonly service: string; readonly host?: string }
  /** AWS's published ranges: the most specific service's longest prefix (AMAZON only if no other). */
  | {
      readonly list: 'aws';
      readonly prefix: string;
      readonly service: string;
      readonly region: string;
      readonly networkBorderGroup: string;
      /** createDate of the ip-ranges.json the match came from (YYYY-MM-DD-hh-mm-ss, UTC). */
      readonly createDate: string;
      readonly syncToken: string;
    }
  | { readonly list: 'private'; readonly prefix: string; readonly range: PrivateRange }
  | { readonly list: 'special-purpose'; readonly prefix: string; readonly range: SpecialRange };

export type IpMatchList = IpMatch['list'];

export interface IpClassification {
  readonly class: IpClass;
  /** The input exactly as given. */
  readonly ip: string;
  /**
   * Canonical text of the address that was looked up: dotted quad for IPv4 (also for
   * IPv4-mapped IPv6, which is classified as the IPv4 address it carries), RFC 5952 for IPv6.
   * Absent for service names and unparseable strings.
   */
  readonly normalized?: string;
  readonly version?: 4 | 6;
  /** True when the input was IPv4-mapped IPv6 (::ffff:a.b.c.d). */
  readonly ipv4Mapped?: true;
  /** Why: every list that matched, highest precedence first. Empty for plain public addresses. */
  readonly matches: readonly IpMatch[];
}

/** A line of an imported list that could not be used, with why. Lines are 1-based. */
export interface ListLineError {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}
