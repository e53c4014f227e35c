import { describe, expect, it } from 'vitest';
import { awsError } from '../../../src/sources/aws';

const err = (name: string, message = 'm'): Error => Object.assign(new Error(message), { name });

describe('AWS failures in plain words', () => {
  it('tells the responder to refresh expired credentials, with their profile', () => {
    const e = awsError(
      err('ExpiredToken', 'The provided token has expired.'),
      's3://trail/AWSLogs/',
      'ir',
    );
    expect(e.message).toBe('s3://trail/AWSLogs/: the AWS credentials have expired');
    expect(e.hint).toMatch(/aws sso login --profile ir.*files already ingested are skipped/);
  });

  it('names the permission a denial needs, and missing credentials', () => {
    expect(awsError(err('AccessDenied', 'Access Denied'), 's3://b/p').hint).toMatch(
      /s3:ListBucket and s3:GetObject/,
    );
    expect(
      awsError(
        err('CredentialsProviderError', 'Could not load credentials from any providers'),
        'lookup-events:us-east-1',
      ).hint,
    ).toMatch(/--profile NAME/);
    expect(awsError(err('NoSuchBucket'), 's3://nope/').code).toBe('NOT_FOUND');
    expect(awsError(err('SomethingNew', 'odd'), 'x').message).toBe('x: SomethingNew: odd');
  });
});
