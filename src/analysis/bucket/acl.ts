// Does an ACL write (PutBucketAcl, PutObjectAcl, CreateBucket) grant access to the public? Pure:
// the record's requestParameters in, a verdict out.
//
// The two public groups are AllUsers (anyone, no signature) and AuthenticatedUsers — any AWS
// account in the world, which is just as public. An ACL reaches CloudTrail in one of three forms:
//   - a canned ACL: "x-amz-acl": "public-read" | "public-read-write" | "authenticated-read" are
//     public; private, bucket-owner-read, bucket-owner-full-control, log-delivery-write and
//     aws-exec-read are not;
//   - grant headers: x-amz-grant-read, …-write, …-read-acp, …-write-acp, …-full-control with
//     `uri="http://acs.amazonaws.com/groups/global/AllUsers"` (seen with _ instead of -);
//   - a full AccessControlPolicy document with Grant entries (one object or a list).
// A record that carries none of them (redacted, or truncated by the source) gives "unknown".

export type AclStatus = 'public' | 'not-public' | 'unknown';
export type PublicGroup = 'AllUsers' | 'AuthenticatedUsers';

export interface PublicGrant {
  grantee: PublicGroup;
  /** READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL. */
  permission: string;
}

export interface AclVerdict {
  status: AclStatus;
  grants: PublicGrant[];
  /** Where the ACL was read from in the record. */
  form: 'canned' | 'grant-headers' | 'access-control-policy' | null;
  /** One sentence for people. */
  summary: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

const GROUP_URI = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;

const CANNED: Record<string, PublicGrant[]> = {
  private: [],
  'bucket-owner-read': [],
  'bucket-owner-full-control': [],
  'log-delivery-write': [],
  'aws-exec-read': [],
  'public-read': [{ grantee: 'AllUsers', permission: 'READ' }],
  'public-read-write': [
    { grantee: 'AllUsers', permission: 'READ' },
    { grantee: 'AllUsers', permission: 'WRITE' },
  ],
  'authenticated-read': [{ grantee: 'AuthenticatedUsers', permission: 'READ' }],
};

const GRANT_HEADER =
  /^x[-_]amz[-_]grant[-_](read[-_]acp|write[-_]acp|full[-_]control|read|write)$/i;

function group(uri: string): PublicGroup | null {
  const m = GROUP_URI.exec(uri);
  if (!m) return null;
  return m[1]!.toLowerCase() === 'allusers' ? 'AllUsers' : 'AuthenticatedUsers';
}

const describe = (grants: PublicGrant[]): string =>
  grants.map((g) => `${g.grantee} ${g.permission}`).join(', ');

function verdict(form: AclVerdict['form'], grants: PublicGrant[], what: string): AclVerdict {
  return grants.length > 0
    ? { status: 'public', grants, form, summary: `The ${what} grants ${describe(grants)}.` }
    : {
        status: 'not-public',
        grants,
        form,
        summary: `The ${what} grants nothing to AllUsers or AuthenticatedUsers.`,
      };
}

function fromHeaders(params: Obj): PublicGrant[] | null {
  const sources = [params, isObj(params['AccessControlList']) ? params['AccessControlList'] : {}];
  let seen = false;
  const grants: PublicGrant[] = [];
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      const m = GRANT_HEADER.exec(key);
      if (!m) continue;
      seen = true;
      const permission = m[1]!.toUpperCase().replace('-', '_');
      for (const v of list(value)) {
        for (const part of String(v).split(',')) {
          const g = group(part);
          if (g) grants.push({ grantee: g, permission });
        }
      }
    }
  }
  return seen ? grants : null;
}

function fromPolicy(params: Obj): PublicGrant[] | null {
  const policy = params['AccessControlPolicy'];
  if (!isObj(policy)) return null;
  const acl = policy['AccessControlList'];
  if (!isObj(acl)) return null;
  const grants: PublicGrant[] = [];
  for (const grant of list(acl['Grant'])) {
    if (!isObj(grant) || !isObj(grant['Grantee'])) continue;
    const uri = grant['Grantee']['URI'];
    const g = typeof uri === 'string' ? group(uri) : null;
    const permission = grant['Permission'] ?? grant['permission'];
    if (g)
      grants.push({
        grantee: g,
        permission: typeof permission === 'string' ? permission : 'unknown permission',
      });
  }
  return grants;
}

/** Evaluates the ACL an access-control call carries; `what` names it ("bucket ACL"). */
export function evaluateAcl(requestParameters: unknown, what = 'ACL'): AclVerdict {
  if (!isObj(requestParameters))
    return {
      status: 'unknown',
      grants: [],
      form: null,
      summary: `The record does not carry the ${what}.`,
    };
  const policyGrants = fromPolicy(requestParameters);
  if (policyGrants) return verdict('access-control-policy', policyGrants, what);
  const headerGrants = fromHeaders(requestParameters);
  if (headerGrants) return verdict('grant-headers', headerGrants, what);
  const canned = list(requestParameters['x-amz-acl'] ?? requestParameters['x_amz_acl'])
    .map((v) => String(v).trim().toLowerCase())
    .find((v) => v !== '');
  if (canned !== undefined) {
    const grants = CANNED[canned];
    if (!grants)
      return {
        status: 'unknown',
        grants: [],
        form: 'canned',
        summary: `Unknown canned ACL "${canned}".`,
      };
    return verdict('canned', grants, `canned ACL "${canned}"`);
  }
  return {
    status: 'unknown',
    grants: [],
    form: null,
    summary: `The record does not carry the ${what}.`,
  };
}

/** What CreateBucket sets: its canned ACL or grants, and "private" when it names none. */
export function evaluateCreateBucketAcl(requestParameters: unknown): AclVerdict {
  const v = evaluateAcl(requestParameters, 'bucket ACL');
  if (v.form !== null) return v;
  return verdict(null, [], 'new bucket (private by default)');
}
