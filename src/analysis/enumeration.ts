// Reconnaissance sessions: bursts of List/Describe/Get calls across services and runs of
// access-denied errors, per principal, key and source IP; and the inflection point — the first
// successful write of the kind attackers make next (CreateUser, CreateAccessKey,
// AttachUserPolicy …), which turns "recon" into "active compromise".
// Default thresholds come from public detection rules (playbooks.md §3.3): Splunk flags 5 denied
// calls an hour, Sumo 5 describe/list calls in 5 minutes, Sentinel 50 IAM List calls in 10 min;
// a session here is recon when it reaches 10 distinct read APIs across 3 services.
import type { Db } from '../casefile/sqlite';
import { timeRangeSql } from '../casefile/event-layout';
import { forEachEvent } from '../query/casefile';
import { stringIds } from '../query/rows';
import { EventSessions } from './activity/event-sessions';
import { DENIED_CODES, INFLECTION_WRITES } from './activity/rules';
import type { ReconSession, SessionClass } from './activity/session';
import { summarySessions } from './activity/summary-sessions';
import { caseClassifier } from './context';
import type { Highlight } from './key/activity';
import type { EventRef } from './key/lineage';

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

export { DENIED_CODES, INFLECTION_WRITES } from './activity/rules';
export type { ReconSession, SessionClass } from './activity/session';

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

type Options = Required<EnumerationOptions>;

/** Principal/key/IP groups worth a closer look when no principal or key is given. */
function suspiciousGroups(
  db: Db,
  o: Options,
  range: { fromMs?: number; toMs?: number },
): { principalArns: string[]; accessKeyIds: string[] } {
  const denied = stringIds(db, DENIED_CODES);
  const write = stringIds(db, [...INFLECTION_WRITES]);
  const { where, params } = timeRangeSql(range);
  const inList = (ids: number[]): string => (ids.length ? ids.join(', ') : 'NULL');
  const rows = db
    .prepare(
      `SELECT principal_arn, access_key_id FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
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

const RANK: Record<SessionClass, number> = {
  'active-compromise': 3,
  probing: 2,
  recon: 1,
  routine: 0,
};

interface Run {
  opts: EnumerationOptions;
  o: Options;
  scope: string;
  time: { from?: string; to?: string };
  thresholds: EnumerationResult['thresholds'];
  caveats: string[];
}

function prepare(opts: EnumerationOptions): Run {
  const o: Options = {
    principalArn: opts.principalArn ?? '',
    accessKeyId: opts.accessKeyId ?? '',
    fromMs: opts.fromMs ?? Number.MIN_SAFE_INTEGER,
    toMs: opts.toMs ?? Number.MAX_SAFE_INTEGER,
    sessionGapMinutes: opts.sessionGapMinutes ?? 30,
    minDistinctApis: opts.minDistinctApis ?? 10,
    minServices: opts.minServices ?? 3,
    minDenied: opts.minDenied ?? 5,
  };
  const iso = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  return {
    opts,
    o,
    scope: opts.accessKeyId
      ? `access key ${opts.accessKeyId}`
      : opts.principalArn
        ? `principal ${opts.principalArn}`
        : 'every principal in the case',
    time: {
      ...(iso(opts.fromMs) ? { from: iso(opts.fromMs)! } : {}),
      ...(iso(opts.toMs) ? { to: iso(opts.toMs)! } : {}),
    },
    thresholds: {
      sessionGapMinutes: o.sessionGapMinutes,
      minDistinctApis: o.minDistinctApis,
      minServices: o.minServices,
      minDenied: o.minDenied,
    },
    caveats: [
      'CloudTrail does not record what List/Describe calls returned: recon shows which APIs were probed, not what was learned.',
    ],
  };
}

function noData(db: Db, run: Run): EnumerationResult {
  const hasEvents = db.prepare('SELECT EXISTS (SELECT 1 FROM events)').pluck().get() === 1;
  const { scope, time } = run;
  return {
    scope,
    verdict: 'no-data',
    suggestion: hasEvents
      ? `No events for ${scope} in this case${time.from || time.to ? ' in the time range' : ''}; check the principal ARN or key, or ingest the logs that cover it.`
      : 'The case holds no CloudTrail events yet: ingest the trail (cairn ingest) first.',
    sessions: [],
    inflectionPoint: null,
    thresholds: run.thresholds,
    highlights: [],
    caveats: run.caveats,
  };
}

/** The verdict, suggestion and highlights for sessions ordered as sessionsOf orders them. */
function conclude(run: Run, all: ReconSession[]): EnumerationResult {
  const { opts, o, scope, thresholds, caveats } = run;
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

/** The case's class of a source IP ('unparseable' when there is none). */
function ipClassOf(db: Db): (ip: string | null) => string {
  const classifier = caseClassifier(db);
  return (ip) => (ip ? classifier.classify(ip).class : 'unparseable');
}

/**
 * The analysis computed from the events themselves: every call of the principals, keys and IPs
 * in scope is read. The reference the summary path is tested against, and the path for scoped
 * runs, time ranges and session gaps the summary cannot answer.
 */
export function enumerationFromEvents(db: Db, opts: EnumerationOptions = {}): EnumerationResult {
  const run = prepare(opts);
  const { o, time } = run;
  const range = {
    ...(opts.fromMs !== undefined ? { fromMs: opts.fromMs } : {}),
    ...(opts.toMs !== undefined ? { toMs: opts.toMs } : {}),
  };
  const filter = opts.accessKeyId
    ? { accessKeyIds: [opts.accessKeyId] }
    : opts.principalArn
      ? { principalArns: [opts.principalArn] }
      : suspiciousGroups(db, o, range);
  const sessions = new EventSessions(o, ipClassOf(db));
  let events = 0;
  // A group has a key or not, so the two reads below never feed one group twice.
  if (filter.accessKeyIds?.length)
    forEachEvent(db, { ...time, accessKeyIds: filter.accessKeyIds }, (e) => {
      events++;
      sessions.add(e);
    });
  if (filter.principalArns?.length) {
    // Calls made without an access key (console, some service calls) are found by principal.
    const all = Boolean(opts.principalArn);
    forEachEvent(db, { ...time, principalArns: filter.principalArns }, (e) => {
      if (!all && e.accessKeyId !== null) return;
      events++;
      sessions.add(e);
    });
  }
  if (events === 0) return noData(db, run);
  return conclude(run, sessions.sessions());
}

export function enumerationAnalysis(db: Db, opts: EnumerationOptions = {}): EnumerationResult {
  // Answered from the activity summary when it can be (see summary-sessions.ts): a leaked key
  // with 34,000 calls took half a second to read call by call.
  const run = prepare(opts);
  const scope = opts.accessKeyId
    ? { accessKeyId: opts.accessKeyId }
    : opts.principalArn
      ? { principalArn: opts.principalArn }
      : {};
  const found = summarySessions(db, run.o, opts, ipClassOf(db), scope);
  if (found === 'not-applicable') return enumerationFromEvents(db, opts);
  return found === 'no-tuples' ? noData(db, run) : conclude(run, found);
}
