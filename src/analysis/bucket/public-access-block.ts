// S3 Block Public Access: what a PutBucketPublicAccessBlock / PutAccountPublicAccessBlock call
// set, and what the bucket and account settings together neutralise. Pure.
//
// Semantics (AWS S3 user guide, "Blocking public access to your Amazon S3 storage"):
//   - RestrictPublicBuckets: a bucket whose policy is public is reachable only by AWS services
//     and principals of the owner's account — it NEUTRALISES an existing public policy.
//   - IgnorePublicAcls: S3 ignores every public ACL on the bucket and its objects — it
//     NEUTRALISES existing public ACLs.
//   - BlockPublicPolicy: S3 refuses NEW public bucket policies; an existing one stays in force.
//   - BlockPublicAcls: S3 refuses NEW public ACLs; existing ones stay in force.
//   So only the first two end an exposure; the Block* flags only stop a new one from starting.
//   The effective setting is the bucket's OR the account's (account-level settings apply to every
//   bucket of the account).
//   - A Put replaces the whole configuration: a flag the request leaves out is false.
//   - Delete removes the configuration: every flag is false.
// Also here: S3 Object Ownership "BucketOwnerEnforced" disables ACLs altogether, so public ACLs
// stop counting exactly as with IgnorePublicAcls.

export interface PabFlags {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** A flag as known from the logs: null = not known (no change seen, or the record lacks it). */
export type KnownFlag = boolean | null;
export type KnownPab = { [K in keyof PabFlags]: KnownFlag };

export const UNKNOWN_PAB: KnownPab = {
  blockPublicAcls: null,
  ignorePublicAcls: null,
  blockPublicPolicy: null,
  restrictPublicBuckets: null,
};

export const NO_PAB: PabFlags = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

const FLAG_NAMES: Record<keyof PabFlags, string> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function findKey(o: Obj, name: string): unknown {
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : o[key];
}

function flag(v: unknown): boolean | null {
  if (v === undefined) return false; // omitted from a Put = false
  if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) return true;
  if (v === false || (typeof v === 'string' && v.toLowerCase() === 'false')) return false;
  return null;
}

/** The configuration a Put call set, or why it cannot be read from the record. */
export function parsePabConfig(
  requestParameters: unknown,
): { flags: PabFlags } | { problem: string } {
  const config = isObj(requestParameters)
    ? findKey(requestParameters, 'PublicAccessBlockConfiguration')
    : undefined;
  if (!isObj(config)) return { problem: 'the record does not carry the configuration it set' };
  const out = { ...NO_PAB };
  for (const name of Object.keys(FLAG_NAMES) as (keyof PabFlags)[]) {
    const v = flag(findKey(config, FLAG_NAMES[name]));
    if (v === null) return { problem: `${FLAG_NAMES[name]} is neither true nor false` };
    out[name] = v;
  }
  return { flags: out };
}

/** Effective flag from the bucket and account settings: on if either is known on. */
export function effectiveFlag(bucket: KnownFlag, account: KnownFlag): KnownFlag {
  if (bucket === true || account === true) return true;
  if (bucket === false && account === false) return false;
  return null;
}

export function effectivePab(bucket: KnownPab, account: KnownPab): KnownPab {
  return {
    blockPublicAcls: effectiveFlag(bucket.blockPublicAcls, account.blockPublicAcls),
    ignorePublicAcls: effectiveFlag(bucket.ignorePublicAcls, account.ignorePublicAcls),
    blockPublicPolicy: effectiveFlag(bucket.blockPublicPolicy, account.blockPublicPolicy),
    restrictPublicBuckets: effectiveFlag(
      bucket.restrictPublicBuckets,
      account.restrictPublicBuckets,
    ),
  };
}

/** A public policy is neutralised only when RestrictPublicBuckets is known to be on. */
export function neutralisesPolicy(effective: KnownPab): boolean {
  return effective.restrictPublicBuckets === true;
}

/** Public ACLs are neutralised when IgnorePublicAcls is on or ACLs are disabled (BucketOwnerEnforced). */
export function neutralisesAcls(effective: KnownPab, aclsDisabled: KnownFlag): boolean {
  return effective.ignorePublicAcls === true || aclsDisabled === true;
}

/** "BlockPublicAcls, IgnorePublicAcls on; BlockPublicPolicy, RestrictPublicBuckets off". */
export function describeFlags(flags: PabFlags): string {
  const names = Object.keys(FLAG_NAMES) as (keyof PabFlags)[];
  const on = names.filter((n) => flags[n]).map((n) => FLAG_NAMES[n]);
  const off = names.filter((n) => !flags[n]).map((n) => FLAG_NAMES[n]);
  if (off.length === 0) return 'all four settings on';
  if (on.length === 0) return 'all four settings off';
  return `${on.join(', ')} on; ${off.join(', ')} off`;
}

/** What PutBucketOwnershipControls set: true = ACLs disabled (BucketOwnerEnforced). */
export function parseOwnership(requestParameters: unknown): boolean | null {
  if (!isObj(requestParameters)) return null;
  const controls = findKey(requestParameters, 'OwnershipControls');
  if (!isObj(controls)) return null;
  const rules = findKey(controls, 'Rule');
  for (const rule of Array.isArray(rules) ? rules : [rules]) {
    if (!isObj(rule)) continue;
    const v = findKey(rule, 'ObjectOwnership');
    if (typeof v === 'string') return v === 'BucketOwnerEnforced';
  }
  return null;
}
