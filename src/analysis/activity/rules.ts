// What the enumeration analysis counts: denied calls, read APIs and the writes that mark the
// inflection point. Shared by the event-level analysis and the ingest-time activity summary, which
// records its rules' fingerprint so a summary built under other rules is never read as current.
import { createHash } from 'node:crypto';
import { isWrite } from '../key/activity';

export const DENIED_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Client.AuthFailure',
];

/** Writes that follow reconnaissance in real intrusions: persistence, escalation, defence evasion. */
export const INFLECTION_WRITES = new Set([
  'CreateUser',
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AttachUserPolicy',
  'PutUserPolicy',
  'AttachRolePolicy',
  'PutRolePolicy',
  'AttachGroupPolicy',
  'PutGroupPolicy',
  'AddUserToGroup',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'GetFederationToken',
  // A key pair is how an intruder gets into the instances they launch next (cryptomining runs
  // CreateKeyPair → AuthorizeSecurityGroupIngress → RunInstances): the first step of that write.
  'CreateKeyPair',
  'ImportKeyPair',
  'RunInstances',
  'CreateFunction20150331',
  'UpdateFunctionCode20150331v2',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteFlowLogs',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteBucketPublicAccessBlock',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'AuthorizeSecurityGroupIngress',
  'LeaveOrganization',
  'CreateTrustAnchor',
]);

/** Event-name prefixes of read (reconnaissance) calls; kept as a list so SQL can test them too. */
export const READ_PREFIXES = [
  'Get',
  'List',
  'Describe',
  'Head',
  'Lookup',
  'Search',
  'BatchGet',
  'BatchDescribe',
] as const;

export const READ = new RegExp(`^(${READ_PREFIXES.join('|')})`);

export function isDenied(errorCode: string | null): boolean {
  return errorCode !== null && DENIED_CODES.includes(errorCode);
}

/** The first write of this kind in a session is its inflection point (readOnly decides, else the name). */
export function isInflectionWrite(e: {
  eventName: string;
  errorCode: string | null;
  readOnly: boolean | null;
}): boolean {
  return INFLECTION_WRITES.has(e.eventName) && e.errorCode === null && isWrite(e);
}

/** Inflection-write names that count as a write when the record has no readOnly flag. */
export const WRITE_WHEN_READ_ONLY_UNKNOWN = [...INFLECTION_WRITES]
  .filter((eventName) => isWrite({ eventName, readOnly: null }))
  .sort();

/** Width of an activity-summary time bucket; never wider than the shortest session gap it serves. */
export const BUCKET_MS = 15 * 60_000;

/** Version of the summary's tables and encoding; part of the fingerprint. */
const SUMMARY_FORMAT = 2;

/**
 * Identifies the rules a summary was built under. A summary whose stored fingerprint differs is
 * rebuilt before the next ingest adds to it and is not used by the analysis until then.
 */
export const ACTIVITY_RULES_FINGERPRINT = createHash('sha256')
  .update(
    JSON.stringify({
      format: SUMMARY_FORMAT,
      bucketMs: BUCKET_MS,
      denied: [...DENIED_CODES].sort(),
      inflection: [...INFLECTION_WRITES].sort(),
      writeWhenReadOnlyUnknown: WRITE_WHEN_READ_ONLY_UNKNOWN,
      read: READ_PREFIXES,
    }),
  )
  .digest('hex')
  .slice(0, 16);
