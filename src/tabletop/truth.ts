// The ground truth a generated scenario writes next to its logs (truth.json): every key moment
// with its exact time and event ID, the attacker's addresses and keys, the credentials the
// attack derived (with expirations), the exposure windows and the events that opened and closed
// them, the objects read with their bytes, and the notification rules that apply. Precise enough
// for `cairn ingest` plus the analyses to be scored against it. Times are ISO-8601 UTC.
import { z } from 'zod';
import { CaseFactsSchema } from '../deadlines';
import { TABLETOP_SCENARIOS } from '../shared/ops/tabletop';

export const SCENARIOS = TABLETOP_SCENARIOS;
export type ScenarioId = (typeof SCENARIOS)[number];

const Iso = z.string().describe('ISO-8601 UTC instant, e.g. 2026-03-16T14:02:11.000Z');

/** A moment in the logs: a CloudTrail event, an S3 access-log request, or both (same request). */
export const MomentSchema = z.object({
  time: Iso,
  /** CloudTrail eventID; null when the moment is not in CloudTrail (a leak, an anonymous HEAD). */
  eventId: z.string().nullable(),
  /** CloudTrail eventName, or the access-log operation (REST.GET.OBJECT) when only logged there. */
  eventName: z.string(),
  /** S3 request ID, shared by the CloudTrail record and the access-log line; null for non-S3. */
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  description: z.string(),
});
export type Moment = z.infer<typeof MomentSchema>;

export const AttackerIpSchema = z.object({
  ip: z.string(),
  kind: z.enum(['tor', 'aws-ec2']),
  source: z.string(),
  role: z.string(),
});

export const DerivedCredentialSchema = z.object({
  accessKeyId: z.string(),
  kind: z.enum(['federation-token', 'iam-access-key', 'role-session']),
  principalArn: z.string(),
  /** The key whose holder obtained this one (null when it came from elsewhere, e.g. IMDS). */
  parentAccessKeyId: z.string().nullable(),
  issuedBy: MomentSchema,
  /** When the credentials stop working on their own; null for long-term keys. */
  expiration: Iso.nullable(),
  /** The expiration exactly as the response logged it ("Nov 30, 2024, 8:43:17 PM"). */
  expirationAsLogged: z.string().nullable(),
  firstUse: MomentSchema.nullable(),
  lastUse: MomentSchema.nullable(),
  /** True when it was used after the credential it came from was contained. */
  usedAfterParentContained: z.boolean(),
  revokedBy: MomentSchema.nullable(),
});

export const ExposureWindowSchema = z.object({
  kind: z.enum(['credential', 'bucket']),
  /** An access key ID or a bucket name. */
  subject: z.string(),
  start: Iso,
  /** Null when still open at the end of the generated window. */
  end: Iso.nullable(),
  openedBy: MomentSchema.nullable(),
  closedBy: MomentSchema.nullable(),
  note: z.string(),
});

export const ObjectReadSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  objectSize: z.number().int(),
  /** Successful reads by the attacker (or anonymous callers) inside the exposure. */
  reads: z.number().int(),
  bytesSent: z.number().int(),
  firstReadAt: Iso,
  lastReadAt: Iso,
  sourceIps: z.array(z.string()),
  requestIds: z.array(z.string()),
  /** CloudTrail data-event IDs of those reads (empty when the trail has no data events). */
  eventIds: z.array(z.string()),
});

export const BucketTruthSchema = z.object({
  name: z.string(),
  account: z.string(),
  region: z.string(),
  dataEvents: z.boolean(),
  accessLogging: z.boolean(),
  publicVia: z.enum(['bucket-policy', 'acl']).nullable(),
  /** Every change that made up the opening, the last of which made it public. */
  openedBy: z.array(MomentSchema),
  closedBy: MomentSchema.nullable(),
});

