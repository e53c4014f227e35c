// Every distinct sourceIPAddress in the real CloudTrail samples must classify without throwing,
// and exactly the strings that are neither addresses nor AWS service names are unparseable.
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createIpClassifier } from '../../../../src/analysis/ip';
import { fixturePath, oracleAwsMatches, oracleIsIp, torFixtureLines } from './oracle';

type Json = Record<string, unknown>;

function records(): { file: string; record: Json }[] {
  const out: { file: string; record: Json }[] = [];
  const add = (file: string, list: unknown[]): void => {
    for (const item of list) {
      let record = item as Json;
      // lookup-events output (AWS CLI and plaso) nests the record as a JSON string.
      if (typeof record.CloudTrailEvent === 'string')
        record = JSON.parse(record.CloudTrailEvent) as Json;
      out.push({ file, record });
    }
  };
  const ndjson = (text: string): Json[] =>
    text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Json);

  const stratusDir = 'stratus-red-team/detonation-logs';
  for (const name of readdirSync(fixturePath(stratusDir))) {
    add(
      `${stratusDir}/${name}`,
      JSON.parse(readFileSync(fixturePath(`${stratusDir}/${name}`), 'utf8')) as unknown[],
    );
  }
  const read = (f: string): string => readFileSync(fixturePath(f), 'utf8');
  const panther = 'panther-analysis/panther_cloudtrail_records.json';
  add(panther, (JSON.parse(read(panther)) as { Records: unknown[] }).Records);
  const pantherTests = 'panther-analysis/panther_cloudtrail_test_events.ndjson';
  add(
    pantherTests,
    ndjson(read(pantherTests)).map((line) => line.log),
  );
  const otrf = 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json';
  add(otrf, ndjson(read(otrf)));
  const openregister = 'openregister-sumologic-fixture/cloudtrail-logs-compressed.gz';
  add(
    openregister,
    (
      JSON.parse(gunzipSync(readFileSync(fixturePath(openregister))).toString('utf8')) as {
        Records: unknown[];
      }
    ).Records,
  );
  const plaso = 'plaso/test_data__jsonl__aws_cloudtrail.jsonl';
  add(plaso, ndjson(read(plaso)));
  const lookup = 'lookup-events/aws-cli_examples_cloudtrail_lookup-events.json';
  add(lookup, (JSON.parse(read(lookup)) as { Events: unknown[] }).Events);
  return out;
}

/** Service markers, recognised here by a different rule than the code's regex. */
function looksLikeAwsService(value: string): boolean {
  if (value === 'AWS Internal') return true;
  const suffix = '.amazonaws.com';
  if (!value.endsWith(suffix)) return false;
  const labels = value.slice(0, -suffix.length).split('.');
  return labels.every(
    (l) => l.length > 0 && /^[a-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-'),
  );
}

describe('sourceIPAddress values in the real CloudTrail samples', () => {
  const all = records();
  const values = new Map<string, string>(); // value → first file it came from
  for (const { file, record } of all) {
    const value = record.sourceIPAddress;
    if (typeof value === 'string' && !values.has(value)) values.set(value, file);
  }

  it('reads every sample file and finds the known addresses', () => {
    const files = new Set(all.map((r) => r.file.split('/')[0]));
    expect([...files].sort()).toEqual([
      'lookup-events',
      'openregister-sumologic-fixture',
      'otrf-security-datasets',
      'panther-analysis',
      'plaso',
      'stratus-red-team',
    ]);
    expect(all.length).toBeGreaterThan(1000);
    for (const ip of [
      '18.236.253.47',
      '72.21.198.70',
      '075.050.255.67',
      'AWS Internal',
      '100.200.300.400',
    ]) {
      expect(values.has(ip), ip).toBe(true);
    }
  });

  it('classifies each distinct value without throwing; unparseable is exactly the invalid strings', () => {
    const classifier = createIpClassifier({ internal: ['10.0.0.0/16'] });
    const unparseable: string[] = [];
    const services: string[] = [];
    for (const value of values.keys()) {
      const result = classifier.classify(value);
      expect(result.ip).toBe(value);
      if (result.class === 'unparseable') unparseable.push(value);
      if (result.class === 'aws-service') services.push(value);
    }
    const independent = [...values.keys()].filter((v) => !oracleIsIp(v) && !looksLikeAwsService(v));
    expect(unparseable.sort()).toEqual(independent.sort());
    // And by hand, from reading the files: leading zeros (anonymised Stratus addresses), an octet
    // over 255 (openregister), and placeholders in the Panther tests.
    expect(unparseable.sort()).toEqual(
      [
        '035.249.253.232',
        '06.237.252.245',
        '075.050.255.67',
        '08.1.250.216',
        '100.200.300.400',
        '201.252.42.03',
        '211.9.016.253',
        '225.01.00.16',
        '225.178.039.250',
        '251.234.045.249',
        '253.252.51.07',
        '255.090.254.5',
        '255.18.064.253',
        '<Attacker source IP>',
        '<Victim source IP>',
        'redacted',
      ].sort(),
    );
    expect(services.sort()).toEqual([...values.keys()].filter(looksLikeAwsService).sort());
    expect(services).toContain('AWS Internal');
    expect(services).toContain('ec2.amazonaws.com');
  });

  it('gives the expected classes for a few of them', () => {
    const classifier = createIpClassifier({ internal: ['10.0.0.0/16'] });
    expect(classifier.classify('10.0.1.100').class).toBe('internal'); // Panther
    expect(classifier.classify('10.0.5.50').class).toBe('internal');
    expect(classifier.classify('127.0.0.1').class).toBe('private');
    // Panther's "Tor" examples, both in the well-known 185.220.101.0/24 exit block: only .75 is
    // in the bundled 2024-02-27 list, and the list is of addresses, not blocks.
    expect(torFixtureLines()).toContain('185.220.101.75');
    expect(classifier.classify('185.220.101.75').class).toBe('tor');
    expect(torFixtureLines()).not.toContain('185.220.101.50');
    expect(classifier.classify('185.220.101.50').class).toBe('public');
    expect(oracleAwsMatches('54.90.94.136')).toMatchObject([{ service: 'EC2' }]);
    expect(classifier.classify('54.90.94.136').matches).toMatchObject([
      { list: 'aws', service: 'EC2' },
    ]);
  });
});
