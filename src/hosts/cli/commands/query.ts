// `cairn query`: the investigative query on the case, or compiled for CloudTrail Lake, Athena or
// LookupEvents (printed, or run with --run and kept as evidence).
import { callOp } from '../../../api';
import { CairnError } from '../../../shared/errors';
import { optInt, optString, optStrings } from '../args';
import type { Command, CommandRun } from '../command';

function listOpt(values: CommandRun['values'], name: string): string[] | undefined {
  const v = optStrings(values, name);
  return v.length ? v : undefined;
}

export function queryFromFlags(values: CommandRun['values']): Record<string, unknown> {
  const readOnly = optString(values, 'read-only');
  if (readOnly !== undefined && readOnly !== 'true' && readOnly !== 'false') {
    throw new CairnError('INVALID_INPUT', `--read-only: "${readOnly}" must be true or false`);
  }
  const errors = optStrings(values, 'error-code');
  return {
    from: optString(values, 'from'),
    to: optString(values, 'to'),
    principalArns: listOpt(values, 'principal'),
    accessKeyIds: listOpt(values, 'access-key'),
    sessionIssuerArns: listOpt(values, 'session-issuer'),
    eventNames: listOpt(values, 'event-name'),
    eventSources: listOpt(values, 'event-source'),
    readOnly: readOnly === undefined ? undefined : readOnly === 'true',
    errorCodes:
      errors.length === 1 && (errors[0] === 'any' || errors[0] === 'none')
        ? errors[0]
        : errors.length
          ? errors
          : undefined,
    sourceIps: listOpt(values, 'source-ip'),
    ipClasses: listOpt(values, 'ip-class'),
    buckets: listOpt(values, 'bucket'),
    objectKeys: listOpt(values, 'object-key'),
    groupBy: listOpt(values, 'group-by'),
    limit: optInt(values, 'limit') ?? 1000,
  };
}

export const QUERY_FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
  principal: { type: 'string', multiple: true },
  'access-key': { type: 'string', multiple: true },
  'session-issuer': { type: 'string', multiple: true },
  'event-name': { type: 'string', multiple: true },
  'event-source': { type: 'string', multiple: true },
  'read-only': { type: 'string' },
  'error-code': { type: 'string', multiple: true },
  'source-ip': { type: 'string', multiple: true },
  'ip-class': { type: 'string', multiple: true },
  bucket: { type: 'string', multiple: true },
  'object-key': { type: 'string', multiple: true },
  'group-by': { type: 'string', multiple: true },
  limit: { type: 'string' },
} as const;

export const query: Command = {
  path: ['query'],
  usage:
    'cairn query FILE [--access-key K] [--principal ARN] [--event-name N] [--source-ip IP] [--ip-class C] [--bucket B] [--error-code C|any|none] [--read-only true|false] [--from ISO] [--to ISO] [--group-by KEY]... [--lake EVENT_DATA_STORE | --athena [--table T] | --lookup-events REGION] [--run] [--json]',
  summary:
    'Ask the case a question, or get (and with --run, run) the same query on CloudTrail Lake, Athena or LookupEvents',
  details: [
    'Every filter may repeat. --group-by takes principalArn, accessKeyId, sourceIp, eventName, eventSource,',
    'awsRegion, userAgent, errorCode, recipientAccountId, hour or day. --ip-class takes internal, aws-service, aws,',
    'tor, threat, private, public or unparseable (classified with the case settings).',
    'With --lake or --lookup-events, --run queries AWS and keeps what comes back in the case as evidence.',
  ].join('\n'),
  options: {
    ...QUERY_FLAGS,
    lake: { type: 'string' },
    athena: { type: 'boolean' },
    table: { type: 'string' },
    'lookup-events': { type: 'string' },
    run: { type: 'boolean' },
    profile: { type: 'string' },
    'endpoint-url': { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: {
    path: 'FILE',
    eventDataStore: '--lake',
    table: '--table',
    region: '--lookup-events',
    endpoint: '--endpoint-url',
  },
  async run({ positionals, values, ctx }) {
    const lake = optString(values, 'lake');
    const lookup = optString(values, 'lookup-events');
    const athena = values['athena'] === true;
    if ([lake !== undefined, lookup !== undefined, athena].filter(Boolean).length > 1) {
      throw new CairnError('INVALID_INPUT', 'choose one of --lake, --athena and --lookup-events');
    }
    const engine =
      lake !== undefined
        ? 'lake'
        : athena
          ? 'athena'
          : lookup !== undefined
            ? 'lookup-events'
            : 'casefile';
    const r = await callOp(
      'query.run',
      {
        path: positionals[0],
        query: queryFromFlags(values),
        engine,
        eventDataStore: lake,
        table: optString(values, 'table'),
        region: lookup,
        profile: optString(values, 'profile'),
        endpoint: optString(values, 'endpoint-url'),
        run: values['run'] === true,
      },
      ctx,
    );
    if (r.job) {
      const done = await ctx.jobs.wait(r.job.id);
      if (done.status !== 'done')
        throw new CairnError(
          (done.error?.code as CairnError['code']) ?? 'IO',
          done.error?.message ?? 'the remote query failed',
          done.error?.hint,
        );
      const summary = done.result as Record<string, unknown> & {
        inserted?: number;
        eventsInserted?: number;
        sources?: number[];
      };
      const kept =
        engine === 'lake'
          ? `${String(summary['rows'])} row(s) kept as evidence (finding #${String(summary['findingId'])}); ${summary.eventsInserted ?? 0} new event(s)`
          : `${summary.inserted ?? 0} new event(s) ingested`;
      const local =
        engine === 'lookup-events'
          ? await callOp(
              'query.run',
              { path: positionals[0], query: queryFromFlags(values), engine: 'casefile' },
              ctx,
            )
          : null;
      return {
        json: {
          engine,
          text: r.text,
          localFilters: r.localFilters,
          result: summary,
          rows: local?.rows ?? [],
        },
        human: [
          r.text,
          '',
          kept,
          ...(local
            ? local.rows.map(
                (e) =>
                  `${e.eventTime}  ${e.eventName}  ${e.sourceIp ?? '-'}  ${e.principalArn ?? '-'}`,
              )
            : []),
        ].join('\n'),
      };
    }
    if (engine !== 'casefile') {
      const note =
        r.localFilters.length && engine !== 'lookup-events'
          ? `\n-- Cairn applies these itself: ${r.localFilters.join('; ')}`
          : '';
      const hint =
        engine === 'athena' ? '' : '\n-- add --run to run it and keep the result in the case';
      return { json: r, human: `${r.text}${note}${hint}` };
    }
    const human = r.groups.length
      ? r.groups
          .map((g) =>
            Object.entries(g)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join('  '),
          )
          .join('\n')
      : r.rows.length
        ? r.rows
            .map(
              (e) =>
                `${e.eventTime}  ${e.eventName.padEnd(28)} ${(e.sourceIp ?? '-').padEnd(16)} ${e.principalArn ?? '-'}${e.errorCode ? `  ! ${e.errorCode}` : ''}`,
            )
            .join('\n')
        : 'Nothing in the case matches.';
    return {
      json: { ...r, job: undefined },
      human: `${human}${r.truncated ? '\n… more match; raise --limit' : ''}`,
    };
  },
};
