// One request to S3, told twice the way AWS tells it: as a CloudTrail record (a data event for
// object operations when the trail selects the bucket; a management event for bucket settings)
// and as a server access log line when the bucket logs. Both carry the same request ID and
// x-amz-id-2, as real logs do, so a responder can join them.
import type { Rng } from './random';
import {
  ANONYMOUS_PRINCIPAL,
  cloudTrailRecord,
  identityArn,
  type ApiCall,
  type Identity,
} from './records';

export interface BucketInfo {
  name: string;
  account: string;
  region: string;
  /** The owner's canonical user ID (64 hex), field 1 of every access log line. */
  ownerId: string;
  /** True when the trail has a data-event selector for this bucket. */
  dataEvents: boolean;
  /** Server access logging: the line format this bucket's logs use, or null when off. */
  accessLog: { fields: 26 | 27 } | null;
  objects: readonly { key: string; size: number }[];
}

export type S3Caller = { kind: 'anonymous' } | { kind: 'principal'; identity: Identity };

export const S3_OPERATIONS = {
  GetObject: { log: 'REST.GET.OBJECT', method: 'GET', data: true, readOnly: true, query: '' },
  HeadObject: { log: 'REST.HEAD.OBJECT', method: 'HEAD', data: true, readOnly: true, query: '' },
  PutObject: { log: 'REST.PUT.OBJECT', method: 'PUT', data: true, readOnly: false, query: '' },
  ListObjects: {
    log: 'REST.GET.BUCKET',
    method: 'GET',
    data: true,
    readOnly: true,
    query: '?list-type=2&prefix=&encoding-type=url',
  },
  HeadBucket: { log: 'REST.HEAD.BUCKET', method: 'HEAD', data: null, readOnly: true, query: '' },
  GetBucketAcl: { log: 'REST.GET.ACL', method: 'GET', data: false, readOnly: true, query: '?acl' },
  GetBucketPolicy: {
    log: 'REST.GET.BUCKETPOLICY',
    method: 'GET',
    data: false,
    readOnly: true,
    query: '?policy',
  },
  GetBucketLocation: {
    log: 'REST.GET.LOCATION',
    method: 'GET',
    data: false,
    readOnly: true,
    query: '?location',
  },
  PutBucketPolicy: {
    log: 'REST.PUT.BUCKETPOLICY',
    method: 'PUT',
    data: false,
    readOnly: false,
    query: '?policy',
  },
  DeleteBucketPolicy: {
    log: 'REST.DELETE.BUCKETPOLICY',
    method: 'DELETE',
    data: false,
    readOnly: false,
    query: '?policy',
  },
  PutBucketAcl: { log: 'REST.PUT.ACL', method: 'PUT', data: false, readOnly: false, query: '?acl' },
  PutBucketPublicAccessBlock: {
    log: 'REST.PUT.PUBLIC_ACCESS_BLOCK',
    method: 'PUT',
    data: false,
    readOnly: false,
    query: '?publicAccessBlock',
  },
  DeleteBucketPublicAccessBlock: {
    log: 'REST.DELETE.PUBLIC_ACCESS_BLOCK',
    method: 'DELETE',
    data: false,
    readOnly: false,
    query: '?publicAccessBlock',
  },
} as const;

export type S3Operation = keyof typeof S3_OPERATIONS;

export interface S3Request {
  timeMs: number;
  bucket: BucketInfo;
  operation: S3Operation;
  key?: string;
  caller: S3Caller;
  ip: string;
  userAgent: string;
  status: number;
  errorCode?: string;
  /** Bytes in the response body; for a successful GET, the object's bytes. */
  bytesSent: number;
  objectSize?: number;
  totalTimeMs: number;
  turnAroundMs: number;
  requestId: string;
  hostId: string;
  tls: { version: string; cipherSuite: string };
  /** True when an ACL (not a policy) granted the request: field 26 says `Yes`. */
  aclRequired?: boolean;
  /** Bucket-setting calls carry their body in CloudTrail's requestParameters. */
  settings?: Record<string, unknown>;
}

type RequestInput = Omit<
  S3Request,
  'requestId' | 'hostId' | 'totalTimeMs' | 'turnAroundMs' | 'tls' | 'bytesSent'
> &
  Partial<Pick<S3Request, 'tls' | 'bytesSent'>>;

/** Fills in what S3 decides: IDs, timings, TLS, and the bytes of the response. */
export function s3Request(rng: Rng, input: RequestInput): S3Request {
  const op = S3_OPERATIONS[input.operation];
  const ok = input.status < 300;
  const bytes =
    input.bytesSent ??
    (!ok
      ? rng.int(230, 260) // the XML error document
      : op.method === 'GET' && input.objectSize !== undefined
        ? input.objectSize
        : input.operation === 'ListObjects'
          ? rng.int(1200, 48000)
          : op.method === 'GET'
            ? rng.int(200, 1400)
            : 0);
  const turnAround = rng.int(4, 40);
  return {
    ...input,
    bytesSent: bytes,
    requestId: rng.hexUpper(16),
    hostId: rng.base64(56),
    totalTimeMs: turnAround + Math.round(bytes / 40_000) + rng.int(1, 30),
    turnAroundMs: turnAround,
    tls: input.tls ?? { version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' },
  };
}

export function hostOf(bucket: BucketInfo): string {
  return `${bucket.name}.s3.${bucket.region}.amazonaws.com`;
}

/** S3 logs keys URL-encoded with the slashes kept. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}

function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `[06/Feb/2019:00:00:38 +0000]` */
export function accessLogTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `[${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000]`;
}

