// Reads one access-control CloudTrail record (policy, ACL, public access block, ownership,
// create/delete) into the change it made to a bucket's exposure. Pure: the event row and its full
// record in, a described change out.
import { evaluateAcl, evaluateCreateBucketAcl, type AclStatus } from './acl';
import { evaluateBucketPolicy, type PolicyStatus } from './policy';
import {
  describeFlags,
  parseOwnership,
  parsePabConfig,
  NO_PAB,
  type PabFlags,
} from './public-access-block';

/** Bucket-level calls that change who can reach the bucket (found by the bucket's postings). */
export const BUCKET_CHANGE_EVENTS = [
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketAcl',
  'PutObjectAcl',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketOwnershipControls',
  'DeleteBucketOwnershipControls',
  'CreateBucket',
  'DeleteBucket',
] as const;

/** Account-level public access block calls (no bucket; matched by recipientAccountId). */
export const ACCOUNT_CHANGE_EVENTS = [
  'PutAccountPublicAccessBlock',
  'DeleteAccountPublicAccessBlock',
] as const;

export interface EventRef {
  eventId: string;
  eventName: string;
  principalArn: string | null;
  eventTime: string;
  sourceIp: string | null;
}

export type Effect =
  | { kind: 'policy'; status: PolicyStatus; readsObjects: boolean }
  | { kind: 'bucket-acl'; status: AclStatus }
  | { kind: 'object-acl'; key: string | null; status: AclStatus }
  | { kind: 'bucket-pab'; flags: PabFlags | null }
  | { kind: 'account-pab'; flags: PabFlags | null }
  | { kind: 'ownership'; aclsDisabled: boolean | null }
  | { kind: 'created'; acl: AclStatus }
  | { kind: 'deleted' };

export interface Change {
  timeMs: number;
  ref: EventRef;
  /** What the call set; null when the record is not an S3 call at all. */
  effect: Effect | null;
  /** The call's errorCode: a failed call changed nothing. */
  failed: string | null;
  /** Would this call (have) open(ed) the bucket further? */
  loosens: boolean;
  /** One sentence for people: what the call set. */
  text: string;
  /** Things the record does not let Cairn see, for the result's caveats. */
  notes: string[];
}

