// The quirks of real access logs (formats.md, "Parser quirks"), one hand-written line each.
import { describe, expect, it } from 'vitest';
import { canonicalTlsVersion } from '../../../../src/sources/s3-access';
import { parseOk, utc } from './fixture-data';

const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

// A 24-field line; tests replace fields by their 1-based number as the format lists them.
const BASE: readonly string[] = [
  OWNER,
  'examplebucket',
  '[06/Feb/2019:00:00:38 +0000]',
  '192.0.2.3',
  'arn:aws:iam::123456789012:user/alice',
  '3E57427F3EXAMPLE',
  'REST.GET.OBJECT',
  'report.pdf',
  '"GET /examplebucket/report.pdf HTTP/1.1"',
  '200',
  '-',
  '1024',
  '1024',
  '15',
  '12',
  '"-"',
  '"curl/8.4.0"',
  '-',
  'Ke1bUcazaN1jWuUlPJaxF64cQVpUEhoZKEG/hmy/gijN/I1DeWqDfFvnpybfEseEME/u7ME1234=',
  'SigV4',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'AuthHeader',
  'examplebucket.s3.us-east-1.amazonaws.com',
  'TLSv1.2',
];

function lineWith(fields: Record<number, string>, extra: readonly string[] = []): string {
  const all = [...BASE, ...extra];
  for (const [number, value] of Object.entries(fields)) all[Number(number) - 1] = value;
  return all.join(' ');
}

describe('internal AWS records', () => {
  it('reads BATCH.DELETE.OBJECT with an unquoted - request-URI, remote IP - and a svc: requester', () => {
    const record = parseOk(
      lineWith({
        4: '-',
        5: 'svc:delivery.logs.amazonaws.com',
        7: 'BATCH.DELETE.OBJECT',
        8: 'logs/2019-02-05.gz',
        9: '-',
        10: '204',
        12: '-',
        13: '-',
        14: '-',
        15: '-',
        16: '-',
        17: '-',
      }),
    );
    expect(record).toMatchObject({
      remoteIp: null,
      requester: 'svc:delivery.logs.amazonaws.com',
      anonymous: false,
      operation: 'BATCH.DELETE.OBJECT',
      key: 'logs/2019-02-05.gz',
      requestUri: null,
      httpMethod: null,
      httpStatus: 204,
      referer: null,
      userAgent: null,
      fieldCount: 24,
    });
  });

  it('reads REST.COPY.OBJECT_GET with an unquoted - request-URI and status -', () => {
    const record = parseOk(lineWith({ 7: 'REST.COPY.OBJECT_GET', 9: '-', 10: '-' }));
    expect(record).toMatchObject({ requestUri: null, httpStatus: null, httpMethod: null });
  });

  it('reads a lifecycle expiry by AmazonS3 as authenticated', () => {
    const record = parseOk(lineWith({ 4: '-', 5: 'AmazonS3', 7: 'S3.EXPIRE.OBJECT', 9: '-' }));
    expect(record).toMatchObject({ requester: 'AmazonS3', anonymous: false, remoteIp: null });
  });
});

describe('requesters', () => {
  it('treats - and the old Anonymous as unauthenticated, keeping Anonymous as written', () => {
    expect(parseOk(lineWith({ 5: '-' }))).toMatchObject({ requester: null, anonymous: true });
    expect(parseOk(lineWith({ 5: 'Anonymous' }))).toMatchObject({
      requester: 'Anonymous',
      anonymous: true,
    });
  });

  it('keeps an STS assumed-role ARN and a canonical ID as authenticated', () => {
    const role = 'arn:aws:sts::123456789012:assumed-role/Admin/i-0abc';
    expect(parseOk(lineWith({ 5: role }))).toMatchObject({ requester: role, anonymous: false });
    expect(parseOk(lineWith({ 5: OWNER }))).toMatchObject({ requester: OWNER, anonymous: false });
  });
});

describe('quoted fields', () => {
  it('reads a user agent with spaces, brackets, commas and an escaped quote', () => {
    const record = parseOk(
      lineWith({ 17: '"[aws-sdk-go/1.44.0 (go1.20; linux; amd64)] say \\"hi\\", [bot]"' }),
    );
    expect(record.userAgent).toBe('[aws-sdk-go/1.44.0 (go1.20; linux; amd64)] say "hi", [bot]');
    expect(record.versionId).toBeNull(); // the fields after it are still in place
    expect(record.tlsVersion).toBe('TLSv1.2');
  });

  it('reads an escaped backslash before the closing quote', () => {
    expect(parseOk(lineWith({ 17: '"C:\\\\temp\\\\"' })).userAgent).toBe('C:\\temp\\');
  });

  it('reads a referer, and "-" or - as no referer', () => {
    expect(parseOk(lineWith({ 16: '"https://example.com/a?b=c"' })).referer).toBe(
      'https://example.com/a?b=c',
    );
    expect(parseOk(lineWith({ 16: '"-"' })).referer).toBeNull();
    expect(parseOk(lineWith({ 16: '-' })).referer).toBeNull();
  });

  it('reads the method from the request line', () => {
    expect(parseOk(lineWith({ 9: '"HEAD /examplebucket HTTP/1.1"' })).httpMethod).toBe('HEAD');
    expect(parseOk(lineWith({ 9: '"DELETE /examplebucket/x HTTP/1.1"' })).httpMethod).toBe(
      'DELETE',
    );
  });
});

