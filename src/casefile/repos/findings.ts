// Findings: analysis results with the exact query and parameters that produced them. Re-running
// an analysis records a new finding that supersedes the last one for the same kind and subject;
// nothing is edited in place, and `cairn verify` checks each row against its audit entry.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical';
import type { Finding } from '../../shared/domain';
import type { Db } from '../sqlite';
import type { WriteContext } from '../writer';

export interface NewFinding {
  kind: string;
  subject: string;
  title: string;
  params: unknown;
  engine: 'casefile' | 'lookup-events' | 'lake' | 'athena';
  query: string;
  result: unknown;
}

interface Row {
  id: number;
  kind: string;
  subject: string;
  title: string;
  params: string;
  engine: Finding['engine'];
  query: string;
  result: string;
  created_at_ms: number;
  actor: string;
  supersedes: number | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function fromRow(r: Row): Finding {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    title: r.title,
    params: JSON.parse(r.params) as unknown,
    engine: r.engine,
    query: r.query,
    result: JSON.parse(r.result) as unknown,
    createdAt: new Date(r.created_at_ms).toISOString(),
    actor: r.actor,
    supersedes: r.supersedes,
  };
}

/** What the audit entry of a finding vouches for: its identity and the hashes of its content. */
export function findingAuditRecord(row: {
  id: number;
  kind: string;
  subject: string;
  title: string;
  engine: string;
  query: string;
  params: string;
  result: string;
  supersedes: number | null;
}): Record<string, unknown> {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    title: row.title,
    engine: row.engine,
    querySha256: sha256(row.query),
    paramsSha256: sha256(row.params),
    resultSha256: sha256(row.result),
    supersedes: row.supersedes,
  };
}

export function latestFinding(db: Db, kind: string, subject: string): Finding | null {
  const r = db
    .prepare(
      `SELECT * FROM findings f WHERE kind = ? AND subject = ?
       AND NOT EXISTS (SELECT 1 FROM findings s WHERE s.supersedes = f.id) ORDER BY id DESC LIMIT 1`,
    )
    .get(kind, subject) as Row | undefined;
  return r ? fromRow(r) : null;
}

/** Records a finding inside a writer transaction; returns it with its audit record. */
export function recordFinding(
  w: WriteContext,
  f: NewFinding,
): { finding: Finding; audit: Record<string, unknown> } {
  const previous = latestFinding(w.db, f.kind, f.subject);
  const params = canonicalJson(f.params);
  const result = canonicalJson(f.result);
  const id = Number(
    w.db
      .prepare(
        `INSERT INTO findings (kind, subject, title, params, engine, query, result, created_at_ms, actor, supersedes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.kind,
        f.subject,
        f.title,
        params,
        f.engine,
        f.query,
        result,
        w.nowMs,
        w.actor,
        previous?.id ?? null,
      ).lastInsertRowid,
  );
  const row = w.db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as Row;
  return { finding: fromRow(row), audit: findingAuditRecord(row) };
}

export function listFindings(
  db: Db,
  opts: { kind?: string; includeSuperseded?: boolean } = {},
): Finding[] {
  const where: string[] = [];
  const params: string[] = [];
  if (opts.kind) {
    where.push('f.kind = ?');
    params.push(opts.kind);
  }
  if (!opts.includeSuperseded)
    where.push('NOT EXISTS (SELECT 1 FROM findings s WHERE s.supersedes = f.id)');
  const sql = `SELECT * FROM findings f ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return (db.prepare(sql).all(...params) as Row[]).map(fromRow);
}

export function getFinding(db: Db, id: number): Finding | null {
  const r = db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function* iterateFindingRows(db: Db): Generator<Row> {
  yield* db.prepare('SELECT * FROM findings ORDER BY id').iterate() as IterableIterator<Row>;
}
