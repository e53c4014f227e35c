// Runs SQL on a CloudTrail Lake event data store (StartQuery, then DescribeQuery until it ends,
// then every page of GetQueryResults) and returns the result as one JSON document, which the
// case keeps verbatim as evidence together with the exact query text.
import {
  CloudTrailClient,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { CairnError } from '../shared/errors';
import { awsError, clientSettings, type AwsOptions } from '../sources/aws';

export interface LakeResult {
  queryId: string;
  rows: number;
  statistics: Record<string, unknown>;
  /** {"QueryId","EventDataStore","QueryString","QueryStatistics","QueryResultRows":[…]} */
  document: Buffer;
}

export interface LakeRunOptions {
  aws: AwsOptions;
  eventDataStore: string;
  /** How to wait between polls (tests inject a no-op); default 1 s growing to 10 s. */
  sleep?: (ms: number) => Promise<void>;
  maxPolls?: number;
}

export async function runLakeQuery(sql: string, opts: LakeRunOptions): Promise<LakeResult> {
  const client = new CloudTrailClient(clientSettings(opts.aws, 'cloudtrail'));
  const where = `CloudTrail Lake (${opts.eventDataStore})`;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  try {
    const started = await client.send(new StartQueryCommand({ QueryStatement: sql }));
    const queryId = started.QueryId;
    if (!queryId) throw new CairnError('IO', `${where}: StartQuery returned no QueryId`);
    let statistics: Record<string, unknown> = {};
    for (let poll = 0; ; poll++) {
      const d = await client.send(
        new DescribeQueryCommand({ QueryId: queryId, EventDataStore: opts.eventDataStore }),
      );
      statistics = { ...(d.QueryStatistics ?? {}) };
      if (d.QueryStatus === 'FINISHED') break;
      if (
        d.QueryStatus === 'FAILED' ||
        d.QueryStatus === 'CANCELLED' ||
        d.QueryStatus === 'TIMED_OUT'
      ) {
        throw new CairnError(
          'IO',
          `${where}: the query ${d.QueryStatus?.toLowerCase()}: ${d.ErrorMessage ?? 'no reason given'}`,
          'check the SQL printed by `cairn query … --lake` without --run',
        );
      }
      if (poll >= (opts.maxPolls ?? 600))
        throw new CairnError('IO', `${where}: the query did not finish; it is ${queryId}`);
      await sleep(Math.min(10_000, 1000 * (1 + Math.floor(poll / 5))));
    }
    const rows: unknown[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetQueryResultsCommand({
          QueryId: queryId,
          EventDataStore: opts.eventDataStore,
          NextToken: token,
        }),
      );
      rows.push(...(page.QueryResultRows ?? []));
      token = page.NextToken;
    } while (token);
    const document = Buffer.from(
      JSON.stringify({
        QueryId: queryId,
        EventDataStore: opts.eventDataStore,
        QueryString: sql,
        QueryStatistics: statistics,
        QueryResultRows: rows,
      }),
    );
    return { queryId, rows: rows.length, statistics, document };
  } catch (err) {
    throw err instanceof CairnError ? err : awsError(err, where, opts.aws.profile);
  } finally {
    client.destroy();
  }
}
