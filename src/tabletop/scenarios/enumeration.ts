// Suspicious enumeration: credentials of a legacy web server's instance role are read from the
// instance metadata service (IMDSv1, through an SSRF) and used from a VPS. A tool sweeps
// List/Describe/Get calls across services and Regions in a couple of minutes, most of them
// refused; then, optionally, the attacker writes: a key pair, an open security group and
// crypto-mining instances. Responders revoke the role's older sessions when the exercise says so;
// the attacker's next calls meet an explicit deny.
import { attackerIps, type AttackerIp } from '../attacker';
import {
  issuanceRecord,
  sessionIdentity,
  sessionSlot,
  type Actor,
  type Sessions,
} from '../background';
import { AGENTS } from '../catalogue';
import { identityArn, type Identity } from '../records';
import type { Moment, ScenarioTruth } from '../truth';
import { HOUR, MIN, revokeOlderSessions } from './calls';
import { SweepAttack } from './enumeration-attack';
import { Incident, iso, type Scenario, type ScenarioContext } from './incident';
import { responder } from './shared';

const ROLE = 'web-legacy-instance-role';

export const enumeration: Scenario = {
  id: 'enumeration',
  title: 'Suspicious enumeration: stolen instance-role credentials sweep the account',
  build(ctx: ScenarioContext) {
    const { org, rng, startMs, endMs, options } = ctx;
    const account = org.accounts[0]!;
    const region = org.regions[0]!;
    const incident = new Incident(rng);
    const bucket = org.s3.find((b) => b.account === account)!;
    bucket.accessLog = { fields: 26 };

    // The victim: an old web server whose instance profile still answers IMDSv1.
    const sessions: Sessions = {
      everyMs: HOUR,
      phaseMs: rng.int(0, 3599) * 1000,
      validMs: 6 * HOUR,
      breaks: [],
      issuer: { kind: 'service', service: 'ec2.amazonaws.com' },
      name: `i-0${rng.hex(16)}`,
      imds: '1.0',
      issued: new Set(),
      seed: rng.int(1, 0x7fffffff),
    };
    const victim: Actor = {
      identity: {
        type: 'AssumedRole',
        account,
        roleName: ROLE,
        sessionName: sessions.name!,
        roleId: `AROA${rng.upper(17)}`,
        accessKeyId: `ASIA${rng.upper(16)}`,
      },
      weight: 5,
      ips: [`10.0.${rng.int(0, 255)}.${rng.int(1, 254)}`],
      kind: 'app',
      agents: AGENTS.app,
      sessions,
      s3: { share: 0.2, buckets: [bucket] },
    };
    org.actors.push(victim);

    // T0: the session in force is read from the metadata service. EC2 issued it earlier.
    const t0 =
      startMs +
      Math.max(2 * HOUR, (endMs - startMs) * 0.3) +
      rng.int(0, 90) * MIN +
      rng.int(0, 59) * 1000;
    const slot = sessionSlot(sessions, t0);
    const stolen = sessionIdentity(victim, slot) as Extract<Identity, { type: 'AssumedRole' }>;
    const stolenArn = identityArn(stolen)!;
    const expiresMs = slot.startMs + sessions.validMs;
    sessions.issued.add(slot.id);
    const issued = incident.add(
      issuanceRecord(rng, victim, stolen, region),
      'EC2 issues the instance its role credentials',
    );

    const [tor1, vps1, vps2] = attackerIps(rng, { tor: 1, ec2: 2 }, ctx.orgIps) as [
      AttackerIp,
      AttackerIp,
      AttackerIp,
    ];
    const burstAt = t0 + rng.int(5, 25) * MIN;
    const after = options.containAfterMinutes;
    const containAt = after === null ? null : Math.min(burstAt + after * MIN, endMs - 10 * MIN);
    const attack = new SweepAttack({
      incident,
      rng,
      account,
      region,
      stolen,
      bucket,
      untilMs: Math.min(endMs, expiresMs),
      revokedAt: containAt,
      writes: options.writes,
      ips: { sweep: vps1, operator: vps2, comeback: tor1 },
    });
    attack.story.push(
      `${iso(t0)}: the instance role's credentials (${stolen.accessKeyId}) are read from IMDSv1 through an SSRF (not in any AWS log).`,
    );
    let t = attack.sweep(burstAt);
    t = attack.lookInBucket(t + rng.int(1, 4) * MIN);
    if (options.writes) attack.write(t + rng.int(4, 15) * MIN);

    // Containment: deny every session of the role issued before now.
    let containment: Moment | null = null;
    if (containAt !== null) {
      const ir = responder(rng, account, containAt);
      const c = revokeOlderSessions(ROLE, iso(containAt - (containAt % 1000)));
      containment = incident.act(
        { identity: ir.identity, account, ip: ir.ip, agent: ir.agent },
        containAt,
        c,
        {
          region: 'us-east-1',
          description: 'older sessions of the role revoked (AWSRevokeOlderSessions)',
        },
      );
      // The instance picks up new credentials at once; only the stolen ones stay refused.
      sessions.breaks.push(containAt);
      attack.story.push(
        `${containment.time}: responders revoke the role's sessions issued before now.`,
      );
      attack.comeBack(containAt + rng.int(5, 40) * MIN);
    }

    const closedByRevocation = containment !== null && containAt! < expiresMs ? containment : null;
    const truth: ScenarioTruth = {
      title: enumeration.title,
      story: attack.story,
      keyMoments: {
        exposureStart: {
          time: iso(t0),
          eventId: null,
          eventName: 'CredentialsStolen',
          requestId: null,
          sourceIp: null,
          description: `instance-role credentials ${stolen.accessKeyId} read from the metadata service (not in any AWS log)`,
        },
        firstMaliciousUse: attack.firstUse ?? issued,
        inflectionPoint: attack.inflection,
        containment,
      },
      attacker: incident.attackerTruth([stolenArn]),
      credentials: {
        leaked: [
          {
            accessKeyId: stolen.accessKeyId,
            principalArn: stolenArn,
            exposedAt: iso(t0),
            how: 'read from the instance metadata service (IMDSv1) through an SSRF in the legacy web application',
            issuedBy: issued,
            expiration: iso(expiresMs),
            firstMaliciousUse: attack.firstUse,
            deactivatedBy: closedByRevocation,
          },
        ],
        derived: [],
        createdPrincipals: [],
      },
      exposureWindows: [
        {
          kind: 'credential',
          subject: stolen.accessKeyId,
          start: iso(t0),
          end: closedByRevocation ? closedByRevocation.time : iso(expiresMs),
          openedBy: null,
          closedBy: closedByRevocation,
          note: 'from the theft until the sessions were revoked or the credentials expired, whichever came first',
        },
      ],
      buckets: [],
      objectsRead: attack.reads.list(),
      // The role's bucket holds application data, no personal data.
      facts: {
        affectedByJurisdiction: {},
        affectedCountsComplete: true,
        totalAffected: 0,
        dataCategories: [],
        dataRole: 'owner',
        riskOfHarm: 'unlikely',
      },
    };
    return { incident, truth };
  },
};
