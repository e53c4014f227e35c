// The local S3 endpoint (s3rver behind a recording front) serves the real S3Client: object
// listing across pages, byte-exact gzip log files, AccessDenied for denied prefixes, and the
// public-access-block / policy-status controls a containment step sets and reads back.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  DeletePublicAccessBlockCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  paginateListObjectsV2,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../helpers/aws/client-config';
import { startS3Endpoint, type S3Endpoint } from '../../helpers/aws/s3-endpoint';
import { cloudTrailGzipFile, publicBucketPolicy } from './fixtures';

const BUCKET = 'cairn-trail-bucket';
const PREFIX = 'AWSLogs/012345678901/CloudTrail/eu-west-1/2016/12/12/';
let s3: S3Endpoint;
let client: S3Client;

beforeEach(async () => {
  s3 = await startS3Endpoint({ buckets: [BUCKET] });
  client = new S3Client(clientConfig(s3, { region: 'eu-west-1' }));
});
afterEach(async () => {
  client.destroy();
  await s3.stop();
});

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  return error as S3ServiceException;
}

describe('objects in s3rver through the real S3Client', () => {
  it('lists keys page by page with MaxKeys and continuation tokens', async () => {
    const keys = Array.from(
      { length: 25 },
      (_, i) =>
        `${PREFIX}012345678901_CloudTrail_eu-west-1_20161212T11${String(i).padStart(2, '0')}Z_x.json.gz`,
    );
    await s3.putObjects(
      BUCKET,
      keys.map((key) => ({ key, body: 'x' })),
    );
    await s3.putObject(BUCKET, 'other/file.txt', 'y');
    const listed: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client, pageSize: 10 },
      { Bucket: BUCKET, Prefix: PREFIX },
    )) {
      pages += 1;
      listed.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    }
    expect(pages).toBe(3);
    expect(listed).toEqual([...keys].sort());
    const lists = s3.requests.filter((r) => r.operation === 'ListObjectsV2');
    expect(lists).toHaveLength(3);
    expect(lists[1]?.query['continuation-token']).toBeTypeOf('string');
    expect(lists[0]).toMatchObject({ region: 'eu-west-1', answeredBy: 's3rver', status: 200 });
  });

  it('lists more than 1000 keys in two pages of S3 default size', async () => {
    const keys = Array.from({ length: 1001 }, (_, i) => `bulk/${String(i).padStart(4, '0')}`);
    await s3.putObjects(
      BUCKET,
      keys.map((key) => ({ key, body: '' })),
    );
    const first = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'bulk/' }));
    expect(first.Contents).toHaveLength(1000);
    expect(first.IsTruncated).toBe(true);
    const second = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'bulk/',
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.Contents?.map((o) => o.Key)).toEqual(['bulk/1000']);
    expect(second.IsTruncated).toBe(false);
  });

  it('returns a gzip CloudTrail log file byte for byte', async () => {
    const file = cloudTrailGzipFile();
    const key = `${PREFIX}012345678901_CloudTrail_eu-west-1_20161212T1125Z_abc.json.gz`;
    await s3.putObject(BUCKET, key, file, { contentType: 'application/x-gzip' });
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '3f5bf27a2592a1ec83817a838d2636cd60530ddc69cbbd40075d2a14bd0b946a', // MANIFEST.json
    );
    expect(got.ContentType).toBe('application/x-gzip');
    const records = (JSON.parse(gunzipSync(bytes).toString('utf8')) as { Records: unknown[] })
      .Records;
    expect(records.length).toBeGreaterThan(0);
  });

  it('gzips a body on request when seeding, through the API or in bulk on disk', async () => {
    const text = JSON.stringify({ Records: [{ eventID: 'e1' }] });
    const stored = await s3.putObject(BUCKET, 'api/seeded.json.gz', text, {
      gzip: true,
      contentType: 'application/json',
      contentEncoding: 'gzip',
    });
    await s3.putObjects(BUCKET, [
      {
        key: 'bulk/seeded.json.gz',
        body: text,
        gzip: true,
        contentType: 'application/json',
        contentEncoding: 'gzip',
      },
    ]);
    for (const key of ['api/seeded.json.gz', 'bulk/seeded.json.gz']) {
      const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      expect(bytes.equals(stored)).toBe(true);
      expect(gunzipSync(bytes).toString('utf8')).toBe(text);
      expect([got.ContentType, got.ContentEncoding, got.ContentLength]).toEqual([
        'application/json',
        'gzip',
        stored.length,
      ]);
      expect(got.ETag).toBe(`"${createHash('md5').update(stored).digest('hex')}"`);
    }
  });

  it('passes writes through to s3rver and its errors back as typed exceptions', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'notes/a.txt', Body: 'hello' }));
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'notes/a.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello');
    const missing = await failure(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'notes/none' })),
    );
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect(s3.requests.at(-1)).toMatchObject({
      operation: 'GetObject',
      status: 404,
      errorCode: 'NoSuchKey',
    });
  });
});

