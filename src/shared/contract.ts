// The API contract: every operation any host (CLI, web, Electron) can call, with the zod schema
// that validates its input at the boundary and the schema of what it returns. src/api implements
// exactly this map; hosts never call the engine any other way.
import { z } from 'zod';
import { OP_NAMES, type OpName } from './op-names';

/** CloudTrail LookupEvents attribute keys (one filter per call). */
export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
import {
  AppInfoSchema,
  CaseInfoSchema,
  Cursor,
  EventRowSchema,
  JobStateSchema,
  S3AccessRowSchema,
  SourceSummarySchema,
  RecentCaseSchema,
  CaseSummarySchema,
  SEVERITIES,
  TimelineEntrySchema,
  VerifyReportSchema,
} from './domain';

const CasePath = z
  .string()
  .min(1, 'path: give the case file path')
  .describe('path to a .cairn case file');

const IsoWithZone = z.string().min(1).describe('ISO-8601 instant with a zone (Z or ±hh:mm)');

interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  /** True when the operation changes the case file (hosts may serialise these). */
  writes: boolean;
}

function op<I extends z.ZodType, O extends z.ZodType>(def: OpDef<I, O>): OpDef<I, O> {
  return def;
}

export const contract = {
  'case.create': op({
    summary: 'Create a new case file (never overwrites an existing file)',
    writes: true,
    input: z.object({
      path: CasePath,
      title: z.string().trim().min(1, 'title: give the case a title').max(500),
      awareAt: IsoWithZone.optional(),
      awareReason: z.string().max(2000).optional(),
      timezone: z.string().min(1).default('UTC'),
      severity: z.enum(SEVERITIES).optional(),
    }),
    output: CaseSummarySchema,
  }),
  'case.open': op({
    summary: 'Open an existing case file (an older format is backed up, then upgraded)',
    writes: true,
    input: z.object({ path: CasePath }),
    output: CaseSummarySchema,
  }),
  'case.info': op({
    summary: 'Describe a case: title, zone, awareness, counts and audit chain head',
    writes: false,
    input: z.object({ path: CasePath }),
    output: CaseInfoSchema,
  }),
  'case.verify': op({
    summary: 'Re-walk the audit chain and evidence hashes; name the first broken link',
    writes: false,
    input: z.object({ path: CasePath }),
    output: VerifyReportSchema,
  }),
  'timeline.note': op({
    summary: 'Add a note to the case timeline (audited)',
    writes: true,
    input: z.object({
      path: CasePath,
      text: z.string().trim().min(1, 'text: the note is empty').max(20000),
      at: IsoWithZone.optional(),
    }),
    output: TimelineEntrySchema,
  }),
  'timeline.list': op({
    summary: 'List the case timeline in event-time order',
    writes: false,
    input: z.object({ path: CasePath, includeSuperseded: z.boolean().default(false) }),
    output: z.object({ entries: z.array(TimelineEntrySchema) }),
  }),
  'ingest.start': op({
    summary:
      'Ingest CloudTrail and S3 access logs from files, folders, s3:// prefixes or lookup-events:REGION (runs as a job)',
    writes: true,
    input: z.object({
      path: CasePath,
      sources: z
        .array(z.string().min(1))
        .min(1, 'sources: give at least one file, folder, s3:// prefix or lookup-events:REGION'),
      kind: z.enum(['auto', 'cloudtrail', 's3-access']).default('auto'),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      profile: z.string().min(1).optional(),
      region: z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'region: not an AWS Region name such as us-east-1')
        .optional(),
      endpoint: z.url().optional(),
      lookupAttribute: z
        .object({ key: z.enum(LOOKUP_ATTRIBUTE_KEYS), value: z.string().min(1) })
        .optional(),
      bulk: z.enum(['auto', 'always', 'never']).default('auto'),
    }),
    output: JobStateSchema,
  }),
  'jobs.get': op({
    summary: 'The state of a job: progress while it runs, its result or error when done',
    writes: false,
    input: z.object({ jobId: z.string().min(1) }),
    output: JobStateSchema,
  }),
  'jobs.list': op({
    summary: 'Jobs this host has run, optionally for one case',
    writes: false,
    input: z.object({ path: z.string().optional() }),
    output: z.object({ jobs: z.array(JobStateSchema) }),
  }),
  'sources.list': op({
    summary: 'Every ingested source with its counts, limitations and first rejections',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ sources: z.array(SourceSummarySchema) }),
  }),
  'events.list': op({
    summary: 'CloudTrail events in the case, oldest first, filtered and paged',
    writes: false,
    input: z.object({
      path: CasePath,
      accessKeyIds: z.array(z.string()).optional(),
      principalArns: z.array(z.string()).optional(),
      eventNames: z.array(z.string()).optional(),
      sourceIps: z.array(z.string()).optional(),
      buckets: z.array(z.string()).optional(),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      limit: z.number().int().min(1).max(10000).default(100),
      after: Cursor.optional(),
    }),
    output: z.object({ events: z.array(EventRowSchema), next: Cursor.nullable() }),
  }),
  's3access.list': op({
    summary: 'S3 server access log lines in the case, oldest first, filtered and paged',
    writes: false,
    input: z.object({
      path: CasePath,
      buckets: z.array(z.string()).optional(),
      operations: z.array(z.string()).optional(),
      requesters: z.array(z.string()).optional(),
      remoteIps: z.array(z.string()).optional(),
      accessKeyIds: z.array(z.string()).optional(),
      anonymous: z.boolean().optional(),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      limit: z.number().int().min(1).max(10000).default(100),
      after: Cursor.optional(),
    }),
    output: z.object({ lines: z.array(S3AccessRowSchema), next: Cursor.nullable() }),
  }),
  'app.info': op({
    summary: 'What this host is and what it can do',
    writes: false,
    input: z.object({}),
    output: AppInfoSchema,
  }),
  'app.recentCases': op({
    summary: 'Recently used case files, newest first',
    writes: false,
    input: z.object({}),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
  'app.forgetCase': op({
    summary: 'Remove a case file from the recent list (the file itself is not touched)',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
} as const satisfies Record<OpName, OpDef>;

export type Contract = typeof contract;
/** What a caller sends (defaults not yet applied). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;

export function isOpName(name: string): name is OpName {
  return (OP_NAMES as readonly string[]).includes(name);
}

export { OP_NAMES, type OpName };
