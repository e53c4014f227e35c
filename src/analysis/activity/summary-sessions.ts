// The enumeration from the activity summary (migrations 4 and 7) instead of every event: for the
// whole case, or for one access key or principal (whose tuples the summary finds by index).
// Exact, because a bucket (15 min) is never wider than the session gap it serves: a quiet gap
// longer than the session gap can only fall between two buckets, and it equals the next
// bucket's first call minus the previous one's last, so merging a tuple's consecutive buckets
// forms exactly the sessions the event path forms; each session's calls, denied calls, APIs (in
// first-call order), services and first inflection write follow from its buckets.
// Tuples are chosen the way the event path chooses them (suspicious tuples' keys, and their
// principals when they have no key), and those whose lifetime totals cannot reach a threshold
// are routine in every session, so their buckets are never read. Nor are the buckets of a tuple
// with no gap longer than the session gap (most of them): its one session is the whole tuple,
// whose row holds the same totals and API list.
import type { Db } from '../../casefile/sqlite';
import {
  resolveEventRows,
  STORED_EVENT_COLUMNS,
  STORED_EVENT_JOINS,
  type StoredEventRow,
} from '../../query/event-row';
import { stringsById } from '../../query/rows';
import type { EventRow } from '../../shared/domain';
import { VarintReader } from './codec';
import { activitySummaryCurrent } from './maintain';
import { BUCKET_MS, READ } from './rules';
import {
  classifyTally,
  firstWriteRef,
  toSession,
  type ReconSession,
  type SessionTally,
  type SessionThresholds,
} from './session';

interface Candidate {
  p: number;
  k: number;
  ip: number;
  eligible: number;
  calls: number;
  denied: number;
  first_ms: number;
  last_ms: number;
  write_row: number | null;
  apis: Buffer;
}

/** What a tuple row or bucket row adds to a session. */
interface Part {
  calls: number;
  denied: number;
  firstMs: number;
  lastMs: number;
  writeRow: number | null;
  apis: Buffer;
  /** Tuple rows pack name × 8 + flags in the name's place (codec.ts). */
  packedNames: boolean;
}

/** calls, denied, first_ms, last_ms, write_row, apis: read as arrays (a split tuple's buckets). */
type BucketRow = [number, number, number, number, number | null, Buffer];

interface ApiCalls {
  source: number;
  name: number;
  calls: number;
  denied: number;
}

interface ApiInfo {
  api: string;
  service: string;
  readName: boolean;
}

/** Suspicious as the event path's GROUP BY … HAVING decides it, over each tuple's whole life. */
const SUSPICIOUS = '(denied >= $minDenied OR names >= $minDistinctApis OR inflection_ok = 1)';

const TUPLE_COLUMNS = 'calls, denied, first_ms, last_ms, write_row, apis';

const CANDIDATES = `
SELECT principal_arn AS p, access_key_id AS k, source_ip AS ip,
  (denied >= $minDenied OR write_row IS NOT NULL
    OR (read_apis >= $minDistinctApis AND read_services >= $minServices)) AS eligible,
  ${TUPLE_COLUMNS}
FROM activity_tuples
WHERE access_key_id IN (SELECT access_key_id FROM activity_tuples
    WHERE access_key_id <> 0 AND ${SUSPICIOUS})
  OR (access_key_id = 0 AND principal_arn IN (SELECT principal_arn FROM activity_tuples
    WHERE access_key_id = 0 AND principal_arn <> 0 AND ${SUSPICIOUS}))
ORDER BY first_ms, first_row`;

const BUCKETS = `SELECT calls, denied, first_ms, last_ms, write_row, apis FROM activity_buckets
WHERE principal_arn = ? AND access_key_id = ? AND source_ip = ? ORDER BY bucket`;

/** Tuples with a quiet gap longer than the session gap: more than one session (migration 7). */
const SPLIT_TUPLES = `SELECT DISTINCT principal_arn, access_key_id, source_ip
FROM activity_buckets INDEXED BY activity_buckets_long_gap
WHERE gap_ms > ${BUCKET_MS} AND gap_ms > ?`;

const tupleKey = (p: number, k: number, ip: number): string => `${p},${k},${ip}`;

/** Event rows by id, strings resolved once for all of them. */
function writeEvents(db: Db, ids: readonly number[]): Map<number, EventRow> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT ${STORED_EVENT_COLUMNS} FROM events e ${STORED_EVENT_JOINS}
       WHERE e.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as StoredEventRow[];
  return new Map(resolveEventRows(db, rows).map((e) => [e.rowId, e]));
}

