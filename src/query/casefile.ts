// The investigative query over the case file: postings pick the candidate rows for every term
// filter (keys, principals, names, IPs, buckets …), SQL does the rest (time, read-only, errors,
// grouping). IP classes are resolved to the case's distinct source IPs with its classifier first.
// Returns the rows or groups and the exact query text for the finding.
import { caseClassifier } from '../analysis/context';
import { FIELD } from '../casefile/postings';
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import type { GroupKey, InvestigativeQuery } from '../shared/query';
import { parseInstant } from '../shared/time';
import { candidates, stringIds, type TermFilter } from './rows';
import { statement } from '../casefile/statements';
import {
  resolveEventRows,
  STORED_EVENT_COLUMNS,
  STORED_EVENT_JOINS,
  STRING_JOIN,
  type StoredEventRow,
} from './event-row';
import { afterSql, eventOrderSql, RANGE_OF_ROW, timeRangeSql } from '../casefile/event-layout';

export interface CaseQueryResult {
  kind: 'rows' | 'groups';
  rows: EventRow[];
  groups: (Record<string, string | number | null> & {
    calls: number;
    first: string;
    last: string;
  })[];
  /** True when more rows than `limit` matched. */
  truncated: boolean;
  /** Every matching row (when counted). */
  total?: number | null;
  /** The SQL as run, with the postings lookup that chose the candidate rows described above it. */
  queryText: string;
}

/** Each group key as SQL: the text of a string column (by its alias in EVENT_COLUMNS), or a time. */
const GROUP: Record<GroupKey, { string: keyof typeof STRING_JOIN } | { sql: string }> = {
  principalArn: { string: 'p' },
  accessKeyId: { string: 'k' },
  sourceIp: { string: 'ip' },
  eventName: { string: 'n' },
  eventSource: { string: 'src' },
  awsRegion: { string: 'reg' },
  userAgent: { string: 'ua' },
  errorCode: { string: 'err' },
  recipientAccountId: { string: 'acct' },
  hour: { sql: "strftime('%Y-%m-%dT%H:00:00Z', e.time_ms / 1000, 'unixepoch')" },
  day: { sql: "strftime('%Y-%m-%dT00:00:00Z', e.time_ms / 1000, 'unixepoch')" },
};

const groupSql = (k: GroupKey): string => {
  const g = GROUP[k];
  return 'string' in g ? `${g.string}.value` : g.sql;
};

/** The joins a grouped query needs: each key's string, and the row's run only if one reads it. */
function groupJoins(keys: readonly GroupKey[]): string {
  const strings = keys.flatMap((k) => {
    const g = GROUP[k];
    return 'string' in g ? [STRING_JOIN[g.string]] : [];
  });
  const run = strings.some((j) => j.includes('= r.'));
  return `${run ? RANGE_OF_ROW : ''} ${strings.join(' ')}`;
}

/** The case's distinct source IPs in the given classes (as classified with the case's ranges). */
export function ipsInClasses(db: Db, classes: readonly string[]): string[] {
  const classifier = caseClassifier(db);
  const ips = db
    .prepare(
      'SELECT DISTINCT s.value FROM postings p JOIN strings s ON s.id = p.term WHERE p.field = ?',
    )
    .pluck()
    .all(FIELD.sourceIp) as string[];
  return ips.filter((ip) => classes.includes(classifier.classify(ip).class));
}

const sqlText = (v: string): string => `'${v.replace(/'/g, "''")}'`;

function termFilters(db: Db, q: InvestigativeQuery): TermFilter[] | null {
  const out: TermFilter[] = [];
  const add = (field: number, column: string, values: string[] | undefined): void => {
    if (values?.length) out.push({ field, column, values });
  };
  add(FIELD.accessKeyId, 'e.access_key_id', q.accessKeyIds);
  add(FIELD.principalArn, 'e.principal_arn', q.principalArns);
  add(FIELD.sessionIssuerArn, 'e.session_issuer_arn', q.sessionIssuerArns);
  add(FIELD.eventName, 'e.event_name', q.eventNames);
  add(FIELD.eventSource, 'e.event_source', q.eventSources);
  add(FIELD.bucket, 'e.bucket', q.buckets);
  if (Array.isArray(q.errorCodes)) add(FIELD.errorCode, 'e.error_code', q.errorCodes);
  let ips = q.sourceIps;
  if (q.ipClasses?.length) {
    const inClass = ipsInClasses(db, q.ipClasses);
    ips = ips ? ips.filter((ip) => inClass.includes(ip)) : inClass;
    if (ips.length === 0) return null;
  }
  add(FIELD.sourceIp, 'e.source_ip', ips);
  return out;
}

