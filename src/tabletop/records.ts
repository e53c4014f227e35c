// Builds CloudTrail records shaped like the real captures (../shared/data): eventVersion per
// service as the services emit it (sts 1.08, iam/ec2 1.09, s3/cloudtrail 1.10), userIdentity
// variants (IAMUser, AssumedRole with sessionIssuer, AWSService, Root, FederatedUser, and the
// AWSAccount shape S3 logs for anonymous callers), readOnly/managementEvent booleans,
// eventCategory, tlsDetails, errorCode and errorMessage on failures, and request/response
// elements for the calls that carry them. Key order follows CloudTrail's own files.
import type { Rng } from './random';

export type Identity =
  | {
      type: 'IAMUser';
      account: string;
      userName: string;
      principalId: string;
      accessKeyId: string;
    }
  | {
      type: 'AssumedRole';
      account: string;
      roleName: string;
      sessionName: string;
      roleId: string;
      accessKeyId: string;
      /** When the session's credentials were issued (sessionContext.attributes.creationDate). */
      sessionCreatedMs?: number;
      mfa?: boolean;
      /** Instance-profile credentials carry ec2RoleDelivery ("1.0" IMDSv1, "2.0" IMDSv2). */
      ec2RoleDelivery?: '1.0' | '2.0';
    }
  | { type: 'AWSService'; service: string }
  | { type: 'Root'; account: string; accessKeyId: string }
  | {
      type: 'FederatedUser';
      account: string;
      name: string;
      accessKeyId: string;
      issuer: { userName: string; principalId: string };
      sessionCreatedMs?: number;
    }
  /** A caller S3 cannot tie to a principal of the bucket's account; anonymous when principalId is ''. */
  | { type: 'AWSAccount'; account: string; principalId: string };

/** How S3 records an unauthenticated caller in CloudTrail data events. */
export const ANONYMOUS_PRINCIPAL = 'ANONYMOUS_PRINCIPAL';

export interface ApiCall {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  /** Data events (S3 object reads, Lambda invokes) are not management events. */
  data?: boolean;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  resources?: { ARN: string; accountId?: string; type?: string }[];
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
  /** S3 request IDs are 16 characters and shared with the access log line; others are UUIDs. */
  requestId?: string;
  /** Overrides the per-service version (EVENT_VERSIONS). */
  eventVersion?: string;
  /** TLS as the client negotiated it; the host header defaults to the service endpoint. */
  tls?: { version: string; cipherSuite: string; host?: string };
}

/** The eventVersion each service writes today (from the real captures in ../shared/data). */
const EVENT_VERSIONS: Readonly<Record<string, string>> = {
  'sts.amazonaws.com': '1.08',
  'ssm.amazonaws.com': '1.08',
  'lambda.amazonaws.com': '1.08',
  'rds.amazonaws.com': '1.08',
  'signin.amazonaws.com': '1.08',
  'iam.amazonaws.com': '1.09',
  'ec2.amazonaws.com': '1.09',
  'secretsmanager.amazonaws.com': '1.09',
  'organizations.amazonaws.com': '1.09',
  's3.amazonaws.com': '1.10',
  'cloudtrail.amazonaws.com': '1.10',
};

export function eventVersionOf(eventSource: string): string {
  return EVENT_VERSIONS[eventSource] ?? '1.09';
}

let lastSecond = NaN;
let lastIso = '';

