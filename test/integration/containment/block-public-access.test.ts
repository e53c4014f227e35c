// Blocking public access on a bucket with the real S3Client against the local S3 endpoint: the
// setting before is read (for an exact undo), all four flags are put, and the state is read back
// with GetPublicAccessBlock and GetBucketPolicyStatus.
import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  executeContainment,
  OutcomeSchema,
  type ContainmentAction,
} from '../../../src/runbook/containment';
import { clientConfig } from '../../helpers/aws/client-config';
import { startS3Endpoint, type S3Endpoint } from '../../helpers/aws/s3-endpoint';
import { useTestCredentials } from './credentials';

const credentials = useTestCredentials();

const BUCKET = 'cairn-exposed-exports';
const NOW = Date.parse('2024-08-02T09:00:00Z');
const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const PUBLIC_READ = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    },
  ],
};
const PARTNER_READ = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    },
  ],
};

let s3: S3Endpoint | undefined;
afterEach(async () => {
  await s3?.stop();
  s3 = undefined;
});

async function run(ep: S3Endpoint, action: ContainmentAction) {
  return executeContainment(action, {
    aws: { endpoint: ep.url, region: 'us-east-1' },
    dryRun: false,
    confirmed: true,
    now: NOW,
  });
}

const block: ContainmentAction = { kind: 'block-public-access', bucket: BUCKET };

describe('block-public-access against S3', () => {
  it('puts all four flags and verifies them; no bucket policy counts as not public', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    const outcome = await run(s3, block);
    expect(s3.requests.map((r) => [r.operation, r.status, r.errorCode ?? null])).toEqual([
      ['GetPublicAccessBlock', 404, 'NoSuchPublicAccessBlockConfiguration'],
      ['PutPublicAccessBlock', 200, null],
      ['GetPublicAccessBlock', 200, null],
      ['GetBucketPolicyStatus', 404, 'NoSuchBucketPolicy'],
    ]);
    const put = s3.requests[1];
    expect(put?.method).toBe('PUT');
    expect(put?.url).toMatch(new RegExp(`^/${BUCKET}/\\?publicAccessBlock`));
    for (const flag of Object.keys(ALL_ON)) expect(put?.body).toContain(`<${flag}>true</${flag}>`);
    expect(s3.publicAccessBlock(BUCKET)).toEqual(ALL_ON);

    expect(outcome.status).toBe('done-verified');
    expect(outcome.verification).toEqual({
      ok: true,
      observed: { publicAccessBlock: ALL_ON, isPublic: false },
      expected: { publicAccessBlock: ALL_ON, isPublic: false },
      notes: [
        'The bucket has no bucket policy (GetBucketPolicyStatus answered NoSuchBucketPolicy), so no policy makes it public: counted as IsPublic false.',
      ],
    });
    // There was no bucket-level block before: undoing means removing it.
    expect(outcome.undo).toBe(
      `aws s3api delete-public-access-block --bucket ${BUCKET} --region us-east-1 --endpoint-url ${s3.url}`,
    );
    expect(outcome.calls.map((c) => [c.operation, c.ok])).toEqual([
      ['GetPublicAccessBlock', false],
      ['PutPublicAccessBlock', true],
      ['GetPublicAccessBlock', true],
      ['GetBucketPolicyStatus', false],
    ]);
    expect(outcome.calls[1]?.input).toEqual({
      Bucket: BUCKET,
      PublicAccessBlockConfiguration: ALL_ON,
    });
    expect(OutcomeSchema.parse(outcome)).toEqual(outcome);
  });

  it('records the setting it replaced as the exact undo, and reads a non-public policy as such', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    s3.setBucketPolicy(BUCKET, PARTNER_READ);
    // An earlier, partial block: only new public ACLs refused.
    const seeder = new S3Client(clientConfig(s3));
    await seeder.send(
      new PutPublicAccessBlockCommand({
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    seeder.destroy();
    const seeded = s3.requests.length;

    const outcome = await run(s3, block);
    expect(s3.requests.slice(seeded).map((r) => [r.operation, r.status])).toEqual([
      ['GetPublicAccessBlock', 200],
      ['PutPublicAccessBlock', 200],
      ['GetPublicAccessBlock', 200],
      ['GetBucketPolicyStatus', 200],
    ]);
    expect(outcome.status).toBe('done-verified');
    expect(outcome.verification?.observed).toEqual({ publicAccessBlock: ALL_ON, isPublic: false });
    expect(outcome.verification?.notes).toEqual([]);
    expect(outcome.undo).toBe(
      `aws s3api put-public-access-block --bucket ${BUCKET} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=false --region us-east-1 --endpoint-url ${s3.url}`,
    );
  });

  it('a policy that still reads as public: done-unverified, saying what was observed', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    s3.setBucketPolicy(BUCKET, PUBLIC_READ);
    const outcome = await run(s3, block);
    expect(s3.publicAccessBlock(BUCKET)).toEqual(ALL_ON);
    expect(outcome.status).toBe('done-unverified');
    expect(outcome.verification?.ok).toBe(false);
    expect(outcome.verification?.observed).toEqual({ publicAccessBlock: ALL_ON, isPublic: true });
    expect(outcome.verification?.notes.join(' ')).toMatch(/RestrictPublicBuckets/);
    expect(outcome.hint).toMatch(/observed/);
  });

  it('sends the expected bucket owner on every call when the account is given', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    const outcome = await run(s3, { ...block, accountId: '229654561268' });
    expect(outcome.status).toBe('done-verified');
    expect(s3.requests.map((r) => r.headers['x-amz-expected-bucket-owner'])).toEqual([
      '229654561268',
      '229654561268',
      '229654561268',
      '229654561268',
    ]);
  });

  it('a bucket that does not exist: failed, naming it, and nothing is put', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    const outcome = await run(s3, { kind: 'block-public-access', bucket: 'cairn-no-such-bucket' });
    expect(s3.requests.map((r) => [r.operation, r.errorCode])).toEqual([
      ['GetPublicAccessBlock', 'NoSuchBucket'],
    ]);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('s3://cairn-no-such-bucket: GetPublicAccessBlock: no such bucket');
    expect(outcome.manualCommand).toBe(
      `aws s3api put-public-access-block --bucket cairn-no-such-bucket --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true --region us-east-1 --endpoint-url ${s3.url}`,
    );
  });

  it('no credentials: manual-required with the command, nothing sent', async () => {
    s3 = await startS3Endpoint({ buckets: [BUCKET] });
    credentials.remove();
    const outcome = await run(s3, block);
    expect(s3.requests).toEqual([]);
    expect(outcome.status).toBe('manual-required');
    expect(outcome.hint).toContain('s3:PutBucketPublicAccessBlock');
    expect(outcome.manualCommand).toContain('aws s3api put-public-access-block');
    expect(s3.publicAccessBlock(BUCKET)).toBeUndefined();
  });
});
