// The API calls the scenarios' attackers and responders make, with request and response
// elements shaped like the real captures (Stratus red team detonations for IAM and STS).
import type { Rng } from '../random';
import { responseDate, type ApiCall } from '../records';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export function call(
  eventSource: string,
  eventName: string,
  requestParameters: Record<string, unknown> | null = null,
  readOnly = true,
  responseElements: Record<string, unknown> | null = null,
): ApiCall {
  return { eventSource, eventName, readOnly, requestParameters, responseElements };
}

export const getCallerIdentity = (): ApiCall => call('sts.amazonaws.com', 'GetCallerIdentity');

/** ListBuckets is an S3 management call with S3's request ID and x-amz-id-2. */
export function listBuckets(rng: Rng, region: string): { call: ApiCall; requestId: string } {
  return {
    requestId: rng.hexUpper(16),
    call: {
      eventSource: 's3.amazonaws.com',
      eventName: 'ListBuckets',
      readOnly: true,
      requestParameters: { Host: `s3.${region}.amazonaws.com` },
      responseElements: null,
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': rng.base64(56),
        bytesTransferredOut: rng.int(900, 4000),
      },
    },
  };
}

export function createUser(
  rng: Rng,
  account: string,
  userName: string,
  timeMs: number,
): { call: ApiCall; userId: string; arn: string } {
  const userId = `AIDA${rng.upper(17)}`;
  const arn = `arn:aws:iam::${account}:user/${userName}`;
  return {
    userId,
    arn,
    call: call('iam.amazonaws.com', 'CreateUser', { userName }, false, {
      user: { path: '/', userName, userId, arn, createDate: responseDate(timeMs, false) },
    }),
  };
}

export const attachUserPolicy = (userName: string, policyArn: string): ApiCall =>
  call('iam.amazonaws.com', 'AttachUserPolicy', { userName, policyArn }, false);

export function createAccessKey(
  rng: Rng,
  userName: string,
  timeMs: number,
): { call: ApiCall; accessKeyId: string } {
  const accessKeyId = `AKIA${rng.upper(16)}`;
  return {
    accessKeyId,
    call: call('iam.amazonaws.com', 'CreateAccessKey', { userName }, false, {
      accessKey: {
        userName,
        accessKeyId,
        status: 'Active',
        createDate: responseDate(timeMs, false),
      },
    }),
  };
}

const ALLOW_ALL =
  '{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t{\n\t\t\t"Effect": "Allow",\n\t\t\t"Action": "*",\n\t\t\t"Resource": "*"\n\t\t}\n\t]\n}';

/** GetFederationToken with the default 12-hour lifetime, as the Stratus detonation logged it. */
export function getFederationToken(
  rng: Rng,
  account: string,
  name: string,
  timeMs: number,
): { call: ApiCall; accessKeyId: string; expirationMs: number; expirationAsLogged: string } {
  const accessKeyId = `ASIA${rng.upper(16)}`;
  const expirationMs = timeMs - (timeMs % 1000) + 12 * HOUR;
  const expirationAsLogged = responseDate(expirationMs);
  return {
    accessKeyId,
    expirationMs,
    expirationAsLogged,
    call: call('sts.amazonaws.com', 'GetFederationToken', { name, policy: ALLOW_ALL }, false, {
      credentials: {
        accessKeyId,
        expiration: expirationAsLogged,
        sessionToken: `IQoJb3JpZ2luX2Vj${rng.base64(540).replace(/=+$/, '')}`,
      },
      federatedUser: {
        arn: `arn:aws:sts::${account}:federated-user/${name}`,
        federatedUserId: `${account}:${name}`,
      },
      packedPolicySize: 4,
    }),
  };
}

export const updateAccessKey = (userName: string, accessKeyId: string, status: string): ApiCall =>
  call('iam.amazonaws.com', 'UpdateAccessKey', { userName, accessKeyId, status }, false);

/** The deny-older-sessions policy the AWS playbooks use to revoke a role's live sessions. */
export function revokeOlderSessions(roleName: string, beforeIso: string): ApiCall {
  const doc = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': beforeIso } },
      },
    ],
  });
  return call(
    'iam.amazonaws.com',
    'PutRolePolicy',
    { roleName, policyName: 'AWSRevokeOlderSessions', policyDocument: doc },
    false,
  );
}

/** Error text for a call refused by an explicit deny (after a revocation policy). */
export function explicitDeny(
  eventSource: string,
  action: string,
  arn: string,
): { code: string; message: string } {
  const text = `User: ${arn} is not authorized to perform: ${action} with an explicit deny in an identity-based policy`;
  return eventSource === 'ec2.amazonaws.com'
    ? {
        code: 'Client.UnauthorizedOperation',
        message: `You are not authorized to perform this operation. ${text}`,
      }
    : { code: 'AccessDenied', message: text };
}
