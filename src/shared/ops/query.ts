// The investigative query: run it on the case, or compile it for the org-scale engines
// (CloudTrail Lake, Athena, LookupEvents) and, for Lake and LookupEvents, run it there and keep
// what comes back as evidence.
import { z } from 'zod';
import { Cursor, EventRowSchema, JobStateSchema } from '../domain';
import { InvestigativeQuerySchema } from '../query';
import { CasePath, op } from './define';

const GroupRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const queryOps = {
  'query.run': op({
    summary:
      'Run an investigative query on the case, or show/run it on CloudTrail Lake, Athena or LookupEvents',
    writes: true,
    input: z.object({
      path: CasePath,
      query: InvestigativeQuerySchema,
      engine: z.enum(['casefile', 'lake', 'athena', 'lookup-events']).default('casefile'),
      /** Lake: the event data store ID or ARN. */
      eventDataStore: z.string().min(1).optional(),
      /** Athena: the CloudTrail table (default cloudtrail_logs). */
      table: z.string().min(1).optional(),
      /** LookupEvents: the Region to ask. */
      region: z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'region: not an AWS Region name such as us-east-1')
        .optional(),
      profile: z.string().min(1).optional(),
      endpoint: z.url().optional(),
      /** For remote engines: actually run it (as a job) instead of only showing it. */
      run: z.boolean().default(false),
      after: Cursor.optional(),
      /** Case file only: skip this many rows (for a table that jumps to any position). */
      offset: z.number().int().min(0).optional(),
      /** Case file only: also count every matching row. */
      count: z.boolean().default(false),
    }),
    output: z.object({
      engine: z.enum(['casefile', 'lake', 'athena', 'lookup-events']),
      /** The exact SQL, or the exact LookupEvents calls. */
      text: z.string(),
      localFilters: z.array(z.string()),
      rows: z.array(EventRowSchema),
      groups: z.array(GroupRow),
      truncated: z.boolean(),
      /** Every matching row, when asked for with count. */
      total: z.number().int().nullable(),
      /** When a remote run was started. */
      job: JobStateSchema.nullable(),
    }),
  }),
} as const;
