// How Cairn reaches AWS: the SDK's standard credential chain, optionally a named profile and a
// region, and optionally an endpoint URL (VPC endpoints, S3-compatible stores, local tests).
// AWS errors become one-line messages that say what to do.
import { CairnError } from '../shared/errors';

export interface AwsOptions {
  profile?: string;
  region?: string;
  endpoint?: string;
}

/** Client settings for any SDK v3 client; retries are Cairn's own (see withRetries). */
export function clientSettings(
  opts: AwsOptions,
  service: 's3' | 'cloudtrail' | 'iam',
): Record<string, unknown> {
  return {
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(service === 's3' && opts.endpoint ? { forcePathStyle: true } : {}),
    // Cairn keeps raw bytes as evidence and checks them itself; S3-compatible stores may not send
    // the newer checksum headers.
    ...(service === 's3'
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
    maxAttempts: 1,
  };
}

interface AwsErrorLike {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  Code?: unknown;
}

/** Names the AWS failure and the fix, for `where` (e.g. s3://bucket/prefix). */
export function awsError(err: unknown, where: string, profile?: string): CairnError {
  const e = (err ?? {}) as AwsErrorLike;
  const name = typeof e.name === 'string' ? e.name : typeof e.Code === 'string' ? e.Code : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const login = profile
    ? `aws sso login --profile ${profile}`
    : 'aws sso login (or refresh your keys)';
  switch (name) {
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'TokenRefreshRequired':
      return new CairnError(
        'IO',
        `${where}: the AWS credentials have expired`,
        `refresh them (${login}) and run the same command again; files already ingested are skipped`,
      );
    case 'CredentialsProviderError':
      return new CairnError(
        'IO',
        `${where}: no AWS credentials found (${message})`,
        'use --profile NAME, or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
      );
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedOperation':
      return new CairnError(
        'IO',
        `${where}: access denied (${message})`,
        'the credentials need read access here (e.g. s3:ListBucket and s3:GetObject, or cloudtrail:LookupEvents)',
      );
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return new CairnError(
        'IO',
        `${where}: AWS does not accept these credentials (${name})`,
        `check the profile or keys in use (${login})`,
      );
    case 'NoSuchBucket':
      return new CairnError(
        'NOT_FOUND',
        `${where}: no such bucket`,
        'check the bucket name and the --region',
      );
    default:
      return new CairnError('IO', `${where}: ${name}: ${message}`);
  }
}
