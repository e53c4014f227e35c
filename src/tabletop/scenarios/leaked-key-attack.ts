// The attacker's side of the leaked-key scenario: scanners verify the key, an operator looks
// around and takes the payroll files; the attacker's credentials (the key, and what
// leaked-key-persistence.ts derives from it) are used only while they work.
import { KEY_SCANNER_AGENTS, cliCommand, kaliCli, type AttackerIp } from '../attacker';
import { deniedError } from '../catalogue';
import type { Rng } from '../random';
import { identityArn, type ApiCall, type Identity } from '../records';
import type { BucketInfo } from '../s3-request';
import type { Moment, ScenarioTruth } from '../truth';
import { MIN, call, getCallerIdentity, listBuckets } from './calls';
import { iso, type AttackerUse, type Caller, type CallOptions, type Incident } from './incident';
import { ObjectReads } from './shared';

type Derived = ScenarioTruth['credentials']['derived'][number];
type Created = ScenarioTruth['credentials']['createdPrincipals'][number];
type IamUser = Extract<Identity, { type: 'IAMUser' }>;

export interface KeyAttackSetup {
  incident: Incident;
  rng: Rng;
  account: string;
  region: string;
  victim: IamUser;
  payroll: BucketInfo;
  endMs: number;
  /** When the leaked key is deactivated (null: never, in this window). */
  containAt: number | null;
  ips: {
    scanners: AttackerIp[];
    operator: AttackerIp;
    backdoor: AttackerIp;
    federated: AttackerIp;
  };
}

/** What svc-reporting may do: read-mostly, plus IAM user management it was never meant to keep. */
const DENIED = new Set([
  'GetAccountAuthorizationDetails',
  'ListSecrets',
  'DescribeDBInstances',
  'DescribeOrganization',
]);

const cli = (c: ApiCall): string => kaliCli(cliCommand(c.eventSource, c.eventName));

export class KeyAttack {
  firstUse: Moment | null = null;
  inflection: Moment | null = null;
  readonly reads = new ObjectReads();
  readonly derived: Derived[] = [];
  readonly created: Created[] = [];
  readonly story: string[] = [];
  federation: { identity: Identity; arn: string; expiresMs: number } | null = null;
  backdoor: { identity: Identity; arn: string } | null = null;
  private readonly victimArn: string;

  constructor(readonly setup: KeyAttackSetup) {
    this.victimArn = identityArn(setup.victim)!;
  }

  /** The leaked key works until it is deactivated (a deactivated key is refused, unlogged). */
  private keyLive(t: number): boolean {
    return t < this.setup.endMs && (this.setup.containAt === null || t < this.setup.containAt);
  }

  /** A call with the leaked key, while it works. */
  withKey(
    t: number,
    c: ApiCall,
    use: AttackerUse,
    agent: string | ((c: ApiCall) => string),
    o: Partial<CallOptions> = {},
  ): Moment | null {
    if (!this.keyLive(t)) return null;
    const s = this.setup;
    const caller: Caller = {
      identity: s.victim,
      account: s.account,
      ip: use.ip.ip,
      agent,
      attacker: use,
    };
    const error = DENIED.has(c.eventName) ? deniedError(c, this.victimArn) : undefined;
    const region = c.eventSource === 'iam.amazonaws.com' ? 'us-east-1' : s.region;
    return s.incident.act(caller, t, c, { region, ...o, error });
  }

  /** Secret scanners verify the key on the global STS endpoint; TruffleHog first. */
  scan(t0: number, firstUseAt: number): void {
    const { rng, ips } = this.setup;
    ips.scanners.forEach((ip, i) => {
      const use = { ip, role: 'key scanner' };
      const agent = KEY_SCANNER_AGENTS[i % KEY_SCANNER_AGENTS.length]!;
      let t = i === 0 ? firstUseAt : t0 + rng.int(6, 170) * MIN;
      for (let n = rng.int(1, 3); n > 0; n--) {
        const m = this.withKey(t, getCallerIdentity(), use, agent, {
          region: 'us-east-1',
          tlsHost: 'sts.amazonaws.com',
          description: 'a secret scanner verifies the key',
        });
        if (m && !this.firstUse) {
          this.firstUse = {
            ...m,
            description: 'first use of the leaked key: a secret scanner verifies it',
          };
          this.story.push(`${m.time}: first use, GetCallerIdentity from ${ip.ip} (${agent}).`);
        }
        t += rng.int(1, 40) * 1000;
      }
    });
  }

