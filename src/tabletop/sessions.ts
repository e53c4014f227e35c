// Role sessions: credentials rotate on a grid (and after a revocation), each session has its
// own ASIA key fixed by its ID, and each is issued by an AssumeRole (by an AWS service, an IAM
// user, or another account) that the trail records too.
import type { Actor, Sessions } from './org';
import { Rng } from './random';
import {
  cloudTrailRecord,
  identityArn,
  responseDate,
  type ApiCall,
  type Identity,
} from './records';

/** The session in force for `actor` at `timeMs`: its ID and when it was issued. */
export function sessionSlot(s: Sessions, timeMs: number): { id: number; startMs: number } {
  const grid = Math.floor((timeMs - s.phaseMs) / s.everyMs);
  let startMs = s.phaseMs + grid * s.everyMs;
  let breaks = 0;
  for (const b of s.breaks) {
    if (b > timeMs) continue;
    breaks++;
    if (b > startMs) startMs = b;
  }
  return { id: grid * 64 + breaks, startMs };
}

/** The identity of one session: its own ASIA key (and name, for CI runs), fixed by its ID. */
const current = new WeakMap<Actor, { id: number; identity: Identity }>();

export function sessionIdentity(actor: Actor, slot: { id: number; startMs: number }): Identity {
  const base = actor.identity;
  const s = actor.sessions;
  if (base.type !== 'AssumedRole' || !s) return base;
  // One identity object per session, reused for every call in it.
  const last = current.get(actor);
  if (last?.id === slot.id) return last.identity;
  const identity = makeSessionIdentity(base, s, slot);
  current.set(actor, { id: slot.id, identity });
  return identity;
}

function makeSessionIdentity(
  base: Extract<Identity, { type: 'AssumedRole' }>,
  s: Sessions,
  slot: { id: number; startMs: number },
): Identity {
  const r = Rng.derive(s.seed, `session-${slot.id}`);
  const ec2 = s.issuer.kind === 'service' && s.issuer.service === 'ec2.amazonaws.com';
  return {
    ...base,
    accessKeyId: `ASIA${r.upper(16)}`,
    sessionName: s.name ?? `GitHubActions-${r.int(1_000_000_000, 9_999_999_999)}`,
    sessionCreatedMs: slot.startMs,
    ...(ec2 ? { ec2RoleDelivery: s.imds ?? '2.0' } : {}),
  };
}

/** A session token's opaque text, shaped like STS's (base64 after the IQoJb3JpZ2luX2Vj prefix). */
function sessionToken(rng: Rng): string {
  return `IQoJb3JpZ2luX2Vj${rng.base64(480).replace(/=+$/, '')}`;
}

/** The AssumeRole record that issued a session's credentials. */
export function issuanceRecord(
  rng: Rng,
  actor: Actor,
  id: Extract<Identity, { type: 'AssumedRole' }>,
  region: string,
): Record<string, unknown> {
  const s = actor.sessions!;
  const createdMs = id.sessionCreatedMs ?? 0;
  const roleArn = `arn:aws:iam::${id.account}:role/${id.roleName}`;
  const credentials = {
    accessKeyId: id.accessKeyId,
    sessionToken: sessionToken(rng),
    expiration: responseDate(createdMs + s.validMs),
  };
  const service = s.issuer.kind === 'service';
  const call: ApiCall = {
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    readOnly: true,
    requestParameters: {
      roleArn,
      roleSessionName: id.sessionName,
      ...(service ? {} : { durationSeconds: s.validMs / 1000 }),
      ...(s.issuer.kind === 'account' ? { externalId: 'c0ffee00c0ffee00c0ffee00c0ffee00' } : {}),
    },
    responseElements: service
      ? { credentials }
      : {
          credentials,
          assumedRoleUser: {
            assumedRoleId: `${id.roleId}:${id.sessionName}`,
            arn: identityArn(id),
          },
        },
    resources: [{ ARN: roleArn, accountId: id.account, type: 'AWS::IAM::Role' }],
  };
  const issuer: Identity =
    s.issuer.kind === 'service'
      ? { type: 'AWSService', service: s.issuer.service }
      : s.issuer.kind === 'user'
        ? s.issuer.identity
        : { type: 'AWSAccount', account: s.issuer.account, principalId: s.issuer.principalId };
  return cloudTrailRecord({
    rng,
    timeMs: createdMs,
    region,
    identity: issuer,
    call,
    sourceIp: s.issuer.kind === 'service' ? s.issuer.service : s.issuer.ip,
    userAgent: s.issuer.kind === 'service' ? s.issuer.service : s.issuer.agent,
    recipientAccount: id.account,
  });
}
