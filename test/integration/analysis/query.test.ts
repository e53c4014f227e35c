// The query model on the case, and compiled for the org-scale engines: Athena SQL checked against
// a reviewed expectation, Lake SQL run against a local CloudTrail endpoint with the real client.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { toAthenaSql, toLakeSql } from '../../../src/query/remote-sql';
import { toLookupPlan } from '../../../src/query/lookup-plan';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../helpers/aws/cloudtrail-endpoint';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';
import { DATA } from '../ingest/oracle';

const OTRF = join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');

describe('the query model on the case', () => {
  it('filters by key, name, errors and IP class, groups, and pages', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [OTRF, join(DATA, 'stratus-red-team')] });
    const q = async (query: Record<string, unknown>) =>
      callOp('query.run', { path: c.path, query }, ctx);

    const gets = await q({ accessKeyIds: ['ASIA5FLZVX4OPVKKVBMX'], eventNames: ['GetObject'] });
    expect(gets.rows.map((r) => r.eventName)).toEqual(['GetObject', 'GetObject']);
    expect(gets.text).toMatch(/candidate rows: \d+ from postings/);

    const denied = await q({ errorCodes: 'any', groupBy: ['errorCode'] });
    expect(denied.groups.map((g) => g['errorCode'])).toContain('AccessDenied');
    const ok = await q({
      accessKeyIds: ['ASIA5FLZVX4OPVKKVBMX'],
      errorCodes: 'none',
      readOnly: true,
      limit: 100,
    });
    expect(ok.rows.every((r) => r.errorCode === null && r.readOnly === true)).toBe(true);

    // 1.2.3.4 is the OTRF attacker's (sanitised) public address; call it internal and it moves class.
    expect(
      (await q({ ipClasses: ['public'], groupBy: ['sourceIp'] })).groups.map((g) => g['sourceIp']),
    ).toContain('1.2.3.4');
    await callOp('case.settings', { path: c.path, internalCidrs: ['1.2.3.0/24'] }, ctx);
    expect(
      (await q({ ipClasses: ['internal'], groupBy: ['sourceIp'] })).groups.map(
        (g) => g['sourceIp'],
      ),
    ).toEqual(['1.2.3.4']);

    const page1 = await q({ accessKeyIds: ['ASIA5FLZVX4OI4ZDQJOL'], limit: 50 });
    expect(page1.truncated).toBe(true);
    const last = page1.rows.at(-1)!;
    const page2 = await callOp(
      'query.run',
      {
        path: c.path,
        query: { accessKeyIds: ['ASIA5FLZVX4OI4ZDQJOL'], limit: 50 },
        after: { timeMs: Date.parse(last.eventTime), id: last.rowId },
      },
      ctx,
    );
    expect(page1.rows.length + page2.rows.length).toBe(87);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.eventId)).size).toBe(87);
  });
});

