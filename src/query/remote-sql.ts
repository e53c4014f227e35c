// The investigative query as SQL for the org-scale engines: CloudTrail Lake (an event data store,
// Trino-like SQL over typed columns) and Athena over the standard CloudTrail table (the console's
// DDL, where requestParameters is a JSON string and readOnly is the string 'true'/'false').
// Values are quoted SQL literals (these engines take no bind parameters through their APIs);
// every value passes through quote(), which doubles single quotes.
import { CairnError } from '../shared/errors';
import type { InvestigativeQuery } from '../shared/query';
import { parseInstant } from '../shared/time';

export function quote(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

const inList = (col: string, values: readonly string[]): string =>
  values.length === 1
    ? `${col} = ${quote(values[0]!)}`
    : `${col} IN (${values.map(quote).join(', ')})`;

interface Dialect {
  time: string;
  timeLiteral: (iso: string) => string;
  col: Record<
    | 'principal'
    | 'key'
    | 'issuer'
    | 'name'
    | 'source'
    | 'ip'
    | 'error'
    | 'region'
    | 'account'
    | 'ua'
    | 'eventId',
    string
  >;
  readOnly: (v: boolean) => string;
  bucket: string;
  objectKey: string;
  select: string;
}

const LAKE: Dialect = {
  time: 'eventTime',
  // Lake compares eventTime with 'YYYY-MM-DD hh:mm:ss' strings (UTC), as in the AWS examples.
  timeLiteral: (iso) => quote(iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '')),
  col: {
    principal: 'userIdentity.arn',
    key: 'userIdentity.accessKeyId',
    issuer: 'userIdentity.sessionContext.sessionIssuer.arn',
    name: 'eventName',
    source: 'eventSource',
    ip: 'sourceIPAddress',
    error: 'errorCode',
    region: 'awsRegion',
    account: 'recipientAccountId',
    ua: 'userAgent',
    eventId: 'eventID',
  },
  readOnly: (v) => `readOnly = ${v ? 'true' : 'false'}`,
  bucket: "element_at(requestParameters, 'bucketName')",
  objectKey: "element_at(requestParameters, 'key')",
  // Flat, named columns that Cairn reads back into CloudTrail-shaped records when it keeps the
  // results as evidence.
  select: [
    'eventID',
    'eventTime',
    'eventName',
    'eventSource',
    'awsRegion',
    'sourceIPAddress',
    'userAgent',
    'errorCode',
    'readOnly',
    'eventCategory',
    'recipientAccountId',
    'userIdentity.type AS "userIdentity.type"',
    'userIdentity.arn AS "userIdentity.arn"',
    'userIdentity.accountId AS "userIdentity.accountId"',
    'userIdentity.accessKeyId AS "userIdentity.accessKeyId"',
    'userIdentity.userName AS "userIdentity.userName"',
    'userIdentity.sessionContext.sessionIssuer.arn AS "userIdentity.sessionContext.sessionIssuer.arn"',
    `element_at(requestParameters, 'bucketName') AS "requestParameters.bucketName"`,
    `element_at(requestParameters, 'key') AS "requestParameters.key"`,
  ].join(', '),
};

const ATHENA: Dialect = {
  time: 'from_iso8601_timestamp(eventtime)',
  timeLiteral: (iso) => `from_iso8601_timestamp(${quote(iso)})`,
  col: {
    principal: 'useridentity.arn',
    key: 'useridentity.accesskeyid',
    issuer: 'useridentity.sessioncontext.sessionissuer.arn',
    name: 'eventname',
    source: 'eventsource',
    ip: 'sourceipaddress',
    error: 'errorcode',
    region: 'awsregion',
    account: 'recipientaccountid',
    ua: 'useragent',
    eventId: 'eventid',
  },
  readOnly: (v) => `readonly = ${quote(v ? 'true' : 'false')}`,
  bucket: "json_extract_scalar(requestparameters, '$.bucketName')",
  objectKey: "json_extract_scalar(requestparameters, '$.key')",
  select:
    'eventid, eventtime, eventname, eventsource, awsregion, sourceipaddress, useragent, errorcode, errormessage, readonly, recipientaccountid, useridentity, requestparameters, responseelements, additionaleventdata',
};

export interface RemoteSql {
  sql: string;
  /** Parts of the query these engines cannot evaluate; Cairn applies them to the rows it keeps. */
  localFilters: string[];
}

