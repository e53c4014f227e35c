// The local CloudTrail endpoint answers the real CloudTrailClient's LookupEvents like AWS:
// newest first, 50 per page, one attribute, one region, management events only, typed errors.
import {
  CloudTrailClient,
  InvalidEventCategoryException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  LookupEventsCommand,
  paginateLookupEvents,
  type EventCategory,
  type LookupEventsCommandInput,
  type Event as LookupEvent,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../helpers/aws/client-config';
import { manualClock } from '../../helpers/aws/clock';
import {
  startCloudTrailEndpoint,
  type CloudTrailEndpoint,
  type CloudTrailEndpointOptions,
} from '../../helpers/aws/cloudtrail-endpoint';
import type { CloudTrailRecord } from '../../helpers/aws/cloudtrail-records';
import {
  createAdminUser,
  getPasswordData,
  insightRecord,
  otrfExfiltration,
  ssmSendCommand,
  stealCredentials,
  timeOf,
} from './fixtures';

const STEAL_REGION = 'us-north-2r';
let endpoint: CloudTrailEndpoint | undefined;
const clients: CloudTrailClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await endpoint?.stop();
  endpoint = undefined;
});

async function start(options: CloudTrailEndpointOptions): Promise<CloudTrailEndpoint> {
  endpoint = await startCloudTrailEndpoint(options);
  return endpoint;
}

function client(ep: CloudTrailEndpoint, region: string): CloudTrailClient {
  const c = new CloudTrailClient(clientConfig(ep, { region }));
  clients.push(c);
  return c;
}

async function lookupAll(c: CloudTrailClient, input: LookupEventsCommandInput = {}) {
  const events: LookupEvent[] = [];
  let pages = 0;
  for await (const page of paginateLookupEvents({ client: c }, input)) {
    pages += 1;
    events.push(...(page.Events ?? []));
  }
  return { events, pages };
}

const ids = (records: CloudTrailRecord[]): string[] => records.map((r) => String(r.eventID)).sort();
const eventIds = (events: LookupEvent[]): string[] => events.map((e) => e.EventId ?? '').sort();

