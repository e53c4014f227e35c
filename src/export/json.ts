// JSON export: the same rows as the CSV (EXPORT_COLUMNS, string values) plus, for each, every
// evidence record it cites with full provenance; then the summary, findings with their queries,
// the coverage, the raw records (redacted) and the chain of custody.
import { EXPORT_COLUMNS, type ExportRow } from '../shared/export';
import type { ExportModel } from './model';

export const JSON_EXPORT_FORMAT = 'cairn-timeline-export';

export function renderJson(model: ExportModel, manifestSha256: string): Buffer {
  const doc = {
    format: JSON_EXPORT_FORMAT,
    formatVersion: 1,
    manifestSha256,
    toolVersion: model.toolVersion,
    case: model.case,
    preparedBy: model.preparedBy,
    preparedAt: model.preparedAt,
    timezone: model.case.timezone,
    range: model.range,
    redaction: model.redaction,
    summary: model.summary,
    columns: EXPORT_COLUMNS,
    rows: model.rows.map((r, i) => ({ ...r, evidence: model.entries[i]?.evidence ?? [] })),
    findings: model.findings,
    coverage: model.coverage,
    records: model.records.map((r) => ({
      key: r.key,
      entryIds: r.entryIds,
      recordSha256: r.evidence.recordSha256,
      provenance: r.evidence.provenance,
      error: r.error,
      record: r.record,
    })),
    custody: model.custody,
  };
  return Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8');
}

/** Reads an exported JSON back into rows (for verify-export). */
export function parseJsonRows(bytes: Buffer): ExportRow[] {
  const doc = JSON.parse(bytes.toString('utf8')) as { format?: unknown; rows?: unknown };
  if (doc.format !== JSON_EXPORT_FORMAT || !Array.isArray(doc.rows))
    throw new Error('not a Cairn timeline export');
  return doc.rows.map((r: Record<string, unknown>) => {
    const row = {} as ExportRow;
    for (const c of EXPORT_COLUMNS)
      row[c] = typeof r[c] === 'string' ? r[c] : JSON.stringify(r[c] ?? '');
    return row;
  });
}
