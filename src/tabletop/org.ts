// The organisation a scenario happens in: accounts, Regions, buckets, and the principals that
// work there (people, CI, applications, a third-party monitoring role), each with its addresses
// and tools. Roles work through short sessions whose credentials rotate (see sessions.ts).
import { AGENTS } from './catalogue';
import type { Rng } from './random';
import type { Identity } from './records';
import type { BucketInfo } from './s3-request';

export type ActorKind = 'human' | 'ci' | 'app' | 'monitoring' | 'service';

/** Who hands a role its session credentials. */
export type SessionIssuer =
  | { kind: 'service'; service: string }
  | { kind: 'user'; identity: Extract<Identity, { type: 'IAMUser' }>; ip: string; agent: string }
  | { kind: 'account'; account: string; principalId: string; ip: string; agent: string };

export interface Sessions {
  /** Credentials rotate on this grid (ms), and at each break (e.g. after a revocation). */
  everyMs: number;
  phaseMs: number;
  /** How long each session's credentials stay valid. */
  validMs: number;
  breaks: number[];
  issuer: SessionIssuer;
  /** Session name: fixed (an instance ID, a function name) or per session (CI run IDs). */
  name: string | null;
  /** Instance-profile sessions: which metadata service version delivered them. */
  imds?: '1.0' | '2.0';
  /** Sessions whose AssumeRole someone else (a scenario) has already written. */
  issued: Set<number>;
  seed: number;
}

export interface Actor {
  identity: Identity;
  weight: number;
  ips: string[];
  kind: ActorKind;
  agents: readonly string[];
  sessions?: Sessions;
  /** Share of this actor's activity that is object reads and writes, and where. */
  s3?: { share: number; buckets: BucketInfo[] };
  /** Outside this interval the actor makes no calls (e.g. its key was deactivated). */
  activeFromMs?: number;
  activeUntilMs?: number;
}

export interface Org {
  orgId: string;
  accounts: string[];
  regions: string[];
  /** Each account's application data bucket. */
  buckets: Record<string, string>;
  s3: BucketInfo[];
  actors: Actor[];
}

/** The organisation's own ranges: VPCs (10/8), offices and the on-premises data centre. */
export const INTERNAL_CIDRS = ['10.0.0.0/8', '198.51.100.0/24', '203.0.113.0/24'] as const;
const OFFICE_IPS = ['203.0.113.10', '203.0.113.11', '198.51.100.24'];

function bucketInfo(rng: Rng, name: string, account: string, region: string): BucketInfo {
  const objects = Array.from({ length: 40 }, () => ({
    key: `app/data/${rng.hex(8)}.json`,
    size: rng.int(400, 90_000),
  }));
  return {
    name,
    account,
    region,
    ownerId: rng.hex(64),
    dataEvents: true,
    accessLog: null,
    objects,
  };
}

function roleIdentity(rng: Rng, account: string, roleName: string): Identity {
  return {
    type: 'AssumedRole',
    account,
    roleName,
    sessionName: roleName,
    roleId: `AROA${rng.upper(17)}`,
    accessKeyId: `ASIA${rng.upper(16)}`,
  };
}

export function iamUser(
  rng: Rng,
  account: string,
  userName: string,
): Extract<Identity, { type: 'IAMUser' }> {
  return {
    type: 'IAMUser',
    account,
    userName,
    principalId: `AIDA${rng.upper(17)}`,
    accessKeyId: `AKIA${rng.upper(16)}`,
  };
}

export function makeOrg(rng: Rng, opts: { accounts?: number; regions?: string[] } = {}): Org {
  const accounts = Array.from({ length: opts.accounts ?? 2 }, () =>
    String(rng.int(100000000000, 999999999999)),
  );
  const regions = opts.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'];
  const orgId = `o-${rng.hex(10)}`;
  const s3 = accounts.map((a, i) =>
    bucketInfo(rng, `acme-app-data-${i}-${rng.hex(6)}`, a, regions[0]!),
  );
  const buckets = Object.fromEntries(s3.map((b) => [b.account, b.name]));
  const actors: Actor[] = [];
  const ciIps = [
    `4.227.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    `20.${rng.int(1, 200)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
  ];
  accounts.forEach((account, i) => {
    const nat = `10.${i}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    for (const name of ['alice', 'bob', 'carol']) {
      actors.push({
        identity: iamUser(rng, account, name),
        weight: 2,
        ips: OFFICE_IPS,
        kind: 'human',
        agents: AGENTS.human,
      });
    }
    const deployBot = iamUser(rng, account, 'deploy-bot');
    actors.push({ identity: deployBot, weight: 4, ips: ciIps, kind: 'ci', agents: AGENTS.ci });
    const bucket = s3[i]!;
    const roles: [string, ActorKind, number, SessionIssuer, string | null, number, string[]][] = [
      [
        'app-server',
        'app',
        20,
        { kind: 'service', service: 'ec2.amazonaws.com' },
        `i-0${rng.hex(16)}`,
        0.35,
        [nat],
      ],
      [
        'ci-deploy',
        'ci',
        6,
        { kind: 'user', identity: deployBot, ip: ciIps[0]!, agent: AGENTS.ci[0] },
        null,
        0.1,
        ciIps,
      ],
      [
        'data-pipeline',
        'app',
        8,
        { kind: 'service', service: 'lambda.amazonaws.com' },
        'nightly-export',
        0.5,
        [nat],
      ],
      [
        'DatadogIntegrationRole',
        'monitoring',
        6,
        {
          kind: 'account',
          account: '464622532012',
          principalId: `AROA${rng.upper(17)}:datadog-aws-integration`,
          ip: `3.${rng.int(208, 239)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
          agent: AGENTS.monitoring[0],
        },
        'DatadogAWSIntegration',
        0,
        [],
      ],
    ];
    for (const [role, kind, weight, issuer, name, share, ips] of roles) {
      const identity = roleIdentity(rng, account, role);
      const sessions: Sessions = {
        everyMs: 3600_000,
        phaseMs: rng.int(0, 3599) * 1000,
        validMs:
          issuer.kind === 'service' && issuer.service === 'ec2.amazonaws.com'
            ? 6 * 3600_000
            : 3600_000,
        breaks: [],
        issuer,
        name,
        issued: new Set(),
        seed: rng.int(1, 0x7fffffff),
      };
      const monitorIp = issuer.kind === 'account' ? [issuer.ip] : ips;
      actors.push({
        identity,
        weight,
        ips: monitorIp,
        kind,
        agents: kind === 'monitoring' ? AGENTS.monitoring : kind === 'ci' ? AGENTS.ci : AGENTS.app,
        sessions,
        ...(share > 0 ? { s3: { share, buckets: [bucket] } } : {}),
      });
    }
  });
  return { orgId, accounts, regions, buckets, s3, actors };
}
