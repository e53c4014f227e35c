// Everything a legal export says, gathered once from the case and redacted once, so the four
// formats cannot disagree: the cover, the executive summary, the timeline rows with the
// provenance of each evidence record, the findings with their queries, the log coverage, and the
// chain of custody.
import { auditHead } from '../casefile/audit';
import { readCaseInfo } from '../casefile/repos/case-info';
import { listFindings } from '../casefile/repos/findings';
import type { Db } from '../casefile/sqlite';
import { listSources } from '../query/sources';
import type { CoverageReport } from '../shared/coverage';
import type { AuditHeadSchema } from '../shared/domain';
import type { ExportFormat, ExportRow } from '../shared/export';
import type { EvidenceRecord, UnifiedEntry } from '../shared/timeline';
import { evidenceKey, resolveEvidence } from '../timeline/evidence';
import { buildUnifiedTimeline, evidenceKeysOf, HighlightSchema } from '../timeline/unified';
import { CAIRN_VERSION } from '../version';
import { coverageForExport } from './coverage-source';
import { listRedactionMarks } from './marks';
import { createRedactor, noRedaction, REDACTION_RULES } from './redact';
import { toExportRow } from './rows';
import { buildSummary, type ExportSummary, type NotificationStatus } from './summary';
import type { z } from 'zod';

export interface ExportFinding {
  id: number;
  kind: string;
  subject: string;
  title: string;
  engine: string;
  query: string;
  params: unknown;
  createdAt: string;
  actor: string;
  highlights: { at: string; text: string }[];
}

export interface ExportRecord {
  key: string;
  entryIds: string[];
  evidence: EvidenceRecord;
  /** The raw record, parsed when it is JSON, redacted like everything else. */
  record: unknown;
  error: string | null;
}

export interface CustodySource {
  id: number;
  kind: string;
  location: string;
  status: string;
  limitations: string | null;
  files: { fileId: number | null; location: string; sha256: string | null; status: string }[];
  filesNotListed: number;
}

export interface ExportModel {
  format: ExportFormat;
  case: {
    caseId: string;
    title: string;
    status: string;
    severity: string | null;
    timezone: string;
    awareness: { at: string; setBy: string; reason: string | null } | null;
    createdAt: string;
    createdBy: string;
  };
  preparedBy: string;
  preparedAt: string;
  toolVersion: string;
  range: { from: string | null; to: string | null };
  redaction: { applied: boolean; rules: readonly string[]; marks: number; replaced: number };
  summary: ExportSummary;
  /** Every timeline entry in range, current ones and the history of corrections. */
  entries: UnifiedEntry[];
  rows: ExportRow[];
  findings: ExportFinding[];
  coverage: { report: CoverageReport | null; note: string };
  records: ExportRecord[];
  custody: {
    sources: CustodySource[];
    auditHead: z.infer<typeof AuditHeadSchema> | null;
  };
}

export interface ExportOptions {
  format: ExportFormat;
  fromMs?: number;
  toMs?: number;
  redact: boolean;
  preparedBy: string;
  nowMs: number;
  notifications: NotificationStatus;
  /** Kept files listed per source in the custody appendix (all are hashed in the manifest). */
  maxFilesPerSource?: number;
}

function parseRecord(raw: Buffer | null): unknown {
  if (!raw) return null;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // an S3 access log line
  }
}

function custodySources(db: Db, maxFiles: number): CustodySource[] {
  const files = db.prepare(
    'SELECT file_id, location, sha256, status FROM source_files WHERE source_id = ? ORDER BY id LIMIT ?',
  );
  const count = db.prepare('SELECT COUNT(*) FROM source_files WHERE source_id = ?').pluck();
  return listSources(db).map((s) => {
    const list = files.all(s.id, maxFiles) as {
      file_id: number | null;
      location: string;
      sha256: string | null;
      status: string;
    }[];
    return {
      id: s.id,
      kind: s.kind,
      location: s.location,
      status: s.status,
      limitations: s.limitations,
      files: list.map((f) => ({
        fileId: f.file_id,
        location: f.location,
        sha256: f.sha256,
        status: f.status,
      })),
      filesNotListed: Math.max(0, (count.get(s.id) as number) - list.length),
    };
  });
}