describe('LookupEvents over real Stratus Red Team records', () => {
  it('pages through every record of the region newest first, with AWS field shapes', async () => {
    const records = stealCredentials();
    const ep = await start({ records });
    const { events, pages } = await lookupAll(client(ep, STEAL_REGION), { MaxResults: 10 });

    expect(pages).toBe(5); // 45 records, 10 per page
    expect(eventIds(events)).toEqual(ids(records));
    const times = events.map((e) => e.EventTime?.getTime() ?? NaN);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]!);

    // The one write call in this capture: SendCommand by IAM user christophe.
    const raw = records.find((r) => r.eventName === 'SendCommand')!;
    const event = events.find((e) => e.EventId === raw.eventID)!;
    expect(event).toMatchObject({
      EventName: 'SendCommand',
      ReadOnly: 'false',
      AccessKeyId: 'AKIAAM80VXLJF8NPK4VC',
      EventSource: 'ssm.amazonaws.com',
      Username: 'christophe',
      Resources: [],
    });
    expect(event.EventTime).toEqual(new Date(String(raw.eventTime)));
    expect(typeof event.CloudTrailEvent).toBe('string');
    expect(JSON.parse(event.CloudTrailEvent!)).toEqual(raw);
  });

  it('returns 50 events per page by default', async () => {
    const records = ssmSendCommand();
    const ep = await start({ records });
    const c = client(ep, 'sagov-westsouth-1r');
    const first = await c.send(new LookupEventsCommand({}));
    expect(first.Events).toHaveLength(50);
    expect(first.NextToken).toBeTypeOf('string');
    const second = await c.send(new LookupEventsCommand({ NextToken: first.NextToken }));
    expect(second.Events).toHaveLength(records.length - 50);
    expect(second.NextToken).toBeUndefined();
  });

  it('sees only the records of the region the client signs for', async () => {
    const ep = await start({ records: [...stealCredentials(), ...createAdminUser()] });
    expect((await lookupAll(client(ep, STEAL_REGION))).events).toHaveLength(45);
    const admin = await lookupAll(client(ep, 'ap-isob-central-3r'));
    expect(admin.events.map((e) => e.EventName).sort()).toEqual([
      'AttachUserPolicy',
      'CreateAccessKey',
      'CreateUser',
    ]);
    expect((await lookupAll(client(ep, 'us-east-1'))).events).toHaveLength(0);
  });

  it('filters by each kind of lookup attribute', async () => {
    const records = stealCredentials();
    const ep = await start({ records });
    const c = client(ep, STEAL_REGION);
    const by = async (AttributeKey: string, AttributeValue: string) =>
      eventIds(
        (
          await lookupAll(c, {
            LookupAttributes: [{ AttributeKey: AttributeKey as 'EventId', AttributeValue }],
          })
        ).events,
      );
    const where = (pred: (r: CloudTrailRecord) => boolean) => ids(records.filter(pred));
    const identity = (r: CloudTrailRecord) => r.userIdentity as Record<string, string>;

    expect(await by('AccessKeyId', 'ASIAP5CT9NN8EYVU1FXV')).toEqual(
      where((r) => identity(r).accessKeyId === 'ASIAP5CT9NN8EYVU1FXV'),
    );
    expect(await by('AccessKeyId', 'ASIAP5CT9NN8EYVU1FXV')).toHaveLength(2);
    // An assumed-role session is found by its session name, as LookupEvents' Username.
    expect(await by('Username', 'i-786a3A8B5C0d92eF4')).toHaveLength(2);
    expect(await by('Username', 'christophe')).toHaveLength(43);
    expect(await by('EventName', 'GetCommandInvocation')).toEqual(
      where((r) => r.eventName === 'GetCommandInvocation'),
    );
    expect(await by('ReadOnly', 'false')).toEqual(where((r) => r.readOnly === false));
    expect(await by('EventSource', 'sts.amazonaws.com')).toEqual(
      where((r) => r.eventSource === 'sts.amazonaws.com'),
    );
    const one = String(records[7]!.eventID);
    expect(await by('EventId', one)).toEqual([one]);
  });

  it('filters by resource type and name taken from the record', async () => {
    const records = getPasswordData();
    const ep = await start({ records });
    const c = client(ep, 'apiso-northsouth-3r');
    const role = 'arn:aws:iam::457448411975:role/stratus-red-team-ec2-get-password-data-role';
    const byName = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: role }],
    });
    expect(byName.events.map((e) => e.EventName)).toEqual(['AssumeRole', 'AssumeRole']);
    expect(byName.events[0]?.Resources).toEqual([
      { ResourceType: 'AWS::IAM::Role', ResourceName: role },
    ]);
    const byType = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'ResourceType', AttributeValue: 'AWS::IAM::Role' }],
    });
    expect(byType.events).toHaveLength(2);
  });

  it('keeps events inside StartTime and EndTime, both inclusive', async () => {
    const records = stealCredentials();
    const ep = await start({ records });
    const from = new Date('2024-08-02T08:23:00Z');
    const to = new Date('2024-08-02T08:23:30Z');
    const expected = ids(
      records.filter((r) => timeOf(r) >= from.getTime() && timeOf(r) <= to.getTime()),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(records.length);
    const { events } = await lookupAll(client(ep, STEAL_REGION), { StartTime: from, EndTime: to });
    expect(eventIds(events)).toEqual(expected);

    const exact = records.find((r) => r.eventName === 'SendCommand')!;
    const at = new Date(String(exact.eventTime));
    const point = await lookupAll(client(ep, STEAL_REGION), { StartTime: at, EndTime: at });
    expect(point.events.map((e) => e.EventId)).toContain(exact.eventID);
  });

  it('never returns data events such as GetObject', async () => {
    const dataEvents = otrfExfiltration().filter((r) => r.eventCategory === 'Data');
    expect(dataEvents.map((r) => r.eventName)).toContain('GetObject');
    // The same GetObject as an old record with no eventCategory (before eventVersion 1.07).
    const {
      eventCategory: _c,
      managementEvent: _m,
      ...oldStyle
    } = dataEvents.find((r) => r.eventName === 'GetObject')!;
    const records = [
      ...dataEvents,
      { ...oldStyle, eventID: 'old-style', eventTime: '2020-09-14T00:45:00Z' },
    ];
    const ep = await start({ records, regionScoped: false });
    const c = client(ep, 'us-east-1');
    expect((await lookupAll(c)).events).toHaveLength(0);
    const byName = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetObject' }],
    });
    expect(byName.events).toHaveLength(0);
  });

  it('looks back 90 days from its clock only', async () => {
    const records = createAdminUser();
    const clock = manualClock('2024-08-01T13:33:28Z');
    const ep = await start({ records, clock });
    const c = client(ep, 'ap-isob-central-3r');
    clock.advance(89 * 86_400_000);
    expect((await lookupAll(c)).events).toHaveLength(3);
    clock.advance(2 * 86_400_000);
    expect((await lookupAll(c)).events).toHaveLength(0);
  });

  it('returns Insights events only when EventCategory is insight', async () => {
    const insight = insightRecord();
    const ep = await start({ records: [insight] });
    const c = client(ep, 'eu-central-1');
    expect((await lookupAll(c)).events).toHaveLength(0);
    const found = await lookupAll(c, { EventCategory: 'insight' });
    expect(found.events.map((e) => [e.EventId, e.EventName])).toEqual([
      ['49dfd327-5991-494b-98bf-6fe1eb3e3732', 'CompleteLifecycleAction'],
    ]);
    await expect(
      c.send(
        new LookupEventsCommand({
          EventCategory: 'insight',
          LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'x' }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidLookupAttributesException);
  });

  it('records each request with its operation, body, headers and SigV4 region', async () => {
    const ep = await start({ records: stealCredentials() });
    await client(ep, STEAL_REGION).send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SendCommand' }],
        MaxResults: 5,
      }),
    );
    expect(ep.requests).toHaveLength(1);
    const [req] = ep.requests;
    expect(req).toMatchObject({
      operation: 'LookupEvents',
      region: STEAL_REGION,
      accessKeyId: 'AKIACAIRNTEST0000001',
      status: 200,
      body: {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SendCommand' }],
        MaxResults: 5,
      },
    });
    expect(req?.headers['x-amz-target']).toBe('CloudTrail_20131101.LookupEvents');
    expect(req?.headers['content-type']).toBe('application/x-amz-json-1.1');
  });
});

