// Normal activity for an organisation (org.ts), call after call: people, CI, applications, a
// monitoring role and AWS services, across accounts and Regions, in realistic proportions, with
// the AssumeRole that issues each new role session. Deterministic for a seed.
import {
  APP_CALLS,
  CI_CALLS,
  HUMAN_CALLS,
  MONITORING_CALLS,
  deniedError,
  throttledError,
} from './catalogue';
import type { Actor, Org } from './org';
import type { Rng } from './random';
import { cloudTrailRecord, identityArn, type ApiCall, type Identity } from './records';
import { accessLogLine, s3CloudTrailRecord, s3Request, type S3Operation } from './s3-request';
import { issuanceRecord, sessionIdentity, sessionSlot } from './sessions';

export {
  INTERNAL_CIDRS,
  iamUser,
  makeOrg,
  type Actor,
  type ActorKind,
  type Org,
  type SessionIssuer,
  type Sessions,
} from './org';
export { issuanceRecord, sessionIdentity, sessionSlot } from './sessions';

export interface ActivitySink {
  record(record: Record<string, unknown>): void;
  accessLog(bucket: string, timeMs: number, line: string): void;
}

const S3_OPS: readonly (readonly [S3Operation, number])[] = [
  ['GetObject', 6],
  ['PutObject', 2],
  ['HeadObject', 1],
  ['ListObjects', 1],
];

function accountOf(id: Identity, org: Org, rng: Rng): string {
  return id.type === 'AWSService' || id.type === 'AWSAccount' ? rng.pick(org.accounts) : id.account;
}

/** Routine activity, call after call, remembering which sessions have been issued. */
export class BackgroundActivity {
  private readonly table: (readonly [Actor, number])[];
  private readonly regionTable: (readonly [string, number])[];

  constructor(
    private readonly rng: Rng,
    private readonly org: Org,
    /** Sessions issued before this (the start of the logs) have no AssumeRole in them. */
    private readonly notBeforeMs = -Infinity,
  ) {
    this.table = org.actors.map((a) => [a, a.weight] as const);
    this.regionTable = org.regions.map((r, i) => [r, i === 0 ? 6 : 2] as const);
  }

  private pickActor(timeMs: number): Actor {
    for (let tries = 0; ; tries++) {
      const a = this.rng.weighted(this.table);
      const active =
        (a.activeFromMs === undefined || timeMs >= a.activeFromMs) &&
        (a.activeUntilMs === undefined || timeMs < a.activeUntilMs);
      if (active || tries > 50) return a;
    }
  }

  /**
   * Writes the activity of one moment: usually one record; a role's first call in a new session
   * is preceded by the AssumeRole that issued it (unless `room` is 1); object requests may
   * only reach the access log. Returns the number of CloudTrail records written.
   */
  tick(timeMs: number, room: number, sink: ActivitySink): number {
    const { rng, org } = this;
    const actor = this.pickActor(timeMs);
    let identity = actor.identity;
    let written = 0;
    if (actor.sessions) {
      const slot = sessionSlot(actor.sessions, timeMs);
      identity = sessionIdentity(actor, slot);
      if (!actor.sessions.issued.has(slot.id) && room > 1 && identity.type === 'AssumedRole') {
        actor.sessions.issued.add(slot.id);
        if (slot.startMs >= this.notBeforeMs) {
          sink.record(issuanceRecord(rng, actor, identity, org.regions[0]!));
          written++;
        }
      }
    }
    const ip = actor.ips.length ? rng.pick(actor.ips) : 'AWS Internal';
    const agent = rng.pick(actor.agents);
    if (actor.s3 && rng.chance(actor.s3.share)) {
      return written + this.objectRequest(actor, identity, timeMs, ip, agent, sink);
    }
    const account = accountOf(identity, org, rng);
    const calls =
      actor.kind === 'human'
        ? HUMAN_CALLS
        : actor.kind === 'ci'
          ? CI_CALLS
          : actor.kind === 'monitoring'
            ? MONITORING_CALLS
            : APP_CALLS;
    const call = rng.weighted(calls)(rng, { account, region: '', bucket: org.buckets[account]! });
    const region =
      call.eventSource === 'iam.amazonaws.com' ? 'us-east-1' : rng.weighted(this.regionTable);
    const fixed =
      call.requestParameters?.['bucketName'] === undefined ? call : rewriteHost(call, region);
    const roll = rng.next();
    const arn = identityArn(identity) ?? '';
    const error =
      roll < 0.012
        ? deniedError(call, arn)
        : roll < 0.017 && (actor.kind === 'ci' || actor.kind === 'monitoring')
          ? throttledError(call)
          : undefined;
    sink.record(
      cloudTrailRecord({
        rng,
        timeMs,
        region,
        identity,
        call: fixed,
        sourceIp: ip,
        userAgent: agent,
        recipientAccount: account,
        ...(error ? { error } : {}),
      }),
    );
    return written + 1;
  }

  private objectRequest(
    actor: Actor,
    identity: Identity,
    timeMs: number,
    ip: string,
    agent: string,
    sink: ActivitySink,
  ): number {
    const { rng } = this;
    const bucket = rng.pick(actor.s3!.buckets);
    const operation = rng.weighted(S3_OPS);
    const object =
      operation === 'PutObject'
        ? { key: `app/out/${rng.hex(8)}.json`, size: rng.int(200, 50_000) }
        : rng.pick(bucket.objects);
    const req = s3Request(rng, {
      timeMs,
      bucket,
      operation,
      ...(operation === 'ListObjects' ? {} : { key: object.key, objectSize: object.size }),
      caller: { kind: 'principal', identity },
      ip,
      userAgent: agent,
      status: 200,
    });
    if (bucket.accessLog) sink.accessLog(bucket.name, timeMs, accessLogLine(req));
    const record = s3CloudTrailRecord(rng, req);
    if (!record) return 0;
    sink.record(record);
    return 1;
  }
}

/** S3 bucket-level calls name the endpoint of the region they were sent to. */
function rewriteHost(call: ApiCall, region: string): ApiCall {
  const p = call.requestParameters!;
  return {
    ...call,
    requestParameters: { ...p, Host: `${String(p['bucketName'])}.s3.${region}.amazonaws.com` },
  };
}

const stateless = new WeakMap<Org, { rng: Rng; activity: BackgroundActivity }>();

/**
 * One routine record at `timeMs`, attributed to a weighted-random actor of the org (the simple
 * form the ingest tests and benchmarks use: API calls only, no session issuance).
 */
export function routineRecord(rng: Rng, org: Org, timeMs: number): Record<string, unknown> {
  let cached = stateless.get(org);
  if (!cached || cached.rng !== rng) {
    const apiOnly = org.actors.map((a) => {
      const { s3: _objects, ...rest } = a;
      return rest;
    });
    cached = { rng, activity: new BackgroundActivity(rng, { ...org, actors: apiOnly }) };
    stateless.set(org, cached);
  }
  let out: Record<string, unknown> | null = null;
  cached.activity.tick(timeMs, 1, { record: (r) => (out = r), accessLog: () => undefined });
  return out!;
}
