// The bundled snapshots must say exactly what the original files say. Both sides are read here
// with JSON.parse and string splitting only, not with the code under test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledAwsIpRanges, bundledTorExitList } from '../../../../src/analysis/ip';
import { awsEntries, fixturePath, readAwsFile, torFixtureLines } from './oracle';

const DATA = join(import.meta.dirname, '../../../../src/analysis/ip/data');

interface AwsSnapshotFile {
  sha256: string;
  syncToken: string;
  createDate: string;
  groups: { service: string; region: string; networkBorderGroup: string; prefixes: string }[];
}

interface TorSnapshotFile {
  date: string;
  sha256: string;
  license: string;
  addresses: string[];
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('bundled AWS snapshot', () => {
  const snapshot = JSON.parse(
    readFileSync(join(DATA, 'aws-ip-ranges.snapshot.json'), 'utf8'),
  ) as AwsSnapshotFile;

  it('comes from the fixture copy of ip-ranges.json and keeps its syncToken and createDate', () => {
    expect(snapshot.sha256).toBe(sha256(fixturePath('aws-ip-ranges/ip-ranges.json')));
    expect(snapshot.syncToken).toBe(readAwsFile().syncToken);
    expect(snapshot.createDate).toBe(readAwsFile().createDate);
    expect(snapshot.syncToken).toBe('1787411825');
    expect(snapshot.createDate).toBe('2026-08-22-15-17-05');
  });

  it('holds every entry of the original, no more and no fewer', () => {
    const key = (prefix: string, service: string, region: string, nbg: string): string =>
      `${prefix} ${service} ${region} ${nbg}`;
    const fromSnapshot = snapshot.groups.flatMap((g) =>
      g.prefixes.split(' ').map((p) => key(p, g.service, g.region, g.networkBorderGroup)),
    );
    const fromFile = awsEntries().map((e) =>
      key(e.prefix, e.service, e.region, e.network_border_group),
    );
    expect(fromSnapshot.length).toBe(16_828);
    expect(fromSnapshot.sort()).toEqual(fromFile.sort());
  });

  it('decodes to the same entries', () => {
    const ranges = bundledAwsIpRanges();
    expect(ranges.prefixes).toHaveLength(16_828);
    expect(ranges.createDate).toBe('2026-08-22-15-17-05');
    const decoded = ranges.prefixes.map(
      (p) => `${p.prefix} ${p.service} ${p.region} ${p.networkBorderGroup}`,
    );
    const fromFile = awsEntries().map(
      (e) => `${e.prefix} ${e.service} ${e.region} ${e.network_border_group}`,
    );
    expect(decoded.sort()).toEqual(fromFile.sort());
  });
});

describe('bundled Tor exit list', () => {
  const snapshot = JSON.parse(
    readFileSync(join(DATA, 'tor-exit-nodes.snapshot.json'), 'utf8'),
  ) as TorSnapshotFile;

  it('is the fixture list verbatim, dated 2024-02-27, MIT', () => {
    expect(snapshot.sha256).toBe(sha256(fixturePath('tor/tor-exit-nodes.lst')));
    expect(snapshot.addresses).toEqual(torFixtureLines());
    expect(snapshot.date).toBe('2024-02-27');
    expect(snapshot.license).toBe('MIT');
  });

  it('decodes every line into an exit', () => {
    const list = bundledTorExitList();
    expect(list.date).toBe('2024-02-27');
    expect(list.entries).toHaveLength(new Set(torFixtureLines()).size);
    expect(list.entries).toHaveLength(1746);
  });
});
