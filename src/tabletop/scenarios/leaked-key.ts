// Leaked access key: a reporting service's long-term key is pushed to a public GitHub repository
// at T0. Secret scanners try it within minutes from VPS and Tor addresses (GetCallerIdentity);
// an operator comes back to look around, optionally plants a backdoor user with an admin policy
// and its own key and takes a 12-hour federation token, then downloads payroll files. The
// responders deactivate the key when the exercise says so; the federation token and the
// backdoor key keep working, which is the lesson.
import { attackerIps, type AttackerIp } from '../attacker';
import { iamUser, type Actor } from '../background';
import { identityArn } from '../records';
import type { BucketInfo } from '../s3-request';
import type { Moment, ScenarioTruth } from '../truth';
import { HOUR, MIN, call, updateAccessKey } from './calls';
import { Incident, iso, type Scenario, type ScenarioContext } from './incident';
import { KeyAttack } from './leaked-key-attack';
import { carryOn, persist } from './leaked-key-persistence';
import { responder } from './shared';

const REPORTING_AGENT =
  'Boto3/1.26.137 md/Botocore#1.29.137 ua/2.0 os/linux#4.18.0-477.10.1.el8_8.x86_64 md/arch#x86_64 lang/python#3.9.16 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.29.137';

function payrollObjects(startMs: number): { key: string; size: number }[] {
  const d = new Date(startMs).toISOString();
  const [y, m] = [d.slice(0, 4), d.slice(5, 7)];
  const last = Number(y) - 1;
  return [
    { key: `payroll/${y}/${m}/employees.csv`, size: 148_210 },
    { key: `payroll/${y}/${m}/salaries.xlsx`, size: 96_744 },
    { key: `benefits/${y}/enrollment.csv`, size: 61_302 },
    { key: `tax/w2/${last}/w2-batch-0001.pdf`, size: 2_410_772 },
    { key: `tax/w2/${last}/w2-batch-0002.pdf`, size: 2_388_019 },
    { key: `tax/w2/${last}/w2-batch-0003.pdf`, size: 1_201_446 },
    { key: 'hr/handbook.pdf', size: 3_802_113 },
  ];
}

