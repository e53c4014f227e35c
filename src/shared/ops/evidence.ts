// Evidence operations: ingest as a job, jobs, sources, and listing what the case holds.
import { z } from 'zod';
import {
  Cursor,
  EventRowSchema,
  JobStateSchema,
  S3AccessRowSchema,
  SourceSummarySchema,
} from '../domain';
import { CasePath, IsoWithZone, op } from './define';

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

export const evidenceOps = {
  'events.raw': op({
    summary: 'One event with its raw record exactly as delivered, and where it came from',
    writes: false,
    input: z.object({ path: CasePath, rowId: z.number().int().positive() }),
    output: z.object({
      event: EventRowSchema,
      /** The record's bytes as kept in the evidence file (UTF-8). */
      raw: z.string(),
      rawSha256: z.string(),
      file: z.object({
        id: z.number().int(),
        sha256: z.string(),
        location: z.string(),
        format: z.string(),
      }),
    }),
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
} as const;
