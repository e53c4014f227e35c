// Timeline rows. Append-only: a correction or an unpin is a new row that supersedes an old one.
import { toIso } from '../../shared/time';
import type { TimelineEntry, TimelineRef } from '../../shared/domain';
import type { TIMELINE_KINDS } from '../../shared/domain';
import type { Db } from '../sqlite';
import type { WriteContext } from '../writer';

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface NewTimelineEntry {
  eventTimeMs: number;
  kind: TimelineKind;
  text: string;
  refs?: TimelineRef[];
  supersedes?: number | null;
  retracted?: boolean;
}

interface Row {
  id: number;
  event_time_ms: number;
  recorded_at_ms: number;
  kind: TimelineKind;
  actor: string;
  text: string;
  refs: string;
  supersedes: number | null;
  retracted: number;
  audit_seq: number;
}

function fromRow(r: Row): TimelineEntry {
  return {
    id: r.id,
    eventTime: toIso(r.event_time_ms),
    recordedAt: toIso(r.recorded_at_ms),
    kind: r.kind,
    actor: r.actor,
    text: r.text,
    refs: JSON.parse(r.refs) as TimelineRef[],
    supersedes: r.supersedes,
    retracted: r.retracted === 1,
    auditSeq: r.audit_seq,
  };
}

/** The fields of a timeline row that its audit entry vouches for (compared by `cairn verify`). */
export function timelineAuditRecord(e: TimelineEntry): Record<string, unknown> {
  return {
    id: e.id,
    eventTime: e.eventTime,
    recordedAt: e.recordedAt,
    kind: e.kind,
    actor: e.actor,
    text: e.text,
    refs: e.refs,
    supersedes: e.supersedes,
    retracted: e.retracted,
  };
}

export function appendTimeline(ctx: WriteContext, entry: NewTimelineEntry): TimelineEntry {
  const result = ctx.db
    .prepare(
      `INSERT INTO timeline (event_time_ms, recorded_at_ms, kind, actor, text, refs, supersedes, retracted, audit_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      entry.eventTimeMs,
      ctx.nowMs,
      entry.kind,
      ctx.actor,
      entry.text,
      JSON.stringify(entry.refs ?? []),
      entry.supersedes ?? null,
      entry.retracted ? 1 : 0,
      ctx.auditSeq,
    );
  return getTimelineEntry(ctx.db, Number(result.lastInsertRowid))!;
}

export function getTimelineEntry(db: Db, id: number): TimelineEntry | null {
  const row = db.prepare('SELECT * FROM timeline WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** Entries in event-time order; superseded entries are left out unless asked for. */
export function listTimeline(db: Db, opts: { includeSuperseded: boolean }): TimelineEntry[] {
  const sql = opts.includeSuperseded
    ? 'SELECT * FROM timeline ORDER BY event_time_ms, id'
    : `SELECT * FROM timeline t
       WHERE NOT EXISTS (SELECT 1 FROM timeline s WHERE s.supersedes = t.id)
         AND t.retracted = 0
       ORDER BY event_time_ms, id`;
  return (db.prepare(sql).all() as Row[]).map(fromRow);
}

export function* iterateTimeline(db: Db): Generator<TimelineEntry> {
  for (const row of db
    .prepare('SELECT * FROM timeline ORDER BY id')
    .iterate() as IterableIterator<Row>) {
    yield fromRow(row);
  }
}
