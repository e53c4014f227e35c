// Shapes of the unified case timeline: timeline rows and finding highlights in one ordered view,
// each evidence reference resolved to the raw log record it stands for.
import { z } from 'zod';
import { IsoInstant, TIMELINE_KINDS, TimelineRefSchema } from './domain';

/** Where a row of evidence came from, down to the record in the kept file. */
export const EvidenceProvenanceSchema = z.object({
  sourceId: z.number().int(),
  sourceKind: z.string(),
  sourceLocation: z.string(),
  fileId: z.number().int(),
  /** Where the kept file was read from (a path, s3://bucket/key or an API page). */
  fileLocation: z.string(),
  fileSha256: z.string(),
  /** `line` numbers are 1-based; array `index`es are 0-based. */
  locatorKind: z.enum(['line', 'index']),
  locator: z.number().int(),
});
export type EvidenceProvenance = z.infer<typeof EvidenceProvenanceSchema>;

export const EvidenceRecordSchema = z.object({
  type: z.enum(['event', 's3_access']),
  /** eventID for CloudTrail events, the row id for S3 access log lines. */
  id: z.string(),
  found: z.boolean(),
  time: IsoInstant.nullable(),
  /** One line a person can read: what, who, from where. */
  summary: z.string(),
  name: z.string().nullable(),
  principal: z.string().nullable(),
  sourceIp: z.string().nullable(),
  region: z.string().nullable(),
  account: z.string().nullable(),
  provenance: EvidenceProvenanceSchema.nullable(),
  /** sha256 of the record's exact bytes in the kept file (null when it was not read). */
  recordSha256: z.string().nullable(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecordSchema>;

export const UNIFIED_STATUSES = ['current', 'superseded', 'retracted'] as const;

export const UnifiedEntrySchema = z.object({
  /** Stable key: `T<id>` for a timeline row, `F<findingId>.<n>` for a finding's highlight. */
  key: z.string(),
  timelineId: z.number().int().nullable(),
  findingId: z.number().int().nullable(),
  eventTime: IsoInstant,
  recordedAt: IsoInstant,
  kind: z.enum(TIMELINE_KINDS),
  actor: z.string(),
  text: z.string(),
  refs: z.array(TimelineRefSchema),
  status: z.enum(UNIFIED_STATUSES),
  supersedes: z.number().int().nullable(),
  supersededBy: z.number().int().nullable(),
  /** The timeline row this note is about (an annotation), if any. */
  annotates: z.number().int().nullable(),
  /** Why a correction or unpin was made, as recorded in its audit entry. */
  reason: z.string().nullable(),
  evidence: z.array(EvidenceRecordSchema),
  auditSeq: z.number().int().nullable(),
});
export type UnifiedEntry = z.infer<typeof UnifiedEntrySchema>;

export const RedactionMarkSchema = z.object({
  /** Audit sequence number of the write that marked it. */
  seq: z.number().int(),
  value: z.string(),
  reason: z.string(),
  actor: z.string(),
  at: IsoInstant,
});
export type RedactionMark = z.infer<typeof RedactionMarkSchema>;
