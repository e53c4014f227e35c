// Reconnaissance sessions: bursts of List/Describe/Get calls across services and runs of
// access-denied errors, per principal, key and source IP; and the inflection point — the first
// successful write of the kind attackers make next (CreateUser, CreateAccessKey,
// AttachUserPolicy …), which turns "recon" into "active compromise".
// Default thresholds come from public detection rules (playbooks.md §3.3): Splunk flags 5 denied
// calls an hour, Sumo 5 describe/list calls in 5 minutes, Sentinel 50 IAM List calls in 10 min;
// a session here is recon when it reaches 10 distinct read APIs across 3 services.
import type { Db } from '../casefile/sqlite';
import { runCaseQuery } from '../query/casefile';
import { stringIds } from '../query/rows';
import type { EventRow } from '../shared/domain';
import { caseClassifier } from './context';
import { isWrite, type Highlight } from './key/activity';
import { ref, type EventRef } from './key/lineage';

export interface EnumerationOptions {
  principalArn?: string;
  accessKeyId?: string;
  fromMs?: number;
  toMs?: number;
  /** A quiet gap longer than this ends a session. */
  sessionGapMinutes?: number;
  minDistinctApis?: number;
  minServices?: number;
  minDenied?: number;
}

export const DENIED_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Client.AuthFailure',
];

/** Writes that follow reconnaissance in real intrusions: persistence, escalation, defence evasion. */
export const INFLECTION_WRITES = new Set([
  'CreateUser',
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AttachUserPolicy',
  'PutUserPolicy',
  'AttachRolePolicy',
  'PutRolePolicy',
  'AttachGroupPolicy',
  'PutGroupPolicy',
  'AddUserToGroup',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'GetFederationToken',
  // A key pair is how an intruder gets into the instances they launch next (cryptomining runs
  // CreateKeyPair → AuthorizeSecurityGroupIngress → RunInstances): the first step of that write.
  'CreateKeyPair',
  'ImportKeyPair',
  'RunInstances',
  'CreateFunction20150331',
  'UpdateFunctionCode20150331v2',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteFlowLogs',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteBucketPublicAccessBlock',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'AuthorizeSecurityGroupIngress',
  'LeaveOrganization',
  'CreateTrustAnchor',
]);

export type SessionClass = 'active-compromise' | 'probing' | 'recon' | 'routine';

export interface ReconSession {
  principalArn: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  ipClass: string;
  start: string;
  end: string;
  calls: number;
  distinctApis: number;
  services: number;
  denied: number;
  deniedRatio: number;
  classification: SessionClass;
  topApis: { api: string; calls: number; denied: number }[];
  firstWrite: (EventRef & { errorCode: string | null }) | null;
}

export interface EnumerationResult {
  scope: string;
  verdict: 'active-compromise' | 'probing' | 'recon' | 'nothing-suspicious' | 'no-data';
  suggestion: string;
  sessions: ReconSession[];
  inflectionPoint: (EventRef & { session: number }) | null;
  thresholds: Required<
    Pick<EnumerationOptions, 'sessionGapMinutes' | 'minDistinctApis' | 'minServices' | 'minDenied'>
  >;
  highlights: Highlight[];
  caveats: string[];
}

const READ = /^(Get|List|Describe|Head|Lookup|Search|Batch(Get|Describe))/;

function groupKey(e: EventRow): string {
  return `${e.principalArn ?? ''}\u0000${e.accessKeyId ?? ''}\u0000${e.sourceIp ?? ''}`;
}

/** Principal/key/IP groups worth a closer look when no principal or key is given. */
function suspiciousGroups(
  db: Db,
  o: Required<EnumerationOptions>,
  range: { fromMs?: number; toMs?: number },
): { principalArns: string[]; accessKeyIds: string[] } {
  const denied = stringIds(db, DENIED_CODES);
  const write = stringIds(db, [...INFLECTION_WRITES]);
  const where: string[] = [];
  const params: number[] = [];
  if (range.fromMs !== undefined) {
    where.push('time_ms >= ?');
    params.push(range.fromMs);
  }
  if (range.toMs !== undefined) {
    where.push('time_ms <= ?');
    params.push(range.toMs);
  }
  const inList = (ids: number[]): string => (ids.length ? ids.join(', ') : 'NULL');
  const rows = db
    .prepare(
      `SELECT principal_arn, access_key_id FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY principal_arn, access_key_id, source_ip
       HAVING SUM(error_code IN (${inList(denied)})) >= ? OR COUNT(DISTINCT event_name) >= ?
          OR SUM(event_name IN (${inList(write)}) AND error_code IS NULL) > 0`,
    )
    .all(...params, o.minDenied, o.minDistinctApis) as {
    principal_arn: number | null;
    access_key_id: number | null;
  }[];
  const name = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const principals = new Set<string>();
  const keys = new Set<string>();
  for (const r of rows) {
    if (r.access_key_id !== null) keys.add(name.get(r.access_key_id) as string);
    else if (r.principal_arn !== null) principals.add(name.get(r.principal_arn) as string);
  }
  return { principalArns: [...principals], accessKeyIds: [...keys] };
}

