// Panther's S3 server access test events: pre-parsed `log` objects (Panther's own field names)
// and three `raw` lines. No entry has both, so raw lines for some `log` objects are written here
// by hand from the object's values, and the parse must give back exactly those values.
import { describe, expect, it } from 'vitest';
import { fixture, fixtureLines, parseOk, utc } from './fixture-data';
import type { S3AccessRecord } from '../../../../src/sources/s3-access';

interface PantherEvent {
  _test_name: string;
  log?: Record<string, unknown>;
  raw?: string;
}

const events: PantherEvent[] = fixture('panther_s3serveraccess_test_events.ndjson')
  .toString('utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as PantherEvent);

function eventNamed(name: string): Record<string, unknown> {
  const event = events.find((e) => e._test_name === name);
  if (event?.log === undefined) throw new Error(`no Panther log object named ${name}`);
  return event.log;
}

// Panther's column names for the positional fields, mapped onto the record.
const PANTHER_TO_RECORD: Readonly<Record<string, keyof S3AccessRecord>> = {
  bucketowner: 'bucketOwner',
  bucket: 'bucket',
  time: 'time',
  remoteip: 'remoteIp',
  requester: 'requester',
  requestid: 'requestId',
  operation: 'operation',
  key: 'keyRaw', // Panther keeps the key as logged
  requesturi: 'requestUri',
  httpstatus: 'httpStatus',
  errorcode: 'errorCode',
  bytessent: 'bytesSent',
  objectsize: 'objectSize',
  totaltime: 'totalTimeMs',
  turnaroundtime: 'turnAroundMs',
  referrer: 'referer',
  useragent: 'userAgent',
  versionid: 'versionId',
  hostid: 'hostId',
  signatureversion: 'signatureVersion',
  ciphersuite: 'cipherSuite',
  authenticationtype: 'authType',
  hostheader: 'hostHeader',
  tlsversion: 'tlsVersion',
};

/** What the record should hold according to Panther: its values, and null where it has none. */
function expectedFrom(
  log: Record<string, unknown>,
): Partial<Record<keyof S3AccessRecord, unknown>> {
  const expected: Partial<Record<keyof S3AccessRecord, unknown>> = {};
  for (const field of Object.values(PANTHER_TO_RECORD)) expected[field] = null;
  for (const [name, value] of Object.entries(log)) {
    const field = PANTHER_TO_RECORD[name.toLowerCase()];
    if (field === undefined) continue; // p_* enrichment columns
    // Panther writes times as "2020-06-21 20:41:25.000000000" in UTC.
    expected[field] =
      field === 'time' ? utc(`${String(value).slice(0, 19).replace(' ', 'T')}Z`) : value;
  }
  return expected;
}

describe('Panther pre-parsed events', () => {
  it('holds 16 log objects and 3 raw lines', () => {
    expect(events.filter((e) => e.log !== undefined)).toHaveLength(16);
    expect(events.filter((e) => e.raw !== undefined)).toHaveLength(3);
  });

  it('has raw lines identical to the attacker scenario log, and they parse', () => {
    const raws = events.flatMap((e) => (e.raw === undefined ? [] : [e.raw]));
    expect(raws).toEqual(fixtureLines('panther_test_scenario_attacker_s3_access.log'));
    expect(raws.map((raw) => parseOk(raw).key)).toEqual(['id-01.pdf', 'id-02.pdf', 'id-03.pdf']);
  });

  // Each line below was typed from the named log object: `-` wherever Panther has no value.
  it.each([
    [
      'Amazon Access Error',
      '2c8e3610de4102c8e3610de4102c8e3610de410 cloudtrail [21/Jun/2020:20:41:25 +0000] 54.159.198.108 - 8EFD962F22F2A510 REST.PUT.OBJECT AWSLogs/o-3h3h3h3h3h/123456789012/CloudTrail/us-east-1/2020/06/21/123456789012_CloudTrail_us-east-1_20200621T2035Z_ZqQWc4WNXOQUiIic.json.gz "PUT /AWSLogs/o-wyibehgf3h/123456789012/CloudTrail/us-east-1/2020/06/21/123456789012_CloudTrail_us-east-1_20200621T2035Z_ZqQWc4WNXOQUiIic.json.gz HTTP/1.1" 403 SignatureDoesNotMatch 9438 - 9 - "-" "aws-internal/3" - 2c8e3610de4102c8e3610de4102c8e3610de410 SigV4 ECDHE-RSA-AES128-SHA AuthHeader cloudtrail.s3.us-west-2.amazonaws.com TLSv1.2',
      24,
    ],
    [
      'Secure Access to S3 Bucket',
      'f16a9e81a6589df1c902c86f7982fd14a88787db cloudtrail [14/Feb/2020:00:53:48 +0000] 127.0.0.1 arn:aws:sts::123456789012:assumed-role/eagle/regionalDeliverySession 101B7403B9828743 REST.PUT.OBJECT AWSLogs/o-wwwwwwgggg/234567890123/CloudTrail-Digest/ca-central-1/2020/02/14/234567890123_CloudTrail-Digest_ca-central-1_POrgTrail_us-east-1_20200214T001007Z.json.gz "PUT /AWSLogs/o-wwwwwwgggg/234567890123/CloudTrail-Digest/ca-central-1/2020/02/14/234567890123_CloudTrail-Digest_ca-central-1_POrgTrail_us-east-1_20200214T001007Z.json.gz HTTP/1.1" 200 - - 747 110 20 "-" "aws-internal/3 aws-sdk-java/1.11.714 Linux/4.9.184-0.1.ac.235.83.329.metal1.x86_64 OpenJDK_64-Bit_Server_VM/25.242-b08 java/1.8.0_242 vendor/Oracle_Corporation" - neRpT/AXRsS3LMBqq/wND59opwPRWWKn7F6evEhdbS99me5fyIXpVI/MMIn6ECgU1YZAqwuF8Bw= SigV4 ECDHE-RSA-AES128-SHA AuthHeader cloudtrail.s3.us-east-1.amazonaws.com TLSv1.2',
      24,
    ],
    [
      'Delete Marker Call',
      '06c722119dedc1896ef panther-yyykkj4jj66e [21/May/2020:07:05:13 +0000] - AmazonS3 1366A0B06E7A7728 S3.CREATE.DELETEMARKER test/083ec760-bbbb-4444-8888-185614f4b0fc.csv.metadata - - - - - - - - - mNwtwD6vrqwx11g9kSpb2MDY KxrLgSKGXXiKBBhTYbks6XeL1juvDqx+OBHflvk - - - - -',
      24,
    ],
    [
      'Snowflake Request',
      'f16a9e81a6589df1c902c86f7982fd14a88787db panther-bootstrap-processeddata-AF1341JAK [30/Sep/2020:20:49:19 +0000] 127.0.0.1 arn:aws:sts::123456789012:assumed-role/panther-snowflake-logprocessing-role-us-west-2/snowflake 101B7403B9828743 REST.GET.OBJECT logs/logdir/year%253D2020/month%253D09/day%253D30/hour%253D19/file.json.gz "GET /logs/logdir/year%3D2020/month%3D09/day%3D30/hour%3D19/file.json.gz HTTP/1.1" 200 - - 4063 10 9 "-" "snowflake/1.0" - - SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader - TLSv1.2',
      24,
    ],
    [
      'Access From IPv6',
      '- my-test-bucket - 2600:1ffe:8140::a47:a85a - - - - - - - - - - - - - -',
      18,
    ],
    ['Unauthenticated Access', '- example-bucket - - - - - - - - - - - - - - - -', 18],
  ])('round-trips "%s"', (name, line, fieldCount) => {
    const record = parseOk(line);
    expect(record).toMatchObject(expectedFrom(eventNamed(name)));
    expect(record.fieldCount).toBe(fieldCount);
  });

  it('derives what Panther does not store: anonymity, the decoded key and the method', () => {
    const deleteMarker = parseOk(
      '06c722119dedc1896ef panther-yyykkj4jj66e [21/May/2020:07:05:13 +0000] - AmazonS3 1366A0B06E7A7728 S3.CREATE.DELETEMARKER test/083ec760-bbbb-4444-8888-185614f4b0fc.csv.metadata - - - - - - - - - mNwtwD6vrqwx11g9kSpb2MDY KxrLgSKGXXiKBBhTYbks6XeL1juvDqx+OBHflvk - - - - -',
    );
    expect(deleteMarker).toMatchObject({ anonymous: false, httpMethod: null, requestUri: null });

    const snowflake = parseOk(
      'f16a9e81a6589df1c902c86f7982fd14a88787db panther-bootstrap-processeddata-AF1341JAK [30/Sep/2020:20:49:19 +0000] 127.0.0.1 arn:aws:sts::123456789012:assumed-role/panther-snowflake-logprocessing-role-us-west-2/snowflake 101B7403B9828743 REST.GET.OBJECT logs/logdir/year%253D2020/month%253D09/day%253D30/hour%253D19/file.json.gz "GET /logs/logdir/year%3D2020/month%3D09/day%3D30/hour%3D19/file.json.gz HTTP/1.1" 200 - - 4063 10 9 "-" "snowflake/1.0" - - SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader - TLSv1.2',
    );
    // Decoded once: %25 becomes %, leaving the %3D the key really contains.
    expect(snowflake.key).toBe(
      'logs/logdir/year%3D2020/month%3D09/day%3D30/hour%3D19/file.json.gz',
    );
    expect(snowflake.httpMethod).toBe('GET');

    const unauthenticated = parseOk('- example-bucket - - - - - - - - - - - - - - - -');
    expect(unauthenticated.anonymous).toBe(true);
  });
});
