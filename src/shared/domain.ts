// Domain shapes shared by the engine, every host and the renderer. Schemas are zod so a host can
// validate what crosses its boundary; the TypeScript types are inferred from them.
import { z } from 'zod';

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const CASE_STATUSES = ['open', 'contained', 'closed'] as const;
export const TIMELINE_KINDS = [
  'evidence',
  'finding',
  'action',
  'decision',
  'notification',
  'deadline',
  'note',
] as const;

export const IsoInstant = z
  .string()
  .describe('ISO-8601 UTC instant, e.g. 2026-03-27T23:30:00.000Z');

export const AwarenessSchema = z.object({
  at: IsoInstant,
  setBy: z.string(),
  reason: z.string().nullable(),
});

export const AuditHeadSchema = z.object({ seq: z.number().int(), hash: z.string() });

export const CaseSummarySchema = z.object({
  path: z.string(),
  caseId: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES).nullable(),
  status: z.enum(CASE_STATUSES),
  timezone: z.string(),
  awareness: AwarenessSchema.nullable(),
  createdAt: IsoInstant,
  createdBy: z.string(),
  createdWith: z.string(),
  schemaVersion: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseInfoSchema = CaseSummarySchema.extend({
  counts: z.object({
    timeline: z.number().int(),
    audit: z.number().int(),
    sources: z.number().int(),
    evidenceFiles: z.number().int(),
    events: z.number().int(),
    s3Access: z.number().int(),
    findings: z.number().int(),
  }),
  auditHead: AuditHeadSchema.nullable(),
});
export type CaseInfo = z.infer<typeof CaseInfoSchema>;

export const TimelineRefSchema = z.object({
  type: z.enum(['event', 's3_access', 'finding', 'deadline', 'runbook', 'timeline', 'source']),
  id: z.union([z.string(), z.number()]),
});
export type TimelineRef = z.infer<typeof TimelineRefSchema>;

export const TimelineEntrySchema = z.object({
  id: z.number().int(),
  eventTime: IsoInstant,
  recordedAt: IsoInstant,
  kind: z.enum(TIMELINE_KINDS),
  actor: z.string(),
  text: z.string(),
  refs: z.array(TimelineRefSchema),
  supersedes: z.number().int().nullable(),
  retracted: z.boolean(),
  auditSeq: z.number().int(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const VerifyProblemSchema = z.object({
  kind: z.enum(['audit', 'timeline', 'finding', 'evidence', 'safeguard', 'database', 'runbook']),
  ref: z.string(),
  message: z.string(),
});
export type VerifyProblem = z.infer<typeof VerifyProblemSchema>;

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  path: z.string(),
  auditEntries: z.number().int(),
  auditHead: AuditHeadSchema.nullable(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  evidenceFiles: z.object({ checked: z.number().int(), failed: z.number().int() }),
  timelineEntries: z.number().int(),
  problems: z.array(VerifyProblemSchema),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export const RecentCaseSchema = z.object({
  path: z.string(),
  title: z.string(),
  openedAt: IsoInstant,
  exists: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCaseSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['cli', 'web', 'electron']),
  actor: z.string(),
  defaultCaseDir: z.string().nullable(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const JobStateSchema = z.object({
  id: z.string(),
  kind: z.enum(['ingest', 'export', 'query', 'analysis', 'tabletop']),
  casePath: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: IsoInstant,
  finishedAt: IsoInstant.nullable(),
  /** Kind-specific progress, e.g. files, records and bytes for an ingest. */
  progress: z.unknown(),
  result: z.unknown(),
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string().optional() })
    .nullable(),
});
export type JobState = z.infer<typeof JobStateSchema>;

export const ProvenanceSchema = z.object({
  sourceId: z.number().int(),
  fileId: z.number().int(),
  /** Array index (0-based) or line number (1-based) of the record in the kept file. */
  recordIndex: z.number().int(),
});

export const EventRowSchema = z.object({
  rowId: z.number().int(),
  eventId: z.string(),
  eventTime: IsoInstant,
  eventName: z.string(),
  eventSource: z.string().nullable(),
  awsRegion: z.string().nullable(),
  sourceIp: z.string().nullable(),
  principalArn: z.string().nullable(),
  principalType: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  sessionIssuerArn: z.string().nullable(),
  userAgent: z.string().nullable(),
  errorCode: z.string().nullable(),
  readOnly: z.boolean().nullable(),
  bucket: z.string().nullable(),
  objectKey: z.string().nullable(),
  recipientAccountId: z.string().nullable(),
  provenance: ProvenanceSchema,
});
export type EventRow = z.infer<typeof EventRowSchema>;

export const S3AccessRowSchema = z.object({
  rowId: z.number().int(),
  time: IsoInstant,
  bucket: z.string().nullable(),
  remoteIp: z.string().nullable(),
  requester: z.string().nullable(),
  requestId: z.string().nullable(),
  operation: z.string().nullable(),
  key: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  bytesSent: z.number().nullable(),
  objectSize: z.number().nullable(),
  userAgent: z.string().nullable(),
  authType: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  provenance: ProvenanceSchema,
});
export type S3AccessRowOut = z.infer<typeof S3AccessRowSchema>;

export const Cursor = z.object({ timeMs: z.number(), id: z.number().int() });

export const SourceSummarySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  location: z.string(),
  params: z.record(z.string(), z.unknown()),
  limitations: z.string().nullable(),
  status: z.string(),
  startedAt: IsoInstant,
  finishedAt: IsoInstant.nullable(),
  files: z.number().int(),
  filesSkipped: z.number().int(),
  filesByStatus: z.object({
    done: z.number().int(),
    digest: z.number().int(),
    rejected: z.number().int(),
    failed: z.number().int(),
  }),
  recordsRead: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.string()),
  firstRejections: z.array(
    z.object({ location: z.string(), locator: z.number().int().nullable(), reason: z.string() }),
  ),
});
export type SourceSummary = z.infer<typeof SourceSummarySchema>;

export const FindingSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  subject: z.string(),
  title: z.string(),
  params: z.unknown(),
  engine: z.enum(['casefile', 'lookup-events', 'lake', 'athena']),
  /** The exact query text (SQL, or a description of the API calls) that produced the result. */
  query: z.string(),
  result: z.unknown(),
  createdAt: IsoInstant,
  actor: z.string(),
  supersedes: z.number().int().nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A reminder inside a deadline window: at a fraction of it, or a fixed time before the due. */
export const ReminderPointSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fraction'),
    fraction: z.number().gt(0).lt(1),
    label: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('before_due'),
    ms: z.number().int().positive(),
    label: z.string().min(1).optional(),
  }),
]);
export type ReminderPointSetting = z.infer<typeof ReminderPointSchema>;