describe('presigned URLs', () => {
  it('ties an anonymous-looking SigV2 GET to its access key', () => {
    const record = parseOk(
      lineWith({
        5: '-',
        9: '"GET /examplebucket/report.pdf?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1549411238&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D HTTP/1.1"',
        20: 'SigV2',
        22: 'QueryString',
      }),
    );
    expect(record).toMatchObject({
      anonymous: true,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      signatureVersion: 'SigV2',
      authType: 'QueryString',
    });
  });

  it('reads a SigV4 credential with the scope encoded as %2F', () => {
    const record = parseOk(
      lineWith({
        9: '"GET /examplebucket/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20190206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20190206T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123 HTTP/1.1"',
        22: 'QueryString',
      }),
    );
    expect(record.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  it('reads a SigV4 credential with a raw / and a lower-case %2f, as the last parameter', () => {
    const raw = parseOk(
      lineWith({
        9: '"GET /r.pdf?X-Amz-Date=20190206T000000Z&X-Amz-Credential=ASIAY34FZKBOKMUTVV7A/20190206/eu-west-1/s3/aws4_request HTTP/1.1"',
      }),
    );
    expect(raw.accessKeyId).toBe('ASIAY34FZKBOKMUTVV7A');
    const lower = parseOk(
      lineWith({ 9: '"GET /r.pdf?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2f20190206%2f HTTP/1.1"' }),
    );
    expect(lower.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  it('finds no key where there is none, or where the name is only part of another parameter', () => {
    expect(parseOk(lineWith({})).accessKeyId).toBeNull();
    expect(
      parseOk(lineWith({ 9: '"GET /r.pdf?my-AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE HTTP/1.1"' }))
        .accessKeyId,
    ).toBeNull();
    expect(
      parseOk(lineWith({ 9: '"GET /AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE HTTP/1.1"' })).accessKeyId,
    ).toBeNull();
  });
});

describe('keys', () => {
  it('decodes %20 and + as spaces, keeping the raw key', () => {
    const record = parseOk(lineWith({ 8: 'reports/Q1+2019%20final.pdf' }));
    expect(record.key).toBe('reports/Q1 2019 final.pdf');
    expect(record.keyRaw).toBe('reports/Q1+2019%20final.pdf');
  });

  it('decodes %2B to a real plus and multi-byte UTF-8', () => {
    expect(parseOk(lineWith({ 8: 'a%2Bb/%E2%82%AC.txt' })).key).toBe('a+b/€.txt');
  });

  it('keeps a malformed escape as written instead of failing the line', () => {
    const record = parseOk(lineWith({ 8: '100%+done%2' }));
    expect(record.key).toBe('100% done%2');
    expect(record.keyRaw).toBe('100%+done%2');
  });
});

describe('numbers, times and versions', () => {
  it('reads every - as null', () => {
    const record = parseOk(lineWith({ 10: '-', 12: '-', 13: '-', 14: '-', 15: '-' }));
    expect(record).toMatchObject({
      httpStatus: null,
      bytesSent: null,
      objectSize: null,
      totalTimeMs: null,
      turnAroundMs: null,
    });
  });

  it('reads a 5 TB object size exactly', () => {
    expect(parseOk(lineWith({ 13: '5497558138880' })).objectSize).toBe(5 * 1024 ** 4);
  });

  it('honours a non-zero UTC offset', () => {
    expect(parseOk(lineWith({ 3: '[06/Feb/2019:01:00:38 +0100]' })).time).toBe(
      utc('2019-02-06T00:00:38Z'),
    );
    expect(parseOk(lineWith({ 3: '[05/Feb/2019:18:30:38 -0530]' })).time).toBe(
      utc('2019-02-06T00:00:38Z'),
    );
  });

  it('reads 29 February in a leap year and a time of -', () => {
    expect(parseOk(lineWith({ 3: '[29/Feb/2024:23:59:59 +0000]' })).time).toBe(
      utc('2024-02-29T23:59:59Z'),
    );
    expect(parseOk(lineWith({ 3: '-' })).time).toBeNull();
  });

  it('keeps the TLS version as written and compares it case-insensitively', () => {
    const record = parseOk(lineWith({ 24: 'TLSV1.2' }));
    expect(record.tlsVersion).toBe('TLSV1.2');
    expect(canonicalTlsVersion(record.tlsVersion)).toBe('TLSv1.2');
    expect(canonicalTlsVersion('tlsv1')).toBe('TLSv1');
    expect(canonicalTlsVersion('SSLv3')).toBeNull();
    expect(canonicalTlsVersion(null)).toBeNull();
  });
});

describe('field counts', () => {
  it('accepts 18, 25, 26 and 27 fields', () => {
    const eighteen = BASE.slice(0, 18).join(' ');
    expect(parseOk(eighteen).fieldCount).toBe(18);
    expect(parseOk(lineWith({}, ['-'])).fieldCount).toBe(25);
    expect(parseOk(lineWith({}, ['-', 'Yes']))).toMatchObject({
      fieldCount: 26,
      aclRequired: true,
    });
    expect(parseOk(lineWith({}, ['-', '-', 'eu-west-1']))).toMatchObject({
      fieldCount: 27,
      aclRequired: null,
      region: 'eu-west-1',
    });
  });

  it('accepts 30 fields and ignores the three it does not know, quoted or not', () => {
    const record = parseOk(
      lineWith({}, [
        'arn:aws:s3:us-east-1:123456789012:accesspoint/ap',
        'Yes',
        'us-east-1',
        'x',
        '"a b"',
        'z',
      ]),
    );
    expect(record).toMatchObject({
      fieldCount: 30,
      accessPointArn: 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap',
      aclRequired: true,
      region: 'us-east-1',
    });
  });

  it('ignores trailing spaces and a stray carriage return', () => {
    expect(parseOk(`${lineWith({})}  \r`).fieldCount).toBe(24);
  });
});
