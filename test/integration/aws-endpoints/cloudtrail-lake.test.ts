// CloudTrail Lake through the real CloudTrailClient: the endpoint records the exact SQL, moves
// QUEUED → RUNNING → FINISHED by call count, pages rows in AWS's column-object shape, and fails
// queries the way the test asks.
import {
  CloudTrailClient,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidQueryStatementException,
  QueryIdNotFoundException,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../helpers/aws/client-config';
import { manualClock } from '../../helpers/aws/clock';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../helpers/aws/cloudtrail-endpoint';
import type { LakeAnswer, LakeRow } from '../../helpers/aws/cloudtrail-lake';
import { createAdminUser } from './fixtures';

let endpoint: CloudTrailEndpoint | undefined;
let c: CloudTrailClient | undefined;
afterEach(async () => {
  c?.destroy();
  c = undefined;
  await endpoint?.stop();
  endpoint = undefined;
});

async function start(answer: (sql: string) => LakeAnswer, pollsBeforeDone?: number) {
  const clock = manualClock('2024-08-02T10:00:00Z');
  endpoint = await startCloudTrailEndpoint({
    clock,
    lake: { answer, ...(pollsBeforeDone === undefined ? {} : { pollsBeforeDone }) },
  });
  c = new CloudTrailClient(clientConfig(endpoint, { region: 'eu-west-1' }));
  return { ep: endpoint, client: c, clock };
}

const EDS = 'a1b2c3d4-0000-4000-8000-eds000000001';
const SQL = `SELECT eventID, eventName, eventTime FROM ${EDS} WHERE userIdentity.userName = 'christophe' ORDER BY eventTime`;
// Rows a Lake query would return for the Stratus create-admin-user capture.
const rows: LakeRow[] = createAdminUser().map((r) => ({
  eventID: String(r.eventID),
  eventName: String(r.eventName),
  eventTime: String(r.eventTime).replace('T', ' ').replace('Z', '.000'),
}));

describe('CloudTrail Lake queries', () => {
  it('records the SQL, reports QUEUED → RUNNING → FINISHED by call count, then returns the rows', async () => {
    const seen: string[] = [];
    const { ep, client, clock } = await start((sql) => {
      seen.push(sql);
      return { rows, eventsScanned: 120, bytesScanned: 4096 };
    });
    const { QueryId } = await client.send(new StartQueryCommand({ QueryStatement: SQL }));
    expect(QueryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual([SQL]);
    expect(ep.lakeQueries.map((q) => [q.queryId, q.sql, q.region])).toEqual([
      [QueryId, SQL, 'eu-west-1'],
    ]);

    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await client.send(new DescribeQueryCommand({ QueryId }));
      statuses.push(d.QueryStatus ?? '?');
    }
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'FINISHED']);

    clock.advance(1500);
    const described = await client.send(new DescribeQueryCommand({ QueryId }));
    expect(described.QueryString).toBe(SQL);
    expect(described.QueryStatistics).toMatchObject({
      EventsMatched: 3,
      EventsScanned: 120,
      BytesScanned: 4096,
      ExecutionTimeInMillis: 1500,
    });
    expect(described.QueryStatistics?.CreationTime).toEqual(new Date('2024-08-02T10:00:00Z'));

    const results = await client.send(new GetQueryResultsCommand({ QueryId }));
    expect(results.QueryStatus).toBe('FINISHED');
    expect(results.QueryStatistics).toEqual({
      ResultsCount: 3,
      TotalResultsCount: 3,
      BytesScanned: 4096,
    });
    expect(results.NextToken).toBeUndefined();
    // AWS's shape: each row is a list of one-key objects, in column order, values as strings.
    expect(results.QueryResultRows?.[0]).toEqual([
      { eventID: rows[0]!.eventID },
      { eventName: rows[0]!.eventName },
      { eventTime: rows[0]!.eventTime },
    ]);
    expect(results.QueryResultRows?.map((row) => row.map((col) => Object.keys(col)[0]))).toEqual([
      ['eventID', 'eventName', 'eventTime'],
      ['eventID', 'eventName', 'eventTime'],
      ['eventID', 'eventName', 'eventTime'],
    ]);
  });

  it('answers GetQueryResults with no rows while the query is still running', async () => {
    const { client } = await start(() => ({ rows }));
    const { QueryId } = await client.send(new StartQueryCommand({ QueryStatement: SQL }));
    const early = await client.send(new GetQueryResultsCommand({ QueryId }));
    expect(early.QueryStatus).toBe('QUEUED');
    expect(early.QueryResultRows).toEqual([]);
  });

  it('pages rows with MaxQueryResults and NextToken', async () => {
    const many: LakeRow[] = Array.from({ length: 5 }, (_, i) => ({ n: i, even: i % 2 === 0 }));
    const { client } = await start(() => ({ rows: many }), 0);
    const { QueryId } = await client.send(
      new StartQueryCommand({ QueryStatement: 'SELECT n FROM x' }),
    );
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetQueryResultsCommand({ QueryId, MaxQueryResults: 2, NextToken: token }),
      );
      expect(page.QueryStatistics?.TotalResultsCount).toBe(5);
      pages.push(
        (page.QueryResultRows ?? []).map((row) =>
          row.map((col) => Object.values(col)[0]).join('|'),
        ),
      );
      token = page.NextToken;
    } while (token);
    expect(pages).toEqual([['0|true', '1|false'], ['2|true', '3|false'], ['4|true']]);
  });

  it('ends FAILED with the ErrorMessage the test chose', async () => {
    const { client } = await start(
      (sql) =>
        sql.includes('missing_table')
          ? { failed: 'Table missing_table does not exist.' }
          : { rows },
      1,
    );
    const { QueryId } = await client.send(
      new StartQueryCommand({ QueryStatement: 'SELECT * FROM missing_table' }),
    );
    expect((await client.send(new DescribeQueryCommand({ QueryId }))).QueryStatus).toBe('QUEUED');
    const failed = await client.send(new DescribeQueryCommand({ QueryId }));
    expect(failed.QueryStatus).toBe('FAILED');
    expect(failed.ErrorMessage).toBe('Table missing_table does not exist.');
    const results = await client.send(new GetQueryResultsCommand({ QueryId }));
    expect(results.QueryStatus).toBe('FAILED');
    expect(results.ErrorMessage).toBe('Table missing_table does not exist.');
  });

  it('refuses a statement with InvalidQueryStatementException when the test says so', async () => {
    const { ep, client } = await start(() => ({
      invalidStatement: 'Only SELECT statements are allowed.',
    }));
    const error = await client
      .send(new StartQueryCommand({ QueryStatement: 'DELETE FROM x' }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InvalidQueryStatementException);
    expect((error as Error).message).toBe('Only SELECT statements are allowed.');
    expect(ep.lakeQueries).toHaveLength(0);
    expect(ep.requests[0]?.body).toEqual({ QueryStatement: 'DELETE FROM x' });
  });

  it('unknown query ids, bad page sizes and foreign tokens are typed errors', async () => {
    const { client } = await start(() => ({ rows: [{ a: 1 }, { a: 2 }] }), 0);
    await expect(
      client.send(new DescribeQueryCommand({ QueryId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toBeInstanceOf(QueryIdNotFoundException);
    const { QueryId } = await client.send(new StartQueryCommand({ QueryStatement: 'SELECT a' }));
    await expect(
      client.send(new GetQueryResultsCommand({ QueryId, MaxQueryResults: 1001 })),
    ).rejects.toBeInstanceOf(InvalidMaxResultsException);
    const other = await client.send(new StartQueryCommand({ QueryStatement: 'SELECT a' }));
    const page = await client.send(new GetQueryResultsCommand({ QueryId, MaxQueryResults: 1 }));
    await expect(
      client.send(
        new GetQueryResultsCommand({ QueryId: other.QueryId, NextToken: page.NextToken }),
      ),
    ).rejects.toBeInstanceOf(InvalidNextTokenException);
  });
});
