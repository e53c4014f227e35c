// Builds CloudTrail records shaped like the real captures (../shared/data): eventVersion 1.08+,
// userIdentity variants (IAMUser, AssumedRole with sessionIssuer, AWSService, Root,
// FederatedUser), readOnly/managementEvent booleans, eventCategory, tlsDetails, errorCode and
// errorMessage on failures, and request/response elements for the calls that carry them.
import type { Rng } from './random';

export type Identity =
  | { type: 'IAMUser'; account: string; userName: string; principalId: string; accessKeyId: string }
  | {
      type: 'AssumedRole';
      account: string;
      roleName: string;
      sessionName: string;
      roleId: string;
      accessKeyId: string;
    }
  | { type: 'AWSService'; service: string }
  | { type: 'Root'; account: string; accessKeyId: string }
  | {
      type: 'FederatedUser';
      account: string;
      name: string;
      accessKeyId: string;
      issuer: { userName: string; principalId: string };
    };

export interface ApiCall {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  /** Data events (S3 object reads, Lambda invokes) are not management events. */
  data?: boolean;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  resources?: { ARN: string; accountId: string; type: string }[];
  additionalEventData?: Record<string, unknown>;
}

export interface RecordInput {
  rng: Rng;
  timeMs: number;
  region: string;
  identity: Identity;
  call: ApiCall;
  sourceIp: string;
  userAgent: string;
  error?: { code: string; message: string };
  recipientAccount: string;
}

function userIdentity(id: Identity): Record<string, unknown> {
  switch (id.type) {
    case 'IAMUser':
      return {
        type: 'IAMUser',
        principalId: id.principalId,
        arn: `arn:aws:iam::${id.account}:user/${id.userName}`,
        accountId: id.account,
        accessKeyId: id.accessKeyId,
        userName: id.userName,
      };
    case 'AssumedRole':
      return {
        type: 'AssumedRole',
        principalId: `${id.roleId}:${id.sessionName}`,
        arn: `arn:aws:sts::${id.account}:assumed-role/${id.roleName}/${id.sessionName}`,
        accountId: id.account,
        accessKeyId: id.accessKeyId,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: id.roleId,
            arn: `arn:aws:iam::${id.account}:role/${id.roleName}`,
            accountId: id.account,
            userName: id.roleName,
          },
          webIdFederationData: {},
          attributes: { creationDate: '', mfaAuthenticated: 'false' },
        },
      };
    case 'AWSService':
      return { type: 'AWSService', invokedBy: id.service };
    case 'Root':
      return {
        type: 'Root',
        principalId: id.account,
        arn: `arn:aws:iam::${id.account}:root`,
        accountId: id.account,
        accessKeyId: id.accessKeyId,
      };
    case 'FederatedUser':
      return {
        type: 'FederatedUser',
        principalId: `${id.account}:${id.name}`,
        arn: `arn:aws:sts::${id.account}:federated-user/${id.name}`,
        accountId: id.account,
        accessKeyId: id.accessKeyId,
        sessionContext: {
          sessionIssuer: {
            type: 'IAMUser',
            principalId: id.issuer.principalId,
            arn: `arn:aws:iam::${id.account}:user/${id.issuer.userName}`,
            accountId: id.account,
            userName: id.issuer.userName,
          },
          webIdFederationData: {},
          attributes: { creationDate: '', mfaAuthenticated: 'false' },
        },
      };
  }
}

export function cloudTrailRecord(input: RecordInput): Record<string, unknown> {
  const { rng, call, identity } = input;
  const time = new Date(input.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ui = userIdentity(identity);
  const ctx = (ui['sessionContext'] as { attributes?: { creationDate: string } } | undefined)
    ?.attributes;
  if (ctx)
    ctx.creationDate = new Date(input.timeMs - rng.int(60, 3600) * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const service = identity.type === 'AWSService';
  const host = call.eventSource.replace('.amazonaws.com', `.${input.region}.amazonaws.com`);
  const record: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: ui,
    eventTime: time,
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: input.region,
    sourceIPAddress: service ? identity.service : input.sourceIp,
    userAgent: service ? identity.service : input.userAgent,
  };
  if (input.error) {
    record['errorCode'] = input.error.code;
    record['errorMessage'] = input.error.message;
  }
  record['requestParameters'] = call.requestParameters ?? null;
  record['responseElements'] = input.error ? null : (call.responseElements ?? null);
  if (call.additionalEventData) record['additionalEventData'] = call.additionalEventData;
  record['requestID'] = rng.uuid();
  record['eventID'] = rng.uuid();
  record['readOnly'] = call.readOnly;
  if (call.resources) record['resources'] = call.resources;
  record['eventType'] = 'AwsApiCall';
  record['managementEvent'] = !call.data;
  record['recipientAccountId'] = input.recipientAccount;
  record['eventCategory'] = call.data ? 'Data' : 'Management';
  if (!service) {
    record['tlsDetails'] = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: host,
    };
  }
  return record;
}