export const leakedKey: Scenario = {
  id: 'leaked-key',
  title: 'Leaked access key: a service key pushed to a public GitHub repository',
  build(ctx: ScenarioContext) {
    const { org, rng, startMs, endMs, options } = ctx;
    const account = org.accounts[0]!;
    const region = org.regions[0]!;
    const incident = new Incident(rng);

    // The victim: a reporting job's IAM user, reading the HR bucket from the data centre.
    const victim = iamUser(rng, account, 'svc-reporting');
    const victimArn = identityArn(victim)!;
    const payroll: BucketInfo = {
      name: `acme-hr-payroll-${rng.hex(6)}`,
      account,
      region,
      ownerId: rng.hex(64),
      dataEvents: true,
      accessLog: { fields: 26 },
      objects: payrollObjects(startMs),
    };
    org.s3.push(payroll);
    const victimActor: Actor = {
      identity: victim,
      weight: 3,
      ips: ['198.51.100.77'],
      kind: 'app',
      agents: [REPORTING_AGENT],
      s3: { share: 0.25, buckets: [payroll] },
    };
    org.actors.push(victimActor);

    const [torA, torB, torC, vps1, vps2, vps3, vps4] = attackerIps(
      rng,
      { tor: 3, ec2: 4 },
      ctx.orgIps,
    ) as [AttackerIp, AttackerIp, AttackerIp, AttackerIp, AttackerIp, AttackerIp, AttackerIp];

    const t0 =
      startMs +
      Math.max(2 * HOUR, (endMs - startMs) * 0.3) +
      rng.int(0, 90) * MIN +
      rng.int(0, 59) * 1000;
    const firstUseAt = t0 + rng.int(90, 360) * 1000;
    const after = options.containAfterMinutes;
    const containAt = after === null ? null : Math.min(firstUseAt + after * MIN, endMs - 10 * MIN);
    // The reporting job stops too: calls with a deactivated key are refused and not logged.
    if (containAt !== null) victimActor.activeUntilMs = containAt;

    const attack = new KeyAttack({
      incident,
      rng,
      account,
      region,
      victim,
      payroll,
      endMs,
      containAt,
      ips: { scanners: [vps1, vps2, torA, vps3], operator: torB, backdoor: vps4, federated: torC },
    });
    attack.story.push(
      `${iso(t0)}: svc-reporting's access key ${victim.accessKeyId} is pushed to a public GitHub repository.`,
    );
    attack.scan(t0, firstUseAt);
    let t = attack.recon(t0 + rng.int(35, 110) * MIN);
    if (options.persistence) t = persist(attack, t + rng.int(3, 12) * MIN);
    t = attack.stealWithKey(t + rng.int(4, 15) * MIN);

    let containment: Moment | null = null;
    if (containAt !== null) {
      const ir = responder(rng, account, containAt);
      const who = { identity: ir.identity, account, ip: ir.ip, agent: ir.agent };
      const before = containAt - rng.int(3, 8) * MIN;
      const o = { region: 'us-east-1' };
      incident.act(
        who,
        before,
        call('iam.amazonaws.com', 'ListAccessKeys', { userName: victim.userName }),
        o,
      );
      incident.act(
        who,
        before + rng.int(20, 60) * 1000,
        call('iam.amazonaws.com', 'GetAccessKeyLastUsed', { accessKeyId: victim.accessKeyId }),
        o,
      );
      containment = incident.act(
        who,
        containAt,
        updateAccessKey(victim.userName, victim.accessKeyId, 'Inactive'),
        {
          ...o,
          description: 'the leaked key is deactivated',
        },
      );
      attack.story.push(
        `${containment.time}: responders deactivate ${victim.accessKeyId} (UpdateAccessKey Inactive).`,
      );
    }
    carryOn(attack, Math.max((containAt ?? t) + rng.int(20, 80) * MIN, t + 5 * MIN));

    const exposureStart: Moment = {
      time: iso(t0),
      eventId: null,
      eventName: 'KeyPublished',
      requestId: null,
      sourceIp: null,
      description: `access key ${victim.accessKeyId} of ${victimArn} pushed to a public GitHub repository (not in any AWS log)`,
    };
    const dataTaken = attack.reads.count() > 0;
    const truth: ScenarioTruth = {
      title: leakedKey.title,
      story: attack.story,
      keyMoments: {
        exposureStart,
        firstMaliciousUse: attack.firstUse ?? exposureStart,
        inflectionPoint: attack.inflection,
        containment,
      },
      attacker: incident.attackerTruth([
        victimArn,
        ...(attack.backdoor ? [attack.backdoor.arn] : []),
        ...(attack.federation ? [attack.federation.arn] : []),
      ]),
      credentials: {
        leaked: [
          {
            accessKeyId: victim.accessKeyId,
            principalArn: victimArn,
            exposedAt: iso(t0),
            how: 'committed to a public GitHub repository',
            issuedBy: null,
            expiration: null,
            firstMaliciousUse: attack.firstUse,
            deactivatedBy: containment,
          },
        ],
        derived: attack.derived,
        createdPrincipals: attack.created,
      },
      exposureWindows: [
        {
          kind: 'credential',
          subject: victim.accessKeyId,
          start: iso(t0),
          end: containment ? containment.time : null,
          openedBy: null,
          closedBy: containment,
          note: 'from the push to GitHub until the key was deactivated',
        },
        ...attack.derived.map((d) => ({
          kind: 'credential' as const,
          subject: d.accessKeyId,
          start: d.issuedBy.time,
          end: d.expiration,
          openedBy: d.issuedBy,
          closedBy: null,
          note:
            d.kind === 'federation-token'
              ? 'federation tokens outlive the deactivation of the key that requested them: open until they expire'
              : 'a long-term key: open until someone deletes or deactivates it',
        })),
      ],
      buckets: [],
      objectsRead: attack.reads.list(),
      // The payroll files hold the SSNs, birth dates and bank details of 339 employees.
      facts: dataTaken
        ? {
            affectedByJurisdiction: { 'US-CA': 212, 'US-WA': 96, 'US-NY': 31 },
            affectedCountsComplete: true,
            totalAffected: 339,
            dataCategories: ['ssn', 'dob', 'financial_account_without_code'],
            dataEncrypted: false,
            dataRole: 'owner',
            riskOfHarm: 'likely',
          }
        : {
            affectedByJurisdiction: {},
            affectedCountsComplete: true,
            totalAffected: 0,
            dataCategories: [],
            dataRole: 'owner',
          },
    };
    return { incident, truth };
  },
};
