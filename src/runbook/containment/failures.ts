// How a failed AWS call ends a containment run: missing, expired or insufficient credentials mean
// a person has to run the command with other credentials (manual-required); anything else means
// the change cannot be made as asked (failed). Messages come from awsError, hints are written for
// a change (awsError's own hints speak of reading).
import { CairnError } from '../../shared/errors';
import { awsError } from '../../sources/aws';
import { AwsCallError } from './aws-io';
import type { AwsService, OutcomeStatus } from './types';

// The credentials Cairn uses may not make this call.
const REFUSED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
// Cairn has no usable credentials at all.
const NO_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'TokenRefreshRequired',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

// S3 names the permission after the bucket-level setting, not after the API operation.
const S3_PERMISSION: Record<string, string> = {
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  GetBucketPolicyStatus: 's3:GetBucketPolicyStatus',
};

export function permissionFor(service: AwsService, operation: string): string {
  return service === 's3' ? (S3_PERMISSION[operation] ?? `s3:${operation}`) : `iam:${operation}`;
}

export interface StopReason {
  status: Extract<OutcomeStatus, 'manual-required' | 'failed'>;
  message: string;
  hint?: string;
}

/** Why the run stopped before the change was verified; rethrows anything that is not AWS's or ours. */
export function stopReason(
  err: unknown,
  subject: string,
  profile: string | undefined,
  /** The permissions the manual command needs (those of the change). */
  needed: readonly string[],
): StopReason {
  if (err instanceof CairnError) {
    return { status: 'failed', message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  }
  if (!(err instanceof AwsCallError)) throw err;
  const name = err.awsName;
  const message = awsError(err.sdkError, `${subject}: ${err.operation}`, profile).message;
  const failed = permissionFor(err.service, err.operation);
  const permissions = needed.includes(failed) ? needed : [...needed, failed];
  const then = `Run the command below with credentials allowed to call ${permissions.join(' and ')}, then confirm here that it was done.`;
  if (NO_CREDENTIALS.has(name)) {
    const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
    return {
      status: 'manual-required',
      message,
      hint: `Cairn has no usable AWS credentials (refresh them with ${login}, or set AWS_PROFILE or AWS_ACCESS_KEY_ID). ${then}`,
    };
  }
  if (REFUSED.has(name)) {
    const why =
      err.operation === 'GetAccessKeyLastUsed'
        ? 'Cairn could not find who owns the key: IAM refused the lookup, as it also does for a key of another account (aws sts get-access-key-info --access-key-id … names the account).'
        : 'The credentials Cairn uses were refused this call.';
    return { status: 'manual-required', message, hint: `${why} ${then}` };
  }
  return { status: 'failed', message, ...failureHint(name) };
}

function failureHint(name: string): { hint?: string } {
  switch (name) {
    case 'NoSuchEntity':
    case 'NoSuchEntityException':
      return { hint: 'check the names and ids in the action: IAM does not know one of them' };
    case 'NoSuchBucket':
      return { hint: 'check the bucket name (and the region, if the bucket is in another one)' };
    default:
      return {};
  }
}
