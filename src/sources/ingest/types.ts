import type { NormalizedEvent } from '../cloudtrail/normalize';

export interface Rejection {
  /** Array index, line number, or null for the whole file. */
  locator: number | null;
  reason: string;
}

export type FileFormat =
  | 'records'
  | 'array'
  | 'ndjson'
  | 'lookup-events'
  | 'cloudwatch-logs'
  | 'lake-results'
  | 'single'
  | 'digest'
  | 's3-access'
  | 'unknown';

export type FileStatus = 'done' | 'digest' | 'rejected';

export interface S3AccessRow {
  line: number;
  timeMs: number;
  bucketOwner: string | null;
  bucket: string | null;
  remoteIp: string | null;
  requester: string | null;
  requestId: string | null;
  operation: string | null;
  key: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  bytesSent: number | null;
  objectSize: number | null;
  userAgent: string | null;
  signatureVersion: string | null;
  authType: string | null;
  hostHeader: string | null;
  tlsVersion: string | null;
  accessKeyId: string | null;
}

/** Everything learned from one delivered file, ready to commit in one transaction. */
export interface ParsedFile {
  location: string;
  raw: Buffer;
  sha256: string;
  compression: 'gzip' | 'none';
  format: FileFormat;
  status: FileStatus;
  recordsRead: number;
  events: { event: NormalizedEvent; locator: number }[];
  s3: S3AccessRow[];
  rejected: number;
  rejections: Rejection[];
  notes: string[];
  error: string | null;
}

export interface FileOutcome {
  location: string;
  sha256: string;
  status: FileStatus | 'skipped';
  format: FileFormat;
  recordsRead: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejections: Rejection[];
  notes: string[];
  error: string | null;
}

/** Keep the first few rejections per file: enough to diagnose, never a second copy of a log. */
export const MAX_REJECTIONS_KEPT = 20;
