// What a responder does to the timeline: pin and unpin evidence, annotate an entry, correct an
// entry. Each is one audited write; a correction or an unpin is a new row that supersedes the old
// one, never an edit in place, and its reason is kept in the audit entry.
import type { CaseFile } from '../casefile/open';
import {
  appendTimeline,
  getTimelineEntry,
  iterateTimeline,
  timelineAuditRecord,
} from '../casefile/repos/timeline';
import type { Db } from '../casefile/sqlite';
import type { TimelineEntry } from '../shared/domain';
import { CairnError } from '../shared/errors';
import { resolveEvidence, evidenceKey, type EvidenceKey } from './evidence';

function supersedingRow(db: Db, id: number): number | null {
  const r = db.prepare('SELECT id FROM timeline WHERE supersedes = ? LIMIT 1').pluck().get(id) as
    number | undefined;
  return r ?? null;
}

/** The entry, refusing one that a later row has already corrected, unpinned or withdrawn. */
function currentEntry(db: Db, id: number): TimelineEntry {
  const entry = getTimelineEntry(db, id);
  if (!entry) throw new CairnError('NOT_FOUND', `id: timeline entry #${id} does not exist`);
  const by = supersedingRow(db, id);
  if (by !== null)
    throw new CairnError(
      'CONFLICT',
      `id: timeline entry #${id} was already superseded by #${by}`,
      `act on #${by} instead`,
    );
  if (entry.retracted)
    throw new CairnError('CONFLICT', `id: timeline entry #${id} is itself a withdrawal`);
  return entry;
}

/** The current pin of this record, if any (pinning twice would double-count it). */
function currentPin(db: Db, key: EvidenceKey): number | null {
  const superseded = new Set<number>();
  const pins: TimelineEntry[] = [];
  for (const e of iterateTimeline(db)) {
    if (e.supersedes !== null) superseded.add(e.supersedes);
    if (e.kind === 'evidence' && !e.retracted) pins.push(e);
  }
  const want = evidenceKey(key);
  const pin = pins.find(
    (p) =>
      !superseded.has(p.id) &&
      p.refs.some(
        (r) =>
          (r.type === 'event' || r.type === 's3_access') &&
          evidenceKey({ type: r.type, id: String(r.id) }) === want,
      ),
  );
  return pin?.id ?? null;
}

export function pinEvidence(
  file: CaseFile,
  actor: string,
  input: { type: EvidenceKey['type']; id: string; comment?: string | undefined },
): TimelineEntry {
  const key: EvidenceKey = { type: input.type, id: input.id };
  const resolved = resolveEvidence(file.db, [key]).get(evidenceKey(key))!;
  const rec = resolved.record;
  if (!rec.found || rec.time === null)
    throw new CairnError(
      'NOT_FOUND',
      `id: ${rec.summary}`,
      'list events with `cairn events FILE` and pin one by its eventID',
    );
  const existing = currentPin(file.db, { type: rec.type, id: rec.id });
  if (existing !== null)
    throw new CairnError('CONFLICT', `id: ${rec.summary} is already pinned as #${existing}`);
  const comment = input.comment?.trim();
  return file.writer.write('timeline.pin', actor, (w) => {
    const entry = appendTimeline(w, {
      eventTimeMs: Date.parse(rec.time!),
      kind: 'evidence',
      text: comment ? `${rec.summary} — ${comment}` : rec.summary,
      refs: [{ type: rec.type, id: rec.type === 'event' ? rec.id : Number(rec.id) }],
    });
    // The audit entry vouches for the exact record pinned, by its provenance and hash.
    return {
      audit: {
        entry: timelineAuditRecord(entry),
        evidence: {
          type: rec.type,
          id: rec.id,
          fileId: rec.provenance?.fileId ?? null,
          locator: rec.provenance?.locator ?? null,
          recordSha256: rec.recordSha256,
        },
      },
      value: entry,
    };
  });
}

export function unpinEvidence(
  file: CaseFile,
  actor: string,
  input: { id: number; reason: string },
): TimelineEntry {
  const pin = currentEntry(file.db, input.id);
  if (pin.kind !== 'evidence')
    throw new CairnError(
      'INVALID_INPUT',
      `id: timeline entry #${input.id} is a ${pin.kind}, not pinned evidence`,
      'correct it instead',
    );
  return file.writer.write('timeline.unpin', actor, (w) => {
    const entry = appendTimeline(w, {
      eventTimeMs: Date.parse(pin.eventTime),
      kind: 'evidence',
      text: `Unpinned #${pin.id}: ${pin.text}`,
      refs: pin.refs,
      supersedes: pin.id,
      retracted: true,
    });
    return {
      audit: { entry: timelineAuditRecord(entry), of: pin.id, reason: input.reason },
      value: entry,
    };
  });
}

export function annotateEntry(
  file: CaseFile,
  actor: string,
  input: { id: number; text: string },
): TimelineEntry {
  const target = currentEntry(file.db, input.id);
  return file.writer.write('timeline.annotate', actor, (w) => {
    // Placed at the annotated entry's time so it reads next to it.
    const entry = appendTimeline(w, {
      eventTimeMs: Date.parse(target.eventTime),
      kind: 'note',
      text: input.text,
      refs: [{ type: 'timeline', id: target.id }],
    });
    return { audit: { entry: timelineAuditRecord(entry), of: target.id }, value: entry };
  });
}

export function correctEntry(
  file: CaseFile,
  actor: string,
  input: { id: number; text?: string | undefined; atMs?: number | null; reason: string },
): TimelineEntry {
  const old = currentEntry(file.db, input.id);
  const text = input.text?.trim() || old.text;
  const atMs = input.atMs ?? Date.parse(old.eventTime);
  if (text === old.text && atMs === Date.parse(old.eventTime))
    throw new CairnError(
      'INVALID_INPUT',
      'text: the correction changes neither the text nor the time',
      'give the corrected text or --at',
    );
  return file.writer.write('timeline.correct', actor, (w) => {
    const entry = appendTimeline(w, {
      eventTimeMs: atMs,
      kind: old.kind,
      text,
      refs: old.refs,
      supersedes: old.id,
    });
    return {
      audit: { entry: timelineAuditRecord(entry), of: old.id, reason: input.reason },
      value: entry,
    };
  });
}
