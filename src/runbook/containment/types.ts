// The shapes of containment: the actions a runbook asks for (validated, since they arrive from the
// API), the plan shown before anything runs, and the outcome recorded after. Schemas are zod so a
// host can validate them at its boundary; the TypeScript types are inferred from them.
import { z } from 'zod';
import { CairnError } from '../../shared/errors';

// IAM user and role names: AWS's own pattern [\w+=,.@-]+, 1–64 characters.
const IamName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM name: 1–64 of letters, digits and _ + = , . @ -');

// Long-term keys only (AKIA…): temporary ASIA… keys are STS sessions that UpdateAccessKey cannot
// touch; those are ended with revoke-older-sessions on the user or role that issued them.
const LongTermKeyId = z
  .string()
  .regex(/^\w{16,128}$/, 'must be an access key id (16–128 letters and digits)')
  .refine((id) => !id.startsWith('ASIA'), {
    message:
      'is a temporary (ASIA…) key: it cannot be deactivated; use revoke-older-sessions on the user or role that issued it',
  });

// Legacy us-east-1 buckets may have capitals and underscores and up to 255 characters, and a
// responder may have to contain exactly such an old bucket.
const BucketName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{3,255}$/, 'must be an S3 bucket name (3–255 of letters, digits . _ -)');

const AccountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

export const PrincipalTypeSchema = z.enum(['user', 'role']);
export type PrincipalType = z.infer<typeof PrincipalTypeSchema>;

export const ContainmentActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('deactivate-access-key'),
    accessKeyId: LongTermKeyId,
    /** Owner of the key; when absent Cairn asks IAM (GetAccessKeyLastUsed) before the change. */
    userName: IamName.optional(),
  }),
  z.strictObject({
    kind: z.literal('block-public-access'),
    bucket: BucketName,
    /** Sent as ExpectedBucketOwner, so the call fails rather than change someone else's bucket. */
    accountId: AccountId.optional(),
  }),
  z.strictObject({
    kind: z.literal('revoke-older-sessions'),
    principal: PrincipalTypeSchema,
    name: IamName,
    issuedBefore: z.iso.datetime({ offset: true }),
  }),
  z.strictObject({
    kind: z.literal('deny-all'),
    principal: PrincipalTypeSchema,
    name: IamName,
  }),
]);
export type ContainmentAction = z.infer<typeof ContainmentActionSchema>;
export type ContainmentKind = ContainmentAction['kind'];
export type ActionOf<K extends ContainmentKind> = Extract<ContainmentAction, { kind: K }>;

export const AwsServiceSchema = z.enum(['iam', 's3']);
export type AwsService = z.infer<typeof AwsServiceSchema>;

export const PlannedCallSchema = z.object({
  service: AwsServiceSchema,
  /** The SDK v3 operation (command name without `Command`), e.g. UpdateAccessKey. */
  operation: z.string(),
  /** The exact SDK input. */
  input: z.record(z.string(), z.unknown()),
  /** The same call as an AWS CLI command for a POSIX shell, quoted so it can be pasted. */
  cli: z.string(),
});
export type PlannedCall = z.infer<typeof PlannedCallSchema>;

export const PlannedCheckSchema = PlannedCallSchema.extend({
  /** What the answer must show for the change to count as verified. */
  expect: z.string(),
});
export type PlannedCheck = z.infer<typeof PlannedCheckSchema>;

export const PlanSchema = z.object({
  kind: z.enum([
    'deactivate-access-key',
    'block-public-access',
    'revoke-older-sessions',
    'deny-all',
  ]),
  title: z.string(),
  why: z.string(),
  /** Read-only calls made before the change (e.g. finding a key's owner, the current setting). */
  lookups: z.array(PlannedCallSchema),
  /** The calls that change AWS. */
  changes: z.array(PlannedCallSchema),
  /** The read-back that verifies the change. */
  checks: z.array(PlannedCheckSchema),
  /** The change as shell command(s), one per line, to run by hand. */
  manualCommand: z.string(),
  /** What stops working once the change is made. */
  breaks: z.array(z.string()),
  undo: z.object({ summary: z.string(), cli: z.array(z.string()) }),
  notes: z.array(z.string()),
});
export type Plan = z.infer<typeof PlanSchema>;

export const CallRecordSchema = z.object({
  service: AwsServiceSchema,
  operation: z.string(),
  input: z.record(z.string(), z.unknown()),
  ok: z.boolean(),
  /** The AWS error (its code as the SDK names it, and AWS's message). */
  error: z.object({ name: z.string(), message: z.string() }).optional(),
  requestId: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** The answer of a successful call, as JSON (no SDK metadata). */
  output: z.record(z.string(), z.unknown()).optional(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const VerificationSchema = z.object({
  ok: z.boolean(),
  observed: z.record(z.string(), z.unknown()),
  expected: z.record(z.string(), z.unknown()),
  /** How the answer was read, when that needs saying (e.g. no bucket policy counts as not public). */
  notes: z.array(z.string()),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const OUTCOME_STATUSES = [
  'done-verified',
  'done-unverified',
  'failed',
  'dry-run',
  'manual-required',
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const OutcomeSchema = z.object({
  status: z.enum(OUTCOME_STATUSES),
  /** The action as performed: with what the lookups found (e.g. the key owner's user name). */
  action: ContainmentActionSchema,
  /** The plan as shown before the run. */
  plan: PlanSchema,
  /** One plain sentence about what happened. */
  message: z.string(),
  hint: z.string().optional(),
  calls: z.array(CallRecordSchema),
  verification: VerificationSchema.optional(),
  /** What to run by hand (dry-run, manual-required, failed); the responder confirms it was done. */
  manualCommand: z.string().optional(),
  /** The exact command that reverts this change, when Cairn knows the state before it. */
  undo: z.string().optional(),
  /** UTC ms the run started (the caller's clock). */
  at: z.number().int(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Validates an action from outside; the error names the field (INVALID_INPUT). */
export function parseContainmentAction(raw: unknown): ContainmentAction {
  const parsed = ContainmentActionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'action';
  throw new CairnError(
    'INVALID_INPUT',
    `containment action: ${field}: ${issue?.message ?? 'invalid'}`,
    'kinds: deactivate-access-key {accessKeyId, userName?}, block-public-access {bucket, accountId?}, revoke-older-sessions {principal, name, issuedBefore}, deny-all {principal, name}',
  );
}
