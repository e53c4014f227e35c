// Regenerates the bundled snapshots from original files. Not part of the engine; run by hand:
//   npx tsx src/analysis/ip/data/refresh.ts aws <ip-ranges.json> <source description>
//   npx tsx src/analysis/ip/data/refresh.ts tor <tor-exit-nodes.lst> <YYYY-MM-DD> <lastCheckedAt> <source>
// then `npx prettier --write src/analysis/ip/data/*.json`, update data/README.md, and run
// test/unit/analysis/ip (it checks the snapshots against copies of the originals).

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactAwsIpRanges, parseAwsIpRanges } from '../aws-ranges';
import { plainLine } from '../ip-list';
import type { TorSnapshot } from '../tor-list';
import { parseTorExitList } from '../tor-list';

const here = import.meta.dirname;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function refreshAws(file: string, source: string): void {
  const bytes = readFileSync(file);
  const ranges = parseAwsIpRanges(JSON.parse(bytes.toString('utf8')), file);
  const snapshot = compactAwsIpRanges(ranges, {
    source,
    license: 'AWS-published data (ip-ranges.json); see data/README.md',
    sha256: sha256(bytes),
  });
  writeFileSync(
    join(here, 'aws-ip-ranges.snapshot.json'),
    `${JSON.stringify(snapshot, null, 2)}\n`,
  );
  console.log(`aws: ${ranges.prefixes.length} prefixes in ${snapshot.groups.length} groups`);
}

function refreshTor(file: string, date: string, lastCheckedAt: string, source: string): void {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const { errors } = parseTorExitList(text, { date, source });
  if (errors.length > 0) {
    for (const e of errors) console.error(`${file}:${e.line}: ${e.reason}`);
    throw new Error(`${file}: ${errors.length} bad lines; the bundled list must be clean`);
  }
  // Addresses stay verbatim (e.g. uncompressed IPv6) so the snapshot is checkable against the file.
  const addresses = text.split(/\r?\n/).flatMap((line) => plainLine(line) ?? []);
  const snapshot: TorSnapshot = {
    source,
    license: 'MIT',
    date,
    lastCheckedAt,
    sha256: sha256(bytes),
    addresses,
  };
  writeFileSync(
    join(here, 'tor-exit-nodes.snapshot.json'),
    `${JSON.stringify(snapshot, null, 2)}\n`,
  );
  console.log(`tor: ${addresses.length} addresses`);
}

const [kind, ...args] = process.argv.slice(2);
if (kind === 'aws' && args.length === 2) refreshAws(args[0] ?? '', args[1] ?? '');
else if (kind === 'tor' && args.length === 4)
  refreshTor(args[0] ?? '', args[1] ?? '', args[2] ?? '', args[3] ?? '');
else {
  console.error(
    'usage: refresh.ts aws <ip-ranges.json> <source> | tor <list> <YYYY-MM-DD> <lastCheckedAt> <source>',
  );
  process.exitCode = 2;
}
