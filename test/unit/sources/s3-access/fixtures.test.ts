// Every line of the real sample files parses, with field counts and values read by hand.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseS3AccessBuffer } from '../../../../src/sources/s3-access';
import type { S3AccessRecord } from '../../../../src/sources/s3-access';
import { fixture, fixtureLines, parseOk, utc } from './fixture-data';

const DOCS = 'awsdocs_LogFormat_examples.log';
const LOGSTASH = 'logstash-patterns-core_aws_spec.log';
const PANTHER = 'panther_test_scenario_attacker_s3_access.log';
const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

describe('the fixture copies', () => {
  it.each([
    [DOCS, '917bdfd1bbedd4a1fb88ca3f076406e8de8d191c4a15ab437d46a69978dac2ad'],
    [LOGSTASH, '8abf3d5b799b4ecac94a09f2501fb80caf7b1a12c09efef7e336802967d464d5'],
    [PANTHER, 'b9263edb53faaade2e913a3d4c404ac04ebda1cddb8e12062176f50741723ab6'],
    [
      'panther_s3serveraccess_test_events.ndjson',
      '9130a4b0b4776df86b52b7feee4aa1571c88f697f9d677d10eaf2489ac5d616f',
    ],
  ])('%s is byte-identical to the shared original', (name, sha256) => {
    expect(createHash('sha256').update(fixture(name)).digest('hex')).toBe(sha256);
  });
});

describe('AWS documentation examples', () => {
  const lines = fixtureLines(DOCS);

  it('has 7 lines, all of which parse with 24 or 27 fields', () => {
    expect(lines.map((line) => parseOk(line).fieldCount)).toEqual([24, 24, 24, 24, 24, 27, 27]);
  });

  it('reads line 1 (REST.GET.VERSIONING by the owner) field by field', () => {
    expect(parseOk(lines[0]!)).toEqual({
      time: utc('2019-02-06T00:00:38Z'),
      bucketOwner: OWNER,
      bucket: 'awsexamplebucket1',
      remoteIp: '192.0.2.3',
      requester: OWNER,
      requestId: '3E57427F3EXAMPLE',
      operation: 'REST.GET.VERSIONING',
      key: null,
      keyRaw: null,
      requestUri: 'GET /awsexamplebucket1?versioning HTTP/1.1',
      httpMethod: 'GET',
      httpStatus: 200,
      errorCode: null,
      bytesSent: 113,
      objectSize: null,
      totalTimeMs: 7,
      turnAroundMs: null,
      referer: null,
      userAgent: 'S3Console/0.4',
      versionId: null,
      hostId: 's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=',
      signatureVersion: 'SigV2',
      cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
      authType: 'AuthHeader',
      hostHeader: 'awsexamplebucket1.s3.us-west-1.amazonaws.com',
      tlsVersion: 'TLSV1.1',
      accessPointArn: null,
      aclRequired: null,
      region: null,
      anonymous: false,
      accessKeyId: null,
      fieldCount: 24,
    } satisfies S3AccessRecord);
  });

  it('reads the 404 NoSuchBucketPolicy on line 3 and the later time on line 4', () => {
    expect(parseOk(lines[2]!)).toMatchObject({
      requestId: 'A1206F460EXAMPLE',
      operation: 'REST.GET.BUCKETPOLICY',
      requestUri: 'GET /awsexamplebucket1?policy HTTP/1.1',
      httpStatus: 404,
      errorCode: 'NoSuchBucketPolicy',
      bytesSent: 297,
      totalTimeMs: 38,
    });
    expect(parseOk(lines[3]!)).toMatchObject({
      time: utc('2019-02-06T00:01:00Z'),
      requestId: '7B4A0FABBEXAMPLE',
      totalTimeMs: 33,
    });
  });

  it('reads the PUT of s3-dg.pdf on line 5 (no bytes sent, an object size, SigV4)', () => {
    expect(parseOk(lines[4]!)).toMatchObject({
      time: utc('2019-02-06T00:01:57Z'),
      operation: 'REST.PUT.OBJECT',
      key: 's3-dg.pdf',
      keyRaw: 's3-dg.pdf',
      requestUri: 'PUT /awsexamplebucket1/s3-dg.pdf HTTP/1.1',
      httpMethod: 'PUT',
      bytesSent: null,
      objectSize: 4406583,
      totalTimeMs: 41754,
      turnAroundMs: 28,
      signatureVersion: 'SigV4',
      cipherSuite: 'ECDHE-RSA-AES128-SHA',
    });
  });

  it('reads the newest 27-field format: access point, aclRequired and region', () => {
    expect(parseOk(lines[5]!)).toMatchObject({
      bucket: 'amzn-s3-demo-bucket1',
      hostHeader: 'amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com',
      tlsVersion: 'TLSV1.2',
      accessPointArn: 'arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP',
      aclRequired: true,
      region: 'us-east-1',
      fieldCount: 27,
    });
    expect(parseOk(lines[6]!)).toMatchObject({
      requestId: '891CE47D2EXAMPLE',
      accessPointArn: null,
      aclRequired: null,
      region: 'us-east-1',
      fieldCount: 27,
    });
  });
});

