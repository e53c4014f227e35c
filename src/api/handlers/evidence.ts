// Evidence operations: ingest as a job, the sources it produced, and the rows it holds.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventWithRaw } from '../../query/event-raw';
import { listEvents } from '../../query/events';
import { listS3Access } from '../../query/s3-access';
import { listSources } from '../../query/sources';
import { parseLookupLocation } from '../../sources/feeds/lookup-events';
import { parseS3Url } from '../../sources/feeds/s3';
import { runIngestWorker } from '../../sources/ingest/job';
import { CairnError } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import type { Handlers } from './types';

function range(
  from: string | undefined,
  to: string | undefined,
): { fromMs?: number; toMs?: number } {
  const fromMs = from === undefined ? undefined : parseInstant(from, 'from');
  const toMs = to === undefined ? undefined : parseInstant(to, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new CairnError('INVALID_INPUT', `from: ${from} is after to: ${to}`);
  }
  return { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) };
}

/** Checks each SOURCE before any work starts, so a typo fails fast and names itself. */
function checkSource(source: string): string {
  if (source.startsWith('s3://')) {
    parseS3Url(source);
    return source;
  }
  if (source.startsWith('lookup-events:')) {
    parseLookupLocation(source);
    return source;
  }
  const path = resolve(source);
  if (!existsSync(path)) throw new CairnError('NOT_FOUND', `no such file or folder: ${path}`);
  return path;
}

export const evidenceHandlers: Pick<
  Handlers,
  | 'ingest.start'
  | 'jobs.get'
  | 'jobs.list'
  | 'sources.list'
  | 'events.list'
  | 'events.raw'
  | 's3access.list'
> = {
  'events.raw': (input, ctx) => eventWithRaw(ctx.cases.forRead(input.path).db, input.rowId),

  'ingest.start': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const sources = input.sources.map(checkSource);
    const lookupAttribute = input.lookupAttribute;
    return ctx.jobs.start('ingest', file.path, ctx.clock(), (progress) =>
      runIngestWorker(
        {
          casePath: file.path,
          sources,
          kind: input.kind,
          range: range(input.from, input.to),
          aws: {
            ...(input.profile ? { profile: input.profile } : {}),
            ...(input.region ? { region: input.region } : {}),
            ...(input.endpoint ? { endpoint: input.endpoint } : {}),
          },
          ...(lookupAttribute ? { lookup: { attribute: lookupAttribute } } : {}),
          bulk: input.bulk,
          actor: ctx.actor,
          ...(ctx.sqliteBinding ? { sqliteBinding: ctx.sqliteBinding } : {}),
        },
        progress,
      ),
    );
  },

  'jobs.get': (input, ctx) => {
    const job = ctx.jobs.get(input.jobId);
    if (!job) throw new CairnError('NOT_FOUND', `no job ${input.jobId} in this session`);
    return job;
  },

  'jobs.list': (input, ctx) => ({
    jobs: ctx.jobs.list(input.path === undefined ? undefined : resolve(input.path)),
  }),

  'sources.list': (input, ctx) => ({ sources: listSources(ctx.cases.forRead(input.path).db) }),

  'events.list': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    return listEvents(file.db, {
      ...(input.accessKeyIds ? { accessKeyIds: input.accessKeyIds } : {}),
      ...(input.principalArns ? { principalArns: input.principalArns } : {}),
      ...(input.eventNames ? { eventNames: input.eventNames } : {}),
      ...(input.sourceIps ? { sourceIps: input.sourceIps } : {}),
      ...(input.buckets ? { buckets: input.buckets } : {}),
      ...range(input.from, input.to),
      limit: input.limit,
      ...(input.after ? { after: input.after } : {}),
    });
  },

  's3access.list': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    return listS3Access(file.db, {
      ...(input.buckets ? { buckets: input.buckets } : {}),
      ...(input.operations ? { operations: input.operations } : {}),
      ...(input.requesters ? { requesters: input.requesters } : {}),
      ...(input.remoteIps ? { remoteIps: input.remoteIps } : {}),
      ...(input.accessKeyIds ? { accessKeyIds: input.accessKeyIds } : {}),
      ...(input.anonymous !== undefined ? { anonymous: input.anonymous } : {}),
      ...range(input.from, input.to),
      limit: input.limit,
      ...(input.after ? { after: input.after } : {}),
    });
  },
};
