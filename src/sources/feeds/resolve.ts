// Turns a SOURCE argument into a feed: a local file or folder, s3://bucket/prefix, or
// lookup-events:REGION.
import type { AwsOptions } from '../aws';
import { localFeed } from './local';
import { lookupEventsFeed, type LookupOptions } from './lookup-events';
import { s3Feed } from './s3';
import type { Feed, TimeRange } from './types';

export interface FeedOptions {
  range: TimeRange;
  aws: AwsOptions;
  lookup?: LookupOptions;
}

export async function resolveFeed(source: string, opts: FeedOptions): Promise<Feed> {
  if (source.startsWith('s3://')) return s3Feed(source, opts.range, opts.aws);
  if (source.startsWith('lookup-events:'))
    return lookupEventsFeed(source, opts.range, opts.aws, opts.lookup ?? {});
  return localFeed(source, opts.range);
}
