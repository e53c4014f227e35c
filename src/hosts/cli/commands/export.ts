// `cairn export` and `cairn verify-export`: the legal export of a case timeline and its check.
import { callOp } from '../../../api';
import type { ExportResult, ExportVerifyReport } from '../../../shared/export';
import { CairnError } from '../../../shared/errors';
import { optString } from '../args';
import { EXIT, type Command } from '../command';

function describeExport(r: ExportResult): string {
  return [
    `Wrote ${r.out} (${r.format}, ${r.size} bytes, ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'}, ${r.evidenceRows} evidence record(s))`,
    `  sha256            ${r.sha256}`,
    `  manifest          ${r.manifestPath}`,
    `  manifest sha256   ${r.manifestSha256}`,
    `  audit chain head  ${r.auditHead ? `#${r.auditHead.seq} ${r.auditHead.hash}` : 'none'}`,
    r.redacted
      ? `  redacted          yes (${r.redactions} value(s) removed)`
      : '  redacted          NO: this file may contain session tokens, secret keys and passwords',
    `  recorded in the case's audit log as entry #${r.auditSeq}`,
  ].join('\n');
}

export const exportTimeline: Command = {
  path: ['export'],
  usage:
    'cairn export FILE --format pdf|html|csv|json --out PATH [--from ISO] [--to ISO] [--redact | --no-redact] [--force] [--json]',
  summary:
    'Export the case timeline for counsel as PDF, HTML, CSV or JSON, with PATH.manifest.json beside it',
  details: [
    'Secrets (session tokens, secret access keys, passwords, strings marked with `cairn redact`) are',
    'removed by default. --no-redact writes them in clear and is recorded in the case audit log.',
    '--from/--to keep the timeline entries that happened in that period. --force replaces PATH.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    redact: { type: 'boolean' },
    'no-redact': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', format: '--format', out: '--out', from: '--from', to: '--to' },
  async run({ positionals, values, ctx }) {
    if (values['redact'] === true && values['no-redact'] === true)
      throw new CairnError('INVALID_INPUT', '--redact and --no-redact contradict each other');
    const format = optString(values, 'format');
    if (format === undefined)
      throw new CairnError('INVALID_INPUT', '--format: required (pdf, html, csv or json)');
    const out = optString(values, 'out');
    if (out === undefined) throw new CairnError('INVALID_INPUT', '--out: required');
    const job = await callOp(
      'export.timeline',
      {
        path: positionals[0],
        format,
        out,
        from: optString(values, 'from'),
        to: optString(values, 'to'),
        redact: values['no-redact'] !== true,
        overwrite: values['force'] === true,
      },
      ctx,
    );
    const done = await ctx.jobs.wait(job.id);
    if (done.status !== 'done' || !done.result)
      throw new CairnError(
        (done.error?.code as CairnError['code'] | undefined) ?? 'INTERNAL',
        done.error?.message ?? 'the export failed',
        done.error?.hint,
      );
    const result = done.result as ExportResult;
    return { json: result, human: describeExport(result) };
  },
};

function describeVerify(r: ExportVerifyReport): string {
  const head = r.ok ? `OK  ${r.file}` : `BROKEN  ${r.file}`;
  const lines = [
    head,
    `    manifest ${r.manifest}${r.manifestSha256 ? ` (sha256 ${r.manifestSha256})` : ''}`,
    `    ${r.rows} row(s); ${r.caseChecked ? `${r.evidenceChecked} evidence record(s) re-read from the case` : 'no case file given (--case FILE re-reads every cited record)'}`,
  ];
  for (const p of r.problems) lines.push(`    ${p.message}`);
  return lines.join('\n');
}

export const verifyExportCommand: Command = {
  path: ['verify-export'],
  usage: 'cairn verify-export PATH [--case FILE] [--manifest PATH.manifest.json] [--json]',
  summary:
    'Check an export against its manifest and, with --case, every evidence record it cites; exit 3 and name the row if anything changed',
  options: { case: { type: 'string' }, manifest: { type: 'string' } },
  positionals: ['PATH'],
  minPositionals: 1,
  fieldNames: { file: 'PATH', casePath: '--case', manifest: '--manifest' },
  async run({ positionals, values, ctx }) {
    const report = await callOp(
      'export.verify',
      {
        file: positionals[0],
        casePath: optString(values, 'case'),
        manifest: optString(values, 'manifest'),
      },
      ctx,
    );
    return {
      json: report,
      human: describeVerify(report),
      exitCode: report.ok ? EXIT.ok : EXIT.integrity,
    };
  },
};