/** The minimum of an event row this module needs. */
export interface ChangeEventRow {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource: string | null;
  principalArn: string | null;
  sourceIp: string | null;
  errorCode: string | null;
  objectKey: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** requestParameters of a full record (an object, or JSON text in some exports); null if absent. */
export function requestParametersOf(record: Obj | null): Obj | null {
  let params = record?.['requestParameters'];
  if (typeof params === 'string') {
    try {
      params = JSON.parse(params) as unknown;
    } catch {
      return null;
    }
  }
  return isObj(params) ? params : null;
}

/** Keys CloudTrail sanitisers put in place of a real value. */
const REDACTED = /^[.\s*-]*$/;

function loosens(effect: Effect): boolean {
  switch (effect.kind) {
    case 'policy':
    case 'bucket-acl':
      return effect.status !== 'not-public';
    case 'object-acl':
      return effect.status === 'public';
    // A public access block or ownership change whose content the record lacks is almost always
    // hardening; it makes the settings unknown (see replay) but does not by itself open a window.
    case 'bucket-pab':
    case 'account-pab':
      return (
        effect.flags !== null &&
        (!effect.flags.restrictPublicBuckets || !effect.flags.ignorePublicAcls)
      );
    case 'ownership':
      return effect.aclsDisabled === false;
    case 'created':
      return effect.acl === 'public';
    case 'deleted':
      return false;
  }
}

function read(
  row: ChangeEventRow,
  params: Obj | null,
  bucket: string | null,
): { effect: Effect; text: string; notes: string[] } {
  const at = `${row.eventName} at ${row.eventTime}`;
  switch (row.eventName) {
    case 'PutBucketPolicy': {
      const v = evaluateBucketPolicy(
        params ? (params['bucketPolicy'] ?? params['policy']) : null,
        bucket,
      );
      const notes = v.status === 'unknown' ? [`${at}: ${v.summary}`] : [];
      return {
        effect: { kind: 'policy', status: v.status, readsObjects: v.readsObjects },
        text: v.summary,
        notes,
      };
    }
    case 'DeleteBucketPolicy':
      return {
        effect: { kind: 'policy', status: 'not-public', readsObjects: false },
        text: 'The bucket policy was deleted.',
        notes: [],
      };
    case 'PutBucketAcl': {
      const v = evaluateAcl(params, 'bucket ACL');
      return {
        effect: { kind: 'bucket-acl', status: v.status },
        text: v.summary,
        notes: v.status === 'unknown' ? [`${at}: ${v.summary}`] : [],
      };
    }
    case 'PutObjectAcl': {
      const v = evaluateAcl(params, 'object ACL');
      const key = row.objectKey && !REDACTED.test(row.objectKey) ? row.objectKey : null;
      const notes: string[] = [];
      if (key === null)
        notes.push(
          `${at}: an object ACL changed but the record does not name the object, so Cairn cannot attribute it`,
        );
      else if (v.status === 'unknown') notes.push(`${at}: ${v.summary} (object ${key})`);
      return {
        effect: { kind: 'object-acl', key, status: v.status },
        text: `${v.summary.replace(/\.$/, '')} on object ${key ?? '(not named)'}.`,
        notes,
      };
    }
    case 'PutBucketPublicAccessBlock':
    case 'PutAccountPublicAccessBlock': {
      const kind = row.eventName === 'PutBucketPublicAccessBlock' ? 'bucket-pab' : 'account-pab';
      const scope = kind === 'bucket-pab' ? 'Bucket' : 'Account';
      const p = parsePabConfig(params);
      if ('problem' in p)
        return {
          effect: { kind, flags: null },
          text: `${scope} public access block changed; ${p.problem}.`,
          notes: [`${at}: ${p.problem}, so its effect is unknown`],
        };
      return {
        effect: { kind, flags: p.flags },
        text: `${scope} public access block set: ${describeFlags(p.flags)}.`,
        notes: [],
      };
    }
    case 'DeleteBucketPublicAccessBlock':
      return {
        effect: { kind: 'bucket-pab', flags: NO_PAB },
        text: 'Bucket public access block removed (all four settings off).',
        notes: [],
      };
    case 'DeleteAccountPublicAccessBlock':
      return {
        effect: { kind: 'account-pab', flags: NO_PAB },
        text: 'Account public access block removed (all four settings off for every bucket of the account).',
        notes: [],
      };
    case 'PutBucketOwnershipControls': {
      const disabled = parseOwnership(params);
      const text =
        disabled === null
          ? 'Object ownership changed; the record does not say to what.'
          : disabled
            ? 'ACLs disabled (BucketOwnerEnforced).'
            : 'ACLs enabled (object ownership no longer BucketOwnerEnforced).';
      return {
        effect: { kind: 'ownership', aclsDisabled: disabled },
        text,
        notes: disabled === null ? [`${at}: ${text}`] : [],
      };
    }
    case 'DeleteBucketOwnershipControls':
      return {
        effect: { kind: 'ownership', aclsDisabled: false },
        text: 'Object ownership controls removed: ACLs count again.',
        notes: [],
      };
    case 'CreateBucket': {
      const v = evaluateCreateBucketAcl(params);
      return {
        effect: { kind: 'created', acl: v.status },
        text: `Bucket created. ${v.summary}`,
        notes: [],
      };
    }
    case 'DeleteBucket':
      return { effect: { kind: 'deleted' }, text: 'Bucket deleted.', notes: [] };
    default:
      throw new Error(`not an access-control event: ${row.eventName}`);
  }
}

/** The change one access-control event made; `record` is its full record (null if unreadable). */
export function readChange(row: ChangeEventRow, record: Obj | null, bucket: string | null): Change {
  const ref: EventRef = {
    eventId: row.eventId,
    eventName: row.eventName,
    principalArn: row.principalArn,
    eventTime: row.eventTime,
    sourceIp: row.sourceIp,
  };
  const timeMs = Date.parse(row.eventTime);
  if (row.eventSource !== null && row.eventSource !== 's3.amazonaws.com') {
    return {
      timeMs,
      ref,
      effect: null,
      failed: null,
      loosens: false,
      text: `Not an S3 call (eventSource ${row.eventSource}): ignored.`,
      notes: [],
    };
  }
  const params = requestParametersOf(record);
  const { effect, text, notes } = read(row, params, bucket);
  if (record === null)
    notes.push(
      `${row.eventName} at ${row.eventTime}: the raw record could not be read from the kept file`,
    );
  return {
    timeMs,
    ref,
    effect,
    failed: row.errorCode,
    loosens: loosens(effect),
    text: row.errorCode
      ? `Failed (${row.errorCode}), nothing changed. It asked for: ${text}`
      : text,
    notes: row.errorCode ? [] : notes,
  };
}
