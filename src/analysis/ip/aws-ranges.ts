// AWS's published address ranges (https://ip-ranges.amazonaws.com/ip-ranges.json): validation
// of a user-supplied file, and the compact snapshot bundled with Cairn. The snapshot groups
// prefixes by (service, region, network border group) so it is about a tenth of the original's
// size while keeping every entry, the syncToken and the createDate.

import { z } from 'zod';
import { CairnError } from '../../shared/errors';
import type { Cidr } from './cidr';
import { formatCidr, parseCidr } from './cidr';

export interface AwsPrefix {
  readonly cidr: Cidr;
  /** Canonical CIDR text. */
  readonly prefix: string;
  /** AMAZON is the superset of every other service. */
  readonly service: string;
  readonly region: string;
  readonly networkBorderGroup: string;
}

export interface AwsIpRanges {
  readonly syncToken: string;
  /** Publication time as AWS writes it: YYYY-MM-DD-hh-mm-ss, UTC. */
  readonly createDate: string;
  /** Where the ranges came from: a file path, or the bundled snapshot's description. */
  readonly source: string;
  readonly prefixes: readonly AwsPrefix[];
}

const CREATE_DATE = /^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/;

const entryFields = {
  region: z.string().min(1),
  service: z.string().min(1),
  network_border_group: z.string().min(1),
};

export const ipRangesFileSchema = z.object({
  syncToken: z.string().min(1),
  createDate: z.string().regex(CREATE_DATE, 'expected YYYY-MM-DD-hh-mm-ss'),
  prefixes: z.array(z.object({ ip_prefix: z.string(), ...entryFields })),
  ipv6_prefixes: z.array(z.object({ ipv6_prefix: z.string(), ...entryFields })),
});

export type IpRangesFile = z.infer<typeof ipRangesFileSchema>;

/** `["prefixes", 3, "ip_prefix"]` → `prefixes[3].ip_prefix`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function invalid(source: string, field: string, problem: string): CairnError {
  return new CairnError(
    'INVALID_INPUT',
    `${source}: field ${field}: ${problem}`,
    'Use the ip-ranges.json published at https://ip-ranges.amazonaws.com/ip-ranges.json.',
  );
}

function toPrefix(
  text: string,
  family: 4 | 6,
  entry: { service: string; region: string; network_border_group: string },
  source: string,
  field: string,
): AwsPrefix {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw invalid(source, field, `"${text}": ${parsed.reason}`);
  if (!text.includes('/') || text.includes(':') !== (family === 6)) {
    throw invalid(source, field, `"${text}" is not an IPv${family} CIDR`);
  }
  return {
    cidr: parsed.cidr,
    prefix: formatCidr(parsed.cidr),
    service: entry.service,
    region: entry.region,
    networkBorderGroup: entry.network_border_group,
  };
}

/**
 * Validates parsed ip-ranges.json content. Errors are CairnErrors naming `source` (the file)
 * and the field, e.g. `ranges.json: field prefixes[3].ip_prefix: "1.2.3.4/33": …`.
 */
export function parseAwsIpRanges(json: unknown, source: string): AwsIpRanges {
  const result = ipRangesFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalid(source, formatFieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const file = result.data;
  const prefixes: AwsPrefix[] = [];
  file.prefixes.forEach((entry, i) => {
    prefixes.push(toPrefix(entry.ip_prefix, 4, entry, source, `prefixes[${i}].ip_prefix`));
  });
  file.ipv6_prefixes.forEach((entry, i) => {
    prefixes.push(toPrefix(entry.ipv6_prefix, 6, entry, source, `ipv6_prefixes[${i}].ipv6_prefix`));
  });
  return { syncToken: file.syncToken, createDate: file.createDate, source, prefixes };
}

// ---- The bundled compact snapshot -------------------------------------------------------------

export const awsSnapshotSchema = z.object({
  source: z.string(),
  license: z.string(),
  /** sha256 of the ip-ranges.json the snapshot was made from. */
  sha256: z.string(),
  syncToken: z.string(),
  createDate: z.string().regex(CREATE_DATE),
  groups: z.array(
    z.object({
      service: z.string(),
      region: z.string(),
      networkBorderGroup: z.string(),
      /** Space-separated CIDRs, IPv4 and IPv6. */
      prefixes: z.string(),
    }),
  ),
});

export type AwsSnapshot = z.infer<typeof awsSnapshotSchema>;

/** Groups ranges by (service, region, border group) for the bundled snapshot. */
export function compactAwsIpRanges(
  ranges: AwsIpRanges,
  meta: { source: string; license: string; sha256: string },
): AwsSnapshot {
  const groups = new Map<string, AwsSnapshot['groups'][number] & { list: string[] }>();
  for (const p of ranges.prefixes) {
    const key = JSON.stringify([p.service, p.region, p.networkBorderGroup]);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        service: p.service,
        region: p.region,
        networkBorderGroup: p.networkBorderGroup,
        prefixes: '',
        list: [],
      };
      groups.set(key, group);
    }
    group.list.push(p.prefix);
  }
  return {
    ...meta,
    syncToken: ranges.syncToken,
    createDate: ranges.createDate,
    groups: [...groups.values()].map(({ list, ...group }) => ({
      ...group,
      prefixes: list.join(' '),
    })),
  };
}

/** Expands a compact snapshot back into ranges. */
export function expandAwsSnapshot(snapshot: AwsSnapshot, source = snapshot.source): AwsIpRanges {
  const prefixes: AwsPrefix[] = [];
  snapshot.groups.forEach((group, i) => {
    for (const text of group.prefixes.split(' ')) {
      if (text === '') continue;
      const parsed = parseCidr(text);
      if (!parsed.ok) throw invalid(source, `groups[${i}].prefixes`, `"${text}": ${parsed.reason}`);
      prefixes.push({
        cidr: parsed.cidr,
        prefix: formatCidr(parsed.cidr),
        service: group.service,
        region: group.region,
        networkBorderGroup: group.networkBorderGroup,
      });
    }
  });
  return { syncToken: snapshot.syncToken, createDate: snapshot.createDate, source, prefixes };
}

/** `2026-08-22-15-17-05` → `2026-08-22T15:17:05Z`, for showing how old a ranges file is. */
export function awsCreateDateToIso(createDate: string): string {
  const [y, mo, d, h, mi, s] = createDate.split('-');
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}
