// The single path by which the engine changes a case: the change and its audit entry commit
// in one transaction, so the audit log can never miss a write or record one that did not happen.
import { appendAudit, type AuditEntry } from './audit';
import type { Db } from './sqlite';
import { sqliteError } from './sqlite';
import { CairnError } from '../shared/errors';

export interface WriteContext {
  db: Db;
  /** The sequence number the audit entry of this write will get; rows may reference it. */
  auditSeq: number;
  /** The instant of this write (UTC ms), from the case's clock. */
  nowMs: number;
  actor: string;
}

export interface WriteResult<T> {
  /** What the audit entry records about this write (canonical-JSON-able). */
  audit: unknown;
  value: T;
}

export type Clock = () => number;

export class CaseWriter {
  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly readonly: boolean,
  ) {}

  write<T>(action: string, actor: string, change: (ctx: WriteContext) => WriteResult<T>): T {
    if (this.readonly) {
      throw new CairnError('READ_ONLY', `${this.path} was opened read-only; cannot ${action}`);
    }
    if (!actor.trim())
      throw new CairnError('INVALID_INPUT', 'actor: every change needs a named actor');
    const run = this.db.transaction((): { value: T; entry: AuditEntry } => {
      const head = this.db.prepare('SELECT MAX(seq) AS seq FROM audit').get() as {
        seq: number | null;
      };
      const nowMs = this.clock();
      const ctx: WriteContext = { db: this.db, auditSeq: (head.seq ?? 0) + 1, nowMs, actor };
      const result = change(ctx);
      const entry = appendAudit(this.db, { atMs: nowMs, actor, action, payload: result.audit });
      if (entry.seq !== ctx.auditSeq) {
        throw new CairnError('INTERNAL', `audit sequence moved during ${action}`);
      }
      return { value: result.value, entry };
    });
    try {
      // IMMEDIATE takes the write lock up front, so a busy case fails before any work is done.
      return run.immediate().value;
    } catch (err) {
      throw sqliteError(err, this.path);
    }
  }
}
