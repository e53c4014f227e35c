import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../../../../src/shared/errors';
import {
  awsCreateDateToIso,
  createIpClassifier,
  loadAwsIpRanges,
  parseAwsIpRanges,
} from '../../../../src/analysis/ip';
import { freshDir } from '../../../helpers/tmp';
import { fixturePath, readAwsFile } from './oracle';

const entry = (prefix: string, service: string, region = 'us-east-1') => ({
  ip_prefix: prefix,
  region,
  service,
  network_border_group: region,
});

function rangesFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    syncToken: '1900000000',
    createDate: '2030-01-02-03-04-05',
    prefixes: [
      entry('52.0.0.0/11', 'AMAZON'),
      entry('52.0.0.0/15', 'EC2'),
      entry('52.0.1.0/24', 'AMAZON'),
    ],
    ipv6_prefixes: [
      {
        ipv6_prefix: '2600:1f00::/24',
        region: 'us-east-1',
        service: 'AMAZON',
        network_border_group: 'us-east-1',
      },
    ],
    ...overrides,
  };
}

async function loadError(content: string): Promise<CairnError> {
  const path = join(freshDir(), 'ip-ranges.json');
  writeFileSync(path, content);
  const err: unknown = await loadAwsIpRanges(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof CairnError)) throw new Error(`expected a CairnError, got ${String(err)}`);
  expect(err.message.startsWith(`${path}: `)).toBe(true);
  return err;
}

describe('loading ip-ranges.json from a path', () => {
  it('loads the real file with every entry', async () => {
    const path = fixturePath('aws-ip-ranges/ip-ranges.json');
    const ranges = await loadAwsIpRanges(path);
    const raw = readAwsFile();
    expect(ranges.source).toBe(path);
    expect(ranges.syncToken).toBe(raw.syncToken);
    expect(ranges.createDate).toBe(raw.createDate);
    expect(ranges.prefixes).toHaveLength(raw.prefixes.length + raw.ipv6_prefixes.length);
    expect(awsCreateDateToIso(ranges.createDate)).toBe('2026-08-22T15:17:05Z');
  });

  it('uses a newer file instead of the snapshot, and prefers a specific service to AMAZON', async () => {
    const path = join(freshDir(), 'ip-ranges.json');
    writeFileSync(path, JSON.stringify(rangesFile()));
    const classifier = createIpClassifier({ aws: await loadAwsIpRanges(path), tor: null });
    expect(classifier.sources.aws).toEqual({
      source: path,
      syncToken: '1900000000',
      createDate: '2030-01-02-03-04-05',
      prefixes: 4,
    });
    // 52.0.1.9 is in AMAZON /24 (longer) and EC2 /15: the EC2 service is the answer.
    expect(classifier.classify('52.0.1.9').matches).toEqual([
      {
        list: 'aws',
        prefix: '52.0.0.0/15',
        service: 'EC2',
        region: 'us-east-1',
        networkBorderGroup: 'us-east-1',
        createDate: '2030-01-02-03-04-05',
        syncToken: '1900000000',
      },
    ]);
    // Only AMAZON covers 52.16.0.1: the longest AMAZON prefix is reported.
    expect(classifier.classify('52.16.0.1').matches).toMatchObject([
      { service: 'AMAZON', prefix: '52.0.0.0/11' },
    ]);
    // 18.236.253.47 is EC2 in the snapshot but not in this file.
    expect(classifier.classify('18.236.253.47').class).toBe('public');
    expect(classifier.classify('2600:1f00::1').matches).toMatchObject([
      { service: 'AMAZON', prefix: '2600:1f00::/24' },
    ]);
  });

  it('names the file and the field when the shape is wrong', async () => {
    const missing = rangesFile({
      prefixes: [
        entry('52.0.0.0/11', 'AMAZON'),
        { ip_prefix: '52.0.0.0/15', service: 'EC2', network_border_group: 'x' },
      ],
    });
    expect((await loadError(JSON.stringify(missing))).message).toMatch(
      /: field prefixes\[1\]\.region: /,
    );
    expect(
      (await loadError(JSON.stringify(rangesFile({ createDate: 'yesterday' })))).message,
    ).toMatch(/: field createDate: expected YYYY-MM-DD-hh-mm-ss$/);
    expect(
      (await loadError(JSON.stringify(rangesFile({ ipv6_prefixes: undefined })))).message,
    ).toMatch(/: field ipv6_prefixes: /);
    expect((await loadError('[]')).message).toMatch(/: field \(top level\): /);
  });

  it('names the field holding a bad or misplaced prefix', async () => {
    const hostBits = rangesFile({ prefixes: [entry('52.0.0.1/11', 'AMAZON')] });
    expect((await loadError(JSON.stringify(hostBits))).message).toMatch(
      /: field prefixes\[0\]\.ip_prefix: "52\.0\.0\.1\/11": host bits set \(network is 52\.0\.0\.0\/11\)$/,
    );
    const v6InV4 = rangesFile({ prefixes: [entry('2600:1f00::/24', 'AMAZON')] });
    expect((await loadError(JSON.stringify(v6InV4))).message).toMatch(
      /field prefixes\[0\]\.ip_prefix: "2600:1f00::\/24" is not an IPv4 CIDR/,
    );
    const bare = rangesFile({
      ipv6_prefixes: [
        { ipv6_prefix: '2600:1f00::', region: 'r', service: 'S', network_border_group: 'r' },
      ],
    });
    expect((await loadError(JSON.stringify(bare))).message).toMatch(
      /field ipv6_prefixes\[0\]\.ipv6_prefix: "2600:1f00::" is not an IPv6 CIDR/,
    );
  });

  it('says when the file is not JSON or not there', async () => {
    const notJson = await loadError('{"syncToken": ');
    expect(notJson.code).toBe('INVALID_INPUT');
    expect(notJson.message).toMatch(/: not JSON \(/);
    const missing = join(freshDir(), 'nope.json');
    await expect(loadAwsIpRanges(missing)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${missing}: file not found`,
    });
  });

  it('validates already-parsed content with the same messages', () => {
    expect(() => parseAwsIpRanges({ ...rangesFile(), syncToken: 5 }, 'pasted')).toThrow(
      /^pasted: field syncToken: /,
    );
  });
});
