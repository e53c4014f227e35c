// The leaked-key attacker's persistence: a backdoor user with AdministratorAccess and its own
// key, and a 12-hour federation token; then, after the key is deactivated, both carry on.
import { cliCommand, kaliCli } from '../attacker';
import type { ApiCall, Identity } from '../records';
import type { Moment, ScenarioTruth } from '../truth';
import {
  MIN,
  attachUserPolicy,
  createAccessKey,
  createUser,
  getCallerIdentity,
  getFederationToken,
  listBuckets,
} from './calls';
import { iso } from './incident';
import type { KeyAttack } from './leaked-key-attack';

type Derived = ScenarioTruth['credentials']['derived'][number];

const cli = (c: ApiCall): string => kaliCli(cliCommand(c.eventSource, c.eventName));
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A backdoor user with AdministratorAccess and its own key, then a 12-hour federation token. */
export function persist(a: KeyAttack, start: number): number {
  const { rng, account, ips } = a.setup;
  const use = { ip: ips.operator, role: 'operator' };
  let t = start;
  const name = 'aws-support-sync';
  const cu = createUser(rng, account, name, t);
  const created = a.withKey(t, cu.call, use, cli, { description: 'backdoor user created' });
  if (created) {
    a.inflection ??= {
      ...created,
      description:
        'first write by the attacker: CreateUser (reconnaissance turns into persistence)',
    };
    t += rng.int(2, 9) * 1000;
    a.withKey(t, attachUserPolicy(name, ADMIN), use, cli, {
      description: 'AdministratorAccess attached',
    });
    t += rng.int(2, 9) * 1000;
    const ck = createAccessKey(rng, name, t);
    const keyMade = a.withKey(t, ck.call, use, cli, {
      description: 'access key created for the backdoor user',
    });
    a.backdoor = {
      identity: {
        type: 'IAMUser',
        account,
        userName: name,
        principalId: cu.userId,
        accessKeyId: ck.accessKeyId,
      },
      arn: cu.arn,
    };
    a.created.push({
      arn: cu.arn,
      userName: name,
      createdBy: created,
      policies: [ADMIN],
      accessKeyIds: keyMade ? [ck.accessKeyId] : [],
    });
    if (keyMade)
      a.derived.push(
        derived(
          ck.accessKeyId,
          'iam-access-key',
          cu.arn,
          a.setup.victim.accessKeyId,
          keyMade,
          null,
          null,
        ),
      );
    a.story.push(
      `${created.time}: backdoor user ${name} created, AdministratorAccess attached, key ${ck.accessKeyId} issued.`,
    );
  }
  t += rng.int(1, 5) * MIN;
  const ft = getFederationToken(rng, account, 'aws-support', t);
  const issued = a.withKey(t, ft.call, use, cli, { description: 'federation token issued' });
  if (issued) {
    a.inflection ??= { ...issued, description: 'first write by the attacker' };
    const arn = `arn:aws:sts::${account}:federated-user/aws-support`;
    const identity: Identity = {
      type: 'FederatedUser',
      account,
      name: 'aws-support',
      accessKeyId: ft.accessKeyId,
      issuer: { userName: a.setup.victim.userName, principalId: a.setup.victim.principalId },
      sessionCreatedMs: t - (t % 1000),
    };
    a.federation = { identity, arn, expiresMs: ft.expirationMs };
    a.derived.push(
      derived(
        ft.accessKeyId,
        'federation-token',
        arn,
        a.setup.victim.accessKeyId,
        issued,
        iso(ft.expirationMs),
        ft.expirationAsLogged,
      ),
    );
    a.story.push(
      `${issued.time}: GetFederationToken issues ${ft.accessKeyId}, valid until ${iso(ft.expirationMs)} whatever happens to the parent key.`,
    );
    a.useDerived(
      a.federation.identity,
      t + rng.int(1, 3) * 1000,
      getCallerIdentity(),
      use,
      cli,
      'the federation token is tried',
    );
  }
  return t;
}

/** After the key is gone (or later anyway), the federation token and the backdoor key go on. */
export function carryOn(a: KeyAttack, from: number): void {
  const { rng, ips, endMs, containAt } = a.setup;
  const fed = a.federation;
  if (fed) {
    const use = { ip: ips.federated, role: 'federated session' };
    let t = from;
    a.useDerived(
      fed.identity,
      t,
      getCallerIdentity(),
      use,
      'python-requests/2.31.0',
      'the federation token is used again',
    );
    t += rng.int(10, 60) * 1000;
    const lb = listBuckets(rng, a.setup.region);
    a.useDerived(
      fed.identity,
      t,
      lb.call,
      use,
      kaliCli('s3.ls'),
      'buckets listed with the federation token',
      { requestId: lb.requestId },
    );
    t += rng.int(1, 4) * MIN;
    a.steal(
      t,
      fed.identity,
      use,
      a.setup.payroll.objects.slice(4),
      (x) => x < endMs && x < fed.expiresMs,
    );
    a.story.push(
      `${iso(from)}: the federation token is still in use${containAt !== null ? ' after the key was deactivated' : ''}.`,
    );
  }
  if (a.backdoor) {
    const use = { ip: ips.backdoor, role: 'backdoor user' };
    const t = from + rng.int(30, 120) * MIN;
    a.useDerived(
      a.backdoor.identity,
      t,
      getCallerIdentity(),
      use,
      'python-requests/2.31.0',
      'the backdoor key is checked',
    );
  }
}

function derived(
  accessKeyId: string,
  kind: Derived['kind'],
  principalArn: string,
  parent: string,
  issuedBy: Moment,
  expiration: string | null,
  expirationAsLogged: string | null,
): Derived {
  return {
    accessKeyId,
    kind,
    principalArn,
    parentAccessKeyId: parent,
    issuedBy,
    expiration,
    expirationAsLogged,
    firstUse: null,
    lastUse: null,
    usedAfterParentContained: false,
    revokedBy: null,
  };
}
