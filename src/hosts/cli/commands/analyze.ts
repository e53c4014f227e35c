// `cairn analyze key`, `cairn analyze enumeration`, `cairn findings`: the investigation's answers,
// each recorded in the case as a finding with the query that produced it.
import { callOp } from '../../../api';
import type { EnumerationResult } from '../../../analysis/enumeration';
import type { KeyActivity } from '../../../analysis/key/activity';
import { optInt, optString } from '../args';
import type { Command } from '../command';

const t = (iso: string | null): string =>
  iso ? iso.replace('T', ' ').replace(/\.000Z$/, 'Z') : '—';

function keyText(r: KeyActivity, findingId: number): string {
  if (!r.found)
    return `${r.message}\n${r.caveats.map((c) => `note: ${c}`).join('\n')}\n(finding #${findingId})`;
  const lines = [
    `Access key ${r.accessKeyId}  (${r.principals.join(', ') || 'unknown principal'})`,
    `  used ${r.calls} time(s): first ${t(r.firstSeen)}, last ${t(r.lastSeen)}`,
    `  deactivated: ${r.deactivatedAt ? `${t(r.deactivatedAt)} by ${r.deactivatedBy?.principalArn ?? 'unknown'}` : 'NO — not in the logs this case holds'}`,
    `  exposure window: ${t(r.window.start)} → ${r.window.end ? t(r.window.end) : 'still open'}`,
    `    (${r.window.basis})`,
    '  from:',
    ...r.byIp.map(
      (i) =>
        `    ${i.ip.padEnd(40)} ${i.class.padEnd(12)} ${String(i.calls).padStart(6)} calls  ${t(i.first)} → ${t(i.last)}`,
    ),
    `  regions: ${r.byRegion.map((x) => `${x.region} (${x.calls})`).join(', ')}`,
    `  services: ${r.byService.map((x) => `${x.service} (${x.calls})`).join(', ')}`,
    `  user agents: ${r.userAgents.map((x) => `${x.userAgent} (${x.calls})`).join('; ')}`,
  ];
  if (r.errors.length)
    lines.push(`  errors: ${r.errors.map((e) => `${e.errorCode} (${e.calls})`).join(', ')}`);
  lines.push(`  writes: ${r.writes.length ? '' : 'none'}`);
  for (const w of r.writes.slice(0, 20))
    lines.push(
      `    ${t(w.eventTime)}  ${w.eventName}${w.errorCode ? ` (failed: ${w.errorCode})` : ''}  by ${w.accessKeyId}`,
    );
  if (r.writes.length > 20) lines.push(`    … ${r.writes.length - 20} more (--json lists all)`);
  lines.push(`  derived credentials: ${r.derivedCredentials.length ? '' : 'none found'}`);
  for (const d of r.derivedCredentials) {
    lines.push(
      `    ${d.accessKeyId}  ${d.kind}${d.createdBy ? ` via ${d.createdBy.eventName} at ${t(d.createdBy.eventTime)}` : ' (seen acting for the same user)'}${d.expiration ? `, valid until ${t(d.expiration)}` : ''}; ${d.calls} call(s)${d.principal ? `  as ${d.principal}` : ''}`,
    );
  }
  for (const p of r.createdPrincipals)
    lines.push(`  created ${p.kind} ${p.name} (${p.by.eventName} at ${t(p.by.eventTime)})`);
  for (const c of r.caveats) lines.push(`  note: ${c}`);
  lines.push(`(recorded as finding #${findingId})`);
  return lines.join('\n');
}

export const analyzeKey: Command = {
  path: ['analyze', 'key'],
  usage: 'cairn analyze key FILE --access-key K [--exposed-at ISO] [--json]',
  summary: 'What an access key did, what credentials it created, and its exposure window',
  options: { 'access-key': { type: 'string' }, 'exposed-at': { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', accessKeyId: '--access-key', exposedAt: '--exposed-at' },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'analysis.keyActivity',
      {
        path: positionals[0],
        accessKeyId: optString(values, 'access-key'),
        exposedAt: optString(values, 'exposed-at'),
      },
      ctx,
    );
    const result = r.result as unknown as KeyActivity;
    return { json: { findingId: r.findingId, ...result }, human: keyText(result, r.findingId) };
  },
};