  /** The operator looks around: whoami, IAM, EC2, secrets, databases, buckets. */
  recon(start: number): number {
    const { rng, ips } = this.setup;
    const use = { ip: ips.operator, role: 'operator' };
    const self = { userName: this.setup.victim.userName };
    const calls: ApiCall[] = [
      getCallerIdentity(),
      call('iam.amazonaws.com', 'GetUser'),
      call('iam.amazonaws.com', 'ListAttachedUserPolicies', self),
      call('iam.amazonaws.com', 'ListUserPolicies', self),
      call('iam.amazonaws.com', 'ListGroupsForUser', self),
      call('iam.amazonaws.com', 'GetAccountAuthorizationDetails'),
      call('iam.amazonaws.com', 'ListUsers'),
      call('iam.amazonaws.com', 'ListRoles'),
      call('ec2.amazonaws.com', 'DescribeRegions', { regionSet: {} }),
      call('ec2.amazonaws.com', 'DescribeInstances', { instancesSet: {}, filterSet: {} }),
      call('secretsmanager.amazonaws.com', 'ListSecrets'),
      call('rds.amazonaws.com', 'DescribeDBInstances'),
    ];
    let t = start;
    let done = 0;
    for (const c of calls) {
      if (this.withKey(t, c, use, cli, { description: 'operator reconnaissance' })) done++;
      t += rng.int(2, 25) * 1000;
    }
    const lb = listBuckets(rng, this.setup.region);
    const agent = kaliCli('s3.ls');
    if (
      this.withKey(t, lb.call, use, agent, {
        requestId: lb.requestId,
        description: 'buckets listed',
      })
    )
      done++;
    if (done > 0) {
      this.story.push(
        `${iso(start)}: an operator on Tor (${ips.operator.ip}) enumerates IAM, EC2 and S3 with the key.`,
      );
    }
    return t + rng.int(5, 40) * 1000;
  }

  /** A call with a derived credential, while it is valid; records its first and last use. */
  useDerived(
    identity: Identity,
    t: number,
    c: ApiCall,
    use: AttackerUse,
    agent: string | ((c: ApiCall) => string),
    description: string,
    o: Partial<CallOptions> = {},
  ): Moment | null {
    const d = this.derivedFor(identity);
    if (!d || t >= this.setup.endMs || (d.expiration && t >= Date.parse(d.expiration))) return null;
    const caller: Caller = {
      identity,
      account: this.setup.account,
      ip: use.ip.ip,
      agent,
      attacker: use,
    };
    const region =
      c.eventSource === 'iam.amazonaws.com' || c.eventSource === 'sts.amazonaws.com'
        ? 'us-east-1'
        : this.setup.region;
    const m = this.setup.incident.act(caller, t, c, { region, ...o, description });
    this.touch(identity, m, t);
    return m;
  }

  private derivedFor(identity: Identity): Derived | undefined {
    const key = (identity as { accessKeyId?: string }).accessKeyId;
    return this.derived.find((x) => x.accessKeyId === key);
  }

  private touch(identity: Identity, m: Moment, t: number): void {
    const d = this.derivedFor(identity);
    if (!d) return;
    d.firstUse ??= m;
    d.lastUse = m;
    if (this.setup.containAt !== null && t >= this.setup.containAt)
      d.usedAfterParentContained = true;
  }

  /** Lists the payroll bucket and downloads `objects`, while `live` says the credential works. */
  steal(
    start: number,
    identity: Identity,
    use: AttackerUse,
    objects: readonly { key: string; size: number }[],
    live: (t: number) => boolean,
  ): number {
    const { incident, rng, payroll } = this.setup;
    let t = start;
    if (!live(t)) return t;
    const caller = { kind: 'principal' as const, identity };
    const listed = incident.s3(
      {
        timeMs: t,
        bucket: payroll,
        operation: 'ListObjects',
        caller,
        ip: use.ip.ip,
        userAgent: kaliCli('s3.ls'),
        status: 200,
      },
      use,
      'payroll bucket listed',
    );
    this.touch(identity, listed.moment, t);
    for (const o of objects) {
      t += rng.int(3, 30) * 1000;
      if (!live(t)) break;
      const r = incident.s3(
        {
          timeMs: t,
          bucket: payroll,
          operation: 'GetObject',
          key: o.key,
          objectSize: o.size,
          caller,
          ip: use.ip.ip,
          userAgent: kaliCli('s3.cp'),
          status: 200,
        },
        use,
        `${o.key} downloaded`,
      );
      this.reads.add(r.req, r.record);
      this.inflection ??= {
        ...r.moment,
        description: 'first data read by the attacker (no write came before it)',
      };
      this.touch(identity, r.moment, t);
    }
    return t;
  }

  /** The first payroll files, with the leaked key itself. */
  stealWithKey(start: number): number {
    const use = { ip: this.setup.ips.operator, role: 'operator' };
    const t = this.steal(
      start,
      this.setup.victim,
      use,
      this.setup.payroll.objects.slice(0, 4),
      (x) => this.keyLive(x),
    );
    if (this.reads.count() > 0)
      this.story.push(`${iso(t)}: payroll files downloaded with the leaked key.`);
    return t;
  }
}
