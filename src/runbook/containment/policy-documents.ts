// The inline policies containment attaches, and a semantic comparison for reading them back: IAM
// returns a document URL-encoded and may reformat it, so the check compares meaning, not bytes.
import { canonicalJson } from '../../shared/canonical';

export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';
export const DENY_ALL_POLICY_NAME = 'CairnDenyAll';

/**
 * The instant as IAM date conditions take it: UTC, whole seconds. A fraction of a second is
 * rounded up, so a session issued within that second is still refused.
 */
export function tokenIssueInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  const seconds = Math.ceil(ms / 1000) * 1000;
  return new Date(seconds).toISOString().replace('.000Z', 'Z');
}

/** Denies everything to sessions whose token was issued before the instant (as AWS's console does). */
export function revokeOlderSessionsPolicy(issuedBefore: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': tokenIssueInstant(issuedBefore) } },
      },
    ],
  });
}

/** Denies everything, whatever the credentials: an explicit deny beats every allow. */
export function denyAllPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'] }],
  });
}

/** IAM answers GetUserPolicy/GetRolePolicy with the document URL-encoded (RFC 3986). */
export function decodePolicyDocument(text: string): unknown {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not URL-encoded (a % that starts no escape): read it as it is.
  }
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    return decoded;
  }
}

// Elements IAM lets be a single value or a list; the order of a list carries no meaning.
const LIST_ELEMENTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

function normalizeStatement(statement: unknown): unknown {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) {
    return statement;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement as Record<string, unknown>)) {
    if (LIST_ELEMENTS.has(key)) {
      const list = Array.isArray(value) ? [...(value as unknown[])] : [value];
      out[key] = list.map((v) => canonicalJson(v)).sort();
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The document in a form where equal meaning gives equal text. */
export function normalizePolicy(doc: unknown): string {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return canonicalJson(doc);
  const d = doc as Record<string, unknown>;
  const statements = Array.isArray(d.Statement) ? (d.Statement as unknown[]) : [d.Statement];
  return canonicalJson({
    ...d,
    Statement: statements
      .filter((s) => s !== undefined)
      .map((s) => canonicalJson(normalizeStatement(s)))
      .sort(),
  });
}

export function samePolicy(a: unknown, b: unknown): boolean {
  return normalizePolicy(a) === normalizePolicy(b);
}
