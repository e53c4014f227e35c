// A generated tabletop incident worked through the API: generate the logs and truth.json, open a
// case, tell it the organisation's own address ranges (what the exercise briefing gives the team;
// they are the org's knowledge of itself, not an answer), and ingest the logs as a job.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callOp, type ApiContext } from '../../../src/api';
import { generate, type GenerateOptions } from '../../../src/tabletop/generate';
import { TruthSchema, type Truth } from '../../../src/tabletop/truth';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';

export interface PlayedCase {
  ctx: ApiContext;
  path: string;
  truth: Truth;
  truthPath: string;
}

export async function generatedCase(
  dir: string,
  options: Omit<GenerateOptions, 'out'>,
  ctxOptions: Parameters<typeof testContext>[0] = {},
): Promise<PlayedCase> {
  const summary = await generate({ hours: 24, events: 4000, ...options, out: join(dir, 'drill') });
  const truth = TruthSchema.parse(JSON.parse(readFileSync(summary.truthPath, 'utf8')));
  const ctx = testContext(ctxOptions);
  const { path } = await newCase(ctx, { dir, title: `Tabletop ${options.scenario}` });
  await callOp('case.settings', { path, internalCidrs: truth.org.internalCidrs }, ctx);
  const report = await ingest(ctx, { path, sources: [join(dir, 'drill', 'logs')] });
  if (report.sources[0]?.rejected !== 0)
    throw new Error('the generated logs were not all ingested');
  return { ctx, path, truth, truthPath: summary.truthPath };
}

/** IPv4 CIDR membership, written here so tests do not lean on Cairn's own classifier. */
export function inCidrs(ip: string, cidrs: readonly string[]): boolean {
  const n = (a: string): number =>
    a.split('.').reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
  return cidrs.some((c) => {
    const [base, bits] = c.split('/') as [string, string];
    const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
    return (n(ip) & mask) >>> 0 === (n(base) & mask) >>> 0;
  });
}

/** Whole seconds since the epoch: CloudTrail and S3 access logs both have 1 s resolution. */
export const second = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
