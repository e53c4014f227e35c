// The injects of an exercise: what reaches the team from outside the logs (an alert, an email, a
// question from counsel), derived from the scenario's ground truth and timed after the moment
// that would cause it, with the delays such signals have in life. Texts carry only what the
// sender would know.
import type { Inject } from '../../shared/ops/tabletop-exercise';
import type { Truth } from '../truth';

const MIN = 60_000;

/** How long before the first inject the simulated clock starts: a quiet spell to settle in. */
export const LEAD_MINUTES = 10;

interface Draft {
  id: string;
  atMs: number;
  source: string;
  title: string;
  text: string;
}

const ms = (iso: string): number => Date.parse(iso);
const userName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

function leakedKey(truth: Truth): Draft[] {
  const out: Draft[] = [];
  const key = truth.credentials.leaked[0];
  const exposed = ms(truth.keyMoments.exposureStart.time);
  const firstUse = ms(truth.keyMoments.firstMaliciousUse.time);
  const keyId = key?.accessKeyId ?? 'an access key';
  const who = key ? userName(key.principalArn) : 'a service user';
  out.push({
    id: 'github-secret-scanning',
    atMs: exposed + 7 * MIN,
    source: 'GitHub',
    title: 'Secret scanning alert: AWS access key in a public repository',
    text: `GitHub secret scanning found an AWS access key ID ${keyId} and its secret in a commit pushed to a public repository of your organisation. The alert was raised a few minutes after the push.`,
  });
  out.push({
    id: 'aws-health-exposed-key',
    atMs: exposed + 24 * MIN,
    source: 'AWS Health',
    title: 'AWS_RISK_CREDENTIALS_EXPOSED: your access key is publicly available',
    text: `AWS detected that access key ${keyId} of IAM user ${who} is exposed online. Review your CloudTrail logs for activity you do not recognise and rotate the key.`,
  });
  const tor = truth.attacker.ips.find((i) => i.kind === 'tor');
  if (tor) {
    out.push({
      id: 'guardduty-tor-caller',
      atMs: firstUse + 20 * MIN,
      source: 'GuardDuty',
      title: 'Finding (medium): UnauthorizedAccess:IAMUser/TorIPCaller',
      text: `An API was invoked from Tor exit node ${tor.ip} with the credentials of IAM user ${who}.`,
    });
  }
  const created = truth.credentials.createdPrincipals[0];
  if (created) {
    out.push({
      id: 'guardduty-persistence',
      atMs: ms(created.createdBy.time) + 30 * MIN,
      source: 'GuardDuty',
      title: 'Finding (medium): Persistence:IAMUser/AnomalousBehavior',
      text: `An API commonly used to keep access to an account (${created.createdBy.eventName}) was invoked in an unusual way by IAM user ${who}.`,
    });
  }
  const read = truth.objectsRead[0];
  if (read) {
    out.push({
      id: 'guardduty-exfiltration',
      atMs: ms(read.firstReadAt) + 25 * MIN,
      source: 'GuardDuty',
      title: 'Finding (high): Exfiltration:S3/AnomalousBehavior',
      text: `Objects in bucket ${read.bucket} were read in a way unusual for IAM user ${who}.`,
    });
  }
  return out;
}

function publicBucket(truth: Truth): Draft[] {
  const out: Draft[] = [];
  const bucket = truth.buckets[0]?.name ?? 'one of your buckets';
  const firstUse = ms(truth.keyMoments.firstMaliciousUse.time);
  out.push({
    id: 'researcher-email',
    atMs: firstUse + 30 * MIN,
    source: 'Email from a security researcher',
    title: `Your S3 bucket ${bucket} is public`,
    text: `Hello, while scanning for open buckets I found that s3://${bucket} lets anyone list and download its files, which look like customer exports. I did not keep anything. Please fix it; I plan to mention the finding, without details, in a write-up next month.`,
  });
  const inflection = truth.keyMoments.inflectionPoint;
  if (inflection && truth.objectsRead.length > 0) {
    out.push({
      id: 'customer-forum-post',
      atMs: ms(inflection.time) + 120 * MIN,
      source: 'Customer support',
      title: 'A customer forwards a forum post listing our export files',
      text: `A customer sent support a link to a forum thread that lists file names from ${bucket} and offers "EU customer data" for sale. They ask whether their data is affected.`,
    });
  }
  return out;
}

