// Throttling on the local CloudTrail endpoint is deterministic: a rate per region measured on an
// injected clock, or chosen requests by position. Both surface as the SDK's ThrottlingException,
// and the SDK's own retry (with zero backoff from clientConfig) gets through.
import {
  CloudTrailClient,
  LookupEventsCommand,
  StartQueryCommand,
  ThrottlingException,
  type Event as LookupEvent,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../helpers/aws/client-config';
import { manualClock } from '../../helpers/aws/clock';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
} from '../../helpers/aws/cloudtrail-endpoint';
import { createAdminUser, stealCredentials } from './fixtures';

const REGION = 'us-north-2r';
let endpoint: CloudTrailEndpoint | undefined;
const clients: CloudTrailClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await endpoint?.stop();
  endpoint = undefined;
});

function client(ep: CloudTrailEndpoint, region = REGION, retries = 0): CloudTrailClient {
  const c = new CloudTrailClient(clientConfig(ep, { region, retries }));
  clients.push(c);
  return c;
}

const lookup = new LookupEventsCommand({ MaxResults: 1 });

describe('rate limit per region on the endpoint clock', () => {
  it('allows 2 requests per second per region, then ThrottlingException until the clock moves', async () => {
    const clock = manualClock('2024-08-02T09:00:00Z');
    endpoint = await startCloudTrailEndpoint({
      records: [...stealCredentials(), ...createAdminUser()],
      clock,
      throttle: { perSecondPerRegion: 2 },
    });
    const c = client(endpoint);
    await c.send(lookup);
    await c.send(lookup);
    const error = await c.send(lookup).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(400);
    expect((error as ThrottlingException).message).toBe('Rate exceeded');

    // Another region has its own allowance.
    await client(endpoint, 'ap-isob-central-3r').send(lookup);

    clock.advance(999);
    await expect(c.send(lookup)).rejects.toBeInstanceOf(ThrottlingException);
    clock.advance(1);
    await expect(c.send(lookup)).resolves.toBeDefined();
    expect(endpoint.requests.map((r) => [r.region, r.errorType ?? 'ok'])).toEqual([
      [REGION, 'ok'],
      [REGION, 'ok'],
      [REGION, 'ThrottlingException'],
      ['ap-isob-central-3r', 'ok'],
      [REGION, 'ThrottlingException'],
      [REGION, 'ok'],
    ]);
  });

  it('lets a caller prove its backoff by advancing the clock instead of sleeping', async () => {
    const clock = manualClock('2024-08-02T09:00:00Z');
    const records = stealCredentials();
    endpoint = await startCloudTrailEndpoint({
      records,
      clock,
      throttle: { perSecondPerRegion: 2 },
    });
    const c = client(endpoint);
    // A minimal caller: page through, back off 500 ms on throttling. Its sleep moves the clock.
    const sleep = (ms: number) => {
      clock.advance(ms);
      return Promise.resolve();
    };
    const events: LookupEvent[] = [];
    let token: string | undefined;
    let throttled = 0;
    do {
      try {
        const page = await c.send(new LookupEventsCommand({ MaxResults: 10, NextToken: token }));
        events.push(...(page.Events ?? []));
        token = page.NextToken;
      } catch (e) {
        if (!(e instanceof ThrottlingException)) throw e;
        throttled += 1;
        await sleep(500);
      }
    } while (token !== undefined);
    expect(events).toHaveLength(records.length);
    // 5 pages at 2 per second: pages 3 and 5 wait for the window to move on.
    expect(throttled).toBe(4);
    expect(clock.now() - Date.parse('2024-08-02T09:00:00Z')).toBe(2000);
  });
});

describe('throttling chosen requests', () => {
  it('the SDK retries a throttled request by itself when allowed to', async () => {
    endpoint = await startCloudTrailEndpoint({
      records: stealCredentials(),
      throttle: { nthRequests: [1, 2] },
    });
    const out = await client(endpoint, REGION, 2).send(new LookupEventsCommand({ MaxResults: 5 }));
    expect(out.Events).toHaveLength(5);
    expect(out.$metadata.attempts).toBe(3);
    expect(endpoint.requests.map((r) => r.errorType ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
    // The retries are the same request again.
    expect(endpoint.requests[2]?.body).toEqual(endpoint.requests[0]?.body);
  });

  it('gives up with ThrottlingException when the client has no retries (the default)', async () => {
    endpoint = await startCloudTrailEndpoint({
      records: stealCredentials(),
      throttle: { nthRequests: [1] },
    });
    await expect(client(endpoint).send(lookup)).rejects.toBeInstanceOf(ThrottlingException);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('applies only to the operations named, and can be changed while running', async () => {
    endpoint = await startCloudTrailEndpoint({
      records: stealCredentials(),
      throttle: { nthRequests: [1, 2, 3], operations: ['LookupEvents'] },
    });
    const c = client(endpoint);
    await expect(
      c.send(new StartQueryCommand({ QueryStatement: 'SELECT 1' })),
    ).resolves.toBeDefined();
    await expect(c.send(lookup)).rejects.toBeInstanceOf(ThrottlingException);
    endpoint.setThrottle(undefined);
    await expect(c.send(lookup)).resolves.toBeDefined();
  });
});
