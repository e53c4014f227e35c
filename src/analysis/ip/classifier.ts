// The classifier: every list goes into one prefix trie per address family, so one walk down the
// trie finds every list's longest match at once. Results are frozen and cached by input string,
// because CloudTrail repeats the same few source addresses thousands of times.

import { CairnError } from '../../shared/errors';
import type { IpAddress } from './address';
import { formatIp, isIpv4Mapped, parseIp, unmapIpv4 } from './address';
import { parseAwsServiceName } from './aws-service';
import type { AwsIpRanges } from './aws-ranges';
import { bundledAwsIpRanges, bundledTorExitList } from './bundled';
import type { Cidr } from './cidr';
import { formatCidr, parseCidr } from './cidr';
import type { ThreatList } from './ip-list';
import { PrefixTrie } from './prefix-trie';
import { PRIVATE_BLOCKS, SPECIAL_BLOCKS } from './special-ranges';
import type { TorExitList } from './tor-list';
import type { IpClass, IpClassification, IpMatch } from './types';

export interface IpClassifierOptions {
  /** The case's own ranges (IPs or CIDRs). An invalid entry throws a CairnError naming it. */
  readonly internal?: readonly string[];
  /** AWS ranges; omitted = the bundled snapshot, null = do not classify AWS addresses. */
  readonly aws?: AwsIpRanges | null;
  /** Tor exits; omitted = the bundled list (2024-02-27), null = none. */
  readonly tor?: TorExitList | null;
  /** Imported threat lists, cited by name in matches. */
  readonly threats?: readonly ThreatList[];
  /** How many distinct inputs to remember (default 65,536; 0 turns the cache off). */
  readonly cacheSize?: number;
}

/** What the classifier was built from, for "as of" notes next to answers. */
export interface IpClassifierSources {
  readonly internal: readonly string[];
  readonly aws: {
    readonly source: string;
    readonly syncToken: string;
    readonly createDate: string;
    readonly prefixes: number;
  } | null;
  readonly tor: {
    readonly source: string;
    readonly date: string;
    readonly addresses: number;
  } | null;
  readonly threats: readonly { readonly name: string; readonly entries: number }[];
}

export interface IpClassifier {
  /** Classifies a sourceIPAddress value. Never throws for any string. */
  classify(ip: string): IpClassification;
  readonly sources: IpClassifierSources;
}

// Each list has a slot; a lookup keeps the longest match per slot. AWS has two slots so that a
// specific service (EC2, S3, …) beats the AMAZON superset whatever their prefix lengths.
const SLOT_INTERNAL = 0;
const SLOT_TOR = 1;
const SLOT_AWS_SERVICE = 2;
const SLOT_AWS_AMAZON = 3;
const SLOT_PRIVATE = 4;
const SLOT_SPECIAL = 5;
const SLOT_FIRST_THREAT = 6;

interface Entry {
  readonly slot: number;
  readonly match: IpMatch;
}

const DEFAULT_CACHE_SIZE = 65_536;

