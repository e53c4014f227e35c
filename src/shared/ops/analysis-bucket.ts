// Bucket exposure analysis: when was a bucket public, what closed it, and who read it meanwhile.
// The result shape is shared by the engine, the CLI's --json and the renderer's chart.
import { z } from 'zod';
import { IsoInstant, TimelineRefSchema } from '../domain';
import { CasePath, op } from './define';

/**
 * public: a known grant makes it public; possible: a grant the logs do not show was exposed by a
 * change; unknown: the logs never show its grants; not-public: every grant known closed or blocked.
 */
export const EXPOSURE_LEVELS = ['public', 'possible', 'unknown', 'not-public'] as const;

/** The CloudTrail event behind a change: enough to find it and to say who did it. */
export const EventRefSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  principalArn: z.string().nullable(),
  eventTime: IsoInstant,
  sourceIp: z.string().nullable(),
});
export type EventRef = z.infer<typeof EventRefSchema>;

export const ReadSampleSchema = z.object({
  at: IsoInstant,
  source: z.enum(['s3-access', 'cloudtrail']),
  ip: z.string().nullable(),
  /** Requester ARN or id; null = anonymous in the access log. */
  requester: z.string().nullable(),
  key: z.string().nullable(),
  operation: z.string(),
  bytes: z.number(),
  /** Why it counts as external: "anonymous", "outside internal ranges (public)", "account …". */
  why: z.array(z.string()),
  ref: TimelineRefSchema,
});
export type ReadSample = z.infer<typeof ReadSampleSchema>;

export const ExternalAccessSchema = z.object({
  /** Successful external reads (access-log lines and data events, de-duplicated). */
  requests: z.number().int(),
  /** Distinct objects read. */
  objects: z.number().int(),
  bytes: z.number(),
  /** False when some data events' bytes were not read (see caveats; --exact-bytes reads them all). */
  bytesComplete: z.boolean(),
  /** Distinct source addresses of the successful reads. */
  ips: z.number().int(),
  first: IsoInstant.nullable(),
  last: IsoInstant.nullable(),
  /** External reads S3 refused (HTTP 401/403, AccessDenied). */
  denied: z.number().int(),
  /** Successful reads with no credentials at all. */
  anonymous: z.number().int(),
  topIps: z.array(
    z.object({
      ip: z.string(),
      ipClass: z.string().nullable(),
      requests: z.number().int(),
      bytes: z.number(),
    }),
  ),
  /** The first successful external reads (at most 500), oldest first. */
  reads: z.array(ReadSampleSchema),
  readsTruncated: z.boolean(),
  /** Data events dropped because the access log has the same read (request ID, or same second, address and object). */
  duplicatesRemoved: z.number().int(),
  /** Which evidence could see reads in this window. */
  sources: z.array(z.enum(['s3-access', 'data-events'])),
});
export type ExternalAccess = z.infer<typeof ExternalAccessSchema>;

export const BucketWindowSchema = z.object({
  start: IsoInstant,
  /** null: still open at the last log record. */
  end: IsoInstant.nullable(),
  /** The window began before the first log record: `start` is only where the logs begin. */
  openStart: z.boolean(),
  openedBy: EventRefSchema.nullable(),
  closedBy: EventRefSchema.nullable(),
  /** confirmed: a public grant or an anonymous read proves it; possible: the logs cannot rule it out. */
  confidence: z.enum(['confirmed', 'possible']),
  /** First moment the bucket is known to be public inside the window. */
  publicFrom: IsoInstant.nullable(),
  /** To `end`, or to the last log record while still open (then "at least"). */
  durationMs: z.number(),
  /** What was (or may have been) public, in plain words. */
  exposure: z.array(z.string()),
  /** null when neither access logs nor data events could see reads in this window. */
  externalAccess: ExternalAccessSchema.nullable(),
});
export type BucketWindow = z.infer<typeof BucketWindowSchema>;

export const BucketChangeSchema = z.object({
  at: IsoInstant,
  event: EventRefSchema,
  /** False for failed calls and non-S3 records: they changed nothing. */
  applied: z.boolean(),
  failed: z.string().nullable(),
  text: z.string(),
  /** The bucket's exposure right after this change (null when it was not applied). */
  exposureAfter: z.enum(EXPOSURE_LEVELS).nullable(),
});
export type BucketChange = z.infer<typeof BucketChangeSchema>;

export const BucketHighlightSchema = z.object({
  at: IsoInstant,
  text: z.string(),
  refs: z.array(TimelineRefSchema),
});

const CoverageSchema = z.object({ from: IsoInstant, to: IsoInstant });

export const BucketExposureSchema = z.object({
  bucket: z.string(),
  ownerAccountId: z.string().nullable(),
  /** Exposure at the last log record. */
  state: z.enum(EXPOSURE_LEVELS),
  /** One paragraph a responder can read first. */
  summary: z.string(),
  coverage: z.object({
    /** CloudTrail records in the case, any bucket. */
    cloudTrail: CoverageSchema.nullable(),
    /** S3 server access log lines for this bucket. */
    accessLogs: CoverageSchema.extend({ lines: z.number().int() }).nullable(),
    /** The case holds CloudTrail data events reading this bucket. */
    dataEvents: z.boolean(),
  }),
  windows: z.array(BucketWindowSchema),
  /** Every access-control change for the bucket (and its account), oldest first. */
  changes: z.array(BucketChangeSchema),
  /** What the logs cannot show, in plain language. */
  caveats: z.array(z.string()),
  /** Moments for the case timeline. */
  highlights: z.array(BucketHighlightSchema),
  /** Successful anonymous reads at times the replay says the bucket was not public. */
  unexplainedAnonymousReads: z.number().int(),
});
export type BucketExposure = z.infer<typeof BucketExposureSchema>;

export const analysisBucketOps = {
  'analysis.bucketExposure': op({
    summary:
      'When was a bucket public (replayed from its policy, ACL and public access block changes), and who read it from outside meanwhile; recorded as a finding',
    writes: true,
    input: z.object({
      path: CasePath,
      bucket: z.string().trim().min(1, 'bucket: give the bucket name'),
      /** Read every data event's raw record for its bytes (slower on busy buckets). */
      exactBytes: z.boolean().default(false),
    }),
    output: BucketExposureSchema.extend({
      findingId: z.number().int(),
      /** The finding this one replaces (the previous run for the same bucket). */
      supersedes: z.number().int().nullable(),
    }),
  }),
};
