// One delivered file → what to commit: decode (gzip or not), decide what it holds, parse it.
// Pure apart from hashing; never throws for bad content — bad content is a counted rejection.
import { createHash } from 'node:crypto';
import { decode, FileRejected } from '../decode';
import { parseCloudTrail } from './parse-cloudtrail';
import { parseS3AccessLog } from './parse-s3-access';
import type { ParsedFile } from './types';

export type ContentKind = 'cloudtrail' | 's3-access' | 'auto';

const S3_ACCESS_LINE = /^\S+ \S+ \[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] /;

export function sniffKind(data: Buffer): 'cloudtrail' | 's3-access' | null {
  const head = data
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'cloudtrail';
  if (S3_ACCESS_LINE.test(head)) return 's3-access';
  return null;
}

export function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function rejectedFile(
  location: string,
  raw: Buffer,
  hash: string,
  compression: 'gzip' | 'none',
  error: string,
): ParsedFile {
  return {
    location,
    raw,
    sha256: hash,
    compression,
    format: 'unknown',
    status: 'rejected',
    recordsRead: 0,
    events: [],
    s3: [],
    rejected: 1,
    rejections: [{ locator: null, reason: error }],
    notes: [],
    error,
  };
}

export function parseFile(
  location: string,
  raw: Buffer,
  kind: ContentKind,
  opts: { maxDecodedBytes?: number; hash?: string } = {},
): ParsedFile {
  const hash = opts.hash ?? sha256(raw);
  let decoded;
  try {
    decoded = decode(raw, opts.maxDecodedBytes);
  } catch (err) {
    if (!(err instanceof FileRejected)) throw err;
    return rejectedFile(location, raw, hash, raw[0] === 0x1f ? 'gzip' : 'none', err.message);
  }
  const actual = kind === 'auto' ? sniffKind(decoded.data) : kind;
  const base = { location, raw, sha256: hash, compression: decoded.compression };
  if (actual === null) {
    return rejectedFile(
      location,
      raw,
      hash,
      decoded.compression,
      decoded.data.length === 0
        ? 'the file is empty'
        : 'neither CloudTrail JSON nor S3 server access log lines',
    );
  }
  if (actual === 's3-access') {
    return { ...base, ...parseS3AccessLog(decoded.data, decoded.damage), events: [] };
  }
  return { ...base, ...parseCloudTrail(decoded.data, decoded.damage), s3: [] };
}