/** Small ids make one number; others (never seen in practice) a string. Both are Map keys. */
const apiKey = (source: number, name: number): number | string =>
  source < 67_108_864 && name < 67_108_864 ? source * 67_108_864 + name : `${source},${name}`;

function applicable(
  db: Db,
  o: SessionThresholds & { sessionGapMinutes: number },
  range: { fromMs?: number; toMs?: number },
): boolean {
  const numbers = [o.sessionGapMinutes, o.minDenied, o.minDistinctApis, o.minServices];
  // A gap shorter than a bucket could split one; a threshold of 0 denied calls meets SQL's NULL
  // sums differently than a count does.
  if (!numbers.every(Number.isFinite) || o.sessionGapMinutes * 60_000 < BUCKET_MS) return false;
  if (!(o.minDenied > 0) || !activitySummaryCurrent(db)) return false;
  if (range.fromMs === undefined && range.toMs === undefined) return true;
  // A time range that holds every event is the whole case; any other cuts through buckets.
  const span = db
    .prepare('SELECT MIN(first_ms) AS a, MAX(last_ms) AS b FROM activity_tuples')
    .get() as {
    a: number | null;
    b: number | null;
  };
  if (span.a === null || span.b === null) return true;
  return (
    (range.fromMs === undefined || range.fromMs <= span.a) &&
    (range.toMs === undefined || range.toMs >= span.b)
  );
}

/**
 * Adds up a tuple's parts (its whole row, or its buckets in order) into sessions, split where the
 * quiet time between two parts is longer than the session gap. A session is built as soon as it
 * ends, so its working maps die young; only the kept sessions outlive the loop.
 */
class PartSessions {
  readonly found: { session: ReconSession; writeRow: number | null }[] = [];
  private who: {
    principalArn: string | null;
    accessKeyId: string | null;
    sourceIp: string | null;
  } = { principalArn: null, accessKeyId: null, sourceIp: null };
  private apis = new Map<number | string, ApiCalls>();
  private first: Part | null = null;
  private last: Part | null = null;
  private calls = 0;
  private denied = 0;
  private writeRow: number | null = null;

  constructor(
    private readonly o: SessionThresholds,
    private readonly gapMs: number,
    private readonly keepRoutine: boolean,
    private readonly info: (a: ApiCalls, key: number | string) => ApiInfo,
    private readonly classify: (ip: string | null) => string,
  ) {}

  startTuple(
    principalArn: string | null,
    accessKeyId: string | null,
    sourceIp: string | null,
  ): void {
    this.who = { principalArn, accessKeyId, sourceIp };
  }

  add(b: Part): void {
    if (this.last && b.firstMs - this.last.lastMs > this.gapMs) this.flush();
    this.first ??= b;
    this.last = b;
    this.calls += b.calls;
    this.denied += b.denied;
    this.writeRow ??= b.writeRow;
    const r = new VarintReader(b.apis);
    while (r.more()) {
      const source = r.next();
      const name = b.packedNames ? Math.floor(r.next() / 8) : r.next();
      const c = r.next();
      const d = r.next();
      r.next(); // first call's time and row: the blob's order already says which came first
      r.next();
      const key = apiKey(source, name);
      const a = this.apis.get(key);
      if (a) {
        a.calls += c;
        a.denied += d;
      } else this.apis.set(key, { source, name, calls: c, denied: d });
    }
  }

  flush(): void {
    const { first, last } = this;
    if (!first || !last) return;
    const tally: SessionTally = {
      principalArn: this.who.principalArn,
      accessKeyId: this.who.accessKeyId,
      sourceIp: this.who.sourceIp,
      start: new Date(first.firstMs).toISOString(),
      end: new Date(last.lastMs).toISOString(),
      calls: this.calls,
      denied: this.denied,
      apis: new Map(),
      services: new Set(),
      readServices: new Set(),
      hasWrite: this.writeRow !== null,
    };
    for (const [key, a] of this.apis) {
      const i = this.info(a, key);
      // Two ids can name the same API text (a NULL source and a source called "?"): add up.
      const same = tally.apis.get(i.api);
      if (same) {
        same.calls += a.calls;
        same.denied += a.denied;
      } else tally.apis.set(i.api, { calls: a.calls, denied: a.denied });
      tally.services.add(i.service);
      if (i.readName || a.denied > 0) tally.readServices.add(i.service);
    }
    const classification = classifyTally(tally, this.o);
    if (this.keepRoutine || classification !== 'routine')
      this.found.push({
        // Its first write is filled in once every session's write row is known.
        session: toSession(tally, classification, null, this.classify(tally.sourceIp)),
        writeRow: this.writeRow,
      });
    this.apis = new Map();
    this.first = null;
    this.last = null;
    this.calls = 0;
    this.denied = 0;
    this.writeRow = null;
  }
}

