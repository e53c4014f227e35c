// query.run: the investigative query on the case, or on CloudTrail Lake / Athena / LookupEvents.
// Remote runs are jobs; what they return is kept in the case as evidence with the exact query.
import { createHash } from 'node:crypto';
import { recordFinding } from '../../casefile/repos/findings';
import { runCaseQuery } from '../../query/casefile';
import { runLakeQuery } from '../../query/lake';
import { describeLookupPlan, toLookupPlan } from '../../query/lookup-plan';
import { toAthenaSql, toLakeSql } from '../../query/remote-sql';
import { CairnError } from '../../shared/errors';
import { parseInstant } from '../../shared/time';
import { lookupEventsFeed } from '../../sources/feeds/lookup-events';
import type { Feed, FeedFile } from '../../sources/feeds/types';
import { runIngest } from '../../sources/ingest/runner';
import type { ApiContext } from '../context';
import type { Handlers } from './types';

/** An async iterable of one already-known file. */
async function* oneFile(f: FeedFile): AsyncGenerator<FeedFile> {
  yield await Promise.resolve(f);
}

function memoryFeed(
  kind: string,
  location: string,
  body: Buffer,
  params: Record<string, unknown>,
  limitations: string,
): Feed {
  return {
    sourceKind: kind,
    location,
    params,
    limitations,
    totalBytes: () => Promise.resolve(body.length),
    files: () =>
      oneFile({
        location,
        size: body.length,
        kind: 'cloudtrail',
        read: () => Promise.resolve(body),
      }),
  };
}

async function lakeJob(
  ctx: ApiContext,
  path: string,
  sql: string,
  eventDataStore: string,
  aws: { profile?: string; region?: string; endpoint?: string },
): Promise<unknown> {
  const result = await runLakeQuery(sql, { aws, eventDataStore });
  const file = ctx.cases.forWrite(path);
  const report = await runIngest(
    file,
    [
      memoryFeed(
        'lake',
        `lake:${eventDataStore}#${result.queryId}`,
        result.document,
        { queryId: result.queryId },
        'CloudTrail Lake query result: only the rows and columns the query selected',
      ),
    ],
    { actor: ctx.actor, kind: 'cloudtrail' },
  );
  const sha256 = createHash('sha256').update(result.document).digest('hex');
  const finding = file.writer.write('analysis.remote-query', ctx.actor, (w) => {
    const f = recordFinding(w, {
      kind: 'remote-query',
      subject: `lake:${result.queryId}`,
      title: `CloudTrail Lake query ${result.queryId}: ${result.rows} row(s)`,
      params: { eventDataStore, queryId: result.queryId },
      engine: 'lake',
      query: sql,
      result: {
        rows: result.rows,
        statistics: result.statistics,
        evidenceSha256: sha256,
        eventsInserted: report.sources[0]?.inserted ?? 0,
      },
    });
    return { audit: { finding: f.audit }, value: f.finding };
  });
  return {
    findingId: finding.id,
    queryId: result.queryId,
    rows: result.rows,
    eventsInserted: report.sources[0]?.inserted ?? 0,
    evidenceSha256: sha256,
  };
}

export const queryHandlers: Pick<Handlers, 'query.run'> = {
  'query.run': (input, ctx) => {
    const q = input.query;
    if (q.from) parseInstant(q.from, 'from');
    if (q.to) parseInstant(q.to, 'to');
    const aws = {
      ...(input.profile ? { profile: input.profile } : {}),
      ...(input.region ? { region: input.region } : {}),
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    };
    const none = { rows: [], groups: [], truncated: false, total: null, job: null };
    switch (input.engine) {
      case 'casefile': {
        const r = runCaseQuery(ctx.cases.forRead(input.path).db, q, input.after, {
          ...(input.offset !== undefined ? { offset: input.offset } : {}),
          count: input.count,
        });
        return {
          engine: 'casefile',
          text: r.queryText,
          localFilters: [],
          rows: r.rows,
          groups: r.groups,
          truncated: r.truncated,
          total: r.total ?? null,
          job: null,
        };
      }
      case 'athena': {
        const { sql, localFilters } = toAthenaSql(q, input.table);
        if (input.run)
          throw new CairnError(
            'INVALID_INPUT',
            'run: Cairn prints Athena SQL for you to run in Athena; it does not run it',
            'run the SQL in the Athena console, or use --lake to query CloudTrail Lake',
          );
        return { engine: 'athena', text: sql, localFilters, ...none };
      }
      case 'lake': {
        if (!input.eventDataStore)
          throw new CairnError(
            'INVALID_INPUT',
            'eventDataStore: give the CloudTrail Lake event data store ID or ARN',
          );
        const { sql, localFilters } = toLakeSql(q, input.eventDataStore);
        if (!input.run) return { engine: 'lake', text: sql, localFilters, ...none };
        const path = ctx.cases.forWrite(input.path).path;
        const job = ctx.jobs.start('query', path, ctx.clock(), () =>
          lakeJob(ctx, path, sql, input.eventDataStore!, aws),
        );
        return { engine: 'lake', text: sql, localFilters, ...none, job };
      }
      case 'lookup-events': {
        const region = input.region ?? 'us-east-1';
        const plan = toLookupPlan(q);
        const text = describeLookupPlan(plan, region);
        if (!input.run)
          return { engine: 'lookup-events', text, localFilters: plan.localFilters, ...none };
        const file = ctx.cases.forWrite(input.path);
        const range = {
          ...(q.from ? { fromMs: parseInstant(q.from, 'from') } : {}),
          ...(q.to ? { toMs: parseInstant(q.to, 'to') } : {}),
        };
        const job = ctx.jobs.start('query', file.path, ctx.clock(), async () => {
          const feeds = plan.calls.map((c) =>
            lookupEventsFeed(
              `lookup-events:${region}`,
              range,
              aws,
              c.attribute ? { attribute: c.attribute } : {},
            ),
          );
          const report = await runIngest(file, feeds, { actor: ctx.actor, kind: 'cloudtrail' });
          return {
            inserted: report.sources.reduce((n, s) => n + s.inserted, 0),
            sources: report.sources.map((s) => s.sourceId),
          };
        });
        return { engine: 'lookup-events', text, localFilters: plan.localFilters, ...none, job };
      }
    }
  },
};
