// What the enumeration scenario's tool calls: the sweep (global services once, EC2 in every
// Region), what the legacy role may do, and the writes that follow (mining instances).
import type { Rng } from '../random';
import type { ApiCall } from '../records';
import { call } from './calls';

const SWEEP_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-northeast-1',
];

/** What an enumeration tool tries once per account (the first four services are global). */
const GLOBAL_SWEEP: readonly [string, string][] = [
  ['iam.amazonaws.com', 'GetAccountSummary'],
  ['iam.amazonaws.com', 'ListUsers'],
  ['iam.amazonaws.com', 'ListRoles'],
  ['iam.amazonaws.com', 'ListPolicies'],
  ['iam.amazonaws.com', 'ListGroups'],
  ['iam.amazonaws.com', 'GetAccountAuthorizationDetails'],
  ['organizations.amazonaws.com', 'DescribeOrganization'],
  ['route53.amazonaws.com', 'ListHostedZones'],
  ['lambda.amazonaws.com', 'ListFunctions20150331'],
  ['rds.amazonaws.com', 'DescribeDBInstances'],
  ['dynamodb.amazonaws.com', 'ListTables'],
  ['kms.amazonaws.com', 'ListKeys'],
  ['secretsmanager.amazonaws.com', 'ListSecrets'],
  ['ssm.amazonaws.com', 'DescribeParameters'],
  ['cloudtrail.amazonaws.com', 'DescribeTrails'],
  ['guardduty.amazonaws.com', 'ListDetectors'],
  ['sns.amazonaws.com', 'ListTopics'],
  ['sqs.amazonaws.com', 'ListQueues'],
  ['ecr.amazonaws.com', 'DescribeRepositories'],
  ['eks.amazonaws.com', 'ListClusters'],
  ['cloudformation.amazonaws.com', 'ListStacks'],
  ['logs.amazonaws.com', 'DescribeLogGroups'],
  ['monitoring.amazonaws.com', 'DescribeAlarms'],
  ['elasticloadbalancing.amazonaws.com', 'DescribeLoadBalancers'],
  ['ecs.amazonaws.com', 'ListClusters'],
  ['elasticbeanstalk.amazonaws.com', 'DescribeApplications'],
  ['athena.amazonaws.com', 'ListWorkGroups'],
  ['glue.amazonaws.com', 'GetDatabases'],
  ['redshift.amazonaws.com', 'DescribeClusters'],
  ['es.amazonaws.com', 'ListDomainNames'],
  ['apigateway.amazonaws.com', 'GetRestApis'],
  ['codecommit.amazonaws.com', 'ListRepositories'],
  ['codebuild.amazonaws.com', 'ListProjects'],
  ['backup.amazonaws.com', 'ListBackupVaults'],
  ['config.amazonaws.com', 'DescribeConfigRules'],
  ['securityhub.amazonaws.com', 'DescribeHub'],
  ['acm.amazonaws.com', 'ListCertificates'],
];
/** Global services log in us-east-1. */
const GLOBAL_SERVICES = new Set([
  'iam.amazonaws.com',
  'route53.amazonaws.com',
  'organizations.amazonaws.com',
]);
/** EC2 is swept in every Region for instances and security groups, in the home Region for more. */
const EVERY_REGION = ['DescribeInstances', 'DescribeSecurityGroups'];
const HOME_REGION = ['DescribeSnapshots', 'DescribeVpcs', 'DescribeImages'];

/** The legacy role: EC2 read and write (AmazonEC2FullAccess), logs, metrics, its own bucket. */
export const ALLOWED = new Set([
  'ec2.amazonaws.com',
  's3.amazonaws.com',
  'logs.amazonaws.com',
  'monitoring.amazonaws.com',
  'sts.amazonaws.com',
]);

export const VCPU_LIMIT =
  'You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.';

export function runInstances(rng: Rng, account: string, type: string, count: number): ApiCall {
  const imageId = `ami-0${rng.hex(16)}`;
  return call(
    'ec2.amazonaws.com',
    'RunInstances',
    {
      instancesSet: {
        items: [{ imageId, minCount: count, maxCount: count, keyName: 'ops-maint' }],
      },
      instanceType: type,
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      disableApiTermination: false,
      disableApiStop: false,
    },
    false,
    {
      requestId: rng.uuid(),
      reservationId: `r-0${rng.hex(16)}`,
      ownerId: account,
      groupSet: {},
      instancesSet: {
        items: Array.from({ length: count }, (_, i) => ({
          instanceId: `i-0${rng.hex(16)}`,
          imageId,
          instanceState: { code: 0, name: 'pending' },
          amiLaunchIndex: i,
          instanceType: type,
          keyName: 'ops-maint',
        })),
      },
    },
  );
}

/** The sweep's calls in order, each with the Region it goes to. */
export function sweepPlan(home: string): [ApiCall, string][] {
  const plan: [ApiCall, string][] = [];
  for (const [source, name] of GLOBAL_SWEEP) {
    plan.push([call(source, name), GLOBAL_SERVICES.has(source) ? 'us-east-1' : home]);
  }
  for (const name of HOME_REGION) plan.push([call('ec2.amazonaws.com', name), home]);
  for (const r of SWEEP_REGIONS) {
    for (const name of EVERY_REGION) plan.push([call('ec2.amazonaws.com', name), r]);
  }
  return plan;
}

export function createKeyPair(rng: Rng): ApiCall {
  return call(
    'ec2.amazonaws.com',
    'CreateKeyPair',
    { keyName: 'ops-maint', keyType: 'rsa', keyFormat: 'pem' },
    false,
    {
      requestId: rng.uuid(),
      keyName: 'ops-maint',
      keyFingerprint: Array.from({ length: 20 }, () => rng.hex(2)).join(':'),
      keyPairId: `key-0${rng.hex(16)}`,
    },
  );
}

/** SSH from anywhere into one security group. */
export function openSsh(rng: Rng): ApiCall {
  return call(
    'ec2.amazonaws.com',
    'AuthorizeSecurityGroupIngress',
    {
      groupId: `sg-0${rng.hex(16)}`,
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            groups: {},
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
    false,
    { requestId: rng.uuid(), _return: true },
  );
}