/** A scoped run reads every tuple of its key or principal, as the event path reads every call. */
const SCOPED = (column: 'access_key_id' | 'principal_arn'): string => `
SELECT principal_arn AS p, access_key_id AS k, source_ip AS ip, 1 AS eligible, ${TUPLE_COLUMNS}
FROM activity_tuples WHERE ${column} = ? ORDER BY first_ms, first_row`;

export interface SummaryScope {
  accessKeyId?: string;
  principalArn?: string;
}

/**
 * The sessions in the event path's order — for the whole case its non-routine ones; for one key
 * or principal all of them, routine ones too; 'no-tuples' when the event path would find no
 * events to look at; 'not-applicable' when the summary cannot answer exactly.
 */
export function summarySessions(
  db: Db,
  o: SessionThresholds & { sessionGapMinutes: number },
  range: { fromMs?: number; toMs?: number },
  classify: (ip: string | null) => string,
  scope: SummaryScope = {},
): ReconSession[] | 'no-tuples' | 'not-applicable' {
  if (!applicable(db, o, range)) return 'not-applicable';
  const scoped = scope.accessKeyId ?? scope.principalArn;
  let candidates: Candidate[];
  if (scoped !== undefined) {
    const id = db.prepare('SELECT id FROM strings WHERE value = ?').pluck().get(scoped) as
      number | undefined;
    if (id === undefined) return 'no-tuples';
    candidates = db
      .prepare(SCOPED(scope.accessKeyId !== undefined ? 'access_key_id' : 'principal_arn'))
      .all(id) as Candidate[];
  } else
    candidates = db.prepare(CANDIDATES).all({
      minDenied: o.minDenied,
      minDistinctApis: o.minDistinctApis,
      minServices: o.minServices,
    }) as Candidate[];
  if (candidates.length === 0) return 'no-tuples';
  const keepRoutine = scoped !== undefined;

  const value = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  // Every tuple's principal, key and IP in one query (one lookup each costs as much as the rest).
  const strings = stringsById(
    db,
    candidates.flatMap((t) => (t.eligible ? [t.p, t.k, t.ip] : [])),
  );
  const str = (id: number): string | null => {
    if (id === 0) return null;
    let s = strings.get(id);
    if (s === undefined) {
      s = value.get(id) as string;
      strings.set(id, s);
    }
    return s;
  };
  const infos = new Map<number | string, ApiInfo>();
  const info = (a: ApiCalls, key: number | string): ApiInfo => {
    let i = infos.get(key);
    if (!i) {
      const service = str(a.source) ?? '?';
      const name = str(a.name)!;
      i = { api: `${service}:${name}`, service, readName: READ.test(name) };
      infos.set(key, i);
    }
    return i;
  };
  const gapMs = o.sessionGapMinutes * 60_000;
  const split = new Set(
    (db.prepare(SPLIT_TUPLES).raw().all(gapMs) as [number, number, number][]).map(([p, k, ip]) =>
      tupleKey(p, k, ip),
    ),
  );
  const buckets = db.prepare(BUCKETS).raw();
  const sessions = new PartSessions(o, gapMs, keepRoutine, info, classify);
  for (const t of candidates) {
    if (!t.eligible) continue;
    sessions.startTuple(str(t.p), str(t.k), str(t.ip));
    if (!split.has(tupleKey(t.p, t.k, t.ip)))
      sessions.add({
        calls: t.calls,
        denied: t.denied,
        firstMs: t.first_ms,
        lastMs: t.last_ms,
        writeRow: t.write_row,
        apis: t.apis,
        packedNames: true,
      });
    else
      for (const b of buckets.all(t.p, t.k, t.ip) as BucketRow[])
        sessions.add({
          calls: b[0],
          denied: b[1],
          firstMs: b[2],
          lastMs: b[3],
          writeRow: b[4],
          apis: b[5],
          packedNames: false,
        });
    sessions.flush();
  }
  // The sessions' first writes, read in one query rather than one a session.
  const found = sessions.found;
  const writes = writeEvents(
    db,
    found.flatMap((f) => (f.writeRow === null ? [] : [f.writeRow])),
  );
  const out = found.map((f) => {
    const e = f.writeRow === null ? undefined : writes.get(f.writeRow);
    if (e) f.session.firstWrite = firstWriteRef(e);
    return f.session;
  });
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