describe('denied prefixes', () => {
  it('answer 403 AccessDenied for objects and listings under the prefix only', async () => {
    const denied = `${PREFIX}secret.json.gz`;
    await s3.putObject(BUCKET, denied, cloudTrailGzipFile());
    await s3.putObject(BUCKET, 'AWSLogs/012345678901/CloudTrail/us-east-1/ok.json.gz', 'ok');
    s3.denyPrefix(BUCKET, 'AWSLogs/012345678901/CloudTrail/eu-west-1/');

    const getError = await failure(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: denied })),
    );
    expect(getError.name).toBe('AccessDenied');
    expect(getError.$metadata.httpStatusCode).toBe(403);
    const listError = await failure(
      client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX })),
    );
    expect(listError.name).toBe('AccessDenied');

    const ok = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'AWSLogs/012345678901/CloudTrail/us-east-1/',
      }),
    );
    expect(ok.Contents?.map((o) => o.Key)).toEqual([
      'AWSLogs/012345678901/CloudTrail/us-east-1/ok.json.gz',
    ]);
    expect(s3.requests.map((r) => [r.operation, r.answeredBy, r.errorCode ?? 'ok'])).toEqual([
      ['GetObject', 'deny', 'AccessDenied'],
      ['ListObjectsV2', 'deny', 'AccessDenied'],
      ['ListObjectsV2', 's3rver', 'ok'],
    ]);
    s3.clearDenials();
    await expect(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: denied })),
    ).resolves.toBeDefined();
  });
});

describe('bucket controls s3rver lacks', () => {
  const BLOCK_ALL = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  };

  it('puts a public access block that reads back through the API and the helper', async () => {
    const before = await failure(client.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET })));
    expect(before.name).toBe('NoSuchPublicAccessBlockConfiguration');
    expect(before.$metadata.httpStatusCode).toBe(404);

    await client.send(
      new PutPublicAccessBlockCommand({
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: BLOCK_ALL,
      }),
    );
    const after = await client.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(after.PublicAccessBlockConfiguration).toEqual(BLOCK_ALL);
    expect(s3.publicAccessBlock(BUCKET)).toEqual(BLOCK_ALL);

    const put = s3.requests.find((r) => r.operation === 'PutPublicAccessBlock');
    expect(put).toMatchObject({
      method: 'PUT',
      bucket: BUCKET,
      answeredBy: 'control',
      status: 200,
      region: 'eu-west-1',
    });
    expect(put?.body).toContain('<BlockPublicPolicy>true</BlockPublicPolicy>');

    await client.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(s3.publicAccessBlock(BUCKET)).toBeUndefined();
  });

  it('treats fields left out of the configuration as false, like S3', async () => {
    await client.send(
      new PutPublicAccessBlockCommand({
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    expect(s3.publicAccessBlock(BUCKET)).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
  });

  it('reports policy status from the bucket policy', async () => {
    const none = await failure(client.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET })));
    expect(none.name).toBe('NoSuchBucketPolicy');

    s3.setBucketPolicy(BUCKET, publicBucketPolicy());
    const open = await client.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }));
    expect(open.PolicyStatus?.IsPublic).toBe(true);

    const privatePolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::012345678901:root' },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
        },
      ],
    };
    await client.send(
      new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify(privatePolicy) }),
    );
    const closed = await client.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }));
    expect(closed.PolicyStatus?.IsPublic).toBe(false);
    expect(JSON.parse(s3.bucketPolicy(BUCKET) ?? '')).toEqual(privatePolicy);
  });

  it('refuses a public bucket policy while BlockPublicPolicy is on', async () => {
    await client.send(
      new PutPublicAccessBlockCommand({
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: BLOCK_ALL,
      }),
    );
    const error = await failure(
      client.send(
        new PutBucketPolicyCommand({
          Bucket: BUCKET,
          Policy: JSON.stringify(publicBucketPolicy()),
        }),
      ),
    );
    expect(error.name).toBe('AccessDenied');
    expect(s3.bucketPolicy(BUCKET)).toBeUndefined();
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(
      client.send(
        new PutPublicAccessBlockCommand({
          Bucket: 'no-such-bucket',
          PublicAccessBlockConfiguration: BLOCK_ALL,
        }),
      ),
    );
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
