// `cairn events`, `cairn s3-access` and `cairn sources`: what the case holds, oldest first.
import { callOp } from '../../../api';
import type { EventRow, S3AccessRowOut, SourceSummary } from '../../../shared/domain';
import { optInt, optString, optStrings } from '../args';
import type { Command } from '../command';

const time = (iso: string): string => iso.replace('T', ' ').replace(/\.000Z$/, 'Z');

function eventLine(e: EventRow): string {
  const who = e.principalArn ?? '-';
  const key = e.accessKeyId ? ` [${e.accessKeyId}]` : '';
  const err = e.errorCode ? `  ! ${e.errorCode}` : '';
  return `${time(e.eventTime)}  ${e.eventName.padEnd(28)} ${(e.sourceIp ?? '-').padEnd(16)} ${(e.awsRegion ?? '-').padEnd(14)} ${who}${key}${err}`;
}

export const events: Command = {
  path: ['events'],
  usage:
    'cairn events FILE [--access-key K]... [--principal ARN]... [--event-name N]... [--source-ip IP]... [--bucket B]... [--from ISO] [--to ISO] [--limit N] [--json]',
  summary: 'List the CloudTrail events in the case, oldest first',
  options: {
    'access-key': { type: 'string', multiple: true },
    principal: { type: 'string', multiple: true },
    'event-name': { type: 'string', multiple: true },
    'source-ip': { type: 'string', multiple: true },
    bucket: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', from: '--from', to: '--to', limit: '--limit' },
  async run({ positionals, values, ctx }) {
    const limit = optInt(values, 'limit') ?? 1000;
    const list = (name: string): string[] | undefined =>
      optStrings(values, name).length ? optStrings(values, name) : undefined;
    const r = await callOp(
      'events.list',
      {
        path: positionals[0],
        accessKeyIds: list('access-key'),
        principalArns: list('principal'),
        eventNames: list('event-name'),
        sourceIps: list('source-ip'),
        buckets: list('bucket'),
        from: optString(values, 'from'),
        to: optString(values, 'to'),
        limit,
      },
      ctx,
    );
    const more = r.next
      ? `\n… more events after this; narrow the filters or raise --limit (now ${limit})`
      : '';
    const human =
      r.events.length === 0
        ? 'No events match.'
        : `${r.events.map(eventLine).join('\n')}\n${r.events.length} event(s)${more}`;
    return { json: { events: r.events, truncated: r.next !== null }, human };
  },
};

function s3Line(a: S3AccessRowOut): string {
  return `${time(a.time)}  ${(a.operation ?? '-').padEnd(22)} ${(a.bucket ?? '-').padEnd(24)} ${(a.remoteIp ?? '-').padEnd(16)} ${String(a.httpStatus ?? '-').padEnd(4)} ${a.requester ?? '(anonymous)'}  ${a.key ?? ''}`;
}

export const s3Access: Command = {
  path: ['s3-access'],
  usage:
    'cairn s3-access FILE [--bucket B]... [--operation OP]... [--requester R]... [--remote-ip IP]... [--access-key K] [--from ISO] [--to ISO] [--limit N] [--json]',
  summary:
    'List the S3 server access log lines in the case, oldest first (--requester - for anonymous requests)',
  options: {
    bucket: { type: 'string', multiple: true },
    operation: { type: 'string', multiple: true },
    requester: { type: 'string', multiple: true },
    'remote-ip': { type: 'string', multiple: true },
    'access-key': { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', from: '--from', to: '--to', limit: '--limit' },
  async run({ positionals, values, ctx }) {
    const limit = optInt(values, 'limit') ?? 1000;
    const list = (name: string): string[] | undefined =>
      optStrings(values, name).length ? optStrings(values, name) : undefined;
    const requesters = optStrings(values, 'requester');
    const named = requesters.filter((r) => r !== '-');
    const r = await callOp(
      's3access.list',
      {
        path: positionals[0],
        buckets: list('bucket'),
        operations: list('operation'),
        requesters: named.length ? named : undefined,
        anonymous: requesters.includes('-') && named.length === 0 ? true : undefined,
        remoteIps: list('remote-ip'),
        accessKeyIds: list('access-key'),
        from: optString(values, 'from'),
        to: optString(values, 'to'),
        limit,
      },
      ctx,
    );
    const more = r.next
      ? `\n… more lines after this; narrow the filters or raise --limit (now ${limit})`
      : '';
    const human =
      r.lines.length === 0
        ? 'No S3 access log lines match.'
        : `${r.lines.map(s3Line).join('\n')}\n${r.lines.length} line(s)${more}`;
    return { json: { lines: r.lines, truncated: r.next !== null }, human };
  },
};

function sourceLines(s: SourceSummary): string[] {
  const f = s.filesByStatus;
  return [
    `#${s.id} ${s.kind} ${s.location}  (${s.status})`,
    `   files: ${f.done} read, ${f.rejected} rejected, ${f.failed} unreadable, ${f.digest} digests; records ${s.recordsRead}, inserted ${s.inserted}, duplicates ${s.duplicates}, rejected ${s.rejected}`,
    ...(s.limitations ? [`   cannot see: ${s.limitations}`] : []),
    ...s.firstRejections
      .slice(0, 5)
      .map(
        (r) =>
          `   rejected: ${r.location}${r.locator === null ? '' : ` #${r.locator}`}: ${r.reason}`,
      ),
    ...s.errors.slice(0, 5).map((e) => `   error: ${e}`),
  ];
}

export const sources: Command = {
  path: ['sources'],
  usage: 'cairn sources FILE [--json]',
  summary: 'Every ingested source: where from, counts, what it cannot see, first rejections',
  options: {},
  positionals: ['FILE'],
  minPositionals: 1,
  async run({ positionals, ctx }) {
    const r = await callOp('sources.list', { path: positionals[0] }, ctx);
    return {
      json: r,
      human: r.sources.length
        ? r.sources.flatMap(sourceLines).join('\n')
        : 'Nothing ingested yet: cairn ingest FILE SOURCE…',
    };
  },
};