describe('SQL for the org-scale engines', () => {
  const query = {
    from: '2026-03-27T00:00:00Z',
    to: '2026-03-28T00:00:00+01:00',
    accessKeyIds: ['AKIAEXAMPLE'],
    eventNames: ['GetObject', 'ListObjects'],
    buckets: ["o'brien-data"],
    errorCodes: 'none' as const,
    limit: 500,
  };

  it('gives Athena the reviewed SQL for the console’s CloudTrail table', () => {
    expect(toAthenaSql(query)).toEqual({
      sql: [
        'SELECT eventid, eventtime, eventname, eventsource, awsregion, sourceipaddress, useragent, errorcode, errormessage, readonly, recipientaccountid, useridentity, requestparameters, responseelements, additionaleventdata',
        'FROM cloudtrail_logs',
        "WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2026-03-27T00:00:00.000Z')",
        "  AND from_iso8601_timestamp(eventtime) <= from_iso8601_timestamp('2026-03-27T23:00:00.000Z')",
        "  AND useridentity.accesskeyid = 'AKIAEXAMPLE'",
        "  AND eventname IN ('GetObject', 'ListObjects')",
        "  AND (errorcode IS NULL OR errorcode = '')",
        "  AND json_extract_scalar(requestparameters, '$.bucketName') = 'o''brien-data'",
        'ORDER BY from_iso8601_timestamp(eventtime)',
        'LIMIT 500',
      ].join('\n'),
      localFilters: [],
    });
    expect(toAthenaSql({ ...query, groupBy: ['sourceIp'] }, 'security.trail').sql).toMatch(
      /^SELECT sourceipaddress AS "sourceIp", count\(\*\) AS "calls"/,
    );
    expect(() => toAthenaSql(query, 'x; DROP TABLE y')).toThrow(/not a table name/);
  });

  it('gives Lake SQL with time as UTC strings and the filters it cannot run listed', () => {
    const { sql, localFilters } = toLakeSql(
      { ...query, ipClasses: ['tor'] },
      'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/eds-1234',
    );
    expect(sql).toContain(
      "FROM eds-1234\nWHERE eventTime >= '2026-03-27 00:00:00'\n  AND eventTime <= '2026-03-27 23:00:00'",
    );
    expect(sql).toContain("element_at(requestParameters, 'bucketName') = 'o''brien-data'");
    expect(localFilters).toEqual([
      "source IP class in (tor), classified by Cairn with the case's ranges",
    ]);
  });

  it('plans LookupEvents with one attribute per call and filters the rest locally', () => {
    const plan = toLookupPlan({
      accessKeyIds: ['AKIA1', 'AKIA2'],
      eventNames: ['CreateUser'],
      limit: 10,
    });
    expect(plan.calls).toEqual([
      { attribute: { key: 'AccessKeyId', value: 'AKIA1' } },
      { attribute: { key: 'AccessKeyId', value: 'AKIA2' } },
    ]);
    expect(plan.localFilters).toEqual(['event name in (CreateUser)']);
    expect(toLookupPlan({ eventNames: ['GetObject'], limit: 10 }).cannotSee[0]).toMatch(
      /GetObject.*never returns them/,
    );
  });
});

describe('running a Lake query', () => {
  let ct: CloudTrailEndpoint | undefined;
  const saved = { ...process.env };
  beforeEach(() => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIACAIRNTEST0000001';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'cairn-local-test-secret-not-a-real-key';
  });
  afterEach(async () => {
    process.env = { ...saved };
    await ct?.stop();
  });

  it('sends the exact SQL, keeps the rows as evidence and as events, and records the query', async () => {
    const otrf = readFileSync(OTRF, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map(
        (l) => JSON.parse(l) as Record<string, unknown> & { userIdentity: Record<string, string> },
      );
    const rows = otrf
      .filter((r) => r.userIdentity['accessKeyId'] === 'ASIA5FLZVX4OPVKKVBMX')
      .map((r) => ({
        eventID: String(r['eventID']),
        eventTime: String(r['@timestamp']).replace('T', ' ').replace('Z', ''),
        eventName: String(r['eventName']),
        eventSource: String(r['eventSource']),
        awsRegion: String(r['awsRegion']),
        sourceIPAddress: String(r['sourceIPAddress']),
        'userIdentity.arn': r.userIdentity['arn']!,
        'userIdentity.accessKeyId': r.userIdentity['accessKeyId']!,
        'userIdentity.type': r.userIdentity['type']!,
      }));
    ct = await startCloudTrailEndpoint({ lake: { answer: () => ({ rows }), pollsBeforeDone: 1 } });
    const ctx = testContext();
    const c = await newCase(ctx);
    const r = await callOp(
      'query.run',
      {
        path: c.path,
        engine: 'lake',
        eventDataStore: 'eds-1234',
        run: true,
        endpoint: ct.url,
        region: 'us-east-1',
        query: { accessKeyIds: ['ASIA5FLZVX4OPVKKVBMX'] },
      },
      ctx,
    );
    const done = await ctx.jobs.wait(r.job!.id);
    expect(done.status).toBe('done');
    expect(ct.lakeQueries[0]!.sql).toBe(r.text);
    const events = await callOp('events.list', { path: c.path, limit: 100 }, ctx);
    expect(events.events.map((e) => e.eventName).sort()).toEqual(
      rows.map((x) => x.eventName).sort(),
    );
    const finding = (await callOp('findings.list', { path: c.path, kind: 'remote-query' }, ctx))
      .findings[0]!;
    expect(finding).toMatchObject({ engine: 'lake', query: r.text });
    const sources = await callOp('sources.list', { path: c.path }, ctx);
    expect(sources.sources[0]).toMatchObject({
      kind: 'lake',
      inserted: rows.length,
      limitations: expect.stringMatching(/only the rows and columns the query selected/) as unknown,
    });
    expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
  });
});
