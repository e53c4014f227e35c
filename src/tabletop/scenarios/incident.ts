// What a scenario builds: the incident's records and access-log lines (few enough to hold in
// memory), and the bookkeeping its truth is written from: which calls were the attacker's, from
// which addresses and tools. generate() merges the items into the background stream by time.
import type { AttackerIp } from '../attacker';
import type { Org } from '../background';
import type { Rng } from '../random';
import { cloudTrailRecord, type ApiCall, type Identity } from '../records';
import {
  accessLogLine,
  s3CloudTrailRecord,
  s3Request,
  S3_OPERATIONS,
  type S3Request,
} from '../s3-request';
import type { Moment, ScenarioId, ScenarioTruth } from '../truth';

export interface IncidentItem {
  timeMs: number;
  /** Order of creation, so items at the same millisecond keep their story order. */
  seq: number;
  record?: Record<string, unknown>;
  access?: { bucket: string; line: string };
}

export interface ScenarioOptions {
  /** Minutes from the first malicious use to containment; null: not contained in the window. */
  containAfterMinutes: number | null;
  persistence: boolean;
  writes: boolean;
  dataEvents: boolean;
}

export interface ScenarioContext {
  org: Org;
  /** The incident's own random stream (independent of the background's). */
  rng: Rng;
  startMs: number;
  endMs: number;
  options: ScenarioOptions;
  /** Addresses the organisation itself uses; attacker addresses avoid them. */
  orgIps: ReadonlySet<string>;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** Adds the scenario's principals and buckets to the org, then builds the incident. */
  build(ctx: ScenarioContext): { incident: Incident; truth: ScenarioTruth };
}

/** An attacker address and what it was used for (a scanner, the operator, …). */
export interface AttackerUse {
  ip: AttackerIp;
  role: string;
}

/** Who makes a call, from where, with which tool. */
export interface Caller {
  identity: Identity;
  /** The account whose trail records the call. */
  account: string;
  ip: string;
  agent: string | ((c: ApiCall) => string);
  /** Set for the attacker's calls: they go into the truth's attacker lists. */
  attacker?: AttackerUse;
}

export interface CallOptions {
  region: string;
  description?: string;
  requestId?: string;
  error?: { code: string; message: string } | undefined;
  /** The TLS host header when it is not the regional endpoint (e.g. sts.amazonaws.com). */
  tlsHost?: string;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A moment for a CloudTrail record. */
export function momentOf(record: Record<string, unknown>, description: string): Moment {
  const ip = record['sourceIPAddress'];
  return {
    time: iso(Date.parse(String(record['eventTime']))),
    eventId: String(record['eventID']),
    eventName: String(record['eventName']),
    requestId: record['eventSource'] === 's3.amazonaws.com' ? String(record['requestID']) : null,
    sourceIp: typeof ip === 'string' ? ip : null,
    description,
  };
}

/** A moment for an S3 request, with its CloudTrail record when the trail saw it. */
export function momentOfRequest(
  req: S3Request,
  record: Record<string, unknown> | null,
  description: string,
): Moment {
  return {
    time: iso(req.timeMs - (req.timeMs % 1000)),
    eventId: record ? String(record['eventID']) : null,
    eventName: record ? String(record['eventName']) : S3_OPERATIONS[req.operation].log,
    requestId: req.requestId,
    sourceIp: req.ip,
    description,
  };
}

type Tagged = { timeMs: number; seq: number; id: string };

export class Incident {
  readonly items: IncidentItem[] = [];
  private readonly attackerEvents: Tagged[] = [];
  private readonly attackerRequests: Tagged[] = [];
  private readonly ips = new Map<string, AttackerUse>();
  private readonly agents: string[] = [];
  private seq = 0;

  constructor(readonly rng: Rng) {}

  private push(item: Omit<IncidentItem, 'seq'>): number {
    const seq = this.seq++;
    this.items.push({ ...item, seq });
    return seq;
  }

  private noteAttacker(use: AttackerUse, agent: string): void {
    if (!this.ips.has(use.ip.ip)) this.ips.set(use.ip.ip, use);
    if (!this.agents.includes(agent)) this.agents.push(agent);
  }

  /** One API call, as CloudTrail records it (whole seconds, as CloudTrail writes times). */
  act(caller: Caller, timeMs: number, c: ApiCall, o: CallOptions): Moment {
    const t = timeMs - (timeMs % 1000);
    const agent = typeof caller.agent === 'string' ? caller.agent : caller.agent(c);
    const record = cloudTrailRecord({
      rng: this.rng,
      timeMs: t,
      region: o.region,
      identity: caller.identity,
      call: c,
      sourceIp: caller.ip,
      userAgent: agent,
      recipientAccount: caller.account,
      ...(o.requestId ? { requestId: o.requestId } : {}),
      ...(o.error ? { error: o.error } : {}),
      ...(o.tlsHost
        ? { tls: { version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', host: o.tlsHost } }
        : {}),
    });
    const seq = this.push({ timeMs: t, record });
    if (caller.attacker) {
      this.noteAttacker(caller.attacker, agent);
      this.attackerEvents.push({ timeMs: t, seq, id: String(record['eventID']) });
    }
    return momentOf(record, o.description ?? '');
  }

  /** A record built elsewhere (e.g. the AssumeRole that issued a session), not the attacker's. */
  add(record: Record<string, unknown>, description = ''): Moment {
    this.push({ timeMs: Date.parse(String(record['eventTime'])), record });
    return momentOf(record, description);
  }

  /** One S3 request: its access-log line (if the bucket logs) and CloudTrail record (if seen). */
  s3(
    input: Parameters<typeof s3Request>[1],
    attacker: AttackerUse | null,
    description = '',
  ): { req: S3Request; record: Record<string, unknown> | null; moment: Moment } {
    const timeMs = input.timeMs - (input.timeMs % 1000);
    const req = s3Request(this.rng, { ...input, timeMs });
    const record = s3CloudTrailRecord(this.rng, req);
    if (attacker) this.noteAttacker(attacker, req.userAgent);
    if (req.bucket.accessLog) {
      const line = accessLogLine(req);
      const seq = this.push({ timeMs, access: { bucket: req.bucket.name, line } });
      if (attacker) this.attackerRequests.push({ timeMs, seq, id: req.requestId });
    }
    if (record) {
      const seq = this.push({ timeMs, record });
      if (attacker) this.attackerEvents.push({ timeMs, seq, id: String(record['eventID']) });
    }
    return { req, record, moment: momentOfRequest(req, record, description) };
  }

  /** Items in time order (creation order within a second). */
  sorted(): IncidentItem[] {
    return [...this.items].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
  }

  cloudTrailCount(): number {
    return this.items.filter((i) => i.record).length;
  }

  /** The truth's attacker section: addresses and tools as the story brings them in, IDs in time order. */
  attackerTruth(principalArns: string[]): ScenarioTruth['attacker'] {
    return {
      ips: [...this.ips.values()].map(({ ip, role }) => ({ ...ip, role })),
      userAgents: [...this.agents],
      principalArns,
      eventIds: order(this.attackerEvents),
      s3RequestIds: order(this.attackerRequests),
    };
  }
}

function order(list: Tagged[]): string[] {
  return [...list].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq).map((e) => e.id);
}
