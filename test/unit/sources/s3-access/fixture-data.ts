// Shared helpers for the S3 access-log tests: fixture paths and a parse that must succeed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseS3AccessLine } from '../../../../src/sources/s3-access';
import type { S3AccessRecord } from '../../../../src/sources/s3-access';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/data');

/** Where each sample lives in the copy of the shared data. */
const FOLDER: Record<string, string> = {
  'awsdocs_LogFormat_examples.log': 's3-access',
  'logstash-patterns-core_aws_spec.log': 's3-access',
  'panther_s3serveraccess_test_events.ndjson': 'panther-analysis',
  'panther_test_scenario_attacker_s3_access.log': 'panther-analysis',
};

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, FOLDER[name] ?? '', name));
}

/** The fixture's lines by a split independent of the code under test (no blank trailing line). */
export function fixtureLines(name: string): string[] {
  return fixture(name).toString('utf8').replace(/\n$/, '').split('\n');
}

export function parseOk(line: string): S3AccessRecord {
  const result = parseS3AccessLine(line);
  if (!result.ok) expect.fail(`expected the line to parse, got: ${result.reason}`);
  return result.record;
}

export function parseFails(line: string): { reason: string; column?: number; field?: string } {
  const result = parseS3AccessLine(line);
  if (result.ok) expect.fail(`expected the line to be rejected: ${line}`);
  return result;
}

/** UTC ms from an ISO string, so expected times are not computed by the parser's own code. */
export function utc(iso: string): number {
  return Date.parse(iso);
}
