// Log coverage: what the case's evidence can and cannot show, per source, account and Region.
import { z } from 'zod';
import { IsoInstant } from './domain';

export const CoverageGapSchema = z.object({
  from: IsoInstant,
  to: IsoInstant,
  hours: z.number(),
});

export const CloudTrailCoverageSchema = z.object({
  sourceId: z.number().int(),
  sourceKind: z.string(),
  sourceLocation: z.string(),
  account: z.string().nullable(),
  region: z.string().nullable(),
  first: IsoInstant,
  last: IsoInstant,
  records: z.number().int(),
  /** CloudTrail data events (eventCategory Data, or object-level calls such as GetObject). */
  dataEvents: z.number().int(),
  dataEventBuckets: z.array(z.string()),
  /** Silences longer than the threshold between consecutive records, oldest first. */
  gaps: z.array(CoverageGapSchema),
  gapCount: z.number().int(),
});
export type CloudTrailCoverage = z.infer<typeof CloudTrailCoverageSchema>;

export const S3AccessCoverageSchema = z.object({
  sourceId: z.number().int(),
  sourceLocation: z.string(),
  bucket: z.string().nullable(),
  first: IsoInstant,
  last: IsoInstant,
  lines: z.number().int(),
  gaps: z.array(CoverageGapSchema),
  gapCount: z.number().int(),
});

export const BucketVisibilitySchema = z.object({
  bucket: z.string(),
  managementEvents: z.number().int(),
  dataEvents: z.number().int(),
  accessLogLines: z.number().int(),
  /** True when neither data events nor access logs show object reads and writes. */
  objectLevelBlind: z.boolean(),
});

export const CoverageLimitationSchema = z.object({
  sourceId: z.number().int().nullable(),
  text: z.string(),
});
export type CoverageLimitation = z.infer<typeof CoverageLimitationSchema>;

export const CoverageReportSchema = z.object({
  gapThresholdHours: z.number(),
  first: IsoInstant.nullable(),
  last: IsoInstant.nullable(),
  cloudtrail: z.array(CloudTrailCoverageSchema),
  s3Access: z.array(S3AccessCoverageSchema),
  buckets: z.array(BucketVisibilitySchema),
  limitations: z.array(CoverageLimitationSchema),
});
export type CoverageReport = z.infer<typeof CoverageReportSchema>;