function conditions(q: InvestigativeQuery, d: Dialect): { where: string[]; local: string[] } {
  const where: string[] = [];
  const local: string[] = [];
  if (q.from)
    where.push(
      `${d.time} >= ${d.timeLiteral(new Date(parseInstant(q.from, 'from')).toISOString())}`,
    );
  if (q.to)
    where.push(`${d.time} <= ${d.timeLiteral(new Date(parseInstant(q.to, 'to')).toISOString())}`);
  if (q.principalArns?.length) where.push(inList(d.col.principal, q.principalArns));
  if (q.accessKeyIds?.length) where.push(inList(d.col.key, q.accessKeyIds));
  if (q.sessionIssuerArns?.length) where.push(inList(d.col.issuer, q.sessionIssuerArns));
  if (q.eventNames?.length) where.push(inList(d.col.name, q.eventNames));
  if (q.eventSources?.length) where.push(inList(d.col.source, q.eventSources));
  if (q.readOnly !== undefined) where.push(d.readOnly(q.readOnly));
  if (q.errorCodes === 'any') where.push(`${d.col.error} IS NOT NULL AND ${d.col.error} <> ''`);
  else if (q.errorCodes === 'none') where.push(`(${d.col.error} IS NULL OR ${d.col.error} = '')`);
  else if (q.errorCodes?.length) where.push(inList(d.col.error, q.errorCodes));
  if (q.sourceIps?.length) where.push(inList(d.col.ip, q.sourceIps));
  if (q.buckets?.length) where.push(inList(d.bucket, q.buckets));
  if (q.objectKeys?.length) where.push(inList(d.objectKey, q.objectKeys));
  if (q.ipClasses?.length)
    local.push(
      `source IP class in (${q.ipClasses.join(', ')}), classified by Cairn with the case's ranges`,
    );
  return { where, local };
}

function groupColumn(k: string, d: Dialect): string {
  switch (k) {
    case 'principalArn':
      return d.col.principal;
    case 'accessKeyId':
      return d.col.key;
    case 'sourceIp':
      return d.col.ip;
    case 'eventName':
      return d.col.name;
    case 'eventSource':
      return d.col.source;
    case 'awsRegion':
      return d.col.region;
    case 'userAgent':
      return d.col.ua;
    case 'errorCode':
      return d.col.error;
    case 'recipientAccountId':
      return d.col.account;
    case 'hour':
      return `date_trunc('hour', ${d.time})`;
    case 'day':
      return `date_trunc('day', ${d.time})`;
    default:
      throw new CairnError('INVALID_INPUT', `groupBy: unknown key ${k}`);
  }
}

function compile(q: InvestigativeQuery, d: Dialect, from: string): RemoteSql {
  const { where, local } = conditions(q, d);
  const whereSql = where.length ? `\nWHERE ${where.join('\n  AND ')}` : '';
  if (q.groupBy?.length) {
    const cols = q.groupBy.map((k) => `${groupColumn(k, d)} AS "${k}"`);
    return {
      sql: `SELECT ${cols.join(', ')}, count(*) AS "calls", min(${d.time}) AS "first", max(${d.time}) AS "last"\nFROM ${from}${whereSql}\nGROUP BY ${q.groupBy.map((_, i) => i + 1).join(', ')}\nORDER BY "calls" DESC\nLIMIT ${q.limit}`,
      localFilters: local,
    };
  }
  return {
    sql: `SELECT ${d.select}\nFROM ${from}${whereSql}\nORDER BY ${d.time}\nLIMIT ${q.limit}`,
    localFilters: local,
  };
}

export function toLakeSql(q: InvestigativeQuery, eventDataStore: string): RemoteSql {
  if (!/^[A-Za-z0-9:/_.-]+$/.test(eventDataStore)) {
    throw new CairnError(
      'INVALID_INPUT',
      `--lake: "${eventDataStore}" is not an event data store ID or ARN`,
    );
  }
  // Lake takes the store's ID (the last part of its ARN) as the table name.
  return compile(q, LAKE, eventDataStore.split('/').pop()!);
}

export function toAthenaSql(q: InvestigativeQuery, table = 'cloudtrail_logs'): RemoteSql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table)) {
    throw new CairnError('INVALID_INPUT', `--table: "${table}" is not a table name`);
  }
  return compile(q, ATHENA, table);
}
