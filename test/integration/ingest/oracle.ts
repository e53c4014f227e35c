// An independent count of what an ingest of real files must produce, written without the
// engine's parsers: plain JSON.parse and a few regexes over the records as published.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const DATA = join(import.meta.dirname, '../../fixtures/data');

type Obj = Record<string, unknown>;

/** Files of a folder in the order Cairn walks them (names compared as JS strings, recursively). */
export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function readText(path: string): string {
  const raw = readFileSync(path);
  return (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
}

/** The elements of a document as published: arrays, Records/Events/logEvents, NDJSON, or one object. */
export function elements(text: string): unknown[] {
  try {
    const v = JSON.parse(text) as unknown;
    if (Array.isArray(v)) return v;
    const o = v as Obj;
    for (const k of ['Records', 'Events', 'logEvents'])
      if (Array.isArray(o[k])) return o[k] as unknown[];
    return [v];
  } catch {
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
  }
}

function inner(e: unknown): Obj | null {
  if (typeof e !== 'object' || e === null) return null;
  const o = e as Obj;
  if (typeof o['CloudTrailEvent'] === 'string') return JSON.parse(o['CloudTrailEvent']) as Obj;
  if (typeof o['message'] === 'string') return JSON.parse(o['message']) as Obj;
  if (typeof o['detail'] === 'object' && o['detail'] !== null) return o['detail'] as Obj;
  return o;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** The eventID a record contributes, or null when Cairn must reject it. */
export function acceptedId(e: unknown): string | null {
  const r = inner(e);
  if (!r || typeof r['eventName'] !== 'string') return null;
  if (typeof r['eventSource'] !== 'string' && typeof r['eventVersion'] !== 'string') return null;
  const id = r['eventID'];
  if (typeof id !== 'string' || !/[0-9A-Za-z]/.test(id)) return null;
  const t = r['eventTime'];
  const timeOk =
    typeof t === 'string'
      ? ISO.test(t) || ZONELESS.test(t)
      : t === undefined && typeof r['@timestamp'] === 'string' && ISO.test(r['@timestamp']);
  return timeOk ? id : null;
}

export interface Expected {
  recordsRead: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

/** Expected counts for files ingested in this order, given the eventIDs already in the case. */
export function expectCloudTrail(files: string[], seen: Set<string>): Expected {
  const out: Expected = { recordsRead: 0, inserted: 0, duplicates: 0, rejected: 0 };
  for (const f of files) {
    for (const e of elements(readText(f))) {
      out.recordsRead++;
      const id = acceptedId(e);
      if (id === null) out.rejected++;
      else if (seen.has(id)) out.duplicates++;
      else {
        seen.add(id);
        out.inserted++;
      }
    }
  }
  return out;
}