export function runCaseQuery(
  db: Db,
  q: InvestigativeQuery,
  after?: { timeMs: number; id: number },
  page: { offset?: number; count?: boolean } = {},
): CaseQueryResult {
  const empty = (text: string): CaseQueryResult => ({
    kind: q.groupBy?.length ? 'groups' : 'rows',
    rows: [],
    groups: [],
    truncated: false,
    queryText: text,
  });
  const fromMs = q.from ? parseInstant(q.from, 'from') : undefined;
  const toMs = q.to ? parseInstant(q.to, 'to') : undefined;
  const filters = termFilters(db, q);
  if (filters === null) return empty('-- no source IP in the case is in the requested classes');
  // A page of rows from the start, filtered by terms alone, needs only the blocks that can hold it.
  const onlyTerms =
    !q.groupBy?.length &&
    !after &&
    !page.count &&
    q.readOnly === undefined &&
    (q.errorCodes === undefined || Array.isArray(q.errorCodes)) &&
    !q.objectKeys?.length;
  const c = candidates(
    db,
    filters,
    {
      ...(fromMs !== undefined ? { fromMs } : {}),
      ...(toMs !== undefined ? { toMs } : {}),
    },
    onlyTerms ? { firstN: (page.offset ?? 0) + q.limit + 1 } : {},
  );
  if (c.kind === 'none')
    return empty(
      `-- a filtered value occurs nowhere in the case: ${filters.map((f) => f.values.join('|')).join(', ')}`,
    );

  const where: string[] = [];
  const params: (string | number)[] = [];
  let lookup = '-- candidate rows: all events (no term filter)';
  if (c.kind === 'rows') {
    const terms = filters
      .map((f) => `${f.column.replace('e.', '')} IN (${f.values.map(sqlText).join(', ')})`)
      .join(' AND ');
    lookup = `-- candidate rows: ${c.ids.length} from postings, the rows with ${terms}; the other filters below`;
    where.push('e.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(c.ids));
  }
  const time = timeRangeSql({ fromMs, toMs });
  where.push(...time.where);
  params.push(...time.params);
  if (q.readOnly !== undefined) where.push(q.readOnly ? 'e.read_only = 1' : '(e.read_only = 0)');
  if (q.errorCodes === 'any') where.push('e.error_code IS NOT NULL');
  if (q.errorCodes === 'none') where.push('e.error_code IS NULL');
  if (q.objectKeys?.length) {
    const ids = stringIds(db, q.objectKeys);
    if (ids.length === 0) return empty('-- none of the object keys occurs in the case');
    where.push(
      `e.id IN (SELECT id FROM event_objects WHERE object_key IN (${ids.map(() => '?').join(', ')}))`,
    );
    params.push(...ids);
  }
  if (after) {
    const next = afterSql(after);
    where.push(next.where);
    params.push(...next.params);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';

  if (q.groupBy?.length) {
    const cols = q.groupBy.map((k) => `${groupSql(k)} AS "${k}"`);
    const sql = `SELECT ${cols.join(', ')}, COUNT(*) AS calls, MIN(e.time_ms) AS first_ms, MAX(e.time_ms) AS last_ms
FROM events e ${groupJoins(q.groupBy)}
${whereSql}
GROUP BY ${q.groupBy.map((_, i) => i + 1).join(', ')} ORDER BY calls DESC LIMIT ?`;
    const raw = db.prepare(sql).all(...params, q.limit + 1) as (Record<
      string,
      string | number | null
    > & { calls: number; first_ms: number; last_ms: number })[];
    const groups = raw.slice(0, q.limit).map(({ first_ms, last_ms, ...rest }) => ({
      ...rest,
      calls: rest.calls,
      first: new Date(first_ms).toISOString(),
      last: new Date(last_ms).toISOString(),
    }));
    return {
      kind: 'groups',
      rows: [],
      groups,
      truncated: raw.length > q.limit,
      queryText: `${lookup}\n${sql}`,
    };
  }
  // The page's row ids first, then the names for those rows only: SQLite would otherwise resolve
  // every skipped row's strings too (a page at offset 1,000,000 took seconds instead of ms).
  // Strings are resolved afterwards, once per distinct id (resolveEventRows).
  // From candidate rows with nothing to skip, each row is read once: the page-then-join shape
  // would read every candidate for its time and then the page's rows again. The run and objects
  // of a row are joined for the page's rows only (a key's 34,000 calls would seek them all).
  const direct = c.kind === 'rows' && !page.offset;
  const order = eventOrderSql(db);
  const sql = direct
    ? `SELECT ${STORED_EVENT_COLUMNS}
FROM (SELECT * FROM events e
  ${whereSql}
  ORDER BY ${order} LIMIT ? OFFSET ?) e ${STORED_EVENT_JOINS}
ORDER BY ${order}`
    : `SELECT ${STORED_EVENT_COLUMNS}
FROM (SELECT e.id FROM events e
  ${whereSql}
  ORDER BY ${order} LIMIT ? OFFSET ?) page
JOIN events e ON e.id = page.id ${STORED_EVENT_JOINS}
ORDER BY ${order}`;
  const raw = statement(db, sql).all(...params, q.limit + 1, page.offset ?? 0) as StoredEventRow[];
  const total = page.count
    ? (db
        .prepare(`SELECT COUNT(*) FROM events e ${whereSql}`)
        .pluck()
        .get(...params) as number)
    : null;
  return {
    kind: 'rows',
    rows: resolveEventRows(db, raw.slice(0, q.limit)),
    groups: [],
    truncated: raw.length > q.limit,
    total,
    queryText: `${lookup}\n${sql}\n-- then each string id is read from strings (id, value)`,
  };
}

/** Rows read at a time by forEachEvent. */
const PAGE = 50_000;

/**
 * Calls `each` with every event the query matches, in (time, row) order, a page at a time: for
 * analyses that must see all of them, where a limit would silently cut the answer short.
 */
export function forEachEvent(
  db: Db,
  q: Omit<InvestigativeQuery, 'limit'>,
  each: (e: EventRow) => void,
): void {
  let after: { timeMs: number; id: number } | undefined;
  for (;;) {
    const page = runCaseQuery(db, { ...q, limit: PAGE }, after);
    for (const e of page.rows) each(e);
    const last = page.rows[page.rows.length - 1];
    if (!page.truncated || !last) return;
    after = { timeMs: Date.parse(last.eventTime), id: last.rowId };
  }
}

/** Every event the query matches, in (time, row) order. */
export function allEvents(db: Db, q: Omit<InvestigativeQuery, 'limit'>): EventRow[] {
  const out: EventRow[] = [];
  forEachEvent(db, q, (e) => out.push(e));
  return out;
}
