// Parses a whole S3 server access log file into rows and counted, explained rejections.
import { parseS3AccessBuffer } from '../s3-access';
import {
  MAX_REJECTIONS_KEPT,
  type FileFormat,
  type FileStatus,
  type Rejection,
  type S3AccessRow,
} from './types';

export interface S3AccessParse {
  format: FileFormat;
  status: FileStatus;
  recordsRead: number;
  s3: S3AccessRow[];
  rejected: number;
  rejections: Rejection[];
  notes: string[];
  error: string | null;
}

export function parseS3AccessLog(data: Buffer, damage: string | null): S3AccessParse {
  const rows: S3AccessRow[] = [];
  const rejections: Rejection[] = [];
  let rejected = 0;
  let read = 0;
  for (const { lineNumber, result } of parseS3AccessBuffer(data)) {
    read++;
    if (!result.ok || result.record.time === null) {
      rejected++;
      const reason = result.ok ? 'time (field 3) is "-"' : result.reason;
      if (rejections.length < MAX_REJECTIONS_KEPT)
        rejections.push({ locator: lineNumber, reason: `line ${lineNumber}: ${reason}` });
      continue;
    }
    const r = result.record;
    rows.push({
      line: lineNumber,
      timeMs: result.record.time,
      bucketOwner: r.bucketOwner,
      bucket: r.bucket,
      remoteIp: r.remoteIp,
      requester: r.requester,
      requestId: r.requestId,
      operation: r.operation,
      key: r.key,
      httpStatus: r.httpStatus,
      errorCode: r.errorCode,
      bytesSent: r.bytesSent,
      objectSize: r.objectSize,
      userAgent: r.userAgent,
      signatureVersion: r.signatureVersion,
      authType: r.authType,
      hostHeader: r.hostHeader,
      tlsVersion: r.tlsVersion,
      accessKeyId: r.accessKeyId,
    });
  }
  const notes = damage ? [damage] : [];
  if (rows.length === 0 && rejected > 0) {
    const error = `no readable S3 server access log lines (${rejected} rejected)`;
    return {
      format: 's3-access',
      status: 'rejected',
      recordsRead: read,
      s3: rows,
      rejected,
      rejections,
      notes,
      error,
    };
  }
  return {
    format: 's3-access',
    status: 'done',
    recordsRead: read,
    s3: rows,
    rejected,
    rejections,
    notes,
    error: null,
  };
}
