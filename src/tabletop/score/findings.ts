// What scoring reads from the team's findings. Results are stored JSON, so each is read by field
// name and tolerates what is absent (a finding written by an older Cairn still scores what it
// says). Kinds: key-activity, enumeration, bucket-exposure (src/analysis/as-finding.ts).
import type { CaseFinding } from './participant';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const eventId = (v: unknown): string | null => (isObj(v) ? text(v['eventId']) : null);

export interface KeyActivityView {
  findingId: number;
  accessKeyId: string;
  window: { start: string | null; end: string | null };
  deactivatedAt: string | null;
  /** Addresses the key and its lineage called from. */
  addresses: string[];
  /** The key's own calls, oldest first (as far as the finding lists them). */
  events: {
    eventId: string;
    eventTime: string;
    accessKeyId: string | null;
    sourceIp: string | null;
  }[];
  derived: { accessKeyId: string; createdBy: string | null }[];
  createdUsers: { name: string; createdBy: string | null }[];
}

export interface EnumerationView {
  findingId: number;
  sessions: { sourceIp: string | null; classification: string; start: string }[];
  inflection: { eventId: string; eventTime: string } | null;
}

export interface BucketView {
  findingId: number;
  bucket: string;
  windows: { start: string; publicFrom: string | null; end: string | null }[];
  /** Addresses of the successful external reads (the samples and the top addresses). */
  readers: string[];
}

export function keyActivities(findings: readonly CaseFinding[]): KeyActivityView[] {
  return findings
    .filter((f) => f.kind === 'key-activity' && isObj(f.result))
    .map((f) => {
      const r = f.result as Obj;
      const events = list(r['events']).map((e) => ({
        eventId: text(e['eventId']) ?? '',
        eventTime: text(e['eventTime']) ?? '',
        accessKeyId: text(e['accessKeyId']),
        sourceIp: text(e['sourceIp']),
      }));
      const window = isObj(r['window']) ? r['window'] : {};
      return {
        findingId: f.id,
        accessKeyId: text(r['accessKeyId']) ?? f.subject,
        window: { start: text(window['start']), end: text(window['end']) },
        deactivatedAt: text(r['deactivatedAt']),
        addresses: [
          ...list(r['byIp']).map((g) => text(g['ip'])),
          ...events.map((e) => e.sourceIp),
        ].filter((ip): ip is string => ip !== null),
        events,
        derived: list(r['derivedCredentials']).flatMap((d) => {
          const id = text(d['accessKeyId']);
          return id ? [{ accessKeyId: id, createdBy: eventId(d['createdBy']) }] : [];
        }),
        createdUsers: list(r['createdPrincipals']).flatMap((p) => {
          const name = text(p['name']);
          return name && p['kind'] === 'user' ? [{ name, createdBy: eventId(p['by']) }] : [];
        }),
      };
    });
}

export function enumerations(findings: readonly CaseFinding[]): EnumerationView[] {
  return findings
    .filter((f) => f.kind === 'enumeration' && isObj(f.result))
    .map((f) => {
      const r = f.result as Obj;
      const ip = isObj(r['inflectionPoint']) ? r['inflectionPoint'] : null;
      const id = ip ? text(ip['eventId']) : null;
      return {
        findingId: f.id,
        sessions: list(r['sessions']).map((s) => ({
          sourceIp: text(s['sourceIp']),
          classification: text(s['classification']) ?? 'routine',
          start: text(s['start']) ?? '',
        })),
        inflection: ip && id ? { eventId: id, eventTime: text(ip['eventTime']) ?? '' } : null,
      };
    });
}

export function bucketExposures(findings: readonly CaseFinding[]): BucketView[] {
  return findings
    .filter((f) => f.kind === 'bucket-exposure' && isObj(f.result))
    .map((f) => {
      const r = f.result as Obj;
      const windows = list(r['windows']);
      const readers = windows.flatMap((w) => {
        const access = isObj(w['externalAccess']) ? w['externalAccess'] : {};
        return [...list(access['reads']), ...list(access['topIps'])].map((x) => text(x['ip']));
      });
      return {
        findingId: f.id,
        bucket: text(r['bucket']) ?? f.subject,
        windows: windows.flatMap((w) => {
          const start = text(w['start']);
          return start ? [{ start, publicFrom: text(w['publicFrom']), end: text(w['end']) }] : [];
        }),
        readers: readers.filter((ip): ip is string => ip !== null),
      };
    });
}

/** Every address the findings name (to be classified once by the case's classifier). */
export function addressesNamed(findings: readonly CaseFinding[]): string[] {
  return [
    ...keyActivities(findings).flatMap((k) => k.addresses),
    ...enumerations(findings).flatMap((e) => e.sessions.map((s) => s.sourceIp)),
    ...bucketExposures(findings).flatMap((b) => b.readers),
  ].filter((ip): ip is string => ip !== null);
}