export function createIpClassifier(options: IpClassifierOptions = {}): IpClassifier {
  const v4 = new PrefixTrie<Entry>(32);
  const v6 = new PrefixTrie<Entry>(128);
  const add = (cidr: Cidr, entry: Entry): void => {
    (cidr.address.version === 4 ? v4 : v6).insert(cidr, entry);
  };

  const internal = parseInternal(options.internal ?? []);
  for (const { cidr, entry } of internal) {
    add(cidr, {
      slot: SLOT_INTERNAL,
      match: freeze({ list: 'internal', prefix: formatCidr(cidr), entry }),
    });
  }

  const threats = options.threats ?? [];
  threats.forEach((list, i) => {
    for (const e of list.entries) {
      const match = freeze({
        list: 'threat',
        listName: list.name,
        prefix: e.prefix,
        line: e.line,
      } as const);
      add(e.cidr, { slot: SLOT_FIRST_THREAT + i, match });
    }
  });

  const tor = options.tor === undefined ? bundledTorExitList() : options.tor;
  if (tor !== null) {
    for (const e of tor.entries) {
      add(e.cidr, {
        slot: SLOT_TOR,
        match: freeze({
          list: 'tor',
          prefix: e.prefix,
          listDate: tor.date,
          listSource: tor.source,
        }),
      });
    }
  }

  const aws = options.aws === undefined ? bundledAwsIpRanges() : options.aws;
  if (aws !== null) {
    for (const p of aws.prefixes) {
      const match = freeze({
        list: 'aws',
        prefix: p.prefix,
        service: p.service,
        region: p.region,
        networkBorderGroup: p.networkBorderGroup,
        createDate: aws.createDate,
        syncToken: aws.syncToken,
      } as const);
      add(p.cidr, { slot: p.service === 'AMAZON' ? SLOT_AWS_AMAZON : SLOT_AWS_SERVICE, match });
    }
  }

  for (const block of PRIVATE_BLOCKS) {
    const cidr = builtInCidr(block.cidr);
    add(cidr, {
      slot: SLOT_PRIVATE,
      match: freeze({ list: 'private', prefix: block.cidr, range: block.range }),
    });
  }
  for (const block of SPECIAL_BLOCKS) {
    const cidr = builtInCidr(block.cidr);
    add(cidr, {
      slot: SLOT_SPECIAL,
      match: freeze({ list: 'special-purpose', prefix: block.cidr, range: block.range }),
    });
  }

  const slotCount = SLOT_FIRST_THREAT + threats.length;
  // Index into the lookup's hits of each slot's longest match; reused between lookups (a lookup
  // never calls back into the classifier, so nothing can interleave).
  const bestHit = new Int32Array(slotCount);

  const lookup = (ip: string, address: IpAddress, mapped: boolean): IpClassification => {
    const hits = (address.version === 4 ? v4 : v6).lookup(address.words);
    bestHit.fill(-1);
    // Hits come shortest first, so the last one seen per slot is that slot's longest match.
    for (let h = 0; h < hits.length; h++) {
      for (const entry of hits[h]?.values ?? []) bestHit[entry.slot] = h;
    }
    const matches: IpMatch[] = [];
    const collect = (slot: number): boolean => {
      const h = bestHit[slot] ?? -1;
      if (h < 0) return false;
      for (const entry of hits[h]?.values ?? []) if (entry.slot === slot) matches.push(entry.match);
      return true;
    };
    // Collect in precedence order; that order is also the order of `matches`.
    const isInternal = collect(SLOT_INTERNAL);
    let isThreat = false;
    for (let slot = SLOT_FIRST_THREAT; slot < slotCount; slot++) if (collect(slot)) isThreat = true;
    const isTor = collect(SLOT_TOR);
    // A specific service's prefix wins over the AMAZON superset, whatever their lengths.
    const isAws = collect(SLOT_AWS_SERVICE) || collect(SLOT_AWS_AMAZON);
    const isPrivate = collect(SLOT_PRIVATE);
    collect(SLOT_SPECIAL);
    const cls: IpClass = isInternal
      ? 'internal'
      : isThreat
        ? 'threat'
        : isTor
          ? 'tor'
          : isAws
            ? 'aws'
            : isPrivate
              ? 'private'
              : 'public';
    const result: IpClassification = mapped
      ? {
          class: cls,
          ip,
          normalized: formatIp(address),
          version: address.version,
          ipv4Mapped: true,
          matches,
        }
      : { class: cls, ip, normalized: formatIp(address), version: address.version, matches };
    Object.freeze(matches);
    return Object.freeze(result);
  };

  const classifyUncached = (ip: string): IpClassification => {
    const parsed = parseIp(ip);
    if (parsed !== undefined) return lookup(ip, unmapIpv4(parsed), isIpv4Mapped(parsed));
    const service = parseAwsServiceName(ip);
    if (service !== undefined) {
      return freeze({
        class: 'aws-service',
        ip,
        matches: freeze([freeze({ list: 'aws-service', ...service } as const)]),
      });
    }
    return freeze({ class: 'unparseable', ip, matches: freeze([]) });
  };

  const cacheSize = Math.max(0, Math.floor(options.cacheSize ?? DEFAULT_CACHE_SIZE));
  const cache = new Map<string, IpClassification>();
  const classify = (ip: string): IpClassification => {
    const cached = cache.get(ip);
    if (cached !== undefined) return cached;
    const result = classifyUncached(ip);
    if (cacheSize > 0) {
      // Forget the oldest entry: Map iterates in insertion order.
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(ip, result);
    }
    return result;
  };

  const sources: IpClassifierSources = freeze({
    internal: freeze(internal.map(({ cidr }) => formatCidr(cidr))),
    aws:
      aws === null
        ? null
        : freeze({
            source: aws.source,
            syncToken: aws.syncToken,
            createDate: aws.createDate,
            prefixes: aws.prefixes.length,
          }),
    tor:
      tor === null
        ? null
        : freeze({ source: tor.source, date: tor.date, addresses: tor.entries.length }),
    threats: freeze(threats.map((t) => freeze({ name: t.name, entries: t.entries.length }))),
  });

  return { classify, sources };
}

function parseInternal(entries: readonly string[]): { cidr: Cidr; entry: string }[] {
  const out: { cidr: Cidr; entry: string }[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const parsed = parseCidr(entry.trim());
    if (!parsed.ok) {
      throw new CairnError(
        'INVALID_INPUT',
        `internal ranges: entry ${i + 1} "${entry}": ${parsed.reason}`,
        'Write each internal range as an IP or CIDR, e.g. 10.0.0.0/8 or 2001:db8::/32.',
      );
    }
    const key = formatCidr(parsed.cidr);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ cidr: parsed.cidr, entry });
  });
  return out;
}

function builtInCidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new CairnError('INTERNAL', `built-in range ${text}: ${parsed.reason}`);
  return parsed.cidr;
}

function freeze<T>(value: T): T {
  return Object.freeze(value);
}
