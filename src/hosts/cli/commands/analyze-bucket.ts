// `cairn analyze bucket FILE --bucket B`: when the bucket was public, what opened and closed it,
// who read it from outside meanwhile, and what the logs cannot show. Recorded as a finding.
import { callOp } from '../../../api';
import { bytesText, durationText } from '../../../analysis/bucket/report';
import type { OpOutput } from '../../../shared/contract';
import type { BucketWindow, EventRef } from '../../../shared/ops/analysis-bucket';
import { optString } from '../args';
import type { Command } from '../command';

const t = (iso: string | null): string =>
  iso ? iso.replace('T', ' ').replace(/\.000Z$/, 'Z') : '—';

const STATE: Record<OpOutput<'analysis.bucketExposure'>['state'], string> = {
  public: 'PUBLIC',
  possible: 'POSSIBLY PUBLIC',
  unknown: 'exposure UNKNOWN',
  'not-public': 'not public',
};

function eventLine(label: string, e: EventRef | null, none: string): string {
  if (!e) return `  ${label.padEnd(10)} ${none}`;
  const from = e.sourceIp ? ` from ${e.sourceIp}` : '';
  return `  ${label.padEnd(10)} ${t(e.eventTime)}  ${e.eventName}  by ${e.principalArn ?? 'unknown principal'}${from}  [event ${e.eventId}]`;
}

function windowLines(w: BucketWindow, i: number): string[] {
  const head = `Window ${i + 1}  ${w.confidence.toUpperCase()}  ${w.openStart ? 'before ' : ''}${t(w.start)} → ${
    w.end ? t(w.end) : 'still open'
  }  (${w.end ? '' : 'at least '}${durationText(w.durationMs)})`;
  const lines = [
    head,
    eventLine(
      'opened by',
      w.openedBy,
      w.openStart ? 'not in the logs (it was already open when they begin)' : '—',
    ),
    eventLine('closed by', w.closedBy, 'nothing yet: still open at the last log record'),
  ];
  if (w.publicFrom && w.publicFrom !== w.start)
    lines.push(`  ${'certain'.padEnd(10)} public from ${t(w.publicFrom)}`);
  lines.push(`  ${'exposed'.padEnd(10)} ${w.exposure.join('; ') || '—'}`);
  const x = w.externalAccess;
  if (!x) {
    lines.push(
      `  ${'reads'.padEnd(10)} cannot be counted: no access logs or data events cover this window`,
    );
    return lines;
  }
  lines.push(
    `  ${'reads'.padEnd(10)} ${x.requests} external read(s) of ${x.objects} object(s), ${bytesText(x.bytes)}, from ${x.ips} address(es)` +
      (x.requests ? `; first ${t(x.first)}, last ${t(x.last)}` : '') +
      (x.anonymous ? `; ${x.anonymous} anonymous` : '') +
      (x.denied ? `; ${x.denied} refused` : '') +
      (x.bytesComplete ? '' : ' (bytes incomplete: see below)') +
      `  (seen by: ${x.sources.join(', ')})`,
  );
  for (const ip of x.topIps.slice(0, 5))
    lines.push(
      `  ${''.padEnd(10)} ${ip.ip.padEnd(40)} ${(ip.ipClass ?? '-').padEnd(12)} ${String(ip.requests).padStart(6)} read(s)  ${bytesText(ip.bytes)}`,
    );
  return lines;
}

export function bucketText(r: OpOutput<'analysis.bucketExposure'>): string {
  const lines = [
    `s3://${r.bucket} — ${STATE[r.state]} at the last log record${r.ownerAccountId ? `  (account ${r.ownerAccountId})` : ''}`,
    r.summary,
    '',
  ];
  r.windows.forEach((w, i) => lines.push(...windowLines(w, i), ''));
  lines.push(
    r.changes.length
      ? 'Access-control changes (oldest first):'
      : 'Access-control changes: none in the logs',
  );
  for (const c of r.changes) {
    const after = c.exposureAfter ? `→ ${c.exposureAfter}` : '(no effect)';
    lines.push(`  ${t(c.at)}  ${c.event.eventName.padEnd(30)} ${after.padEnd(14)} ${c.text}`);
    lines.push(
      `  ${''.padEnd(20)}  by ${c.event.principalArn ?? 'unknown principal'}  [event ${c.event.eventId}]`,
    );
  }
  lines.push('', 'What the logs cannot show:', ...r.caveats.map((c) => `  - ${c}`));
  lines.push(
    '',
    `(recorded as finding #${r.findingId}${r.supersedes !== null ? `, replacing #${r.supersedes}` : ''})`,
  );
  return lines.join('\n');
}

export const analyzeBucket: Command = {
  path: ['analyze', 'bucket'],
  usage: 'cairn analyze bucket FILE --bucket B [--exact-bytes] [--json]',
  summary:
    'When a bucket was public, what opened and closed it, and who read it from outside meanwhile',
  details:
    'Replays PutBucketPolicy, PutBucketAcl/PutObjectAcl, bucket and account public access blocks from CloudTrail; counts external reads from S3 access logs and data events. Set internal ranges first (cairn case settings FILE --internal-cidr CIDR).',
  options: { bucket: { type: 'string' }, 'exact-bytes': { type: 'boolean' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', bucket: '--bucket', exactBytes: '--exact-bytes' },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'analysis.bucketExposure',
      {
        path: positionals[0],
        bucket: optString(values, 'bucket'),
        exactBytes: values['exact-bytes'] === true,
      },
      ctx,
    );
    return { json: r, human: bucketText(r) };
  },
};
