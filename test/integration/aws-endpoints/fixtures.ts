// Real CloudTrail records from the unchanged copy of the shared data in test/fixtures/data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../../helpers/aws/cloudtrail-records';

const DATA = join(import.meta.dirname, '../../fixtures/data');
const FOLDER: Record<string, string> = {
  'ec2_proxy_s3_exfiltration_2020-09-14011940.json': 'otrf-security-datasets',
  'classifier__cloudtrail__cloudtrail_insights.json': 'streamalert',
  'community__cloudwatch_events__cloudtrail_public_resources.json': 'streamalert',
  'cloudtrail-logs-compressed.gz': 'openregister-sumologic-fixture',
};
const at = (name: string): string =>
  join(DATA, FOLDER[name] ?? 'stratus-red-team/detonation-logs', name);

function jsonArray(name: string): CloudTrailRecord[] {
  return JSON.parse(readFileSync(at(name), 'utf8')) as CloudTrailRecord[];
}

/** Stratus Red Team: 45 records in region us-north-2r (IAM user christophe + an EC2 role session). */
export const stealCredentials = (): CloudTrailRecord[] =>
  jsonArray('aws.credential-access.ec2-steal-instance-credentials.json');
/** Stratus Red Team: 56 records in region sagov-westsouth-1r. */
export const ssmSendCommand = (): CloudTrailRecord[] =>
  jsonArray('aws.execution.ssm-send-command.json');
/** Stratus Red Team: 3 records (CreateUser, AttachUserPolicy, CreateAccessKey) in ap-isob-central-3r. */
export const createAdminUser = (): CloudTrailRecord[] =>
  jsonArray('aws.persistence.iam-create-admin-user.json');
/** Stratus Red Team: 34 records in apiso-northsouth-3r; two AssumeRole calls carry `resources`. */
export const getPasswordData = (): CloudTrailRecord[] =>
  jsonArray('aws.credential-access.ec2-get-password-data.json');

/** OTRF: NDJSON of a stolen-credential S3 exfiltration; its GetObject/ListObjects are data events. */
export function otrfExfiltration(): CloudTrailRecord[] {
  return readFileSync(at('ec2_proxy_s3_exfiltration_2020-09-14011940.json'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CloudTrailRecord);
}

/** StreamAlert: one CloudTrail Insights record (eu-central-1), wrapped in StreamAlert's test case. */
export function insightRecord(): CloudTrailRecord {
  const cases = JSON.parse(
    readFileSync(at('classifier__cloudtrail__cloudtrail_insights.json'), 'utf8'),
  ) as Array<{ data: { Records: CloudTrailRecord[] } }>;
  const record = cases[0]?.data.Records[0];
  if (!record) throw new Error('insights fixture has no record');
  return record;
}

export const timeOf = (r: CloudTrailRecord): number => Date.parse(String(r.eventTime));

/** OpenRegister (GDS): a real gzip `{"Records":[…]}` CloudTrail log file, as raw bytes. */
export const cloudTrailGzipFile = (): Buffer => readFileSync(at('cloudtrail-logs-compressed.gz'));

/** StreamAlert "S3 made public": the bucket policy of a real (redacted) PutBucketPolicy event. */
export function publicBucketPolicy(): Record<string, unknown> {
  const cases = JSON.parse(
    readFileSync(at('community__cloudwatch_events__cloudtrail_public_resources.json'), 'utf8'),
  ) as Array<{
    data: { Records?: Array<{ requestParameters: { bucketPolicy: Record<string, unknown> } }> };
  }>;
  const policy = cases[0]?.data.Records?.[0]?.requestParameters.bucketPolicy;
  if (!policy) throw new Error('public-resources fixture has no bucket policy');
  return policy;
}
