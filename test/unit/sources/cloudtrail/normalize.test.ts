import { describe, expect, it } from 'vitest';
import {
  normalizeRecord,
  type NormalizedEvent,
} from '../../../../src/sources/cloudtrail/normalize';

function ok(value: unknown): NormalizedEvent {
  const r = normalizeRecord(value);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

const base = {
  eventVersion: '1.08',
  eventID: 'e1',
  eventTime: '2024-11-30T08:43:18Z',
  eventName: 'GetCallerIdentity',
  eventSource: 'sts.amazonaws.com',
  awsRegion: 'us-east-1',
};

describe('normalising a CloudTrail record', () => {
  it('takes the federated user and its issuing IAM user (the GetFederationToken pivot)', () => {
    const e = ok({
      ...base,
      sourceIPAddress: '255.090.254.5',
      readOnly: true,
      userIdentity: {
        type: 'FederatedUser',
        arn: 'arn:aws:sts::742491224508:federated-user/stratus_red_team',
        accountId: '742491224508',
        accessKeyId: 'ASIASTJKC5GCM7ZE6LUP',
        sessionContext: {
          sessionIssuer: {
            type: 'IAMUser',
            arn: 'arn:aws:iam::742491224508:user/stratus-user',
            userName: 'stratus-user',
          },
        },
      },
    });
    expect(e).toMatchObject({
      principalType: 'FederatedUser',
      principalArn: 'arn:aws:sts::742491224508:federated-user/stratus_red_team',
      accessKeyId: 'ASIASTJKC5GCM7ZE6LUP',
      sessionIssuerArn: 'arn:aws:iam::742491224508:user/stratus-user',
      userName: 'stratus-user',
      sourceIp: '255.090.254.5',
      readOnly: true,
    });
  });

  it('reads booleans sent as strings and keeps odd IPs as given', () => {
    expect(
      ok({
        ...base,
        readOnly: 'false',
        managementEvent: 'true',
        sourceIPAddress: '100.200.300.400',
      }),
    ).toMatchObject({ readOnly: false, managementEvent: true, sourceIp: '100.200.300.400' });
    expect(ok(base).readOnly).toBeNull();
  });

  it('names a service caller that has no identity type (old service events)', () => {
    expect(
      ok({
        ...base,
        userIdentity: { invokedBy: 'cloudtrail.amazonaws.com' },
        sourceIPAddress: 'cloudtrail.amazonaws.com',
      }),
    ).toMatchObject({
      principalArn: 'cloudtrail.amazonaws.com',
      principalType: 'AWSService',
    });
  });

  it('takes bucket and key from S3 request parameters', () => {
    expect(
      ok({
        ...base,
        eventName: 'GetObject',
        requestParameters: { bucketName: 'acme', key: 'a/b.csv' },
      }),
    ).toMatchObject({ bucket: 'acme', objectKey: 'a/b.csv' });
  });

  it('unwraps EventBridge events and LookupEvents entries', () => {
    expect(
      ok({
        version: '0',
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.s3',
        detail: base,
      }).eventId,
    ).toBe('e1');
    expect(ok({ EventId: 'e1', CloudTrailEvent: JSON.stringify(base) }).eventName).toBe(
      'GetCallerIdentity',
    );
  });

  it('takes @timestamp when eventTime is missing, and says so', () => {
    const { eventTime: _drop, ...noTime } = base;
    const r = normalizeRecord({ ...noTime, '@timestamp': '2020-09-14T00:44:23.000Z' });
    expect(r).toMatchObject({
      ok: true,
      notes: ['eventTime taken from @timestamp'],
      event: { timeMs: Date.UTC(2020, 8, 14, 0, 44, 23) },
    });
  });

  it('reads a zone-less SIEM time as UTC, and says so', () => {
    const r = normalizeRecord({ ...base, eventTime: '2025-01-21 17:49:47.000000000' });
    expect(r).toMatchObject({
      ok: true,
      event: { timeMs: Date.UTC(2025, 0, 21, 17, 49, 47) },
      notes: [expect.stringMatching(/read as UTC/) as unknown],
    });
  });

  it('rejects with a reason: no time, a bad time, no or placeholder eventID, not CloudTrail', () => {
    const { eventTime: _t, ...noTime } = base;
    expect(normalizeRecord(noTime)).toMatchObject({
      ok: false,
      reason: 'no eventTime (and no usable @timestamp)',
    });
    expect(normalizeRecord({ ...base, eventTime: '...' })).toMatchObject({
      ok: false,
      reason: 'eventTime "..." is not an ISO-8601 time',
    });
    const { eventID: _i, ...noId } = base;
    expect(normalizeRecord(noId)).toMatchObject({ ok: false, reason: 'no eventID' });
    expect(normalizeRecord({ ...base, eventID: '...' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/placeholder/) as unknown,
    });
    expect(normalizeRecord({ foo: 1 })).toMatchObject({ ok: false, notCloudTrail: true });
    expect(normalizeRecord([1, 2])).toMatchObject({ ok: false, notCloudTrail: true });
  });
});
