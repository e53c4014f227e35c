// The investigative query: one typed description of "which CloudTrail events", compiled to SQL
// over the case file, to LookupEvents calls, to CloudTrail Lake SQL and to Athena SQL.
import { z } from 'zod';

export const IP_CLASSES = [
  'internal',
  'aws-service',
  'aws',
  'tor',
  'threat',
  'private',
  'public',
  'unparseable',
] as const;

export const GROUP_KEYS = [
  'principalArn',
  'accessKeyId',
  'sourceIp',
  'eventName',
  'eventSource',
  'awsRegion',
  'userAgent',
  'errorCode',
  'recipientAccountId',
  'hour',
  'day',
] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export const InvestigativeQuerySchema = z.object({
  /** ISO-8601 instants with a zone. */
  from: z.string().optional(),
  to: z.string().optional(),
  principalArns: z.array(z.string().min(1)).optional(),
  accessKeyIds: z.array(z.string().min(1)).optional(),
  sessionIssuerArns: z.array(z.string().min(1)).optional(),
  eventNames: z.array(z.string().min(1)).optional(),
  eventSources: z.array(z.string().min(1)).optional(),
  readOnly: z.boolean().optional(),
  /** Error codes to match; "any" = every failed call, "none" = only successful calls. */
  errorCodes: z.union([z.array(z.string().min(1)), z.enum(['any', 'none'])]).optional(),
  sourceIps: z.array(z.string().min(1)).optional(),
  ipClasses: z.array(z.enum(IP_CLASSES)).optional(),
  buckets: z.array(z.string().min(1)).optional(),
  objectKeys: z.array(z.string().min(1)).optional(),
  groupBy: z.array(z.enum(GROUP_KEYS)).optional(),
  limit: z.number().int().min(1).max(100000).default(1000),
});
export type InvestigativeQuery = z.infer<typeof InvestigativeQuerySchema>;