function enumerationText(r: EnumerationResult, findingId: number): string {
  const lines = [`Enumeration in ${r.scope}: ${r.verdict.toUpperCase()}`, `  ${r.suggestion}`];
  for (const [i, s] of r.sessions.entries()) {
    lines.push(
      `  [${i}] ${s.classification.padEnd(17)} ${t(s.start)} → ${t(s.end)}  ${s.principalArn ?? '?'}${s.accessKeyId ? ` [${s.accessKeyId}]` : ''} from ${s.sourceIp ?? '?'} (${s.ipClass})`,
      `      ${s.calls} calls, ${s.distinctApis} APIs over ${s.services} services, ${s.denied} denied${s.firstWrite ? `; then ${s.firstWrite.eventName} at ${t(s.firstWrite.eventTime)}` : ''}`,
      `      top: ${s.topApis
        .slice(0, 5)
        .map((a) => `${a.api}×${a.calls}${a.denied ? ` (${a.denied} denied)` : ''}`)
        .join(', ')}`,
    );
  }
  if (r.inflectionPoint)
    lines.push(
      `  inflection point: ${r.inflectionPoint.eventName} at ${t(r.inflectionPoint.eventTime)} (event ${r.inflectionPoint.eventId})`,
    );
  for (const c of r.caveats) lines.push(`  note: ${c}`);
  lines.push(`(recorded as finding #${findingId})`);
  return lines.join('\n');
}

export const analyzeEnumeration: Command = {
  path: ['analyze', 'enumeration'],
  usage:
    'cairn analyze enumeration FILE [--principal ARN | --access-key K] [--from ISO] [--to ISO] [--min-distinct-apis N] [--min-denied N] [--json]',
  summary: 'Reconnaissance sessions and the first write after them (the inflection point)',
  options: {
    principal: { type: 'string' },
    'access-key': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'session-gap-minutes': { type: 'string' },
    'min-distinct-apis': { type: 'string' },
    'min-services': { type: 'string' },
    'min-denied': { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: {
    path: 'FILE',
    principalArn: '--principal',
    accessKeyId: '--access-key',
    from: '--from',
    to: '--to',
  },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'analysis.enumeration',
      {
        path: positionals[0],
        principalArn: optString(values, 'principal'),
        accessKeyId: optString(values, 'access-key'),
        from: optString(values, 'from'),
        to: optString(values, 'to'),
        sessionGapMinutes: optInt(values, 'session-gap-minutes'),
        minDistinctApis: optInt(values, 'min-distinct-apis'),
        minServices: optInt(values, 'min-services'),
        minDenied: optInt(values, 'min-denied'),
      },
      ctx,
    );
    const result = r.result as unknown as EnumerationResult;
    return {
      json: { findingId: r.findingId, ...result },
      human: enumerationText(result, r.findingId),
    };
  },
};

export const findings: Command = {
  path: ['findings'],
  usage: 'cairn findings FILE [--kind K] [--all] [--json]',
  summary: 'The analysis results recorded in the case, each with the query that produced it',
  options: { kind: { type: 'string' }, all: { type: 'boolean' } },
  positionals: ['FILE'],
  minPositionals: 1,
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'findings.list',
      {
        path: positionals[0],
        kind: optString(values, 'kind'),
        includeSuperseded: values['all'] === true,
      },
      ctx,
    );
    const human = r.findings.length
      ? r.findings
          .map(
            (f) =>
              `#${f.id} ${f.kind.padEnd(16)} ${t(f.createdAt)} by ${f.actor}${f.supersedes ? ` (supersedes #${f.supersedes})` : ''}\n    ${f.title}`,
          )
          .join('\n')
      : 'No findings yet: run cairn analyze … on the case.';
    return { json: r, human };
  },
};