/**
 * How the deadline tracker reminds and ranks, per case. null means Cairn's default (reminders at
 * 50 %, 80 % and 1 h before due; due soon at 80 % of the window; 72 h internal target; EU rules
 * in Brussels time). Set with `deadlines.configure` / `cairn deadlines settings`.
 */
export const DeadlineSettingsSchema = z.object({
  reminderPoints: z.array(ReminderPointSchema).min(1).nullable().default(null),
  dueSoonFraction: z.number().gt(0).max(1).nullable().default(null),
  /** Also due soon once this little time is left, whatever the window (null: not used). */
  dueSoonWithinMs: z.number().int().positive().nullable().default(null),
  internalTargetHours: z.number().positive().max(8760).nullable().default(null),
  /** EU/EEA member state of the lead authority (ISO alpha-2); EU clocks are shown in its zone. */
  euMemberState: z
    .string()
    .regex(/^[A-Z]{2}$/, 'euMemberState: an ISO 3166 alpha-2 code such as DE')
    .nullable()
    .default(null),
});
export type DeadlineSettings = z.infer<typeof DeadlineSettingsSchema>;

export const CaseSettingsSchema = z.object({
  /** The organisation's own address ranges (IPs or CIDRs), for "internal" vs "external". */
  internalCidrs: z.array(z.string()).default([]),
  /** Imported threat lists: one IP or CIDR per line, # comments. */
  threatLists: z.array(z.object({ name: z.string().min(1), text: z.string() })).default([]),
  /** A newer ip-ranges.json than the bundled snapshot, kept in the case as given. */
  awsIpRanges: z.unknown().nullable().default(null),
  /** Deadline reminders and thresholds (src/deadlines/tracking.ts reads them). */
  deadlines: DeadlineSettingsSchema.default({
    reminderPoints: null,
    dueSoonFraction: null,
    dueSoonWithinMs: null,
    internalTargetHours: null,
    euMemberState: null,
  }),
});
export type CaseSettings = z.infer<typeof CaseSettingsSchema>;
