// Log files under an S3 prefix (a trail bucket's AWSLogs/… tree, or an S3 access-log prefix):
// listed with ListObjectsV2 page by page, pruned by the date in each key when a time range is
// given, and downloaded with GetObject. The bytes are kept verbatim as evidence, so each object
// is read whole (streamed into memory) and decompressed afterwards.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CairnError } from '../../shared/errors';
import { awsError, clientSettings, type AwsOptions } from '../aws';
import { mayHoldRange } from './key-dates';
import type { Feed, FeedFile, TimeRange } from './types';

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new CairnError('INVALID_INPUT', `${url} is not an s3://bucket/prefix location`);
  return { bucket: m[1]!, prefix: m[2] ?? '' };
}

export function s3Feed(url: string, range: TimeRange, aws: AwsOptions): Feed {
  const { bucket, prefix } = parseS3Url(url);
  const client = new S3Client(clientSettings(aws, 's3'));
  let listing: { key: string; size: number }[] | null = null;

  async function list(): Promise<{ key: string; size: number }[]> {
    if (listing) return listing;
    const out: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      let page;
      try {
        page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
      } catch (err) {
        throw awsError(err, `listing ${url}`, aws.profile);
      }
      for (const o of page.Contents ?? []) {
        if (!o.Key || o.Key.endsWith('/')) continue;
        if (!mayHoldRange(o.Key, range)) continue;
        out.push({ key: o.Key, size: o.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    listing = out;
    return out;
  }

  async function read(key: string): Promise<Buffer> {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new CairnError('IO', `s3://${bucket}/${key}: empty response body`);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      throw err instanceof CairnError ? err : awsError(err, `s3://${bucket}/${key}`, aws.profile);
    }
  }

  return {
    sourceKind: 's3',
    location: `s3://${bucket}/${prefix}`,
    params: {
      ...(range.fromMs !== undefined ? { from: new Date(range.fromMs).toISOString() } : {}),
      ...(range.toMs !== undefined ? { to: new Date(range.toMs).toISOString() } : {}),
      ...(aws.region ? { region: aws.region } : {}),
    },
    limitations: null,
    async *files(): AsyncGenerator<FeedFile> {
      for (const o of await list()) {
        yield { location: `s3://${bucket}/${o.key}`, size: o.size, read: () => read(o.key) };
      }
    },
    async totalBytes() {
      return (await list()).reduce((n, o) => n + o.size, 0);
    },
  };
}
