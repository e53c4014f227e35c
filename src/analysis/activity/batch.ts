// Groups one ingest batch's new events by (principal, key, IP) tuple and 15-minute bucket, with
// the enumeration rules applied once per string: the deltas merge.ts folds into the stored rows.
import type { Db } from '../../casefile/sqlite';
import { statement } from '../../casefile/statements';
import { KeyRollupBatch } from './key-rollups';
import {
  TUPLE_API_DENIED,
  TUPLE_API_READ_NAME,
  TUPLE_API_READISH,
  type BucketApi,
  type TupleApi,
} from './codec';
import { BUCKET_MS, INFLECTION_WRITES, isDenied, isInflectionWrite, READ } from './rules';

/** An events row as the summary reads it: string ids, NULL ids of the tuple and source as 0. */
export interface NewEvent {
  id: number;
  time_ms: number;
  p: number;
  k: number;
  ip: number;
  src: number;
  n: number;
  error_code: number | null;
  read_only: number | null;
  /** aws_region and user_agent, for the per-key roll-ups (NULL stays NULL). */
  reg: number | null;
  ua: number | null;
}

export interface BucketDelta {
  calls: number;
  denied: number;
  firstMs: number;
  lastMs: number;
  writeMs: number | null;
  writeRow: number | null;
  /** By `${source},${name}`. */
  apis: Map<string, BucketApi>;
}

export interface TupleDelta {
  p: number;
  k: number;
  ip: number;
  calls: number;
  denied: number;
  firstMs: number;
  firstRow: number;
  lastMs: number;
  inflectionOk: boolean;
  /** The tuple's first successful inflection write, if any. */
  writeMs: number | null;
  writeRow: number | null;
  buckets: Map<number, BucketDelta>;
}

/** (ms, row) orders events as the analysis does: by time, then by ingest order. */
export const before = (ms: number, row: number, thanMs: number, thanRow: number): boolean =>
  ms < thanMs || (ms === thanMs && row < thanRow);

/** What the rules say about an event name, worked out once per batch. */
interface NameRules {
  readName: boolean;
  /** A successful call is an inflection-write name (the suspicious-group test). */
  inflection: boolean;
  /** A successful call is an inflection write, by readOnly: true, false, unknown. */
  writeIfReadOnly: boolean;
  writeIfNotReadOnly: boolean;
  writeIfUnknown: boolean;
}

/**
 * A batch's new events grouped by tuple and bucket, as the ingest writes them (row) or as read
 * back from `events` (add). The rules are applied once per string id, not once per event.
 */
export class BatchActivity {
  readonly tuples = new Map<string, TupleDelta>();
  /** The per-access-key roll-ups move with the summary, in the same transaction. */
  readonly keyRollups = new KeyRollupBatch();
  private readonly names = new Map<number, NameRules>();
  private readonly deniedCodes = new Map<number, boolean>();
  private readonly colonSources = new Map<number, boolean>();
  private readonly flagsByApi = new Map<string, number>();
  private readonly value;

  constructor(db: Db) {
    this.value = statement(db, 'SELECT value FROM strings WHERE id = ?').pluck();
  }

  /** Adds one row read back from `events`. */
  add(e: NewEvent): void {
    const none = (id: number): number | null => (id === 0 ? null : id);
    this.row(
      e.id,
      e.time_ms,
      none(e.p),
      none(e.k),
      none(e.ip),
      none(e.src),
      e.n,
      e.error_code,
      e.read_only,
      e.reg,
      e.ua,
    );
  }