export function buildExportModel(db: Db, path: string, opts: ExportOptions): ExportModel {
  const info = readCaseInfo(db, path);
  const entries = buildUnifiedTimeline(db, {
    includeHistory: true,
    hashEvidence: false,
    ...(opts.fromMs !== undefined ? { fromMs: opts.fromMs } : {}),
    ...(opts.toMs !== undefined ? { toMs: opts.toMs } : {}),
  });
  const resolved = resolveEvidence(
    db,
    entries.flatMap((e) => evidenceKeysOf(e.refs)),
  );
  const withHashes = entries.map((e) => ({
    ...e,
    evidence: e.evidence.map((ev) => resolved.get(evidenceKey(ev))?.record ?? ev),
  }));

  const records = new Map<string, ExportRecord>();
  for (const e of withHashes) {
    for (const ev of e.evidence) {
      const key = evidenceKey(ev);
      const r = resolved.get(key);
      const existing = records.get(key);
      if (existing) existing.entryIds.push(e.key);
      else
        records.set(key, {
          key,
          entryIds: [e.key],
          evidence: ev,
          record: parseRecord(r?.raw ?? null),
          error: r?.error ?? null,
        });
    }
  }

  const marks = listRedactionMarks(db).map((m) => m.value);
  const redactor = opts.redact ? createRedactor(marks) : noRedaction();
  for (const r of records.values()) redactor.learn(r.record);

  const findings: ExportFinding[] = listFindings(db).map((f) => {
    const raw = (f.result as { highlights?: unknown } | null)?.highlights;
    const highlights = Array.isArray(raw)
      ? raw.flatMap((h) => {
          const p = HighlightSchema.safeParse(h);
          return p.success ? [{ at: p.data.at, text: p.data.text }] : [];
        })
      : [];
    return {
      id: f.id,
      kind: f.kind,
      subject: f.subject,
      title: f.title,
      engine: f.engine,
      query: f.query,
      params: f.params,
      createdAt: f.createdAt,
      actor: f.actor,
      highlights,
    };
  });
  const zone = info.timezone;
  const caseInfo: ExportModel['case'] = {
    caseId: info.caseId,
    title: info.title,
    status: info.status,
    severity: info.severity,
    timezone: zone,
    awareness:
      info.awareAtMs === null
        ? null
        : {
            at: new Date(info.awareAtMs).toISOString(),
            setBy: info.awareSetBy ?? 'unknown',
            reason: info.awareReason,
          },
    createdAt: new Date(info.createdAtMs).toISOString(),
    createdBy: info.createdBy,
  };

  // Redact everything once, then derive the rows from the redacted entries.
  const red = redactor.deep({
    case: caseInfo,
    entries: withHashes,
    findings,
    coverage: coverageForExport(db),
    records: [...records.values()],
    custody: custodySources(db, opts.maxFilesPerSource ?? 200),
    summary: buildSummary({
      info,
      entries: withHashes.filter((e) => e.status === 'current'),
      findings,
      notifications: opts.notifications,
    }),
  });
  const replaced =
    redactor.counts.field +
    redactor.counts.learned +
    redactor.counts.shape +
    redactor.counts.marked;
  return {
    format: opts.format,
    case: red.case,
    preparedBy: opts.preparedBy,
    preparedAt: new Date(opts.nowMs).toISOString(),
    toolVersion: CAIRN_VERSION,
    range: {
      from: opts.fromMs === undefined ? null : new Date(opts.fromMs).toISOString(),
      to: opts.toMs === undefined ? null : new Date(opts.toMs).toISOString(),
    },
    redaction: { applied: opts.redact, rules: REDACTION_RULES, marks: marks.length, replaced },
    summary: red.summary,
    entries: red.entries,
    rows: red.entries.map((e) => toExportRow(e, zone)),
    findings: red.findings,
    coverage: red.coverage,
    records: red.records,
    custody: { sources: red.custody, auditHead: auditHead(db) },
  };
}
