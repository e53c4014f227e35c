// Is a bucket policy public? A small, documented evaluator for the policy documents CloudTrail
// records in PutBucketPolicy's requestParameters. Pure: a document in, a verdict out.
//
// A statement makes the policy public when ALL of these hold:
//   1. Effect is "Allow". A Deny never grants anything, and Cairn does not let a Deny cancel a
//      public Allow: working out whether a Deny (usually with a negated condition) really closes
//      every path needs the request context, and a wrong "not public" is the costly mistake here.
//   2. It names everyone: Principal "*", {"AWS": "*"} or any AWS principal containing a wildcard
//      ("arn:aws:iam::*:root"), or it uses NotPrincipal ("everyone except …" is still everyone).
//   3. No condition restricts WHO may call. Only these keys do, and only with a positive operator
//      (StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals, ArnLike, IpAddress, also
//      behind ForAnyValue:) and fixed values (no * or ? wildcard, no ${policy variable}):
//        aws:SourceIp (a block of at least /8 for IPv4 or /32 for IPv6: wider means most of the
//        internet), aws:SourceVpc, aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
//        aws:PrincipalAccount, aws:PrincipalArn, aws:userid, aws:SourceArn, aws:SourceAccount,
//        aws:SourceOwner — the keys AWS's own "public" test accepts as naming who may call.
//      These do NOT restrict who: negated operators (StringNotEquals, NotIpAddress, …: "everyone
//      except"), …IfExists and ForAllValues: (true when the key is absent, as it is for anonymous
//      callers), Null, Bool conditions such as aws:SecureTransport (HTTPS, not identity),
//      Numeric/Date conditions, and any other key (s3:prefix, aws:Referer — a header anyone can
//      send, aws:UserAgent, …).
// A malformed or missing document gives "unknown" with the reason, never an exception.

export type PolicyStatus = 'public' | 'not-public' | 'unknown';

export interface StatementVerdict {
  /** 0-based position in the Statement list. */
  index: number;
  sid: string | null;
  public: boolean;
  /** Why this Allow statement is or is not public, in one phrase. */
  reason: string;
  /** Actions (or, with notAction, the actions excluded). */
  actions: string[];
  notAction: boolean;
  resources: string[];
}

export interface PolicyVerdict {
  status: PolicyStatus;
  /** Allow statements only (Deny statements are counted in `denyStatements`). */
  statements: StatementVerdict[];
  denyStatements: number;
  /** Actions granted to everyone, as written ("s3:GetObject", "s3:*", "all except s3:Delete*"). */
  publicActions: string[];
  /** A public statement lets anyone read objects of the bucket (s3:GetObject on bucket/…). */
  readsObjects: boolean;
  /** A public statement lets anyone list the bucket. */
  listsBucket: boolean;
  /** A public statement lets anyone write or delete objects, or change the bucket's settings. */
  writes: boolean;
  /** Why the verdict is unknown (malformed or missing document). */
  problem: string | null;
  /** One sentence for people. */
  summary: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const strings = (v: unknown): string[] =>
  list(v)
    .filter((x): x is string | number | boolean =>
      ['string', 'number', 'boolean'].includes(typeof x),
    )
    .map(String);

/** Keys that name who may call (lower case: condition keys are case-insensitive). */
export const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
]);

/** Operators that only let through requests whose key matches the listed values. */
const POSITIVE_OPERATORS: ReadonlySet<string> = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
]);

/** A glob as IAM writes it (* and ?), matched case-insensitively. */
export function globMatches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(value);
}

const MIN_IPV4_PREFIX = 8;
const MIN_IPV6_PREFIX = 32;

