// The investigative query as LookupEvents calls. The API takes at most one attribute per call and
// returns management events of the last 90 days for one Region, 50 at a time, so the plan picks
// the most selective attribute (one call per value), and the rest of the query is applied by Cairn
// to what comes back (the fetched events are ingested into the case, then queried there).
import type { InvestigativeQuery } from '../shared/query';
import type { LookupAttribute } from '../sources/feeds/lookup-events';

export interface LookupPlan {
  calls: { attribute: { key: LookupAttribute; value: string } | null }[];
  from?: string;
  to?: string;
  localFilters: string[];
  cannotSee: string[];
}

const DATA_EVENTS = new Set([
  'GetObject',
  'PutObject',
  'DeleteObject',
  'HeadObject',
  'ListObjects',
  'ListObjectsV2',
  'CopyObject',
  'SelectObjectContent',
  'Invoke',
  'GetItem',
  'PutItem',
  'Query',
  'Scan',
]);

/** The user name LookupEvents indexes for a principal ARN (IAM user name, or a role session's name). */
export function lookupUsername(arn: string): string | null {
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user) return user[1]!;
  const session = /:assumed-role\/[^/]+\/([^/]+)$/.exec(arn);
  if (session) return session[1]!;
  const fed = /:federated-user\/([^/]+)$/.exec(arn);
  return fed ? fed[1]! : null;
}

export function toLookupPlan(q: InvestigativeQuery): LookupPlan {
  const local: string[] = [];
  const cannotSee: string[] = [
    'events older than 90 days',
    'data events (S3 object reads, Lambda invokes, DynamoDB items)',
  ];
  const wanted = q.eventNames?.filter((n) => DATA_EVENTS.has(n)) ?? [];
  if (wanted.length)
    cannotSee.unshift(
      `the data events asked for (${wanted.join(', ')}): LookupEvents never returns them`,
    );
  // Most selective first: a key, then a user, then an event name, a bucket, an event source.
  const options: [LookupAttribute, string[] | undefined][] = [
    ['AccessKeyId', q.accessKeyIds],
    ['Username', q.principalArns?.map(lookupUsername).filter((u): u is string => u !== null)],
    ['EventName', q.eventNames?.filter((n) => !DATA_EVENTS.has(n))],
    ['ResourceName', q.buckets],
    ['EventSource', q.eventSources],
  ];
  const chosen = options.find(([, v]) => v && v.length > 0);
  const calls = chosen
    ? chosen[1]!.map((value) => ({ attribute: { key: chosen[0], value } }))
    : [{ attribute: null }];
  const described: Record<LookupAttribute, string> = {
    AccessKeyId: 'access key',
    Username: 'principal',
    EventName: 'event name',
    ResourceName: 'bucket',
    EventSource: 'event source',
    EventId: 'event id',
    ReadOnly: 'read-only',
    ResourceType: 'resource type',
  };
  for (const [key, values] of options) {
    if (values?.length && key !== chosen?.[0])
      local.push(`${described[key]} in (${values.join(', ')})`);
  }
  if (q.principalArns?.length && chosen?.[0] === 'Username')
    local.push(
      `principal ARN in (${q.principalArns.join(', ')}) (LookupEvents matches the name only)`,
    );
  if (q.sessionIssuerArns?.length)
    local.push(`session issuer in (${q.sessionIssuerArns.join(', ')})`);
  if (q.readOnly !== undefined) local.push(`read-only = ${q.readOnly}`);
  if (q.errorCodes)
    local.push(
      `error codes: ${Array.isArray(q.errorCodes) ? q.errorCodes.join(', ') : q.errorCodes}`,
    );
  if (q.sourceIps?.length) local.push(`source IP in (${q.sourceIps.join(', ')})`);
  if (q.ipClasses?.length) local.push(`source IP class in (${q.ipClasses.join(', ')})`);
  if (q.objectKeys?.length) local.push(`object key in (${q.objectKeys.join(', ')})`);
  return {
    calls,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    localFilters: local,
    cannotSee,
  };
}

export function describeLookupPlan(plan: LookupPlan, region: string): string {
  const lines = plan.calls.map(
    (c, i) =>
      `call ${i + 1}: LookupEvents in ${region}${c.attribute ? ` with ${c.attribute.key}=${c.attribute.value}` : ' (no attribute)'}${plan.from ? `, StartTime ${plan.from}` : ''}${plan.to ? `, EndTime ${plan.to}` : ''}, MaxResults 50, every page`,
  );
  if (plan.localFilters.length)
    lines.push(`then, on the events returned: ${plan.localFilters.join('; ')}`);
  lines.push(`cannot see: ${plan.cannotSee.join('; ')}`);
  return lines.join('\n');
}
