import { callOp } from '../../../api';
import type { CaseInfo, CaseSummary, VerifyReport } from '../../../shared/domain';
import { formatInZone } from '../../../shared/time';
import { EXIT, type Command } from '../command';
import { optString } from '../args';

function awarenessLine(c: CaseSummary): string {
  if (!c.awareness)
    return 'not set (set it as soon as you know: it starts the notification clocks)';
  const at = Date.parse(c.awareness.at);
  const local = c.timezone === 'UTC' ? '' : ` (${formatInZone(at, c.timezone)} ${c.timezone})`;
  return `${c.awareness.at}${local}, set by ${c.awareness.setBy}${c.awareness.reason ? `: ${c.awareness.reason}` : ''}`;
}

function describe(c: CaseSummary): string[] {
  return [
    `Case      ${c.title}`,
    `File      ${c.path}`,
    `Case id   ${c.caseId}`,
    `Status    ${c.status}${c.severity ? `, severity ${c.severity}` : ', severity not set'}`,
    `Zone      ${c.timezone}`,
    `Aware at  ${awarenessLine(c)}`,
    `Created   ${c.createdAt} by ${c.createdBy} (Cairn ${c.createdWith}, case format ${c.schemaVersion})`,
  ];
}

export const caseCreate: Command = {
  path: ['case', 'create'],
  usage:
    'cairn case create FILE --title TEXT [--aware-at ISO] [--aware-reason TEXT] [--tz ZONE] [--severity P1|P2|P3|P4] [--json]',
  summary: 'Create a new case file (refuses to overwrite an existing file)',
  options: {
    title: { type: 'string' },
    'aware-at': { type: 'string' },
    'aware-reason': { type: 'string' },
    tz: { type: 'string' },
    severity: { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: {
    path: 'FILE',
    title: '--title',
    awareAt: '--aware-at',
    awareReason: '--aware-reason',
    timezone: '--tz',
    severity: '--severity',
  },
  async run({ positionals, values, ctx }) {
    const summary = await callOp(
      'case.create',
      {
        path: positionals[0],
        title: optString(values, 'title'),
        awareAt: optString(values, 'aware-at'),
        awareReason: optString(values, 'aware-reason'),
        timezone: optString(values, 'tz') ?? 'UTC',
        severity: optString(values, 'severity'),
      },
      ctx,
    );
    return { json: summary, human: [`Created ${summary.path}`, ...describe(summary)].join('\n') };
  },
};

export const caseInfo: Command = {
  path: ['case', 'info'],
  usage: 'cairn case info FILE [--json]',
  summary: 'Show what a case is: title, zone, awareness, counts and the audit chain head',
  options: {},
  positionals: ['FILE'],
  minPositionals: 1,
  async run({ positionals, ctx }) {
    const info: CaseInfo = await callOp('case.info', { path: positionals[0] }, ctx);
    const c = info.counts;
    const lines = [
      ...describe(info),
      `Evidence  ${c.sources} source(s), ${c.evidenceFiles} file(s), ${c.events} CloudTrail event(s), ${c.s3Access} S3 access line(s)`,
      `Timeline  ${c.timeline} entr${c.timeline === 1 ? 'y' : 'ies'}; ${c.findings} finding(s)`,
      `Audit     ${c.audit} entr${c.audit === 1 ? 'y' : 'ies'}${info.auditHead ? `, head #${info.auditHead.seq} ${info.auditHead.hash}` : ''}`,
    ];
    return { json: info, human: lines.join('\n') };
  },
};

export function describeVerify(r: VerifyReport): string {
  if (r.ok) {
    return [
      `OK  ${r.path}`,
      `    audit chain intact: ${r.auditEntries} entr${r.auditEntries === 1 ? 'y' : 'ies'}${r.auditHead ? `, head #${r.auditHead.seq} ${r.auditHead.hash}` : ''}`,
      `    timeline entries match their audit entries: ${r.timelineEntries}`,
      `    evidence files match their sha256: ${r.evidenceFiles.checked}`,
    ].join('\n');
  }
  const lines = [`BROKEN  ${r.path}`];
  if (r.firstBroken) lines.push(`    first broken link: ${r.firstBroken.reason}`);
  for (const p of r.problems) {
    if (r.firstBroken && p.ref === `audit#${r.firstBroken.seq}`) continue;
    lines.push(`    ${p.message}`);
  }
  lines.push(
    '    Keep this file as it is (it is evidence of the tampering) and work from a verified copy or backup.',
  );
  return lines.join('\n');
}

export const verify: Command = {
  path: ['verify'],
  usage: 'cairn verify FILE [--json]',
  summary:
    'Re-walk the audit chain and evidence hashes; exit 3 and name the first broken entry if any',
  options: {},
  positionals: ['FILE'],
  minPositionals: 1,
  async run({ positionals, ctx }) {
    const report = await callOp('case.verify', { path: positionals[0] }, ctx);
    return {
      json: report,
      human: describeVerify(report),
      exitCode: report.ok ? EXIT.ok : EXIT.integrity,
    };
  },
};
