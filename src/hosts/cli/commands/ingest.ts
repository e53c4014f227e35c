import { callOp } from '../../../api';
import { LOOKUP_ATTRIBUTE_KEYS } from '../../../shared/contract';
import { CairnError } from '../../../shared/errors';
import type { IngestProgress, IngestReport, SourceReport } from '../../../sources/ingest/runner';
import { optString } from '../args';
import { EXIT, type Command } from '../command';
import { progressBar } from '../progress';

function lookupAttribute(
  v: string | undefined,
): { key: (typeof LOOKUP_ATTRIBUTE_KEYS)[number]; value: string } | undefined {
  if (v === undefined) return undefined;
  const eq = v.indexOf('=');
  const key = v.slice(0, eq);
  if (eq < 1 || !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw new CairnError(
      'INVALID_INPUT',
      `--lookup-attribute: "${v}" is not KEY=VALUE with KEY one of ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}`,
    );
  }
  return { key: key as (typeof LOOKUP_ATTRIBUTE_KEYS)[number], value: v.slice(eq + 1) };
}

function describeSource(s: SourceReport): string[] {
  const lines = [
    `${s.location}  (${s.kind}${s.resumed ? ', continued' : ''}: ${s.status})`,
    `  files ${s.files}${s.filesSkipped ? ` (+${s.filesSkipped} already ingested, skipped)` : ''}${s.filesRejected ? `, ${s.filesRejected} rejected` : ''}${s.filesFailed ? `, ${s.filesFailed} unreadable` : ''}${s.digests ? `, ${s.digests} digest files kept` : ''}`,
    `  records read ${s.recordsRead}, inserted ${s.inserted}, duplicates ${s.duplicates}, rejected ${s.rejected}`,
  ];
  if (s.limitations) lines.push(`  cannot see: ${s.limitations}`);
  for (const r of s.rejections.slice(0, 10)) {
    lines.push(
      `  rejected: ${r.location}${r.locator === null ? '' : ` #${r.locator}`}: ${r.reason}`,
    );
  }
  if (s.rejected > s.rejections.length)
    lines.push(
      `  … and ${s.rejected - Math.min(10, s.rejections.length)} more rejections (cairn sources FILE --json lists the first per file)`,
    );
  for (const n of s.notes.slice(0, 5)) lines.push(`  note: ${n}`);
  for (const e of s.errors.slice(0, 10)) lines.push(`  error: ${e}`);
  return lines;
}

export const ingest: Command = {
  path: ['ingest'],
  usage:
    'cairn ingest FILE SOURCE... [--kind cloudtrail|s3-access|auto] [--from ISO --to ISO] [--profile P] [--region R] [--endpoint-url URL] [--lookup-attribute KEY=VALUE] [--json]',
  summary:
    'Ingest CloudTrail logs and S3 server access logs from files, folders, s3://bucket/prefix or lookup-events:REGION',
  details: [
    'SOURCE is a log file, a folder (walked recursively, e.g. an AWSLogs/ tree), s3://bucket/prefix, or',
    'lookup-events:REGION (the CloudTrail API: management events of the last 90 days only).',
    'Each file is committed on its own; run the same command again to resume after an interruption.',
    '--from/--to skip files whose delivery date is outside the range (S3 keys and folder paths).',
  ].join('\n'),
  options: {
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    'endpoint-url': { type: 'string' },
    'lookup-attribute': { type: 'string' },
    bulk: { type: 'string' },
  },
  positionals: ['FILE', 'SOURCE...'],
  minPositionals: 2,
  fieldNames: {
    path: 'FILE',
    sources: 'SOURCE',
    kind: '--kind',
    from: '--from',
    to: '--to',
    region: '--region',
    endpoint: '--endpoint-url',
    bulk: '--bulk',
  },
  async run({ positionals, values, ctx, io }) {
    const job = await callOp(
      'ingest.start',
      {
        path: positionals[0],
        sources: positionals.slice(1),
        kind: optString(values, 'kind') ?? 'auto',
        from: optString(values, 'from'),
        to: optString(values, 'to'),
        profile: optString(values, 'profile'),
        region: optString(values, 'region'),
        endpoint: optString(values, 'endpoint-url'),
        lookupAttribute: lookupAttribute(optString(values, 'lookup-attribute')),
        bulk: optString(values, 'bulk') ?? 'auto',
      },
      ctx,
    );
    const bar = progressBar(io);
    const onUpdate = (s: { id: string; progress: unknown }): void => {
      if (s.id === job.id && s.progress) bar.update(s.progress as IngestProgress);
    };
    ctx.jobs.on('update', onUpdate);
    const final = await ctx.jobs.wait(job.id);
    ctx.jobs.off('update', onUpdate);
    bar.done();
    if (final.status === 'failed' || !final.result) {
      throw new CairnError(
        (final.error?.code as CairnError['code'] | undefined) ?? 'INTERNAL',
        final.error?.message ?? 'the ingest failed',
        final.error?.hint ??
          'files committed before the failure are kept; run the same command again to resume',
      );
    }
    const report = final.result as IngestReport;
    const ok = report.sources.every((s) => s.status === 'complete');
    const human = [
      ...report.sources.flatMap(describeSource),
      `done in ${(report.elapsedMs / 1000).toFixed(1)} s${report.indexesRebuilt.length ? ` (indexes rebuilt: ${report.indexesRebuilt.length})` : ''}`,
    ].join('\n');
    return { json: report, human, exitCode: ok ? EXIT.ok : EXIT.failed };
  },
};
