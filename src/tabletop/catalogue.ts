// The API calls normal principals make, by kind of principal, with rough real-world weights:
// reads dominate, a few writes, and the user agents each kind really sends. IAM is global, so
// its calls land in us-east-1; CloudWatch's event source is monitoring.amazonaws.com.
import type { ApiCall } from './records';
import type { Rng } from './random';

export interface CallContext {
  account: string;
  region: string;
  bucket: string;
}

type CallMaker = (rng: Rng, ctx: CallContext) => ApiCall;

const simple =
  (eventSource: string, eventName: string, readOnly: boolean): CallMaker =>
  () => ({ eventSource, eventName, readOnly, requestParameters: null, responseElements: null });

const withParams =
  (
    eventSource: string,
    eventName: string,
    readOnly: boolean,
    params: (rng: Rng, c: CallContext) => Record<string, unknown>,
  ): CallMaker =>
  (rng, c) => ({
    eventSource,
    eventName,
    readOnly,
    requestParameters: params(rng, c),
    responseElements: null,
  });

const describeInstances = withParams('ec2.amazonaws.com', 'DescribeInstances', true, () => ({
  instancesSet: {},
  filterSet: {},
}));
const getMetricData = withParams('monitoring.amazonaws.com', 'GetMetricData', true, (rng) => ({
  metricDataQueries: [{ id: `m${rng.int(1, 9)}`, returnData: true }],
  startTime: '',
  endTime: '',
}));
const decrypt = withParams('kms.amazonaws.com', 'Decrypt', true, () => ({
  encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
}));
const generateDataKey = withParams('kms.amazonaws.com', 'GenerateDataKey', true, (rng, c) => ({
  keyId: `arn:aws:kms:${c.region}:${c.account}:key/${rng.uuid()}`,
  keySpec: 'AES_256',
}));
const getParameter = withParams('ssm.amazonaws.com', 'GetParameter', true, (rng) => ({
  name: `/app/${rng.pick(['prod', 'staging'])}/${rng.pick(['db-host', 'feature-flags', 'api-url'])}`,
  withDecryption: true,
}));
const getSecret = withParams('secretsmanager.amazonaws.com', 'GetSecretValue', true, (rng, c) => ({
  secretId: `arn:aws:secretsmanager:${c.region}:${c.account}:secret:prod/${rng.pick(['db', 'stripe', 'smtp'])}-${rng.alnum(6)}`,
}));
/** What S3 adds to every authenticated call it logs. */
function s3Extras(rng: Rng, bytesOut: number): Record<string, unknown> {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: 0,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': rng.base64(56),
    bytesTransferredOut: bytesOut,
  };
}
const getBucketLocation: CallMaker = (rng, c) => ({
  eventSource: 's3.amazonaws.com',
  eventName: 'GetBucketLocation',
  readOnly: true,
  requestParameters: {
    bucketName: c.bucket,
    Host: `${c.bucket}.s3.${c.region}.amazonaws.com`,
    location: '',
  },
  responseElements: null,
  additionalEventData: s3Extras(rng, 137),
});
const listBuckets: CallMaker = (rng) => ({
  eventSource: 's3.amazonaws.com',
  eventName: 'ListBuckets',
  readOnly: true,
  requestParameters: { Host: 's3.amazonaws.com' },
  responseElements: null,
  additionalEventData: s3Extras(rng, rng.int(900, 4000)),
});
const describeStacks = withParams(
  'cloudformation.amazonaws.com',
  'DescribeStacks',
  true,
  (rng) => ({
    stackName: `${rng.pick(['web', 'api', 'data'])}-${rng.pick(['prod', 'staging'])}`,
  }),
);
const getRole = withParams('iam.amazonaws.com', 'GetRole', true, (rng) => ({
  roleName: rng.pick(['app-server', 'ci-deploy', 'data-pipeline']),
}));
const createTags = withParams('ec2.amazonaws.com', 'CreateTags', false, (rng) => ({
  resourcesSet: { items: [{ resourceId: `i-0${rng.hex(16)}` }] },
  tagSet: { items: [{ key: 'owner', value: rng.pick(['platform', 'data', 'web']) }] },
}));
const updateFunctionCode = withParams(
  'lambda.amazonaws.com',
  'UpdateFunctionCode20150331v2',
  false,
  (rng) => ({
    functionName: rng.pick(['orders-worker', 'thumbnailer', 'nightly-export']),
    publish: true,
  }),
);

/** People at a terminal or in the console: broad reads, an occasional change. */
export const HUMAN_CALLS: readonly (readonly [CallMaker, number])[] = [
  [describeInstances, 14],
  [simple('ec2.amazonaws.com', 'DescribeSecurityGroups', true), 5],
  [simple('ec2.amazonaws.com', 'DescribeVolumes', true), 4],
  [simple('sts.amazonaws.com', 'GetCallerIdentity', true), 6],
  [simple('iam.amazonaws.com', 'ListRoles', true), 2],
  [getRole, 3],
  [listBuckets, 3],
  [getBucketLocation, 3],
  [simple('logs.amazonaws.com', 'DescribeLogGroups', true), 4],
  [getMetricData, 4],
  [simple('lambda.amazonaws.com', 'ListFunctions20150331', true), 2],
  [describeStacks, 3],
  [createTags, 1],
];