describe('LookupEvents validation errors surface as the SDK typed exceptions', () => {
  async function expectError(input: LookupEventsCommandInput, type: new (...a: never[]) => Error) {
    const ep = endpoint ?? (await start({ records: stealCredentials() }));
    const error = await client(ep, STEAL_REGION)
      .send(new LookupEventsCommand(input))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(type);
    expect((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode).toBe(
      400,
    );
    expect(ep.requests.at(-1)?.errorType).toBe(type.name);
  }

  it('more than one lookup attribute', async () => {
    await expectError(
      {
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'SendCommand' },
          { AttributeKey: 'Username', AttributeValue: 'christophe' },
        ],
      },
      InvalidLookupAttributesException,
    );
  });

  it('an attribute key AWS does not know, or an empty value', async () => {
    await expectError(
      {
        LookupAttributes: [
          { AttributeKey: 'SourceIPAddress' as 'EventId', AttributeValue: '1.2.3.4' },
        ],
      },
      InvalidLookupAttributesException,
    );
    await expectError(
      { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: '' }] },
      InvalidLookupAttributesException,
    );
  });

  it('MaxResults outside 1..50', async () => {
    await expectError({ MaxResults: 0 }, InvalidMaxResultsException);
    await expectError({ MaxResults: 51 }, InvalidMaxResultsException);
  });

  it('StartTime after EndTime', async () => {
    await expectError(
      { StartTime: new Date('2024-08-03T00:00:00Z'), EndTime: new Date('2024-08-02T00:00:00Z') },
      InvalidTimeRangeException,
    );
  });

  it('an EventCategory other than insight', async () => {
    await expectError(
      { EventCategory: 'management' as EventCategory },
      InvalidEventCategoryException,
    );
  });

  it('a NextToken re-sent with different parameters, or made up', async () => {
    const ep = await start({ records: stealCredentials() });
    const c = client(ep, STEAL_REGION);
    const input = {
      LookupAttributes: [{ AttributeKey: 'Username' as const, AttributeValue: 'christophe' }],
      MaxResults: 10,
    };
    const first = await c.send(new LookupEventsCommand(input));
    expect(first.NextToken).toBeDefined();
    // Same parameters: accepted.
    const same = await c.send(new LookupEventsCommand({ ...input, NextToken: first.NextToken }));
    expect(same.Events).toHaveLength(10);
    await expectError(
      {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SendCommand' }],
        MaxResults: 10,
        NextToken: first.NextToken,
      },
      InvalidNextTokenException,
    );
    await expectError(
      { ...input, MaxResults: 20, NextToken: first.NextToken },
      InvalidNextTokenException,
    );
    await expectError({ ...input, NextToken: 'made-up' }, InvalidNextTokenException);
  });

  it('answers the wire shape AWS uses: HTTP 400 with __type and message', async () => {
    const ep = await start({ records: [] });
    const response = await fetch(ep.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'CloudTrail_20131101.LookupEvents',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIACAIRNTEST0000001/20240801/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ MaxResults: 99 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['__type', 'message']);
    expect(body.__type).toBe('InvalidMaxResultsException');
  });
});
