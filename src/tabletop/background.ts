// Normal activity for an organisation: developers, CI roles, applications and AWS services,
// across accounts and regions, in realistic proportions. Deterministic for a seed.
import { ROUTINE_CALLS, USER_AGENTS } from './catalogue';
import type { Rng } from './random';
import { cloudTrailRecord, type Identity } from './records';

export interface Org {
  accounts: string[];
  regions: string[];
  buckets: Record<string, string>;
  actors: { identity: Identity; weight: number; ips: string[] }[];
}

export function makeOrg(rng: Rng, opts: { accounts?: number; regions?: string[] } = {}): Org {
  const accounts = Array.from({ length: opts.accounts ?? 2 }, () =>
    String(rng.int(100000000000, 999999999999)),
  );
  const regions = opts.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'];
  const buckets = Object.fromEntries(
    accounts.map((a, i) => [a, `acme-app-data-${i}-${rng.hex(6)}`]),
  );
  const actors: Org['actors'] = [];
  const officeIps = ['203.0.113.10', '203.0.113.11', '198.51.100.24'];
  for (const account of accounts) {
    for (const name of ['alice', 'bob', 'carol', 'deploy-bot']) {
      actors.push({
        identity: {
          type: 'IAMUser',
          account,
          userName: name,
          principalId: `AIDA${rng.upper(17)}`,
          accessKeyId: `AKIA${rng.upper(16)}`,
        },
        weight: name === 'deploy-bot' ? 6 : 2,
        ips: officeIps,
      });
    }
    for (const role of ['ci-deploy', 'app-server', 'data-pipeline']) {
      actors.push({
        identity: {
          type: 'AssumedRole',
          account,
          roleName: role,
          sessionName: `${role}-${rng.hex(6)}`,
          roleId: `AROA${rng.upper(17)}`,
          accessKeyId: `ASIA${rng.upper(16)}`,
        },
        weight: role === 'app-server' ? 20 : 8,
        ips: [
          `10.0.${rng.int(0, 255)}.${rng.int(1, 254)}`,
          `54.${rng.int(64, 95)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        ],
      });
    }
    for (const service of [
      'autoscaling.amazonaws.com',
      'cloudformation.amazonaws.com',
      'config.amazonaws.com',
    ]) {
      actors.push({ identity: { type: 'AWSService', service }, weight: 3, ips: [] });
    }
  }
  return { accounts, regions, buckets, actors };
}

/** One routine record at `timeMs`, attributed to a weighted-random actor of the org. */
export function routineRecord(rng: Rng, org: Org, timeMs: number): Record<string, unknown> {
  const actor = rng.weighted(org.actors.map((a) => [a, a.weight] as const));
  const account =
    actor.identity.type === 'AWSService' ? rng.pick(org.accounts) : actor.identity.account;
  const region = rng.weighted(org.regions.map((r, i) => [r, i === 0 ? 6 : 2] as const));
  const call = rng.weighted(ROUTINE_CALLS)(rng, { account, region, bucket: org.buckets[account]! });
  const failed = rng.next() < 0.02;
  return cloudTrailRecord({
    rng,
    timeMs,
    region,
    identity: actor.identity,
    call,
    sourceIp: actor.ips.length ? rng.pick(actor.ips) : 'AWS Internal',
    userAgent: rng.pick(USER_AGENTS),
    recipientAccount: account,
    ...(failed
      ? {
          error: {
            code: 'AccessDenied',
            message: `User is not authorized to perform: ${call.eventSource.split('.')[0]}:${call.eventName}`,
          },
        }
      : {}),
  });
}
