// One flat row per timeline entry, with stable columns (EXPORT_COLUMNS): the same row in CSV and
// JSON, hashed into the manifest so a changed row can be named.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical';
import { EXPORT_COLUMNS, type ExportRow } from '../shared/export';
import { formatInZone } from '../shared/time';
import type { UnifiedEntry } from '../shared/timeline';

/** "2024-11-30 09:43:17 +01:00 Europe/Berlin": the zone always written out. */
export function zoned(iso: string, zone: string): string {
  return `${formatInZone(Date.parse(iso), zone)} ${zone}`;
}

const ref = (id: number | null): string => (id === null ? '' : `T${id}`);

export function toExportRow(e: UnifiedEntry, zone: string): ExportRow {
  const ev = e.evidence[0];
  const p = ev?.provenance ?? null;
  return {
    entryId: e.key,
    status: e.status,
    eventTimeUtc: e.eventTime,
    eventTimeZoned: zoned(e.eventTime, zone),
    recordedAtUtc: e.recordedAt,
    recordedAtZoned: zoned(e.recordedAt, zone),
    kind: e.kind,
    actor: e.actor,
    text: e.text,
    supersedes: ref(e.supersedes),
    supersededBy: ref(e.supersededBy),
    annotates: ref(e.annotates),
    reason: e.reason ?? '',
    findingId: e.findingId === null ? '' : String(e.findingId),
    refs: e.refs.map((r) => `${r.type}:${r.id}`).join(' '),
    evidenceCount: String(e.evidence.length),
    evidenceType: ev?.type ?? '',
    evidenceId: ev?.id ?? '',
    evidenceTimeUtc: ev?.time ?? '',
    evidenceSummary: ev?.summary ?? '',
    sourceKind: p?.sourceKind ?? '',
    source: p?.sourceLocation ?? '',
    file: p?.fileLocation ?? '',
    fileSha256: p?.fileSha256 ?? '',
    locatorKind: p?.locatorKind ?? '',
    locator: p ? String(p.locator) : '',
    recordSha256: ev?.recordSha256 ?? '',
  };
}

/** The row hash recorded in the manifest. */
export function rowSha256(row: ExportRow): string {
  const ordered = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c]]));
  return createHash('sha256').update(canonicalJson(ordered)).digest('hex');
}
