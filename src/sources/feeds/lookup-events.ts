// CloudTrail's LookupEvents API as a source: one Region, at most one attribute filter per call,
// 50 events a page, management events of the last 90 days only, and 2 requests per second per
// Region. Each page is kept as evidence in the `aws cloudtrail lookup-events` output shape
// ({"Events":[…]}, with each full record as the CloudTrailEvent string AWS returned).
import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import type { LOOKUP_ATTRIBUTE_KEYS } from '../../shared/contract';
import { CairnError } from '../../shared/errors';
import { awsError, clientSettings, type AwsOptions } from '../aws';
import type { Feed, FeedFile, TimeRange } from './types';

export const LOOKUP_LIMITATIONS =
  'CloudTrail LookupEvents: management events only (no data events such as S3 GetObject or Lambda Invoke), ' +
  'only the last 90 days, one Region per source (IAM and STS events are recorded in us-east-1). ' +
  'For data events or older activity, ingest the trail’s log files from S3 or query CloudTrail Lake.';

export type LookupAttribute = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export interface LookupOptions {
  attribute?: { key: LookupAttribute; value: string };
  /** Requests per second; AWS allows 2 per account and Region. */
  ratePerSecond?: number;
  maxRetries?: number;
  /** Injected for tests: how to wait (default setTimeout) and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export function parseLookupLocation(location: string): string {
  const m = /^lookup-events:([a-z]{2}(?:-[a-z]+)+-\d+)$/.exec(location);
  if (!m)
    throw new CairnError(
      'INVALID_INPUT',
      `${location} is not lookup-events:REGION (e.g. lookup-events:us-east-1)`,
    );
  return m[1]!;
}

const THROTTLED = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

export function lookupEventsFeed(
  location: string,
  range: TimeRange,
  aws: AwsOptions,
  opts: LookupOptions = {},
): Feed {
  const region = parseLookupLocation(location);
  const client = new CloudTrailClient(clientSettings({ ...aws, region }, 'cloudtrail'));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const interval = 1000 / (opts.ratePerSecond ?? 2);
  const maxRetries = opts.maxRetries ?? 6;
  let lastCall = Number.NEGATIVE_INFINITY;

  async function call(token: string | undefined): Promise<LookupEventsCommandOutput> {
    for (let attempt = 0; ; attempt++) {
      const wait = lastCall + interval - now();
      if (wait > 0) await sleep(wait);
      lastCall = now();
      try {
        return await client.send(
          new LookupEventsCommand({
            ...(opts.attribute
              ? {
                  LookupAttributes: [
                    {
                      AttributeKey: opts.attribute.key,
                      AttributeValue: opts.attribute.value,
                    },
                  ],
                }
              : {}),
            ...(range.fromMs !== undefined ? { StartTime: new Date(range.fromMs) } : {}),
            ...(range.toMs !== undefined ? { EndTime: new Date(range.toMs) } : {}),
            MaxResults: 50,
            NextToken: token,
          }),
        );
      } catch (err) {
        const name = (err as { name?: string }).name ?? '';
        if (THROTTLED.has(name) && attempt < maxRetries) {
          // Exponential backoff with a little deterministic spread: 0.5 s, 1 s, 2 s, …
          await sleep(Math.min(30_000, 500 * 2 ** attempt));
          continue;
        }
        throw awsError(err, location, aws.profile);
      }
    }
  }

  const query = [
    opts.attribute ? `${opts.attribute.key}=${opts.attribute.value}` : null,
    range.fromMs !== undefined ? `from=${new Date(range.fromMs).toISOString()}` : null,
    range.toMs !== undefined ? `to=${new Date(range.toMs).toISOString()}` : null,
  ].filter(Boolean);

  return {
    sourceKind: 'lookup-events',
    location,
    params: {
      ...(opts.attribute ? { attribute: opts.attribute } : {}),
      ...(range.fromMs !== undefined ? { from: new Date(range.fromMs).toISOString() } : {}),
      ...(range.toMs !== undefined ? { to: new Date(range.toMs).toISOString() } : {}),
    },
    limitations: LOOKUP_LIMITATIONS,
    async *files(): AsyncGenerator<FeedFile> {
      let token: string | undefined;
      let page = 0;
      do {
        const res = await call(token);
        page++;
        // The page token changes between runs; leaving it out lets a re-run recognise pages it kept.
        const body = Buffer.from(
          JSON.stringify({
            Events: (res.Events ?? []).map((e) => ({
              ...e,
              EventTime: e.EventTime?.toISOString(),
            })),
          }),
        );
        yield {
          location: `${location}?${query.join('&')}#page-${page}`,
          size: body.length,
          kind: 'cloudtrail',
          read: () => Promise.resolve(body),
        };
        token = res.NextToken;
      } while (token);
    },
    totalBytes: () => Promise.resolve(null),
  };
}