function enumeration(truth: Truth): Draft[] {
  const out: Draft[] = [];
  const first = truth.keyMoments.firstMaliciousUse;
  const firstUse = ms(first.time);
  const key = truth.credentials.leaked[0];
  const role = key ? (key.principalArn.split('/')[1] ?? key.principalArn) : 'an instance role';
  const ip = truth.attacker.ips.find((i) => i.ip === first.sourceIp) ?? truth.attacker.ips[0];
  out.push(
    ip?.kind === 'tor'
      ? {
          id: 'guardduty-recon',
          atMs: firstUse + 15 * MIN,
          source: 'GuardDuty',
          title: 'Finding (medium): Recon:IAMUser/TorIPCaller',
          text: `APIs that list and describe resources were invoked from Tor exit node ${ip.ip} with credentials of role ${role}.`,
        }
      : {
          id: 'guardduty-recon',
          atMs: firstUse + 15 * MIN,
          source: 'GuardDuty',
          title: 'Finding (medium): Discovery:IAMUser/AnomalousBehavior',
          text: `APIs commonly used to discover resources were invoked in an unusual way with credentials of role ${role}${ip ? ` from ${ip.ip}` : ''}.`,
        },
  );
  if (ip) {
    const inside = ip.kind === 'aws-ec2';
    out.push({
      id: 'guardduty-instance-credentials',
      atMs: firstUse + 35 * MIN,
      source: 'GuardDuty',
      title: `Finding (high): UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.${inside ? 'InsideAWS' : 'OutsideAWS'}`,
      text: `Credentials created exclusively for an EC2 instance through role ${role} are being used from ${ip.ip}${inside ? ', an EC2 address in another AWS account' : ', outside AWS'}.`,
    });
  }
  const inflection = truth.keyMoments.inflectionPoint;
  if (inflection) {
    out.push({
      id: 'cost-anomaly',
      atMs: ms(inflection.time) + 60 * MIN,
      source: 'AWS Cost Anomaly Detection',
      title: 'Cost anomaly: EC2 spend well above the usual',
      text: 'EC2 usage in an account of your organisation is far above its usual pattern for this hour.',
    });
  }
  return out;
}

/** The injects for a scenario's truth, in simulated-time order, ending with counsel's question. */
export function scheduleInjects(truth: Truth): Inject[] {
  const drafts =
    truth.scenario === 'leaked-key'
      ? leakedKey(truth)
      : truth.scenario === 'public-bucket'
        ? publicBucket(truth)
        : enumeration(truth);
  const firstMs = Math.min(...drafts.map((d) => d.atMs));
  drafts.push({
    id: 'counsel-awareness',
    atMs: firstMs + 75 * MIN,
    source: 'Counsel',
    title: 'Counsel asks: when did we know?',
    text: 'When did we know, or should we have known? Record the awareness time in the case and say why: the notification clocks run from it. Is personal data involved, and whose?',
  });
  return drafts
    .sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : 1))
    .map((d) => ({
      id: d.id,
      simTime: new Date(d.atMs).toISOString(),
      source: d.source,
      title: d.title,
      text: d.text,
    }));
}

/** Where the simulated clock starts: a short quiet spell before the first inject. */
export function simStartFor(truth: Truth, injects: readonly Inject[]): number {
  const windowStart = ms(truth.window.start);
  const windowEnd = ms(truth.window.end);
  const first = injects.length ? Math.min(...injects.map((i) => ms(i.simTime))) : windowStart;
  return Math.max(windowStart, Math.min(windowEnd, first - LEAD_MINUTES * MIN));
}
