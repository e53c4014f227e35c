// Reads a generated tabletop tree the way a responder's tools would (gunzip + JSON.parse for the
// trail, the S3 access-log parser for the logs), so tests check the files themselves, never the
// generator's own bookkeeping.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseS3AccessLine, type S3AccessRecord } from '../../../src/sources/s3-access';

export type CtRecord = Record<string, unknown> & {
  eventID: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  sourceIPAddress: string;
  userIdentity: Record<string, unknown>;
};

export interface AccessLine {
  file: string;
  text: string;
  record: S3AccessRecord | null;
  reason: string | null;
}

export interface Scanned {
  trailFiles: string[];
  accessFiles: string[];
  records: (CtRecord & { _file: string })[];
  lines: AccessLine[];
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

export function scanTree(out: string): Scanned {
  const trailFiles = filesUnder(join(out, 'logs', 'cloudtrail'));
  const accessFiles = filesUnder(join(out, 'logs', 's3-access'));
  const records: Scanned['records'] = [];
  for (const f of trailFiles) {
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: CtRecord[] };
    for (const r of doc.Records) records.push({ ...r, _file: f });
  }
  const lines: AccessLine[] = [];
  for (const f of accessFiles) {
    const text = readFileSync(f, 'utf8');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const r = parseS3AccessLine(line);
      lines.push({
        file: f,
        text: line,
        record: r.ok ? r.record : null,
        reason: r.ok ? null : r.reason,
      });
    }
  }
  return { trailFiles, accessFiles, records, lines };
}

/** sha256 over every file's relative path and bytes, in path order. */
export function treeHash(out: string): string {
  const h = createHash('sha256');
  for (const f of filesUnder(out)) {
    h.update(relative(out, f));
    h.update('\0');
    h.update(createHash('sha256').update(readFileSync(f)).digest('hex'));
    h.update('\n');
  }
  return h.digest('hex');
}

export const ms = (iso: string): number => Date.parse(iso);
