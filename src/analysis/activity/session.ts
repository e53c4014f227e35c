// One reconnaissance session: what its calls add up to, and how it is classified. Both ways of
// finding sessions (from events, and from the activity summary) fill a SessionTally and turn it
// into a ReconSession here, so they classify and report with the same code.
import type { EventRow } from '../../shared/domain';
import { ref, type EventRef } from '../key/lineage';
import { READ } from './rules';

export type SessionClass = 'active-compromise' | 'probing' | 'recon' | 'routine';

export interface ReconSession {
  principalArn: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  ipClass: string;
  start: string;
  end: string;
  calls: number;
  distinctApis: number;
  services: number;
  denied: number;
  deniedRatio: number;
  classification: SessionClass;
  topApis: { api: string; calls: number; denied: number }[];
  firstWrite: (EventRef & { errorCode: string | null }) | null;
}

export interface SessionThresholds {
  minDistinctApis: number;
  minServices: number;
  minDenied: number;
}

export interface SessionTally {
  principalArn: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  start: string;
  end: string;
  calls: number;
  denied: number;
  /** `${eventSource ?? '?'}:${eventName}` → counts, in order of first call. */
  apis: Map<string, { calls: number; denied: number }>;
  services: Set<string>;
  /** Services with a read call or a denied call. */
  readServices: Set<string>;
  /** The session has a successful inflection write. */
  hasWrite: boolean;
}

/** Whether an API (`source:name`) is a read, remembered: the same few hundred APIs recur. */
const readApi = new Map<string, boolean>();
function isReadApi(api: string): boolean {
  let r = readApi.get(api);
  if (r === undefined) {
    r = READ.test(api.split(':')[1] ?? '');
    if (readApi.size < 100_000) readApi.set(api, r);
  }
  return r;
}

export function classifyTally(t: SessionTally, o: SessionThresholds): SessionClass {
  let readApis = 0;
  for (const api of t.apis.keys()) if (isReadApi(api)) readApis++;
  return t.hasWrite
    ? 'active-compromise'
    : t.denied >= o.minDenied
      ? 'probing'
      : readApis >= o.minDistinctApis && t.readServices.size >= o.minServices
        ? 'recon'
        : 'routine';
}

export function toSession(
  t: SessionTally,
  classification: SessionClass,
  firstWrite: EventRow | null,
  ipClass: string,
): ReconSession {
  return {
    principalArn: t.principalArn,
    accessKeyId: t.accessKeyId,
    sourceIp: t.sourceIp,
    ipClass,
    start: t.start,
    end: t.end,
    calls: t.calls,
    distinctApis: t.apis.size,
    services: t.services.size,
    denied: t.denied,
    deniedRatio: Math.round((t.denied / t.calls) * 1000) / 1000,
    classification,
    topApis: [...t.apis.entries()]
      .map(([api, a]) => ({ api, ...a }))
      .sort((a, b) => b.calls - a.calls)
      .slice(0, 10),
    firstWrite: firstWrite ? firstWriteRef(firstWrite) : null,
  };
}

export function firstWriteRef(e: EventRow): ReconSession['firstWrite'] {
  return { ...ref(e), errorCode: e.errorCode };
}
