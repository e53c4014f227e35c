// The generator through every door: the tabletop.generate operation (a job on a worker thread),
// the `cairn tabletop generate` command, and `cairn ingest` of what it wrote.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { CairnError } from '../../../src/shared/errors';
import { TabletopSummarySchema } from '../../../src/shared/ops/tabletop';
import { listEvents } from '../../../src/query/events';
import { TruthSchema } from '../../../src/tabletop/truth';
import { newCase, testContext } from '../../helpers/case';
import { cli, cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { freshDir } from '../../helpers/tmp';
import { scanTree } from './scan';

/** How a call failed, as "CODE: message". */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CairnError) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('tabletop.generate', () => {
  it('runs as a job and returns the summary', async () => {
    const ctx = testContext();
    const out = join(freshDir(), 'scenario');
    const job = await callOp(
      'tabletop.generate',
      { scenario: 'enumeration', seed: 3, out, events: 2000, hours: 24 },
      ctx,
    );
    expect(job).toMatchObject({ kind: 'tabletop', status: 'running', casePath: out });
    const done = await ctx.jobs.wait(job.id);
    expect(done.error).toBeNull();
    const summary = TabletopSummarySchema.parse(done.result);
    expect(summary).toMatchObject({ scenario: 'enumeration', seed: 3, records: 2000, out });
    const truth = TruthSchema.parse(JSON.parse(readFileSync(summary.truthPath, 'utf8')));
    expect(truth.counts.cloudTrailRecords).toBe(2000);
  }, 60_000);

  it('refuses a folder with files in it before starting a job', async () => {
    const ctx = testContext();
    const out = freshDir();
    writeFileSync(join(out, 'keep.txt'), 'x');
    expect(
      await failure(callOp('tabletop.generate', { scenario: 'leaked-key', seed: 1, out }, ctx)),
    ).toMatch(/^INVALID_INPUT: out: .* is not empty$/);
    expect(ctx.jobs.list()).toEqual([]);
  });

  it('names the field that is wrong', async () => {
    const ctx = testContext();
    const out = join(freshDir(), 'x');
    expect(
      await failure(callOp('tabletop.generate', { scenario: 'ransomware', seed: 1, out }, ctx)),
    ).toMatch(/^INVALID_INPUT: tabletop.generate: scenario: /);
    expect(
      await failure(
        callOp(
          'tabletop.generate',
          { scenario: 'leaked-key', seed: 1, out, start: '2026-03-01' },
          ctx,
        ),
      ),
    ).toMatch(/^INVALID_INPUT: start: "2026-03-01" is not an ISO-8601 time with a zone$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('cairn tabletop generate', () => {
  it('writes the scenario and prints a stable JSON summary', async () => {
    const out = join(freshDir(), 'bucket');
    const s = await cliJson<Record<string, unknown>>([
      'tabletop',
      'generate',
      '--scenario',
      'public-bucket',
      '--seed',
      '7',
      '--out',
      out,
      '--events',
      '2000',
      '--hours',
      '24',
      '--start',
      '2026-05-04T00:00:00Z',
      '--contain-after',
      'never',
      '--no-data-events',
    ]);
    expect(TabletopSummarySchema.parse(s)).toMatchObject({
      scenario: 'public-bucket',
      records: 2000,
    });
    const truth = TruthSchema.parse(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')));
    expect(truth.window.start).toBe('2026-05-04T00:00:00.000Z');
    expect(truth.keyMoments.containment).toBeNull();
    expect(truth.parameters).toMatchObject({ containAfterMinutes: null, dataEvents: false });
    expect(truth.buckets[0]!.dataEvents).toBe(false);
  }, 60_000);

  it('says what is missing or wrong in CLI terms, with exit code 2', async () => {
    const out = join(freshDir(), 'x');
    const missing = await cli(['tabletop', 'generate', '--seed', '1', '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--scenario is required/);
    const bad = await cli([
      'tabletop',
      'generate',
      '--scenario',
      'ransomware',
      '--seed',
      '1',
      '--out',
      out,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--scenario: "ransomware" is not one of leaked-key, public-bucket, enumeration/,
    );
    const hours = await cli([
      'tabletop',
      'generate',
      '--scenario',
      'leaked-key',
      '--seed',
      '1',
      '--out',
      out,
      '--hours',
      '3',
    ]);
    expect(hours.code).toBe(2);
    expect(hours.stderr).toMatch(/--hours/);
  });
});

describe('cairn ingest of a generated scenario', () => {
  it.each(['leaked-key', 'public-bucket', 'enumeration'] as const)(
    '%s: ingests every record and line with no rejection',
    async (scenario) => {
      const out = join(freshDir(), scenario);
      await cliJson([
        'tabletop',
        'generate',
        '--scenario',
        scenario,
        '--seed',
        '21',
        '--out',
        out,
        '--events',
        '1500',
        '--hours',
        '12',
      ]);
      const scan = scanTree(out);
      const ctx = testContext();
      const c = await newCase(ctx);
      const report = await ingest(ctx, { path: c.path, sources: [join(out, 'logs')] });
      const s = report.sources[0]!;
      expect(s.rejections).toEqual([]);
      expect(s.rejected).toBe(0);
      expect(s.filesRejected).toBe(0);
      expect(s.status).toBe('complete');
      expect(s.inserted).toBe(scan.records.length + scan.lines.length);
      // The key moments are in the case, found by their event IDs.
      const truth = TruthSchema.parse(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')));
      const first = truth.keyMoments.firstMaliciousUse;
      if (first.eventId) {
        const file = ctx.cases.forRead(c.path);
        const rows = listEvents(file.db, { sourceIps: [first.sourceIp!], limit: 10_000 }).events;
        expect(rows.map((e) => e.eventId)).toContain(first.eventId);
      }
    },
    90_000,
  );
});