  /** Adds one new events row, given by its id and stored column values (string ids or NULL). */
  row(
    id: number,
    timeMs: number,
    principal: number | null,
    accessKey: number | null,
    sourceIp: number | null,
    eventSource: number | null,
    name: number,
    errorCode: number | null,
    readOnly: number | null,
    region: number | null,
    userAgent: number | null,
  ): void {
    this.keyRollups.row(
      timeMs,
      accessKey,
      principal,
      sourceIp,
      region,
      eventSource,
      userAgent,
      errorCode,
      name,
      readOnly,
    );
    const p = principal ?? 0;
    const k = accessKey ?? 0;
    const ip = sourceIp ?? 0;
    const src = eventSource ?? 0;
    const key = `${p},${k},${ip}`;
    let t = this.tuples.get(key);
    if (!t) {
      t = {
        p,
        k,
        ip,
        calls: 0,
        denied: 0,
        firstMs: timeMs,
        firstRow: id,
        lastMs: timeMs,
        inflectionOk: false,
        writeMs: null,
        writeRow: null,
        buckets: new Map(),
      };
      this.tuples.set(key, t);
    }
    const rules = this.nameRules(name);
    const denied = errorCode !== null && this.isDenied(errorCode);
    const write =
      errorCode === null &&
      (readOnly === null
        ? rules.writeIfUnknown
        : readOnly === 1
          ? rules.writeIfReadOnly
          : rules.writeIfNotReadOnly);
    t.calls++;
    if (denied) t.denied++;
    if (before(timeMs, id, t.firstMs, t.firstRow)) {
      t.firstMs = timeMs;
      t.firstRow = id;
    }
    if (timeMs > t.lastMs) t.lastMs = timeMs;
    if (errorCode === null && rules.inflection) t.inflectionOk = true;
    if (write && (t.writeMs === null || before(timeMs, id, t.writeMs, t.writeRow!))) {
      t.writeMs = timeMs;
      t.writeRow = id;
    }
    const apiKey = `${src},${name}`;
    const bucket = Math.floor(timeMs / BUCKET_MS);
    let b = t.buckets.get(bucket);
    if (!b) {
      b = {
        calls: 0,
        denied: 0,
        firstMs: timeMs,
        lastMs: timeMs,
        writeMs: null,
        writeRow: null,
        apis: new Map(),
      };
      t.buckets.set(bucket, b);
    }
    b.calls++;
    if (denied) b.denied++;
    if (timeMs < b.firstMs) b.firstMs = timeMs;
    if (timeMs > b.lastMs) b.lastMs = timeMs;
    if (write && (b.writeMs === null || before(timeMs, id, b.writeMs, b.writeRow!))) {
      b.writeMs = timeMs;
      b.writeRow = id;
    }
    const ba = b.apis.get(apiKey);
    if (!ba)
      b.apis.set(apiKey, {
        source: src,
        name,
        calls: 1,
        denied: denied ? 1 : 0,
        firstMs: timeMs,
        firstRow: id,
      });
    else {
      ba.calls++;
      if (denied) ba.denied++;
      if (before(timeMs, id, ba.firstMs, ba.firstRow)) {
        ba.firstMs = timeMs;
        ba.firstRow = id;
      }
    }
  }

  /**
   * The tuple's APIs in this batch, added up from its buckets (once per bucket and API rather
   * than once per event). Call it before the buckets are merged with their stored rows.
   */
  tupleApis(t: TupleDelta): Map<string, TupleApi> {
    const out = new Map<string, TupleApi>();
    for (const b of t.buckets.values())
      for (const [key, a] of b.apis) {
        const ta = out.get(key);
        if (!ta)
          out.set(key, {
            source: a.source,
            name: a.name,
            calls: a.calls,
            denied: a.denied,
            firstMs: a.firstMs,
            firstRow: a.firstRow,
            flags: this.apiFlags(key, a.source, a.name) | (a.denied > 0 ? TUPLE_API_DENIED : 0),
          });
        else {
          ta.calls += a.calls;
          ta.denied += a.denied;
          if (a.denied > 0) ta.flags |= TUPLE_API_DENIED;
          if (before(a.firstMs, a.firstRow, ta.firstMs, ta.firstRow)) {
            ta.firstMs = a.firstMs;
            ta.firstRow = a.firstRow;
          }
        }
      }
    return out;
  }

  /** What an API's name and source say about it, once per batch. */
  private apiFlags(key: string, source: number, name: number): number {
    let f = this.flagsByApi.get(key);
    if (f === undefined) {
      const rules = this.nameRules(name);
      // A source with a colon makes the analysis's API key ambiguous: count it as possibly read.
      const readish = rules.readName || this.hasColon(source);
      f = (readish ? TUPLE_API_READISH : 0) | (rules.readName ? TUPLE_API_READ_NAME : 0);
      this.flagsByApi.set(key, f);
    }
    return f;
  }

  private text(id: number): string {
    return this.value.get(id) as string;
  }

  private nameRules(id: number): NameRules {
    let r = this.names.get(id);
    if (!r) {
      const eventName = this.text(id);
      // The event-level rule itself, asked once for each readOnly value.
      const writeIf = (readOnly: boolean | null): boolean =>
        isInflectionWrite({ eventName, errorCode: null, readOnly });
      r = {
        readName: READ.test(eventName),
        inflection: INFLECTION_WRITES.has(eventName),
        writeIfReadOnly: writeIf(true),
        writeIfNotReadOnly: writeIf(false),
        writeIfUnknown: writeIf(null),
      };
      this.names.set(id, r);
    }
    return r;
  }

  private isDenied(id: number): boolean {
    let d = this.deniedCodes.get(id);
    if (d === undefined) {
      d = isDenied(this.text(id));
      this.deniedCodes.set(id, d);
    }
    return d;
  }

  private hasColon(id: number): boolean {
    if (id === 0) return false;
    let c = this.colonSources.get(id);
    if (c === undefined) {
      c = this.text(id).includes(':');
      this.colonSources.set(id, c);
    }
    return c;
  }
}

/** Groups rows read back from `events` by tuple and bucket, and by key for the roll-ups. */
export function collect(db: Db, rows: readonly NewEvent[]): BatchActivity {
  const batch = new BatchActivity(db);
  for (const e of rows) batch.add(e);
  return batch;
}
