// The shape of one parsed S3 server access log line (see ../../../../shared/reference/formats.md
// section 2 for the field list). Names are stable: the case file, queries and the CLI's --json
// output depend on them. AWS says any field may be `-`; every such field is null here.

export interface S3AccessRecord {
  /** Field 3, `[06/Feb/2019:00:00:38 +0000]`, as UTC milliseconds; null when logged as `-`. */
  time: number | null;
  /** Field 1: the canonical user ID (64 hex in real logs; shorter in some public fixtures). */
  bucketOwner: string | null;
  bucket: string | null;
  /** IPv4/IPv6 as logged; null (`-`) for internal AWS requests such as log delivery. */
  remoteIp: string | null;
  /** Canonical ID, IAM/STS ARN, `svc:…`, `AmazonS3` or `Anonymous`; null (`-`) = unauthenticated. */
  requester: string | null;
  /** Not unique: a copy logs two lines with one request ID. */
  requestId: string | null;
  operation: string | null;
  /** The object key URL-decoded (`+` read as a space). */
  key: string | null;
  /** The key exactly as logged (still URL-encoded). */
  keyRaw: string | null;
  /** The request line without its quotes, e.g. `GET /bucket/key?x HTTP/1.1`; null when `-`. */
  requestUri: string | null;
  /** The method at the start of the request line (GET, PUT, …); null without a request line. */
  httpMethod: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  /** Null when logged as `-`, which S3 also writes for 0 bytes. */
  bytesSent: number | null;
  objectSize: number | null;
  totalTimeMs: number | null;
  turnAroundMs: number | null;
  /** Quoted in the log; `"-"` and `-` are both null. Escaped `\"` and `\\` are unescaped. */
  referer: string | null;
  userAgent: string | null;
  versionId: string | null;
  // Fields 19 and later exist only in newer lines; they are null when the line is shorter.
  hostId: string | null;
  signatureVersion: string | null;
  cipherSuite: string | null;
  /** `AuthHeader`, `QueryString` (presigned URL) or null (unauthenticated). */
  authType: string | null;
  hostHeader: string | null;
  /** Kept as logged: AWS writes both `TLSv1.2` and `TLSV1.2` (see canonicalTlsVersion). */
  tlsVersion: string | null;
  accessPointArn: string | null;
  /** True when logged as `Yes` (an ACL was needed to authorise the request); null for `-`. */
  aclRequired: boolean | null;
  /** Field 27, only in the newest format. */
  region: string | null;
  /** Derived: requester `-` or `Anonymous`. */
  anonymous: boolean;
  /** Derived: the access key ID in a SigV2 or SigV4 presigned URL's query string. */
  accessKeyId: string | null;
  /** How many space-separated fields the line had (the time counts as one); 18 … 27 or more. */
  fieldCount: number;
}

export type S3AccessParseResult =
  | { ok: true; record: S3AccessRecord }
  | {
      ok: false;
      /** One line naming the field and the column, e.g. `userAgent (field 17): unbalanced …`. */
      reason: string;
      /** 1-based character column where the line went wrong, when one place can be named. */
      column?: number;
      /** The record property of the field that was wrong, when one field can be named. */
      field?: S3AccessFieldName;
    };

/** Positional fields in log order: index 0 is field 1. */
export const S3_ACCESS_FIELDS = [
  'bucketOwner',
  'bucket',
  'time',
  'remoteIp',
  'requester',
  'requestId',
  'operation',
  'key',
  'requestUri',
  'httpStatus',
  'errorCode',
  'bytesSent',
  'objectSize',
  'totalTimeMs',
  'turnAroundMs',
  'referer',
  'userAgent',
  'versionId',
  'hostId',
  'signatureVersion',
  'cipherSuite',
  'authType',
  'hostHeader',
  'tlsVersion',
  'accessPointArn',
  'aclRequired',
  'region',
] as const;

export type S3AccessFieldName = (typeof S3_ACCESS_FIELDS)[number];

/** Lines with fewer fields predate nothing AWS ever wrote: the 18-field format is the oldest. */
export const MIN_FIELDS = 18;
/** Fields past this many are counted and otherwise ignored (AWS appends new fields at the end). */
export const KNOWN_FIELDS = S3_ACCESS_FIELDS.length;