/** Does this aws:SourceIp value name a bounded set of addresses? */
function boundedIpBlock(value: string): boolean {
  const [address, length] = value.split('/');
  if (!address) return false;
  const v6 = address.includes(':');
  if (!v6 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return false;
  if (length === undefined) return true;
  if (!/^\d{1,3}$/.test(length)) return false;
  return Number(length) >= (v6 ? MIN_IPV6_PREFIX : MIN_IPV4_PREFIX);
}

function fixedValue(key: string, operator: string, value: string): boolean {
  if (value === '' || value.includes('${')) return false;
  if (key === 'aws:sourceip') return boundedIpBlock(value);
  // In StringEquals a * is literal, but nobody names a caller "*": treat it as a wildcard too.
  return !/[*?]/.test(value) || operator === 'ipaddress';
}

/** The first condition of a statement that restricts who may call, or null. */
export function restrictingCondition(condition: unknown): string | null {
  if (!isObj(condition)) return null;
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isObj(block)) continue;
    let operator = rawOperator.toLowerCase();
    if (operator.endsWith('ifexists') || operator.startsWith('forallvalues:')) continue;
    if (operator.startsWith('foranyvalue:')) operator = operator.slice('foranyvalue:'.length);
    if (!POSITIVE_OPERATORS.has(operator)) continue;
    for (const [rawKey, values] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      const vs = strings(values);
      if (vs.length > 0 && vs.every((v) => fixedValue(key, operator, v)))
        return `${rawOperator} ${rawKey} ${vs.join(', ')}`;
    }
  }
  return null;
}

function principalIsEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isObj(principal)) return false;
  return strings(principal['AWS']).some((p) => p.includes('*'));
}

const field = (s: Obj, name: string): unknown =>
  s[name] ?? s[Object.keys(s).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];

function grants(actions: string[], notAction: boolean, wanted: string): boolean {
  const hit = actions.some((a) => globMatches(a, wanted));
  return notAction ? !hit : hit;
}

/** Could this Resource pattern match an object of the bucket (arn:aws:s3:::bucket/key)? */
function coversObjects(pattern: string, bucket: string | null): boolean {
  if (pattern === '*' || bucket === null) return true;
  const arn = `arn:aws:s3:::${bucket}`;
  const slash = pattern.indexOf('/');
  if (slash >= 0) return globMatches(pattern.slice(0, slash), arn);
  return pattern.endsWith('*') && globMatches(pattern, `${arn}/key`);
}

function coversBucket(pattern: string, bucket: string | null): boolean {
  return bucket === null || globMatches(pattern, `arn:aws:s3:::${bucket}`);
}

const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy', 's3:PutObjectAcl'];

function unknown(problem: string): PolicyVerdict {
  return {
    status: 'unknown',
    statements: [],
    denyStatements: 0,
    publicActions: [],
    readsObjects: false,
    listsBucket: false,
    writes: false,
    problem,
    summary: `The policy cannot be read: ${problem}.`,
  };
}

/** Parses a policy given as an object or as JSON text. */
export function parsePolicyDocument(doc: unknown): { policy: Obj } | { problem: string } {
  let value = doc;
  if (typeof doc === 'string' && doc.trim() === '')
    return { problem: 'the record carries no policy document' };
  if (typeof doc === 'string') {
    try {
      value = JSON.parse(doc) as unknown;
    } catch {
      const shown = doc.length > 40 ? `${doc.slice(0, 40)}…` : doc;
      return { problem: `the policy is not valid JSON ("${shown}")` };
    }
  }
  if (value === undefined || value === null || value === '')
    return { problem: 'the record carries no policy document' };
  if (!isObj(value)) return { problem: 'the policy is not a JSON object' };
  const statements = field(value, 'Statement');
  if (statements === undefined) return { problem: 'the policy has no Statement' };
  if (!isObj(statements) && !Array.isArray(statements))
    return { problem: 'Statement is neither an object nor a list' };
  return { policy: value };
}

