// The tamper-evident audit chain. Each entry's hash covers its own fields and the previous
// entry's hash, so changing, removing or reordering any entry breaks every link after it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical';
import type { Db } from './sqlite';
import { statement } from './statements';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  atMs: number;
  actor: string;
  action: string;
  /** Canonical JSON text, exactly as stored. */
  payload: string;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const encoded = canonicalJson({
    seq: e.seq,
    at_ms: e.atMs,
    actor: e.actor,
    action: e.action,
    payload: e.payload,
    prev_hash: e.prevHash,
  });
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}

interface AuditRow {
  seq: number;
  at_ms: number;
  actor: string;
  action: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    atMs: r.at_ms,
    actor: r.actor,
    action: r.action,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function auditHead(db: Db): AuditHead | null {
  // Cached per connection: every ingest batch appends an entry.
  const row = statement(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    AuditHead | undefined;
  return row ?? null;
}

/** Appends one entry; call only inside the writer's transaction. */
export function appendAudit(
  db: Db,
  entry: { atMs: number; actor: string; action: string; payload: unknown },
): AuditEntry {
  const head = auditHead(db);
  const partial = {
    seq: (head?.seq ?? 0) + 1,
    atMs: entry.atMs,
    actor: entry.actor,
    action: entry.action,
    payload: canonicalJson(entry.payload),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const full: AuditEntry = { ...partial, hash: entryHash(partial) };
  statement(
    db,
    'INSERT INTO audit (seq, at_ms, actor, action, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(full.seq, full.atMs, full.actor, full.action, full.payload, full.prevHash, full.hash);
  return full;
}

export function* iterateAudit(db: Db): Generator<AuditEntry> {
  const stmt = db.prepare(
    'SELECT seq, at_ms, actor, action, payload, prev_hash, hash FROM audit ORDER BY seq',
  );
  for (const row of stmt.iterate() as IterableIterator<AuditRow>) yield fromRow(row);
}

export function getAuditEntry(db: Db, seq: number): AuditEntry | null {
  const row = db
    .prepare('SELECT seq, at_ms, actor, action, payload, prev_hash, hash FROM audit WHERE seq = ?')
    .get(seq) as AuditRow | undefined;
  return row ? fromRow(row) : null;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/** Walks the chain in order and returns the first broken link, or null when it is intact. */
export function findChainBreak(entries: Iterable<AuditEntry>): {
  checked: number;
  head: AuditHead | null;
  brokenAt: ChainBreak | null;
} {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let head: AuditHead | null = null;
  let checked = 0;
  for (const e of entries) {
    checked++;
    if (e.seq !== expectedSeq) {
      return {
        checked,
        head,
        brokenAt: {
          seq: expectedSeq,
          reason: `audit entry #${expectedSeq} is missing (the next entry found is #${e.seq}); entries were removed`,
        },
      };
    }
    if (e.prevHash !== prev) {
      return {
        checked,
        head,
        brokenAt: {
          seq: e.seq,
          reason: `audit entry #${e.seq} (${e.action}) does not point to the hash of entry #${e.seq - 1}; the chain was rewritten`,
        },
      };
    }
    let canonical: boolean;
    try {
      canonical = canonicalJson(JSON.parse(e.payload)) === e.payload;
    } catch {
      canonical = false;
    }
    if (!canonical || entryHash(e) !== e.hash) {
      return {
        checked,
        head,
        brokenAt: {
          seq: e.seq,
          reason: `audit entry #${e.seq} (${e.action}, ${new Date(e.atMs).toISOString()}, by ${e.actor}) does not match its hash: it was changed after it was written`,
        },
      };
    }
    prev = e.hash;
    head = { seq: e.seq, hash: e.hash };
    expectedSeq++;
  }
  return { checked, head, brokenAt: null };
}
