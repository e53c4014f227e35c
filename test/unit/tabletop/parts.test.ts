// The generator's small parts: AWS's date forms, the working-hours schedule, CLI command names in
// user agents, attacker addresses, and one access-log line written field by field.
import { describe, expect, it } from 'vitest';
import { createIpClassifier } from '../../../src/analysis/ip';
import { parseS3AccessLine } from '../../../src/sources/s3-access';
import { attackerIps, cliCommand } from '../../../src/tabletop/attacker';
import { Rng } from '../../../src/tabletop/random';
import { responseDate } from '../../../src/tabletop/records';
import { hourlyQuotas } from '../../../src/tabletop/schedule';
import { accessLogLine, type S3Request } from '../../../src/tabletop/s3-request';

describe('AWS date forms', () => {
  it('writes STS expirations and IAM creation dates as the Stratus captures show them', () => {
    // GetFederationToken at 2024-11-30T08:43:17Z expired "Nov 30, 2024, 8:43:17 PM".
    expect(responseDate(Date.UTC(2024, 10, 30, 20, 43, 17))).toBe('Nov 30, 2024, 8:43:17 PM');
    // CreateUser at 2024-08-01T13:33:28Z: "Aug 1, 2024 1:33:28 PM".
    expect(responseDate(Date.UTC(2024, 7, 1, 13, 33, 28), false)).toBe('Aug 1, 2024 1:33:28 PM');
    expect(responseDate(Date.UTC(2026, 0, 5, 0, 5, 9))).toBe('Jan 5, 2026, 12:05:09 AM');
    expect(responseDate(Date.UTC(2026, 0, 5, 12, 0, 0))).toBe('Jan 5, 2026, 12:00:00 PM');
  });
});

describe('hourlyQuotas', () => {
  it('shares the total out exactly, busier in US working hours and on weekdays', () => {
    const monday = Date.UTC(2026, 2, 16);
    const q = hourlyQuotas(monday, 24 * 7, 100_000);
    expect(q.reduce((a, b) => a + b, 0)).toBe(100_000);
    // 15:00 UTC Monday is 10:00 in New York; 07:00 UTC is 02:00.
    expect(q[15]! / q[7]!).toBeCloseTo(3, 1);
    // Saturday 15:00 UTC has half of Monday's.
    expect(q[5 * 24 + 15]! / q[15]!).toBeCloseTo(0.5, 1);
    expect(hourlyQuotas(monday, 24, 7)).toEqual(hourlyQuotas(monday, 24, 7));
  });
});

describe('cliCommand', () => {
  it('names calls the way the AWS CLI puts them in its user agent', () => {
    expect(cliCommand('sts.amazonaws.com', 'GetCallerIdentity')).toBe('sts.get-caller-identity');
    expect(cliCommand('rds.amazonaws.com', 'DescribeDBInstances')).toBe(
      'rds.describe-db-instances',
    );
    expect(cliCommand('lambda.amazonaws.com', 'ListFunctions20150331')).toBe(
      'lambda.list-functions',
    );
    expect(cliCommand('monitoring.amazonaws.com', 'GetMetricData')).toBe(
      'cloudwatch.get-metric-data',
    );
  });
});

describe('attackerIps', () => {
  it('draws distinct Tor exits and EC2 addresses, never the organisation’s own', () => {
    const first = attackerIps(new Rng(1), { tor: 4, ec2: 4 }, new Set());
    const again = attackerIps(
      new Rng(1),
      { tor: 4, ec2: 4 },
      new Set([first[0]!.ip, first[5]!.ip]),
    );
    expect(again.map((a) => a.ip)).not.toContain(first[0]!.ip);
    expect(again.map((a) => a.ip)).not.toContain(first[5]!.ip);
    const classifier = createIpClassifier();
    for (const a of [...first, ...again]) {
      const c = classifier.classify(a.ip);
      expect(c.class).toBe(a.kind === 'tor' ? 'tor' : 'aws');
      if (a.kind === 'aws-ec2') {
        expect(c.matches.some((m) => m.list === 'aws' && m.service === 'EC2')).toBe(true);
      }
    }
    expect(new Set(first.map((a) => a.ip)).size).toBe(8);
  });
});

describe('accessLogLine', () => {
  const base: S3Request = {
    timeMs: Date.UTC(2026, 2, 16, 9, 5, 7),
    bucket: {
      name: 'acme-exports',
      account: '111122223333',
      region: 'eu-west-1',
      ownerId: 'a'.repeat(64),
      dataEvents: true,
      accessLog: { fields: 27 },
      objects: [],
    },
    operation: 'GetObject',
    key: 'exports/2026/03/customers eu.csv.gz',
    objectSize: 2048,
    caller: { kind: 'anonymous' },
    ip: '185.220.101.4',
    userAgent: 'python-requests/2.31.0 "x"',
    status: 200,
    bytesSent: 2048,
    totalTimeMs: 31,
    turnAroundMs: 9,
    requestId: '3E57427F3E0A1B2C',
    hostId: `${'Q'.repeat(75)}=`,
    tls: { version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' },
    aclRequired: true,
  };

  it('writes all 27 fields in S3’s order, quoting and escaping where S3 does', () => {
    expect(accessLogLine(base)).toBe(
      `${'a'.repeat(64)} acme-exports [16/Mar/2026:09:05:07 +0000] 185.220.101.4 - 3E57427F3E0A1B2C REST.GET.OBJECT exports/2026/03/customers%20eu.csv.gz "GET /exports/2026/03/customers%20eu.csv.gz HTTP/1.1" 200 - 2048 2048 31 9 "-" "python-requests/2.31.0 \\"x\\"" - ${'Q'.repeat(75)}= - TLS_AES_128_GCM_SHA256 - acme-exports.s3.eu-west-1.amazonaws.com TLSv1.3 - Yes eu-west-1`,
    );
    const parsed = parseS3AccessLine(accessLogLine(base));
    expect(parsed.ok && parsed.record).toMatchObject({
      fieldCount: 27,
      anonymous: true,
      key: 'exports/2026/03/customers eu.csv.gz',
      userAgent: 'python-requests/2.31.0 "x"',
      aclRequired: true,
      region: 'eu-west-1',
    });
  });

  it('writes a refused listing by a signed-in caller with 26 fields and no turn-around time', () => {
    const line = accessLogLine({
      ...base,
      bucket: { ...base.bucket, accessLog: { fields: 26 } },
      operation: 'ListObjects',
      key: undefined,
      objectSize: undefined,
      caller: {
        kind: 'principal',
        identity: {
          type: 'IAMUser',
          account: '111122223333',
          userName: 'bob',
          principalId: 'AIDAX',
          accessKeyId: 'AKIAX',
        },
      },
      status: 403,
      errorCode: 'AccessDenied',
      bytesSent: 243,
      aclRequired: false,
    });
    const parsed = parseS3AccessLine(line);
    expect(parsed.ok && parsed.record).toMatchObject({
      fieldCount: 26,
      requester: 'arn:aws:iam::111122223333:user/bob',
      operation: 'REST.GET.BUCKET',
      requestUri: 'GET /?list-type=2&prefix=&encoding-type=url HTTP/1.1',
      httpStatus: 403,
      errorCode: 'AccessDenied',
      turnAroundMs: null,
      signatureVersion: 'SigV4',
      authType: 'AuthHeader',
      aclRequired: null,
    });
  });
});
