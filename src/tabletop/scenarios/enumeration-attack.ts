// The attacker's side of the enumeration scenario: a tool sweeps List/Describe/Get calls across
// services and Regions with stolen instance-role credentials, looks into the role's bucket,
// optionally writes (a key pair, SSH open to the world, mining instances), and comes back after
// the revocation to meet an explicit deny.
import { OPERATOR_SCRIPT_AGENT, cliCommand, kaliCli, type AttackerIp } from '../attacker';
import { actionOf, deniedError } from '../catalogue';
import type { Rng } from '../random';
import { identityArn, type ApiCall, type Identity } from '../records';
import type { BucketInfo } from '../s3-request';
import type { Moment } from '../truth';
import { call, explicitDeny, getCallerIdentity, listBuckets } from './calls';
import {
  ALLOWED,
  VCPU_LIMIT,
  createKeyPair,
  openSsh,
  runInstances,
  sweepPlan,
} from './enumeration-calls';
import type { AttackerUse, Caller, Incident } from './incident';
import { ObjectReads } from './shared';

/** The Panther ReconAccessDenied threshold: 15 refused calls from one principal. */
export const DENIAL_THRESHOLD = 15;

export interface SweepSetup {
  incident: Incident;
  rng: Rng;
  account: string;
  region: string;
  stolen: Identity;
  bucket: BucketInfo;
  /** The credentials stop working at the end of the window or when they expire. */
  untilMs: number;
  revokedAt: number | null;
  writes: boolean;
  ips: { sweep: AttackerIp; operator: AttackerIp; comeback: AttackerIp };
}

export class SweepAttack {
  firstUse: Moment | null = null;
  inflection: Moment | null = null;
  denied = 0;
  calls = 0;
  readonly reads = new ObjectReads();
  readonly story: string[] = [];
  private readonly arn: string;

  constructor(private readonly s: SweepSetup) {
    this.arn = identityArn(s.stolen)!;
  }

  private revoked(t: number): boolean {
    return this.s.revokedAt !== null && t >= this.s.revokedAt;
  }

  private attack(
    t: number,
    c: ApiCall,
    use: AttackerUse,
    agent: string | ((c: ApiCall) => string),
    description: string,
    o: { region?: string; requestId?: string; error?: { code: string; message: string } } = {},
  ): Moment | null {
    const s = this.s;
    if (t >= s.untilMs) return null;
    // GetCallerIdentity answers even under a deny-all policy.
    const error =
      o.error ??
      (this.revoked(t) && c.eventName !== 'GetCallerIdentity'
        ? explicitDeny(c.eventSource, actionOf(c), this.arn)
        : ALLOWED.has(c.eventSource)
          ? undefined
          : deniedError(c, this.arn));
    const caller: Caller = {
      identity: s.stolen,
      account: s.account,
      ip: use.ip.ip,
      agent,
      attacker: use,
    };
    const m = s.incident.act(caller, t, c, {
      region: o.region ?? s.region,
      description,
      error,
      ...(o.requestId ? { requestId: o.requestId } : {}),
    });
    this.calls++;
    this.firstUse ??= {
      ...m,
      description: 'first use of the stolen credentials outside the instance',
    };
    if (error && !this.revoked(t) && ++this.denied === DENIAL_THRESHOLD && !s.writes) {
      this.inflection = {
        ...m,
        description: `the ${DENIAL_THRESHOLD}th refused call of the sweep (the Panther ReconAccessDenied threshold): a burst of denials from one principal`,
      };
    }
    return m;
  }

  /** The sweep: ~80 calls in a couple of minutes, global services once, EC2 in every Region. */
  sweep(start: number): number {
    const { rng, region, ips } = this.s;
    const use = { ip: ips.sweep, role: 'enumeration' };
    let t = start;
    this.attack(
      t,
      getCallerIdentity(),
      use,
      OPERATOR_SCRIPT_AGENT,
      'the tool checks whose credentials these are',
    );
    const plan = sweepPlan(region);
    for (const [c, r] of plan) {
      t += rng.int(150, 1400);
      this.attack(t, c, use, OPERATOR_SCRIPT_AGENT, 'enumeration sweep', { region: r });
    }
    t += rng.int(1, 3) * 1000;
    const lb = listBuckets(rng, region);
    this.attack(t, lb.call, use, OPERATOR_SCRIPT_AGENT, 'buckets listed', {
      requestId: lb.requestId,
    });
    this.story.push(
      `${new Date(start).toISOString()}: a sweep of ${this.calls} List/Describe/Get calls from ${ips.sweep.ip}, ${this.denied} refused.`,
    );
    return t;
  }