function requester(caller: S3Caller): string {
  if (caller.kind === 'anonymous') return '-';
  return identityArn(caller.identity) ?? '-';
}

/** The server access log line (26 fields, or 27 with the trailing Region). */
export function accessLogLine(req: S3Request): string {
  const op = S3_OPERATIONS[req.operation];
  const fields = req.bucket.accessLog?.fields ?? 26;
  const anonymous = req.caller.kind === 'anonymous';
  const key = req.key === undefined ? '-' : encodeKey(req.key);
  const path = req.key === undefined ? `/${op.query}` : `/${key}${op.query}`;
  const dash = (v: string | number | undefined | null): string =>
    v === undefined || v === null || v === '' || v === 0 ? '-' : String(v);
  const parts = [
    req.bucket.ownerId,
    req.bucket.name,
    accessLogTime(req.timeMs),
    req.ip,
    requester(req.caller),
    req.requestId,
    op.log,
    key,
    quoted(`${op.method} ${path} HTTP/1.1`),
    String(req.status),
    dash(req.errorCode),
    dash(req.bytesSent),
    dash(req.objectSize),
    String(req.totalTimeMs),
    req.status < 300 ? String(req.turnAroundMs) : '-',
    '"-"',
    quoted(req.userAgent),
    '-',
    req.hostId,
    anonymous ? '-' : 'SigV4',
    req.tls.cipherSuite,
    anonymous ? '-' : 'AuthHeader',
    hostOf(req.bucket),
    req.tls.version,
    '-',
    req.aclRequired ? 'Yes' : '-',
  ];
  if (fields === 27) parts.push(req.bucket.region);
  return parts.join(' ');
}

function requestParameters(req: S3Request): Record<string, unknown> {
  const base: Record<string, unknown> = { bucketName: req.bucket.name, Host: hostOf(req.bucket) };
  switch (req.operation) {
    case 'GetObject':
    case 'HeadObject':
    case 'PutObject':
      return { ...base, key: req.key };
    case 'ListObjects':
      return { 'list-type': '2', ...base, 'encoding-type': 'url', prefix: '' };
    case 'GetBucketAcl':
    case 'PutBucketAcl':
      return { ...base, acl: '', ...req.settings };
    case 'GetBucketPolicy':
    case 'PutBucketPolicy':
    case 'DeleteBucketPolicy':
      return { ...req.settings, ...base, policy: '' };
    case 'PutBucketPublicAccessBlock':
    case 'DeleteBucketPublicAccessBlock':
      return { publicAccessBlock: '', ...req.settings, ...base };
    case 'GetBucketLocation':
      return { ...base, location: '' };
    case 'HeadBucket':
      return base;
  }
}

/** The CloudTrail record for the request, or null when the trail does not see it. */
export function s3CloudTrailRecord(rng: Rng, req: S3Request): Record<string, unknown> | null {
  const op = S3_OPERATIONS[req.operation];
  if (op.data === null) return null;
  if (op.data && !req.bucket.dataEvents) return null;
  const anonymous = req.caller.kind === 'anonymous';
  // Anonymous callers are only ever seen by the trail on object-level data events.
  if (anonymous && !op.data) return null;
  const bucketArn = `arn:aws:s3:::${req.bucket.name}`;
  const bucketResource = { accountId: req.bucket.account, type: 'AWS::S3::Bucket', ARN: bucketArn };
  const ok = req.status < 300;
  const call: ApiCall = {
    eventSource: 's3.amazonaws.com',
    eventName: req.operation,
    readOnly: op.readOnly,
    data: op.data,
    requestParameters: requestParameters(req),
    responseElements: null,
    additionalEventData: {
      ...(anonymous ? {} : { SignatureVersion: 'SigV4' }),
      CipherSuite: req.tls.cipherSuite,
      bytesTransferredIn: req.operation === 'PutObject' ? (req.objectSize ?? 0) : 0,
      ...(anonymous ? {} : { AuthenticationMethod: 'AuthHeader' }),
      'x-amz-id-2': req.hostId,
      bytesTransferredOut: ok && op.method !== 'PUT' ? req.bytesSent : 0,
    },
    // Data events name the object and bucket; bucket-level management events carry none in the
    // real captures.
    ...(op.data
      ? {
          resources:
            req.key !== undefined
              ? [{ type: 'AWS::S3::Object', ARN: `${bucketArn}/${req.key}` }, bucketResource]
              : [bucketResource],
        }
      : {}),
  };
  const identity: Identity =
    req.caller.kind === 'anonymous'
      ? { type: 'AWSAccount', account: ANONYMOUS_PRINCIPAL, principalId: '' }
      : req.caller.identity;
  return cloudTrailRecord({
    rng,
    timeMs: req.timeMs,
    region: req.bucket.region,
    identity,
    call,
    sourceIp: req.ip,
    userAgent: req.userAgent,
    recipientAccount: req.bucket.account,
    requestId: req.requestId,
    tls: { ...req.tls, host: hostOf(req.bucket) },
    ...(ok ? {} : { error: { code: req.errorCode ?? 'AccessDenied', message: 'Access Denied' } }),
  });
}