/** Evaluates a bucket policy document; `bucket` narrows the Resource checks when known. */
export function evaluateBucketPolicy(doc: unknown, bucket: string | null = null): PolicyVerdict {
  const parsed = parsePolicyDocument(doc);
  if ('problem' in parsed) return unknown(parsed.problem);
  const statements: StatementVerdict[] = [];
  let denyStatements = 0;
  let malformed = 0;
  list(field(parsed.policy, 'Statement')).forEach((raw, index) => {
    if (!isObj(raw)) {
      malformed++;
      return;
    }
    const effectValue = field(raw, 'Effect');
    const effect = typeof effectValue === 'string' ? effectValue : '';
    if (effect.toLowerCase() === 'deny') {
      denyStatements++;
      return;
    }
    if (effect.toLowerCase() !== 'allow') {
      malformed++;
      return;
    }
    const notActionValue = field(raw, 'NotAction');
    const notAction = notActionValue !== undefined;
    const actions = strings(notAction ? notActionValue : field(raw, 'Action'));
    const notResource = field(raw, 'NotResource');
    const resources = strings(notResource ?? field(raw, 'Resource'));
    const sidValue = field(raw, 'Sid');
    const base = { index, sid: typeof sidValue === 'string' ? sidValue : null, actions, notAction };
    const withResources = { ...base, resources: notResource !== undefined ? ['*'] : resources };
    const principal = field(raw, 'Principal');
    const notPrincipal = field(raw, 'NotPrincipal');
    let everyone: string | null = null;
    if (notPrincipal !== undefined) everyone = 'NotPrincipal: everyone except the named principals';
    else if (principalIsEveryone(principal)) everyone = 'Principal is everyone (*)';
    if (!everyone) {
      const reason =
        principal === undefined
          ? 'no Principal (not a valid bucket-policy statement)'
          : 'names specific principals';
      statements.push({ ...withResources, public: false, reason });
      return;
    }
    const restriction = restrictingCondition(field(raw, 'Condition'));
    statements.push(
      restriction
        ? {
            ...withResources,
            public: false,
            reason: `${everyone}, but restricted by ${restriction}`,
          }
        : { ...withResources, public: true, reason: `${everyone}, no condition restricts who` },
    );
  });
  if (statements.length === 0 && denyStatements === 0)
    return unknown(
      malformed ? 'no statement has a readable Effect' : 'the policy has no statements',
    );

  const open = statements.filter((s) => s.public);
  const anyGrants = (action: string, where: (r: string) => boolean): boolean =>
    open.some((s) => grants(s.actions, s.notAction, action) && s.resources.some(where));
  const readsObjects = anyGrants('s3:GetObject', (r) => coversObjects(r, bucket));
  const listsBucket = anyGrants('s3:ListBucket', (r) => coversBucket(r, bucket));
  const writes = WRITE_ACTIONS.some((a) =>
    anyGrants(a, (r) => coversObjects(r, bucket) || coversBucket(r, bucket)),
  );
  const publicActions = [
    ...new Set(
      open.flatMap((s) => (s.notAction ? [`all except ${s.actions.join(', ')}`] : s.actions)),
    ),
  ];
  const status: PolicyStatus = open.length > 0 ? 'public' : 'not-public';
  const what = [
    readsObjects && 'read objects',
    listsBucket && 'list the bucket',
    writes && 'write or change it',
  ]
    .filter(Boolean)
    .join(', ');
  const summary =
    status === 'public'
      ? `The policy lets anyone ${what || `call ${publicActions.join(', ')}`} (statement ${open
          .map((s) => s.sid ?? `#${s.index + 1}`)
          .join(', ')}).`
      : `The policy does not grant access to everyone${
          statements.some((s) => s.reason.includes('restricted by'))
            ? ' (every open grant is restricted by a condition)'
            : ''
        }.`;
  return {
    status,
    statements,
    denyStatements,
    publicActions,
    readsObjects,
    listsBucket,
    writes,
    problem: malformed ? `${malformed} statement(s) could not be read` : null,
    summary,
  };
}
