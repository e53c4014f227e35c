// The unified case timeline: every timeline row (pinned evidence, notes, actions, decisions,
// notifications, deadlines) and every highlight a current finding carries (exposure window
// opened, first malicious use, …), in one event-time order. Corrections and unpins supersede;
// nothing is edited in place, so the history stays visible on request.
import { z } from 'zod';
import { getAuditEntry } from '../casefile/audit';
import { listFindings } from '../casefile/repos/findings';
import { iterateTimeline } from '../casefile/repos/timeline';
import type { Db } from '../casefile/sqlite';
import {
  IsoInstant,
  TimelineRefSchema,
  type TimelineEntry,
  type TimelineRef,
} from '../shared/domain';
import type { EvidenceRecord, UnifiedEntry } from '../shared/timeline';
import { evidenceKey, lookupEvidence, resolveEvidence, type EvidenceKey } from './evidence';

/** What an analysis puts in `result.highlights` for moments that belong on the timeline. */
export const HighlightSchema = z.object({
  at: IsoInstant,
  text: z.string().min(1),
  refs: z.array(TimelineRefSchema).optional(),
});

export interface UnifiedOptions {
  /** Include superseded and retracted rows (the correction history). */
  includeHistory: boolean;
  fromMs?: number;
  toMs?: number;
  /** Read the kept files to hash each evidence record (slower; exports need it). */
  hashEvidence: boolean;
}

/** Evidence references of an entry; other kinds (finding, timeline, …) are links, not records. */
export function evidenceKeysOf(refs: readonly TimelineRef[]): EvidenceKey[] {
  return refs
    .filter((r) => r.type === 'event' || r.type === 's3_access')
    .map((r) => ({ type: r.type as EvidenceKey['type'], id: String(r.id) }));
}

function reasonOf(db: Db, auditSeq: number): string | null {
  const entry = getAuditEntry(db, auditSeq);
  if (!entry) return null;
  const payload = JSON.parse(entry.payload) as { reason?: unknown };
  return typeof payload.reason === 'string' ? payload.reason : null;
}

function fromTimeline(
  e: TimelineEntry,
  supersededBy: Map<number, number>,
  reason: string | null,
): UnifiedEntry {
  const by = supersededBy.get(e.id) ?? null;
  const target = e.kind === 'note' ? e.refs.find((r) => r.type === 'timeline') : undefined;
  return {
    key: `T${e.id}`,
    timelineId: e.id,
    findingId: null,
    eventTime: e.eventTime,
    recordedAt: e.recordedAt,
    kind: e.kind,
    actor: e.actor,
    text: e.text,
    refs: e.refs,
    status: e.retracted ? 'retracted' : by !== null ? 'superseded' : 'current',
    supersedes: e.supersedes,
    supersededBy: by,
    annotates: target ? Number(target.id) : null,
    reason,
    evidence: [],
    auditSeq: e.auditSeq,
  };
}

function highlightEntries(db: Db): UnifiedEntry[] {
  const out: UnifiedEntry[] = [];
  for (const f of listFindings(db)) {
    const raw = (f.result as { highlights?: unknown } | null)?.highlights;
    if (!Array.isArray(raw)) continue;
    raw.forEach((h, i) => {
      const parsed = HighlightSchema.safeParse(h);
      if (!parsed.success || Number.isNaN(Date.parse(parsed.data.at))) return;
      out.push({
        key: `F${f.id}.${i}`,
        timelineId: null,
        findingId: f.id,
        eventTime: new Date(Date.parse(parsed.data.at)).toISOString(),
        recordedAt: f.createdAt,
        kind: 'finding',
        actor: f.actor,
        text: parsed.data.text,
        refs: [{ type: 'finding', id: f.id }, ...(parsed.data.refs ?? [])],
        status: 'current',
        supersedes: null,
        supersededBy: null,
        annotates: null,
        reason: null,
        evidence: [],
        auditSeq: null,
      });
    });
  }
  return out;
}

/** Evidence records per entry are capped so one highlight citing thousands of rows stays readable. */
export const MAX_EVIDENCE_PER_ENTRY = 50;

export function buildUnifiedTimeline(db: Db, opts: UnifiedOptions): UnifiedEntry[] {
  const rows = [...iterateTimeline(db)];
  const supersededBy = new Map<number, number>();
  for (const r of rows) if (r.supersedes !== null) supersededBy.set(r.supersedes, r.id);
  let entries = [
    ...rows.map((r) =>
      fromTimeline(r, supersededBy, r.supersedes !== null ? reasonOf(db, r.auditSeq) : null),
    ),
    ...highlightEntries(db),
  ];
  if (!opts.includeHistory) entries = entries.filter((e) => e.status === 'current');
  entries = entries.filter((e) => {
    const t = Date.parse(e.eventTime);
    return (
      (opts.fromMs === undefined || t >= opts.fromMs) && (opts.toMs === undefined || t <= opts.toMs)
    );
  });
  entries.sort((a, b) =>
    a.eventTime === b.eventTime
      ? a.recordedAt === b.recordedAt
        ? a.key.localeCompare(b.key)
        : a.recordedAt.localeCompare(b.recordedAt)
      : a.eventTime.localeCompare(b.eventTime),
  );
  const keysPerEntry = entries.map((e) => evidenceKeysOf(e.refs).slice(0, MAX_EVIDENCE_PER_ENTRY));
  let records: Map<string, EvidenceRecord>;
  if (opts.hashEvidence) {
    const resolved = resolveEvidence(db, keysPerEntry.flat());
    records = new Map([...resolved].map(([k, v]) => [k, v.record]));
  } else {
    records = new Map();
    for (const k of keysPerEntry.flat())
      if (!records.has(evidenceKey(k))) records.set(evidenceKey(k), lookupEvidence(db, k));
  }
  return entries.map((e, i) => ({
    ...e,
    evidence: (keysPerEntry[i] ?? []).map((k) => records.get(evidenceKey(k))!),
  }));
}