describe('logstash-patterns-core samples', () => {
  const lines = fixtureLines(LOGSTASH);

  it('has 3 lines that parse with 18, 18 and 24 fields', () => {
    expect(lines.map((line) => parseOk(line).fieldCount)).toEqual([18, 18, 24]);
  });

  it('reads an 18-field line: the newer fields are null, the short owner is kept', () => {
    expect(parseOk(lines[0]!)).toMatchObject({
      time: utc('2014-02-06T00:00:38Z'),
      bucketOwner: '79a5',
      bucket: 'mybucket',
      requester: '79a5',
      operation: 'REST.GET.VERSIONING',
      versionId: null,
      hostId: null,
      signatureVersion: null,
      tlsVersion: null,
      region: null,
    });
  });

  it('reads the unauthenticated 304 on line 2 as anonymous', () => {
    expect(parseOk(lines[1]!)).toMatchObject({
      time: utc('2014-05-12T07:54:01Z'),
      remoteIp: '10.0.1.2',
      requester: null,
      anonymous: true,
      requestId: '7ACC4BE89EXAMPLE',
      operation: 'REST.GET.OBJECT',
      key: 'foo/bar.html',
      requestUri: 'GET /foo/bar.html HTTP/1.1',
      httpStatus: 304,
      bytesSent: null,
      objectSize: 1718,
      totalTimeMs: 10,
      userAgent: 'Mozilla/5.0',
      fieldCount: 18,
    });
  });

  it('reads an IAM user requester and a user agent with commas and spaces on line 3', () => {
    expect(parseOk(lines[2]!)).toMatchObject({
      requester: 'arn:aws:iam::123456:user/test@elastic.co',
      anonymous: false,
      turnAroundMs: 12,
      userAgent:
        'AWS-Support-TrustedAdvisor, aws-internal/3 aws-sdk-java/1.11.590 Linux/4.9.137-0.1.ac.218.74.329.metal1.x86_64',
      versionId: null,
      hostId: 'BNaBsXZQQDbssi6xMBdBU2sLt+Yf5kZDmeBUP35sFoKa3sLLeMC78iwEIWxs99CRUrbS4n11234=',
      tlsVersion: 'TLSV1.1',
    });
  });
});

describe('Panther attacker scenario', () => {
  const lines = fixtureLines(PANTHER);

  it('reads three downloads of customer PDFs by one IAM user', () => {
    const records = lines.map(parseOk);
    expect(records.map((r) => r.fieldCount)).toEqual([24, 24, 24]);
    expect(records.map((r) => r.time)).toEqual([
      utc('2020-11-01T10:43:07Z'),
      utc('2020-11-01T10:44:10Z'),
      utc('2020-11-01T10:45:23Z'),
    ]);
    expect(records.map((r) => r.key)).toEqual(['id-01.pdf', 'id-02.pdf', 'id-03.pdf']);
    for (const r of records) {
      expect(r).toMatchObject({
        bucketOwner: '79a59df900bb44eeed96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
        bucket: 'acme.customerdata-prod',
        remoteIp: '172.31.77.31',
        requester: 'arn:aws:iam::493859302102:user/tracy_stone',
        operation: 'REST.GET.OBJECT',
        httpStatus: 200,
        objectSize: 4406583,
        hostHeader: 'acme.customerdata-prod.s3.amazonaws.com',
      });
    }
  });
});

describe('whole files through parseS3AccessBuffer', () => {
  it.each([DOCS, LOGSTASH, PANTHER])(
    '%s: every line parses and its byte range holds it',
    (name) => {
      const buffer = fixture(name);
      const expected = fixtureLines(name);
      const parsed = [...parseS3AccessBuffer(buffer)];
      expect(parsed.map((p) => p.lineNumber)).toEqual(expected.map((_, i) => i + 1));
      for (const p of parsed) {
        expect(p.result.ok).toBe(true);
        expect(buffer.subarray(p.start, p.end).toString('utf8')).toBe(expected[p.lineNumber - 1]);
      }
    },
  );
});
