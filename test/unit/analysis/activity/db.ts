// An in-memory case database for the activity summary's unit tests: the real migrations, and
// events written with plain SQL (the summary reads only `events`, their runs and `strings`).
import Database from 'better-sqlite3';
import { migrate } from '../../../../src/casefile/migrate';
import { MIGRATIONS } from '../../../../src/casefile/migrations';
import { eventFlags, splitTime } from '../../../../src/casefile/event-layout';
export { rng } from '../../../helpers/rng';

export const W = 15 * 60_000;

export interface Ev {
  t: number;
  name: string;
  source?: string | null;
  p?: string | null;
  k?: string | null;
  ip?: string | null;
  err?: string | null;
  ro?: boolean | null;
  region?: string | null;
  ua?: string | null;
}

export function memoryCase(version = MIGRATIONS.length): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, version) });
  return db;
}

/** The id of a string in the case (created if new), as the ingest interns it. */
export function sid(db: Database.Database, value: string): number {
  db.prepare('INSERT OR IGNORE INTO strings (value) VALUES (?)').run(value);
  return db.prepare('SELECT id FROM strings WHERE value = ?').pluck().get(value) as number;
}

/**
 * Appends events in the given order (row ids follow it); the source defaults to iam. Written in
 * the layout of the case's format: since format 9 with the Region in a run of its own per row.
 */
export function insertEvents(db: Database.Database, evs: readonly Ev[]): void {
  const compact = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'event_ranges'").get();
  const insert = compact
    ? db.prepare(
        `INSERT INTO events (id, event_id, time_s, event_name, event_source, principal_arn,
           access_key_id, source_ip, error_code, flags, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
    : db.prepare(
        `INSERT INTO events (id, event_id, time_ms, event_name, event_source, principal_arn,
           access_key_id, source_ip, error_code, read_only, user_agent, aws_region, source_id,
           file_id, record_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`,
      );
  const insertRun = compact
    ? db.prepare(
        `INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index, region)
         VALUES (?, 1, 1, 1, ?, ?)`,
      )
    : null;
  const id = (v: string | null | undefined): number | null =>
    v === null || v === undefined ? null : sid(db, v);
  const next = (db.prepare('SELECT coalesce(MAX(id), 0) FROM events').pluck().get() as number) + 1;
  db.transaction(() => {
    evs.forEach((e, i) => {
      const ro = e.ro === undefined || e.ro === null ? null : e.ro ? 1 : 0;
      const row = [
        next + i,
        `e-${next + i}`,
        e.t,
        sid(db, e.name),
        e.source === undefined ? sid(db, 'iam.amazonaws.com') : id(e.source),
        id(e.p),
        id(e.k),
        id(e.ip),
        id(e.err),
        ro,
        id(e.ua),
      ];
      if (compact) {
        const { timeS, subMs } = splitTime(e.t);
        row[2] = timeS;
        row[9] = eventFlags(ro, null, 0, subMs);
        insert.run(row);
        insertRun!.run(next + i, next + i, id(e.region));
      } else insert.run(...row, id(e.region), next + i);
    });
  })();
}

export interface SummaryDump {
  buckets: Record<string, unknown>[];
  tuples: Record<string, unknown>[];
  rules: unknown;
  /** The per-key roll-ups (migration 5), which move with the summary. */
  keyRollups: unknown[];
}

/** Every row of the summary, blobs as hex, in primary-key order. */
export function dumpSummary(db: Database.Database): SummaryDump {
  const hex = (rows: Record<string, unknown>[]): Record<string, unknown>[] =>
    rows.map((r) => ({ ...r, apis: (r['apis'] as Buffer).toString('hex') }));
  return {
    buckets: hex(
      db
        .prepare(
          'SELECT * FROM activity_buckets ORDER BY principal_arn, access_key_id, source_ip, bucket',
        )
        .all() as Record<string, unknown>[],
    ),
    tuples: hex(
      db
        .prepare('SELECT * FROM activity_tuples ORDER BY principal_arn, access_key_id, source_ip')
        .all() as Record<string, unknown>[],
    ),
    rules: db.prepare('SELECT rules FROM activity_summary').pluck().all(),
    // A format-4 case has none.
    keyRollups: db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'key_rollups'").get()
      ? db.prepare('SELECT * FROM key_rollups ORDER BY access_key_id, field, value').all()
      : [],
  };
}

/** Unsigned LEB128, decoded here rather than with the codec under test. */
export function varints(hex: string): number[] {
  const bytes = Buffer.from(hex, 'hex');
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (const b of bytes) {
    value += (b % 128) * scale;
    if (b < 128) {
      out.push(value);
      value = 0;
      scale = 1;
    } else scale *= 128;
  }
  return out;
}
