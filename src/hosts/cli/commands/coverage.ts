// `cairn coverage`: what the case's logs can and cannot show, recorded as a finding.
import { callOp } from '../../../api';
import type { CoverageReport } from '../../../shared/coverage';
import { CairnError } from '../../../shared/errors';
import { optString } from '../args';
import type { Command } from '../command';

function describe(c: CoverageReport, findingId: number): string {
  const lines = [
    c.first
      ? `Evidence from ${c.first} to ${c.last ?? c.first} (gaps over ${c.gapThresholdHours} h listed)`
      : 'The case holds no log records.',
  ];
  for (const g of c.cloudtrail) {
    lines.push(
      `CloudTrail #${g.sourceId} ${g.sourceLocation}`,
      `   account ${g.account ?? 'unknown'}, ${g.region ?? 'no Region'}: ${g.records} record(s), ${g.first} → ${g.last}`,
      `   data events: ${g.dataEvents ? `${g.dataEvents}${g.dataEventBuckets.length ? ` (buckets ${g.dataEventBuckets.join(', ')})` : ''}` : 'none'}; gaps: ${g.gapCount}`,
      ...g.gaps.slice(0, 5).map((x) => `     gap ${x.from} → ${x.to} (${x.hours} h)`),
    );
  }
  for (const s of c.s3Access)
    lines.push(
      `S3 access logs #${s.sourceId} bucket ${s.bucket ?? 'unknown'}: ${s.lines} line(s), ${s.first} → ${s.last}; gaps: ${s.gapCount}`,
    );
  lines.push('What we could not see:');
  lines.push(
    ...(c.limitations.length ? c.limitations.map((l) => ` - ${l.text}`) : [' - nothing noted']),
  );
  lines.push(`Recorded as finding #${findingId}.`);
  return lines.join('\n');
}

export const coverage: Command = {
  path: ['coverage'],
  usage: 'cairn coverage FILE [--gap-hours N] [--json]',
  summary:
    'Log coverage per source, account and Region: first/last record, gaps, data events, S3 access logs, and what could not be seen',
  options: { 'gap-hours': { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', gapThresholdHours: '--gap-hours' },
  async run({ positionals, values, ctx }) {
    const gap = optString(values, 'gap-hours');
    const hours = gap === undefined ? undefined : Number(gap);
    if (hours !== undefined && !(hours > 0))
      throw new CairnError('INVALID_INPUT', `--gap-hours: "${gap}" is not a positive number`);
    const r = await callOp(
      'analysis.coverage',
      { path: positionals[0], ...(hours !== undefined ? { gapThresholdHours: hours } : {}) },
      ctx,
    );
    return { json: r, human: describe(r.coverage, r.finding.id) };
  },
};