/** CI and deployment: infrastructure as code reads a lot of state, then changes a little. */
export const CI_CALLS: readonly (readonly [CallMaker, number])[] = [
  [simple('sts.amazonaws.com', 'GetCallerIdentity', true), 6],
  [describeStacks, 8],
  [describeInstances, 4],
  [getRole, 4],
  [simple('iam.amazonaws.com', 'ListAttachedRolePolicies', true), 3],
  [simple('ecr.amazonaws.com', 'GetAuthorizationToken', true), 4],
  [getBucketLocation, 3],
  [updateFunctionCode, 1],
  [createTags, 1],
];

/** Applications: secrets, parameters and keys, many times over. */
export const APP_CALLS: readonly (readonly [CallMaker, number])[] = [
  [decrypt, 12],
  [generateDataKey, 5],
  [getParameter, 6],
  [getSecret, 3],
  [simple('dynamodb.amazonaws.com', 'DescribeTable', true), 3],
  [getMetricData, 2],
];

/** Third-party monitoring: wide, steady, read-only sweeps (a legitimate enumeration look-alike). */
export const MONITORING_CALLS: readonly (readonly [CallMaker, number])[] = [
  [describeInstances, 10],
  [simple('ec2.amazonaws.com', 'DescribeVolumes', true), 5],
  [simple('ec2.amazonaws.com', 'DescribeSecurityGroups', true), 4],
  [simple('rds.amazonaws.com', 'DescribeDBInstances', true), 3],
  [simple('elasticloadbalancing.amazonaws.com', 'DescribeLoadBalancers', true), 3],
  [getMetricData, 12],
  [simple('logs.amazonaws.com', 'DescribeLogGroups', true), 3],
  [simple('lambda.amazonaws.com', 'ListFunctions20150331', true), 2],
];

/** Every routine call with the old mixed weights (kept for callers that want one table). */
export const ROUTINE_CALLS: readonly (readonly [CallMaker, number])[] = [
  ...HUMAN_CALLS,
  ...APP_CALLS,
];

export const AGENTS = {
  human: [
    'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/ec2.describe-instances',
    'aws-cli/2.17.2 Python/3.11.9 Darwin/23.5.0 exe/x86_64 prompt/off command/s3.ls',
    'AWS Internal',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  ],
  ci: [
    'Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 ua/2.0 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.5',
    'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1017-azure exe/x86_64.ubuntu.22 prompt/off command/cloudformation.deploy',
  ],
  app: [
    'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
    'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.209-198.858.amzn2.x86_64 lang/js md/nodejs#20.11.1 api/kms#3.540.0',
  ],
  monitoring: [
    'aws-sdk-go/1.50.38 (go1.21.8; linux; amd64)',
    'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/cloudwatch#1.36.3',
  ],
} as const;

/** All routine user agents (the old flat list). */
export const USER_AGENTS: readonly string[] = [
  ...AGENTS.human,
  ...AGENTS.ci,
  ...AGENTS.app,
  ...AGENTS.monitoring,
];

/** The IAM action a call needs, as error messages name it: lambda:ListFunctions, not …20150331. */
export function actionOf(call: { eventSource: string; eventName: string }): string {
  const service = call.eventSource.split('.')[0]!;
  const prefix = service === 'monitoring' ? 'cloudwatch' : service;
  return `${prefix}:${call.eventName.replace(/\d{8}(v\d+)?$/, '')}`;
}

/** The error CloudTrail records when a caller lacks permission, worded per service. */
export function deniedError(
  call: { eventSource: string; eventName: string },
  principalArn: string,
): { code: string; message: string } {
  const action = actionOf(call);
  const why = `because no identity-based policy allows the ${action} action`;
  if (call.eventSource === 'ec2.amazonaws.com') {
    return {
      code: 'Client.UnauthorizedOperation',
      message: `You are not authorized to perform this operation. User: ${principalArn} is not authorized to perform: ${action} ${why}`,
    };
  }
  if (call.eventSource === 's3.amazonaws.com')
    return { code: 'AccessDenied', message: 'Access Denied' };
  return {
    code: 'AccessDenied',
    message: `User: ${principalArn} is not authorized to perform: ${action} ${why}`,
  };
}

/** Rate limiting, which busy automation meets now and then. */
export function throttledError(call: { eventSource: string }): { code: string; message: string } {
  return call.eventSource === 'ec2.amazonaws.com'
    ? { code: 'Client.RequestLimitExceeded', message: 'Request limit exceeded.' }
    : { code: 'ThrottlingException', message: 'Rate exceeded' };
}