  /** A look into the role's own bucket, and a few objects taken. */
  lookInBucket(start: number): number {
    const { incident, rng, bucket, stolen, ips } = this.s;
    let t = start;
    if (t >= this.s.untilMs || this.revoked(t)) return t;
    const use = { ip: ips.sweep, role: 'enumeration' };
    const caller = { kind: 'principal' as const, identity: stolen };
    incident.s3(
      {
        timeMs: t,
        bucket,
        operation: 'ListObjects',
        caller,
        ip: use.ip.ip,
        userAgent: kaliCli('s3.ls'),
        status: 200,
      },
      use,
      'the role bucket listed',
    );
    for (const o of bucket.objects.slice(0, rng.int(2, 4))) {
      t += rng.int(3, 20) * 1000;
      const r = incident.s3(
        {
          timeMs: t,
          bucket,
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
    }
    return t;
  }

  /** The writes: a user (refused), a key pair, SSH open to the world, mining instances. */
  write(start: number): number {
    const { rng, account, ips } = this.s;
    const use = { ip: ips.operator, role: 'operator' };
    const cli = (c: ApiCall): string => kaliCli(cliCommand(c.eventSource, c.eventName));
    const wr = 'us-east-2';
    let t = start;
    this.attack(
      t,
      call('iam.amazonaws.com', 'CreateUser', { userName: 'ops-maint' }, false),
      use,
      cli,
      'a user is attempted and refused',
      { region: 'us-east-1' },
    );
    t += rng.int(10, 60) * 1000;
    const keyPair = createKeyPair(rng);
    const kp = this.attack(t, keyPair, use, cli, 'key pair created', { region: wr });
    if (kp && !this.revoked(t)) {
      this.inflection ??= {
        ...kp,
        description:
          'first successful write with the stolen credentials (CreateKeyPair): reconnaissance became action',
      };
    }
    t += rng.int(10, 60) * 1000;
    const ssh = openSsh(rng);
    this.attack(t, ssh, use, cli, 'SSH opened to the world', { region: wr });
    t += rng.int(20, 90) * 1000;
    this.attack(
      t,
      runInstances(rng, account, 'p3.16xlarge', 2),
      use,
      cli,
      'GPU instances refused by the vCPU limit',
      { region: wr, error: { code: 'Client.VcpuLimitExceeded', message: VCPU_LIMIT } },
    );
    t += rng.int(20, 90) * 1000;
    const ri = this.attack(
      t,
      runInstances(rng, account, 'c5.4xlarge', 4),
      use,
      cli,
      'four c5.4xlarge instances launched',
      { region: wr },
    );
    if (ri)
      this.story.push(
        `${ri.time}: after a key pair and an SSH rule, four c5.4xlarge instances are launched in ${wr}.`,
      );
    return t;
  }

  /** After the revocation: GetCallerIdentity still answers, everything else meets the deny. */
  comeBack(start: number): void {
    const { rng, region, ips } = this.s;
    const use = { ip: ips.comeback, role: 'operator (after revocation)' };
    let t = start;
    const tries = [
      getCallerIdentity(),
      call('ec2.amazonaws.com', 'DescribeInstances'),
      call('ec2.amazonaws.com', 'RunInstances', { instanceType: 'c5.4xlarge' }, false),
    ];
    for (const c of tries) {
      this.attack(t, c, use, OPERATOR_SCRIPT_AGENT, 'the attacker comes back and meets the deny', {
        region: c.eventName === 'RunInstances' ? 'us-east-2' : region,
      });
      t += rng.int(5, 40) * 1000;
    }
  }
}