export const ObligationSchema = z.object({
  ruleId: z.string(),
  regime: z.string(),
  jurisdiction: z.string(),
  notify: z.array(z.string()),
  deadline: z.string(),
  reasons: z.array(z.string()),
});

export const TruthSchema = z.object({
  format: z.literal('cairn.tabletop.truth'),
  version: z.literal(1),
  scenario: z.enum(SCENARIOS),
  title: z.string(),
  seed: z.number().int(),
  parameters: z.object({
    events: z.number().int(),
    start: Iso,
    hours: z.number().int(),
    containAfterMinutes: z.number().int().nullable(),
    persistence: z.boolean(),
    writes: z.boolean(),
    dataEvents: z.boolean(),
  }),
  window: z.object({ start: Iso, end: Iso }),
  layout: z.object({
    cloudTrail: z.string(),
    s3AccessLogs: z.string(),
    organizationId: z.string(),
  }),
  org: z.object({
    accounts: z.array(z.object({ id: z.string(), name: z.string() })),
    regions: z.array(z.string()),
    victimAccount: z.string(),
    /** The organisation's own address ranges (offices, VPCs, on-premises servers). */
    internalCidrs: z.array(z.string()),
  }),
  /** What happened, in order, for the facilitator. */
  story: z.array(z.string()),
  keyMoments: z.object({
    exposureStart: MomentSchema,
    firstMaliciousUse: MomentSchema,
    /** When the incident turned (first write, or first data taken); null if it never did. */
    inflectionPoint: MomentSchema.nullable(),
    containment: MomentSchema.nullable(),
  }),
  attacker: z.object({
    ips: z.array(AttackerIpSchema),
    userAgents: z.array(z.string()),
    principalArns: z.array(z.string()),
    /** Every CloudTrail event the attacker caused, in time order. */
    eventIds: z.array(z.string()),
    /** Every S3 request ID of the attacker (anonymous or not) in the access logs, in time order. */
    s3RequestIds: z.array(z.string()),
  }),
  credentials: z.object({
    leaked: z.array(
      z.object({
        accessKeyId: z.string(),
        principalArn: z.string(),
        exposedAt: Iso,
        how: z.string(),
        /** The record that issued it, for session credentials (null for long-term keys). */
        issuedBy: MomentSchema.nullable(),
        /** When it stops working on its own (session credentials); null for long-term keys. */
        expiration: Iso.nullable(),
        firstMaliciousUse: MomentSchema.nullable(),
        deactivatedBy: MomentSchema.nullable(),
      }),
    ),
    derived: z.array(DerivedCredentialSchema),
    createdPrincipals: z.array(
      z.object({
        arn: z.string(),
        userName: z.string(),
        createdBy: MomentSchema,
        policies: z.array(z.string()),
        accessKeyIds: z.array(z.string()),
      }),
    ),
  }),
  exposureWindows: z.array(ExposureWindowSchema),
  buckets: z.array(BucketTruthSchema),
  objectsRead: z.array(ObjectReadSchema),
  obligations: z.object({
    facts: CaseFactsSchema,
    applicable: z.array(ObligationSchema),
    needsAnswer: z.array(z.object({ ruleId: z.string(), questions: z.array(z.string()) })),
    note: z.string(),
  }),
  counts: z.object({
    cloudTrailRecords: z.number().int(),
    backgroundRecords: z.number().int(),
    incidentRecords: z.number().int(),
    trailFiles: z.number().int(),
    accessLogLines: z.number().int(),
    accessLogFiles: z.number().int(),
  }),
});
export type Truth = z.infer<typeof TruthSchema>;

/** The part of the truth a scenario knows by itself; generate() adds the rest. */
export type ScenarioTruth = Pick<
  Truth,
  | 'title'
  | 'story'
  | 'keyMoments'
  | 'attacker'
  | 'credentials'
  | 'exposureWindows'
  | 'buckets'
  | 'objectsRead'
> & { facts: z.infer<typeof CaseFactsSchema> };
