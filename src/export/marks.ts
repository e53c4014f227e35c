// Strings the responder marked for redaction (a customer's name, a password pasted in a note).
// Each mark is one audited write and lives in the audit log itself: the chain already makes it
// tamper-evident and append-only, and marks are few, so no table of their own is needed.
import type { CaseFile } from '../casefile/open';
import type { Db } from '../casefile/sqlite';
import { CairnError } from '../shared/errors';
import type { RedactionMark } from '../shared/timeline';

export const MARK_ACTION = 'redaction.mark';
/** Shorter marks would redact parts of ordinary words and identifiers. */
export const MIN_MARK_LENGTH = 4;

export function listRedactionMarks(db: Db): RedactionMark[] {
  const rows = db
    .prepare('SELECT seq, at_ms, actor, payload FROM audit WHERE action = ? ORDER BY seq')
    .all(MARK_ACTION) as { seq: number; at_ms: number; actor: string; payload: string }[];
  return rows.flatMap((r) => {
    const p = (JSON.parse(r.payload) as { redaction?: { value?: unknown; reason?: unknown } })
      .redaction;
    if (typeof p?.value !== 'string') return [];
    return [
      {
        seq: r.seq,
        value: p.value,
        reason: typeof p.reason === 'string' ? p.reason : '',
        actor: r.actor,
        at: new Date(r.at_ms).toISOString(),
      },
    ];
  });
}

export function markForRedaction(
  file: CaseFile,
  actor: string,
  input: { value: string; reason: string },
): RedactionMark {
  const value = input.value.trim();
  if (value.length < MIN_MARK_LENGTH)
    throw new CairnError(
      'INVALID_INPUT',
      `value: mark at least ${MIN_MARK_LENGTH} characters, or it would redact parts of ordinary words`,
    );
  const existing = listRedactionMarks(file.db).find((m) => m.value === value);
  if (existing) return existing;
  return file.writer.write(MARK_ACTION, actor, (w) => ({
    audit: { redaction: { value, reason: input.reason } },
    value: {
      seq: w.auditSeq,
      value,
      reason: input.reason,
      actor,
      at: new Date(w.nowMs).toISOString(),
    },
  }));
}