/** CloudTrail's second-precision ISO form: 2024-11-30T08:43:17Z. */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  // Busy trails write many records a second: format each second once.
  if (second !== lastSecond) {
    lastSecond = second;
    lastIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastIso;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The form STS and IAM responses use: "Nov 30, 2024, 8:43:17 PM" (UTC). */
export function responseDate(ms: number, comma = true): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}${comma ? ',' : ''} ${clock}`;
}

/** The ARN a userIdentity carries (what the case indexes as the principal). */
export function identityArn(id: Identity): string | null {
  switch (id.type) {
    case 'IAMUser':
      return `arn:aws:iam::${id.account}:user/${id.userName}`;
    case 'AssumedRole':
      return `arn:aws:sts::${id.account}:assumed-role/${id.roleName}/${id.sessionName}`;
    case 'Root':
      return `arn:aws:iam::${id.account}:root`;
    case 'FederatedUser':
      return `arn:aws:sts::${id.account}:federated-user/${id.name}`;
    case 'AWSService':
    case 'AWSAccount':
      return null;
  }
}

function sessionAttributes(rng: Rng, timeMs: number, createdMs: number | undefined, mfa = false) {
  const created = createdMs ?? timeMs - rng.int(60, 3600) * 1000;
  return { creationDate: isoSeconds(created), mfaAuthenticated: mfa ? 'true' : 'false' };
}

// An identity whose userIdentity never changes (no per-record creation date) is built once.
const built = new WeakMap<Identity, Record<string, unknown>>();

function stable(id: Identity): boolean {
  return (
    (id.type !== 'AssumedRole' && id.type !== 'FederatedUser') || id.sessionCreatedMs !== undefined
  );
}

function userIdentity(id: Identity, rng: Rng, timeMs: number): Record<string, unknown> {
  if (!stable(id)) return buildUserIdentity(id, rng, timeMs);
  let ui = built.get(id);
  if (!ui) {
    ui = buildUserIdentity(id, rng, timeMs);
    built.set(id, ui);
  }
  return ui;
}

function buildUserIdentity(id: Identity, rng: Rng, timeMs: number): Record<string, unknown> {
  switch (id.type) {
    case 'IAMUser':
      return {
        type: 'IAMUser',
        principalId: id.principalId,
        arn: identityArn(id),
        accountId: id.account,
        accessKeyId: id.accessKeyId,
        userName: id.userName,
      };
    case 'AssumedRole': {
      const sessionContext: Record<string, unknown> = {
        sessionIssuer: {
          type: 'Role',
          principalId: id.roleId,
          arn: `arn:aws:iam::${id.account}:role/${id.roleName}`,
          accountId: id.account,
          userName: id.roleName,
        },
      };
      // Instance-profile sessions carry an empty webIdFederationData, as in the OTRF capture.
      if (id.ec2RoleDelivery) sessionContext['webIdFederationData'] = {};
      sessionContext['attributes'] = sessionAttributes(rng, timeMs, id.sessionCreatedMs, id.mfa);
      if (id.ec2RoleDelivery) sessionContext['ec2RoleDelivery'] = id.ec2RoleDelivery;
      return {
        type: 'AssumedRole',
        principalId: `${id.roleId}:${id.sessionName}`,
        arn: identityArn(id),
        accountId: id.account,
        accessKeyId: id.accessKeyId,
        sessionContext,
      };
    }
    case 'AWSService':
      return { type: 'AWSService', invokedBy: id.service };
    case 'Root':
      return {
        type: 'Root',
        principalId: id.account,
        arn: identityArn(id),
        accountId: id.account,
        accessKeyId: id.accessKeyId,
      };
    case 'FederatedUser':
      return {
        type: 'FederatedUser',
        principalId: `${id.account}:${id.name}`,
        arn: identityArn(id),
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
          attributes: sessionAttributes(rng, timeMs, id.sessionCreatedMs),
        },
      };
    case 'AWSAccount':
      return { type: 'AWSAccount', principalId: id.principalId, accountId: id.account };
  }
}

/** The endpoint a client names in its TLS handshake: IAM is global, S3 names the bucket. */
function endpointHost(call: ApiCall, region: string): string {
  if (call.eventSource === 'iam.amazonaws.com') return 'iam.amazonaws.com';
  const host = call.requestParameters?.['Host'];
  if (typeof host === 'string') return host;
  return call.eventSource.replace('.amazonaws.com', `.${region}.amazonaws.com`);
}

function defaultTls(eventSource: string): { version: string; cipherSuite: string } {
  // The SSM endpoints negotiated TLS 1.2 in every real capture; the rest TLS 1.3.
  return eventSource === 'ssm.amazonaws.com'
    ? { version: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256' }
    : { version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' };
}

export function cloudTrailRecord(input: RecordInput): Record<string, unknown> {
  const { rng, call, identity } = input;
  const service = identity.type === 'AWSService';
  const record: Record<string, unknown> = {
    eventVersion: input.eventVersion ?? eventVersionOf(call.eventSource),
    userIdentity: userIdentity(identity, rng, input.timeMs),
    eventTime: isoSeconds(input.timeMs),
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
  // S3 request IDs are 16 hex characters (and match the access log); other services use UUIDs.
  record['requestID'] =
    input.requestId ?? (call.eventSource === 's3.amazonaws.com' ? rng.hexUpper(16) : rng.uuid());
  record['eventID'] = rng.uuid();
  record['readOnly'] = call.readOnly;
  // Failed management calls carry no resources in the real captures; data events keep them.
  if (call.resources && (!input.error || call.data)) record['resources'] = call.resources;
  record['eventType'] = 'AwsApiCall';
  record['managementEvent'] = !call.data;
  record['recipientAccountId'] = input.recipientAccount;
  // Calls a service makes for itself share one event ID across the accounts involved.
  if (service) record['sharedEventID'] = rng.uuid();
  record['eventCategory'] = call.data ? 'Data' : 'Management';
  if (!service) {
    const tls = input.tls ?? defaultTls(call.eventSource);
    record['tlsDetails'] = tlsDetails(
      tls.version,
      tls.cipherSuite,
      input.tls?.host ?? endpointHost(call, input.region),
    );
  }
  return record;
}

const tlsShapes = new Map<string, Record<string, string>>();

/** tlsDetails objects are few and never changed after writing: share them. */
function tlsDetails(version: string, cipherSuite: string, host: string): Record<string, string> {
  const k = `${version} ${cipherSuite} ${host}`;
  let t = tlsShapes.get(k);
  if (!t) {
    t = { tlsVersion: version, cipherSuite, clientProvidedHostHeader: host };
    if (tlsShapes.size > 10_000) tlsShapes.clear();
    tlsShapes.set(k, t);
  }
  return t;
}
