// Shapes of the legal export: the formats, the manifest written beside each export, and what
// `cairn verify-export` reports.
import { z } from 'zod';
import { AuditHeadSchema, IsoInstant } from './domain';

export const EXPORT_FORMATS = ['pdf', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The columns of one exported timeline row, in order. Every value is a string (empty when not
 * applicable) so CSV and JSON carry identical rows and hash identically.
 */
export const EXPORT_COLUMNS = [
  'entryId',
  'status',
  'eventTimeUtc',
  'eventTimeZoned',
  'recordedAtUtc',
  'recordedAtZoned',
  'kind',
  'actor',
  'text',
  'supersedes',
  'supersededBy',
  'annotates',
  'reason',
  'findingId',
  'refs',
  'evidenceCount',
  'evidenceType',
  'evidenceId',
  'evidenceTimeUtc',
  'evidenceSummary',
  'sourceKind',
  'source',
  'file',
  'fileSha256',
  'locatorKind',
  'locator',
  'recordSha256',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string>;

export const ManifestEvidenceSchema = z.object({
  type: z.enum(['event', 's3_access']),
  id: z.string(),
  fileId: z.number().int().nullable(),
  fileSha256: z.string().nullable(),
  locatorKind: z.enum(['line', 'index']).nullable(),
  locator: z.number().int().nullable(),
  recordSha256: z.string().nullable(),
});
export type ManifestEvidence = z.infer<typeof ManifestEvidenceSchema>;

export const ManifestRowSchema = z.object({
  entryId: z.string(),
  /** sha256 of the row's canonical JSON (the EXPORT_COLUMNS values). */
  rowSha256: z.string(),
  /** HTML only: sha256 of the row's exact <tr> markup in the file. */
  markupSha256: z.string().optional(),
  evidence: z.array(ManifestEvidenceSchema),
});
export type ManifestRow = z.infer<typeof ManifestRowSchema>;

/** The part of the manifest that the export itself names by its hash ("export manifest hash"). */
export const ManifestContentSchema = z.object({
  manifestVersion: z.literal(1),
  tool: z.literal('cairn'),
  toolVersion: z.string(),
  format: z.enum(EXPORT_FORMATS),
  case: z.object({ caseId: z.string(), title: z.string(), auditHead: AuditHeadSchema.nullable() }),
  generatedAt: IsoInstant,
  generatedBy: z.string(),
  timezone: z.string(),
  range: z.object({ from: IsoInstant.nullable(), to: IsoInstant.nullable() }),
  redacted: z.boolean(),
  rows: z.array(ManifestRowSchema),
});
export type ManifestContent = z.infer<typeof ManifestContentSchema>;

export const ExportManifestSchema = ManifestContentSchema.extend({
  /** sha256 of the canonical JSON of every field above: printed inside the export. */
  manifestSha256: z.string(),
  export: z.object({ file: z.string(), sha256: z.string(), size: z.number().int() }),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

export const ExportResultSchema = z.object({
  out: z.string(),
  manifestPath: z.string(),
  format: z.enum(EXPORT_FORMATS),
  sha256: z.string(),
  size: z.number().int(),
  manifestSha256: z.string(),
  redacted: z.boolean(),
  redactions: z.number().int(),
  entries: z.number().int(),
  evidenceRows: z.number().int(),
  auditHead: AuditHeadSchema.nullable(),
  /** The audit entry that recorded this export in the case. */
  auditSeq: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ExportProblemSchema = z.object({
  kind: z.enum(['file', 'manifest', 'row', 'case', 'evidence']),
  /** The entry id of the row concerned, when there is one. */
  row: z.string().nullable(),
  message: z.string(),
});
export type ExportProblem = z.infer<typeof ExportProblemSchema>;

export const ExportVerifyReportSchema = z.object({
  ok: z.boolean(),
  file: z.string(),
  manifest: z.string(),
  format: z.enum(EXPORT_FORMATS).nullable(),
  sha256: z.string().nullable(),
  manifestSha256: z.string().nullable(),
  rows: z.number().int(),
  /** Evidence records re-read from the case and compared (0 without a case file). */
  evidenceChecked: z.number().int(),
  caseChecked: z.boolean(),
  problems: z.array(ExportProblemSchema),
});
export type ExportVerifyReport = z.infer<typeof ExportVerifyReportSchema>;
