// Public S3 bucket: a data engineer opens the EU customer-export bucket to a partner, either with
// a bucket policy granting Principal "*" (after removing the bucket's Block Public Access) or with
// a bucket ACL granting AllUsers READ (after turning Block Public Access off). Bucket scanners
// find it within the hour; two of them download every customer file. The responders turn Block
// Public Access back on when the exercise says so; late scanners then get 403s.
import { attackerIps, type AttackerIp } from '../attacker';
import type { Identity } from '../records';
import type { BucketInfo, S3Operation } from '../s3-request';
import type { Moment, ScenarioTruth } from '../truth';
import { HOUR, MIN } from './calls';
import { Incident, type Scenario, type ScenarioContext } from './incident';
import {
  BucketScans,
  acl,
  exportObjects,
  partnerPolicy,
  publicAccessBlock,
} from './public-bucket-scans';
import { responder } from './shared';

const macCli = (cmd: string): string =>
  `aws-cli/2.17.2 Python/3.11.9 Darwin/23.5.0 exe/x86_64 prompt/off command/${cmd}`;

export const publicBucket: Scenario = {
  id: 'public-bucket',
  title: 'Public S3 bucket: EU customer exports opened to the internet',
  build(ctx: ScenarioContext) {
    const { org, rng, startMs, endMs, options } = ctx;
    const account = org.accounts[0]!;
    const region = org.regions.includes('eu-west-1') ? 'eu-west-1' : org.regions[0]!;
    const incident = new Incident(rng);
    const bucket: BucketInfo = {
      name: `acme-customer-exports-eu-${rng.hex(6)}`,
      account,
      region,
      ownerId: rng.hex(64),
      dataEvents: options.dataEvents,
      accessLog: { fields: 27 },
      objects: exportObjects(rng, startMs),
    };
    org.s3.push(bucket);
    // The export pipeline writes and reads the bucket all along.
    const pipeline = org.actors.find(
      (a) =>
        a.identity.type === 'AssumedRole' &&
        a.identity.account === account &&
        a.identity.roleName === 'data-pipeline',
    );
    pipeline?.s3?.buckets.push(bucket);

    const via: 'bucket-policy' | 'acl' = rng.chance(0.5) ? 'bucket-policy' : 'acl';
    const t0 =
      startMs +
      Math.max(2 * HOUR, (endMs - startMs) * 0.3) +
      rng.int(0, 120) * MIN +
      rng.int(0, 59) * 1000;
    const dev: Identity = {
      type: 'AssumedRole',
      account,
      roleName: `AWSReservedSSO_DataEngineering_${rng.hex(16)}`,
      sessionName: 'jonas.weber@acme.example',
      roleId: `AROA${rng.upper(17)}`,
      accessKeyId: `ASIA${rng.upper(16)}`,
      sessionCreatedMs: t0 - rng.int(20, 90) * MIN,
    };
    /** A bucket setting changed by a person: in CloudTrail and in the access log. */
    const setting = (
      who: { identity: Identity; ip: string },
      t: number,
      operation: S3Operation,
      cmd: string,
      settings: Record<string, unknown>,
      description: string,
    ): Moment =>
      incident.s3(
        {
          timeMs: t,
          bucket,
          operation,
          caller: { kind: 'principal', identity: who.identity },
          ip: who.ip,
          userAgent: macCli(cmd),
          status: operation.startsWith('Delete') ? 204 : 200,
          settings,
        },
        null,
        description,
      ).moment;

    // The opening: a harmless-looking step, then the one that makes the bucket public.
    const engineer = { identity: dev, ip: '198.51.100.24' };
    const prepAt = t0 - rng.int(2, 6) * MIN;
    const openedBy =
      via === 'bucket-policy'
        ? [
            setting(
              engineer,
              prepAt,
              'DeleteBucketPublicAccessBlock',
              's3api.delete-public-access-block',
              {},
              'Block Public Access removed (not public yet)',
            ),
            setting(
              engineer,
              t0,
              'PutBucketPolicy',
              's3api.put-bucket-policy',
              partnerPolicy(bucket.name),
              'bucket policy grants Principal "*" s3:GetObject and s3:ListBucket: the bucket is public',
            ),
          ]
        : // Block Public Access first: with BlockPublicAcls on, S3 refuses a public ACL.
          [
            setting(
              engineer,
              prepAt,
              'PutBucketPublicAccessBlock',
              's3api.put-public-access-block',
              publicAccessBlock(false),
              'Block Public Access turned off (not public yet: the bucket ACL is still private)',
            ),
            setting(
              engineer,
              t0,
              'PutBucketAcl',
              's3api.put-bucket-acl',
              acl(bucket.ownerId, true),
              'bucket ACL grants AllUsers READ: the bucket is public',
            ),
          ];
    const opened = openedBy[1]!;

    const ips = attackerIps(rng, { tor: 3, ec2: 6 }, ctx.orgIps);
    const firstAt = t0 + rng.int(12, 75) * MIN;
    const after = options.containAfterMinutes;
    const containAt = after === null ? null : Math.min(firstAt + after * MIN, endMs - 10 * MIN);
    const scans = new BucketScans({
      incident,
      rng,
      bucket,
      via,
      openAt: t0,
      closeAt: containAt,
      endMs,
    });
    scans.story.push(
      `${openedBy[0]!.time}: ${openedBy[0]!.eventName} on ${bucket.name} by jonas.weber@acme.example.`,
      `${opened.time}: ${opened.eventName} makes the bucket public (${via}).`,
    );
    const scanners = ips.slice(3);
    scans.scanners(scanners, firstAt);
    scans.downloads([ips[0]!, scanners[1]!] as [AttackerIp, AttackerIp], firstAt);

    // Containment: Block Public Access back on, then the opening undone.
    let containment: Moment | null = null;
    if (containAt !== null) {
      const ir = responder(rng, account, containAt);
      containment = setting(
        ir,
        containAt,
        'PutBucketPublicAccessBlock',
        's3api.put-public-access-block',
        publicAccessBlock(true),
        'Block Public Access turned back on: the bucket is private again',
      );
      const undoAt = containAt + rng.int(2, 6) * MIN;
      if (via === 'bucket-policy')
        setting(
          ir,
          undoAt,
          'DeleteBucketPolicy',
          's3api.delete-bucket-policy',
          {},
          'public policy deleted',
        );
      else
        setting(
          ir,
          undoAt,
          'PutBucketAcl',
          's3api.put-bucket-acl',
          acl(bucket.ownerId, false),
          'bucket ACL made private',
        );
      scans.story.push(`${containment.time}: responders turn Block Public Access back on.`);
      scans.lateScanners(ips.slice(1, 3), containAt);
    }

    const truth: ScenarioTruth = {
      title: publicBucket.title,
      story: scans.story,
      keyMoments: {
        exposureStart: opened,
        firstMaliciousUse: scans.firstUse ?? opened,
        inflectionPoint: scans.inflection,
        containment,
      },
      attacker: incident.attackerTruth([]),
      credentials: { leaked: [], derived: [], createdPrincipals: [] },
      exposureWindows: [
        {
          kind: 'bucket',
          subject: bucket.name,
          start: opened.time,
          end: containment ? containment.time : null,
          openedBy: opened,
          closedBy: containment,
          note:
            via === 'bucket-policy'
              ? 'public from the PutBucketPolicy (Principal "*") until Block Public Access was turned back on'
              : 'public from the PutBucketAcl granting AllUsers READ until Block Public Access was turned back on (IgnorePublicAcls)',
        },
      ],
      buckets: [
        {
          name: bucket.name,
          account,
          region,
          dataEvents: bucket.dataEvents,
          accessLogging: true,
          publicVia: via,
          openedBy,
          closedBy: containment,
        },
      ],
      objectsRead: scans.reads.list(),
      // The export holds 12,000 EU customers' names, addresses, birth dates and passport numbers.
      facts: {
        affectedByJurisdiction: { DE: 5100, FR: 3400, NL: 2000, IE: 1500 },
        affectedCountsComplete: true,
        totalAffected: 12000,
        dataCategories: ['personal_data_any', 'passport', 'dob'],
        dataEncrypted: false,
        dataRole: 'owner',
        riskOfHarm: 'high',
        flags: { euEstablishmentOrDataSubjects: true },
      },
    };
    return { incident, truth };
  },
};