function sessionsOf(
  events: EventRow[],
  o: Required<EnumerationOptions>,
  classify: (ip: string | null) => string,
): ReconSession[] {
  const out: ReconSession[] = [];
  const groups = new Map<string, EventRow[]>();
  for (const e of events) {
    const k = groupKey(e);
    const g = groups.get(k) ?? [];
    g.push(e);
    groups.set(k, g);
  }
  const gapMs = o.sessionGapMinutes * 60_000;
  for (const group of groups.values()) {
    let current: EventRow[] = [];
    const flush = (): void => {
      if (current.length === 0) return;
      const apis = new Map<string, { calls: number; denied: number }>();
      const services = new Set<string>();
      const readServices = new Set<string>();
      let denied = 0;
      for (const e of current) {
        const api = `${e.eventSource ?? '?'}:${e.eventName}`;
        const a = apis.get(api) ?? { calls: 0, denied: 0 };
        a.calls++;
        const isDenied = e.errorCode !== null && DENIED_CODES.includes(e.errorCode);
        if (isDenied) {
          a.denied++;
          denied++;
        }
        apis.set(api, a);
        services.add(e.eventSource ?? '?');
        if (READ.test(e.eventName) || isDenied) readServices.add(e.eventSource ?? '?');
      }
      const readApis = [...apis.keys()].filter((a) => READ.test(a.split(':')[1] ?? '')).length;
      const firstWrite =
        current.find(
          (e) => INFLECTION_WRITES.has(e.eventName) && e.errorCode === null && isWrite(e),
        ) ?? null;
      const first = current[0]!;
      const classification: SessionClass = firstWrite
        ? 'active-compromise'
        : denied >= o.minDenied
          ? 'probing'
          : readApis >= o.minDistinctApis && readServices.size >= o.minServices
            ? 'recon'
            : 'routine';
      out.push({
        principalArn: first.principalArn,
        accessKeyId: first.accessKeyId,
        sourceIp: first.sourceIp,
        ipClass: classify(first.sourceIp),
        start: first.eventTime,
        end: current[current.length - 1]!.eventTime,
        calls: current.length,
        distinctApis: apis.size,
        services: services.size,
        denied,
        deniedRatio: Math.round((denied / current.length) * 1000) / 1000,
        classification,
        topApis: [...apis.entries()]
          .map(([api, a]) => ({ api, ...a }))
          .sort((a, b) => b.calls - a.calls)
          .slice(0, 10),
        firstWrite: firstWrite ? { ...ref(firstWrite), errorCode: firstWrite.errorCode } : null,
      });
      current = [];
    };
    for (const e of group) {
      const last = current[current.length - 1];
      if (last && Date.parse(e.eventTime) - Date.parse(last.eventTime) > gapMs) flush();
      current.push(e);
    }
    flush();
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

const RANK: Record<SessionClass, number> = {
  'active-compromise': 3,
  probing: 2,
  recon: 1,
  routine: 0,
};

export function enumerationAnalysis(db: Db, opts: EnumerationOptions = {}): EnumerationResult {
  const o: Required<EnumerationOptions> = {
    principalArn: opts.principalArn ?? '',
    accessKeyId: opts.accessKeyId ?? '',
    fromMs: opts.fromMs ?? Number.MIN_SAFE_INTEGER,
    toMs: opts.toMs ?? Number.MAX_SAFE_INTEGER,
    sessionGapMinutes: opts.sessionGapMinutes ?? 30,
    minDistinctApis: opts.minDistinctApis ?? 10,
    minServices: opts.minServices ?? 3,
    minDenied: opts.minDenied ?? 5,
  };
  const range = {
    ...(opts.fromMs !== undefined ? { fromMs: opts.fromMs } : {}),
    ...(opts.toMs !== undefined ? { toMs: opts.toMs } : {}),
  };
  const iso = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const time = {
    ...(iso(opts.fromMs) ? { from: iso(opts.fromMs)! } : {}),
    ...(iso(opts.toMs) ? { to: iso(opts.toMs)! } : {}),
  };
  const scope = opts.accessKeyId
    ? `access key ${opts.accessKeyId}`
    : opts.principalArn
      ? `principal ${opts.principalArn}`
      : 'every principal in the case';
  const thresholds = {
    sessionGapMinutes: o.sessionGapMinutes,
    minDistinctApis: o.minDistinctApis,
    minServices: o.minServices,
    minDenied: o.minDenied,
  };
  const caveats = [
    'CloudTrail does not record what List/Describe calls returned: recon shows which APIs were probed, not what was learned.',
  ];

  const filter = opts.accessKeyId
    ? { accessKeyIds: [opts.accessKeyId] }
    : opts.principalArn
      ? { principalArns: [opts.principalArn] }
      : suspiciousGroups(db, o, range);
  const events: EventRow[] = [];
  if (filter.accessKeyIds?.length)
    events.push(
      ...runCaseQuery(db, { ...time, accessKeyIds: filter.accessKeyIds, limit: 100_000 }).rows,
    );
  if (filter.principalArns?.length) {
    // Calls made without an access key (console, some service calls) are found by principal.
    const byPrincipal = runCaseQuery(db, {
      ...time,
      principalArns: filter.principalArns,
      limit: 100_000,
    }).rows;
    events.push(
      ...(opts.principalArn ? byPrincipal : byPrincipal.filter((e) => e.accessKeyId === null)),
    );
  }
  events.sort((a, b) =>
    a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.rowId - b.rowId,
  );
  if (events.length === 0) {
    const hasEvents = (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) > 0;
    return {
      scope,
      verdict: 'no-data',
      suggestion: hasEvents
        ? `No events for ${scope} in this case${time.from || time.to ? ' in the time range' : ''}; check the principal ARN or key, or ingest the logs that cover it.`
        : 'The case holds no CloudTrail events yet: ingest the trail (cairn ingest) first.',
      sessions: [],
      inflectionPoint: null,
      thresholds,
      highlights: [],
      caveats,
    };
  }
  const classifier = caseClassifier(db);
  const all = sessionsOf(events, o, (ip) => (ip ? classifier.classify(ip).class : 'unparseable'));
  const sessions =
    opts.accessKeyId || opts.principalArn ? all : all.filter((s) => s.classification !== 'routine');
  const worst = sessions.reduce<SessionClass>(
    (w, s) => (RANK[s.classification] > RANK[w] ? s.classification : w),
    'routine',
  );
  const withWrite = sessions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.firstWrite)
    .sort((a, b) => (a.s.firstWrite!.eventTime < b.s.firstWrite!.eventTime ? -1 : 1))[0];
  const inflectionPoint = withWrite ? { ...withWrite.s.firstWrite!, session: withWrite.i } : null;
  const verdict = worst === 'routine' ? 'nothing-suspicious' : worst;
  const suggestion = {
    'active-compromise': `Treat as active compromise: ${inflectionPoint?.eventName} succeeded at ${inflectionPoint?.eventTime} by ${inflectionPoint?.principalArn ?? 'unknown'}. Revoke the credentials now, then investigate the full window.`,
    probing:
      'Denied calls in bursts: someone is probing with credentials that lack permissions. Treat the key as possibly leaked: revoke it and investigate its origin.',
    recon:
      'Read-only reconnaissance across services and no successful write yet: revoke if the principal or source is not recognised, and watch for writes.',
    'nothing-suspicious': `Nothing in ${scope} crosses the thresholds (${o.minDistinctApis} distinct read APIs over ${o.minServices} services, or ${o.minDenied} denied calls, in a session).`,
  }[verdict];
  const highlights: Highlight[] = [];
  for (const s of sessions.filter((x) => x.classification !== 'routine')) {
    highlights.push({
      at: s.start,
      text: `${s.classification} session began: ${s.principalArn ?? 'unknown principal'} from ${s.sourceIp ?? '?'} (${s.calls} calls, ${s.distinctApis} APIs, ${s.denied} denied)`,
      refs: [],
    });
  }
  if (inflectionPoint)
    highlights.push({
      at: inflectionPoint.eventTime,
      text: `Inflection point: ${inflectionPoint.eventName} succeeded — recon turned into active compromise`,
      refs: [{ type: 'event', id: inflectionPoint.eventId }],
    });
  return { scope, verdict, suggestion, sessions, inflectionPoint, thresholds, highlights, caveats };
}
