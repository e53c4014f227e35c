// Pieces more than one scenario needs: the incident responder's identity, and the tally of
// objects an attacker read (with bytes, request IDs and data-event IDs).
import { cliCommand } from '../attacker';
import type { Rng } from '../random';
import type { ApiCall, Identity } from '../records';
import type { S3Request } from '../s3-request';
import type { ScenarioTruth } from '../truth';
import { MIN } from './calls';
import { iso } from './incident';

export interface Responder {
  identity: Identity;
  ip: string;
  agent: (c: ApiCall) => string;
}

/** The on-call responder, signed in through IAM Identity Center from the office. */
export function responder(rng: Rng, account: string, atMs: number): Responder {
  return {
    identity: {
      type: 'AssumedRole',
      account,
      roleName: `AWSReservedSSO_SecurityIncidentResponse_${rng.hex(16)}`,
      sessionName: 'priya.shah@acme.example',
      roleId: `AROA${rng.upper(17)}`,
      accessKeyId: `ASIA${rng.upper(16)}`,
      sessionCreatedMs: atMs - rng.int(15, 40) * MIN,
    },
    ip: '203.0.113.10',
    agent: (c) =>
      `aws-cli/2.17.2 Python/3.11.9 Darwin/23.5.0 exe/x86_64 prompt/off command/${cliCommand(c.eventSource, c.eventName)}`,
  };
}

type ObjectRead = ScenarioTruth['objectsRead'][number];

/** Successful GETs per object, in the order first read. */
export class ObjectReads {
  private readonly byObject = new Map<string, ObjectRead>();
  private readonly requests = new Map<
    ObjectRead,
    { t: number; id: string; ip: string; eventId: string | null }[]
  >();

  add(req: S3Request, record: Record<string, unknown> | null): void {
    if (req.operation !== 'GetObject' || req.status >= 300 || req.key === undefined) return;
    const id = `${req.bucket.name}/${req.key}`;
    const at = iso(req.timeMs);
    let r = this.byObject.get(id);
    if (!r) {
      r = {
        bucket: req.bucket.name,
        key: req.key,
        objectSize: req.objectSize ?? req.bytesSent,
        reads: 0,
        bytesSent: 0,
        firstReadAt: at,
        lastReadAt: at,
        sourceIps: [],
        requestIds: [],
        eventIds: [],
      };
      this.byObject.set(id, r);
    }
    r.reads++;
    r.bytesSent += req.bytesSent;
    if (at < r.firstReadAt) r.firstReadAt = at;
    if (at > r.lastReadAt) r.lastReadAt = at;
    const list = this.requests.get(r) ?? [];
    list.push({
      t: req.timeMs,
      id: req.requestId,
      ip: req.ip,
      eventId: record ? String(record['eventID']) : null,
    });
    this.requests.set(r, list);
  }

  count(): number {
    return this.byObject.size;
  }

  /** Per object, with its request and event IDs in time order. */
  list(): ObjectRead[] {
    for (const [r, list] of this.requests) {
      const sorted = [...list].sort((a, b) => a.t - b.t);
      r.requestIds = sorted.map((x) => x.id);
      r.eventIds = sorted.flatMap((x) => (x.eventId === null ? [] : [x.eventId]));
      r.sourceIps = [...new Set(sorted.map((x) => x.ip))];
    }
    return [...this.byObject.values()].sort(
      (a, b) => a.firstReadAt.localeCompare(b.firstReadAt) || a.key.localeCompare(b.key),
    );
  }
}
