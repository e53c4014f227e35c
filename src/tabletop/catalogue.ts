// The API calls normal accounts make, with rough real-world weights: reads dominate, a few
// writes, S3 data events from applications, and AWS services acting on their own.
import type { ApiCall } from './records';
import type { Rng } from './random';

type CallMaker = (rng: Rng, ctx: { account: string; region: string; bucket: string }) => ApiCall;

const simple =
  (eventSource: string, eventName: string, readOnly: boolean): CallMaker =>
  () => ({ eventSource, eventName, readOnly, requestParameters: null, responseElements: null });

export const ROUTINE_CALLS: readonly (readonly [CallMaker, number])[] = [
  [simple('ec2.amazonaws.com', 'DescribeInstances', true), 14],
  [simple('ec2.amazonaws.com', 'DescribeSecurityGroups', true), 5],
  [simple('ec2.amazonaws.com', 'DescribeVolumes', true), 4],
  [simple('sts.amazonaws.com', 'GetCallerIdentity', true), 6],
  [simple('iam.amazonaws.com', 'ListRoles', true), 2],
  [simple('iam.amazonaws.com', 'GetRole', true), 3],
  [simple('s3.amazonaws.com', 'ListBuckets', true), 3],
  [simple('logs.amazonaws.com', 'DescribeLogGroups', true), 4],
  [simple('cloudwatch.amazonaws.com', 'GetMetricData', true), 6],
  [simple('kms.amazonaws.com', 'Decrypt', true), 8],
  [simple('lambda.amazonaws.com', 'ListFunctions20150331', true), 2],
  [simple('ssm.amazonaws.com', 'GetParameter', true), 4],
  [simple('secretsmanager.amazonaws.com', 'GetSecretValue', true), 2],
  [simple('dynamodb.amazonaws.com', 'DescribeTable', true), 3],
  [
    (rng, c) => ({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetBucketLocation',
      readOnly: true,
      requestParameters: {
        bucketName: c.bucket,
        Host: `${c.bucket}.s3.${c.region}.amazonaws.com`,
        location: '',
      },
    }),
    3,
  ],
  [
    (rng, c) => ({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      readOnly: true,
      data: true,
      requestParameters: {
        bucketName: c.bucket,
        Host: `${c.bucket}.s3.${c.region}.amazonaws.com`,
        key: `app/data/${rng.hex(8)}.json`,
      },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': rng.hex(40),
        bytesTransferredOut: rng.int(200, 90000),
      },
      resources: [
        {
          type: 'AWS::S3::Object',
          ARN: `arn:aws:s3:::${c.bucket}/app/data/`,
          accountId: c.account,
        },
        { type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${c.bucket}`, accountId: c.account },
      ],
    }),
    10,
  ],
  [
    (rng, c) => ({
      eventSource: 's3.amazonaws.com',
      eventName: 'PutObject',
      readOnly: false,
      data: true,
      requestParameters: {
        bucketName: c.bucket,
        Host: `${c.bucket}.s3.${c.region}.amazonaws.com`,
        key: `app/out/${rng.hex(8)}.json`,
      },
      additionalEventData: {
        SignatureVersion: 'SigV4',
        bytesTransferredIn: rng.int(200, 50000),
        AuthenticationMethod: 'AuthHeader',
        bytesTransferredOut: 0,
      },
    }),
    4,
  ],
  [
    (rng, c) => ({
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      readOnly: true,
      requestParameters: {
        roleArn: `arn:aws:iam::${c.account}:role/ci-deploy`,
        roleSessionName: `gha-${rng.hex(8)}`,
        durationSeconds: 3600,
      },
      responseElements: {
        credentials: {
          accessKeyId: `ASIA${rng.upper(16)}`,
          sessionToken: rng.hex(64),
          expiration: 'Mar 28, 2026, 1:00:00 AM',
        },
        assumedRoleUser: {
          assumedRoleId: `AROA${rng.upper(17)}:gha`,
          arn: `arn:aws:sts::${c.account}:assumed-role/ci-deploy/gha`,
        },
      },
    }),
    4,
  ],
  [simple('ec2.amazonaws.com', 'CreateTags', false), 1],
  [simple('lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', false), 1],
  [simple('cloudformation.amazonaws.com', 'DescribeStacks', true), 3],
];

export const USER_AGENTS: readonly string[] = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/ec2.describe-instances',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.5',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.209-198.858.amzn2.x86_64 lang/js md/nodejs#20.11.1 api/s3#3.540.0',
  'Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0',
  'AWS Internal',
];
