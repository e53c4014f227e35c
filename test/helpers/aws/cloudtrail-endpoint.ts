// A local CloudTrail endpoint speaking awsJson1_1 on 127.0.0.1, for driving the real
// CloudTrailClient in tests: LookupEvents over records the test supplies, CloudTrail Lake queries
// answered by a test function, deterministic throttling, and every request recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsJsonError } from './aws-json-error';
import { manualClock, type Clock } from './clock';
import { eventTimeMs, type CloudTrailRecord, type LookupResource } from './cloudtrail-records';
import { LakeService, type LakeOptions, type LakeQueryRecord } from './cloudtrail-lake';
import { LookupEventsService } from './cloudtrail-lookup';
import { headersOf, listenOnLoopback, nextRequestId, readBody, sigV4Scope } from './local-server';
import { Throttler, type ThrottlePolicy } from './throttle';

export interface CloudTrailEndpointOptions {
  /** Raw CloudTrail records (as in a log file's `Records`) that LookupEvents serves. */
  records?: readonly CloudTrailRecord[];
  /**
   * Drives the 90-day window, the throttling rate and Lake timestamps. Default: a fixed clock one
   * minute after the newest record (so real data from any year is inside the window), or
   * 2024-01-01T00:00:00Z when there are no records. It never follows wall time.
   */
  clock?: Clock;
  /** LookupEvents sees only records whose awsRegion is the caller's SigV4 region. Default true. */
  regionScoped?: boolean;
  /** LookupEvents' look-back window in days before the clock; null = unlimited. Default 90. */
  retentionDays?: number | null;
  throttle?: ThrottlePolicy;
  lake?: LakeOptions;
  /** Overrides for the top-level Username / Resources AWS derives per event. */
  usernameOf?: (record: CloudTrailRecord) => string | undefined;
  resourcesOf?: (record: CloudTrailRecord) => LookupResource[];
}

export interface RecordedCloudTrailRequest {
  /** From `X-Amz-Target: CloudTrail_20131101.<operation>`. */
  operation: string;
  /** The parsed JSON body (undefined if it was not JSON). */
  body: unknown;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** From the SigV4 credential scope. */
  region: string | undefined;
  accessKeyId: string | undefined;
  /** The endpoint clock's time when the request arrived. */
  atMs: number;
  status: number;
  /** `__type` of the error answered, if any (e.g. `ThrottlingException`). */
  errorType?: string;
}

export interface CloudTrailEndpoint {
  /** Give this to `clientConfig(url)` / the client's `endpoint`. */
  url: string;
  clock: Clock;
  /** Every request in arrival order, throttled and failed ones included. */
  readonly requests: RecordedCloudTrailRequest[];
  /** Every query StartQuery accepted, with the exact SQL. */
  readonly lakeQueries: readonly LakeQueryRecord[];
  /** Replaces the records LookupEvents serves (and forgets issued NextTokens). */
  setRecords(records: readonly CloudTrailRecord[]): void;
  /** Replaces the throttling policy; undefined turns throttling off. Counters start again. */
  setThrottle(policy: ThrottlePolicy | undefined): void;
  stop(): Promise<void>;
}

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'CloudTrail_20131101.';

export async function startCloudTrailEndpoint(
  options: CloudTrailEndpointOptions = {},
): Promise<CloudTrailEndpoint> {
  const clock = options.clock ?? defaultClock(options.records ?? []);
  const lookup = new LookupEventsService(options.records ?? [], {
    regionScoped: options.regionScoped ?? true,
    retentionDays: options.retentionDays === undefined ? 90 : options.retentionDays,
    clock,
    ...(options.usernameOf ? { usernameOf: options.usernameOf } : {}),
    ...(options.resourcesOf ? { resourcesOf: options.resourcesOf } : {}),
  });
  const lake = new LakeService(options.lake ?? {}, clock);
  let throttler = options.throttle ? new Throttler(options.throttle, clock) : undefined;
  const requests: RecordedCloudTrailRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = headersOf(req);
    const raw = (await readBody(req)).toString('utf8');
    const scope = sigV4Scope(headers.authorization);
    const target = headers['x-amz-target'] ?? '';
    const operation = target.includes(TARGET_PREFIX)
      ? target.slice(target.lastIndexOf('.') + 1)
      : target;
    const entry: RecordedCloudTrailRequest = {
      operation,
      body: parseJson(raw),
      headers,
      region: scope?.region,
      accessKeyId: scope?.accessKeyId,
      atMs: clock.now(),
      status: 200,
    };
    requests.push(entry);
    try {
      const result = dispatch(entry, raw);
      send(res, 200, result);
    } catch (err) {
      if (!(err instanceof AwsJsonError)) throw err;
      entry.status = err.status;
      entry.errorType = err.type;
      send(res, err.status, { __type: err.type, message: err.message });
    }
  };

  const dispatch = (entry: RecordedCloudTrailRequest, raw: string): unknown => {
    const { headers, operation } = entry;
    if (!(headers['x-amz-target'] ?? '').includes(TARGET_PREFIX)) {
      throw new AwsJsonError('UnknownOperationException', `Unknown X-Amz-Target '${operation}'.`);
    }
    if (!(headers['content-type'] ?? '').startsWith(JSON_CONTENT_TYPE)) {
      throw new AwsJsonError(
        'SerializationException',
        `Content-Type must be ${JSON_CONTENT_TYPE}.`,
      );
    }
    if (entry.region === undefined) {
      throw new AwsJsonError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    if (throttler?.shouldThrottle(operation, entry.region)) {
      throw new AwsJsonError('ThrottlingException', 'Rate exceeded');
    }
    const body = raw.trim() === '' ? {} : entry.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new AwsJsonError('SerializationException', 'Request body must be a JSON object.');
    }
    const input = body as Record<string, unknown>;
    switch (operation) {
      case 'LookupEvents':
        return lookup.lookup(input, entry.region);
      case 'StartQuery':
        return lake.start(input, entry.region);
      case 'DescribeQuery':
        return lake.describe(input);
      case 'GetQueryResults':
        return lake.results(input);
      default:
        throw new AwsJsonError(
          'UnknownOperationException',
          `The local CloudTrail endpoint does not implement ${operation}.`,
        );
    }
  };

  const server = await listenOnLoopback(handle);
  return {
    url: server.url,
    clock,
    requests,
    lakeQueries: lake.queries,
    setRecords: (records) => lookup.setRecords(records),
    setThrottle: (policy) => {
      throttler = policy ? new Throttler(policy, clock) : undefined;
    },
    stop: () => server.close(),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': nextRequestId(),
  });
  res.end(text);
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function defaultClock(records: readonly CloudTrailRecord[]): Clock {
  let newest = Date.UTC(2024, 0, 1) - 60_000;
  let seen = false;
  for (const record of records) {
    const t = eventTimeMs(record);
    if (t !== undefined && (!seen || t > newest)) [newest, seen] = [t, true];
  }
  return manualClock(newest + 60_000);
}
