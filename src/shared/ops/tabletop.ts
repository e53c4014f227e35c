// Tabletop operations: generate a practice incident (logs plus ground truth) as a job.
import { z } from 'zod';
import { JobStateSchema } from '../domain';
import { IsoWithZone, op } from './define';

export const TABLETOP_SCENARIOS = ['leaked-key', 'public-bucket', 'enumeration'] as const;

/** What a finished `tabletop.generate` job returns as its result. */
export const TabletopSummarySchema = z.object({
  scenario: z.enum(TABLETOP_SCENARIOS),
  title: z.string(),
  seed: z.number().int(),
  out: z.string(),
  truthPath: z.string(),
  cloudTrailRoot: z.string(),
  s3AccessLogRoot: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  records: z.number().int(),
  backgroundRecords: z.number().int(),
  incidentRecords: z.number().int(),
  trailFiles: z.number().int(),
  trailBytes: z.number().int(),
  accessLogLines: z.number().int(),
  accessLogFiles: z.number().int(),
  elapsedMs: z.number().int(),
  recordsPerSecond: z.number().int(),
});
export type TabletopSummary = z.infer<typeof TabletopSummarySchema>;

/** Progress of a running generation (the job's `progress`). */
export const TabletopProgressSchema = z.object({
  phase: z.enum(['writing', 'finishing']),
  records: z.number().int(),
  total: z.number().int(),
  elapsedMs: z.number(),
});

export const tabletopOps = {
  'tabletop.generate': op({
    summary:
      'Generate a tabletop incident: a CloudTrail trail tree, S3 server access logs and truth.json with the ground truth (runs as a job; the job is filed under the output folder)',
    writes: false,
    input: z.object({
      scenario: z.enum(TABLETOP_SCENARIOS),
      seed: z.number().int().min(0).max(4294967295),
      out: z.string().min(1, 'out: give the folder to write (new or empty)'),
      events: z.number().int().min(0).max(1_000_000_000).default(50_000),
      start: IsoWithZone.optional(),
      hours: z.number().int().min(12).max(2160).default(72),
      /** Minutes from the first malicious use to containment; null: not contained; absent: from the seed. */
      containAfterMinutes: z.number().int().min(1).nullable().optional(),
      persistence: z.boolean().default(true),
      writes: z.boolean().default(true),
      dataEvents: z.boolean().default(true),
    }),
    output: JobStateSchema,
  }),
} as const;
