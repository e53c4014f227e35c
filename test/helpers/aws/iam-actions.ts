// IAM actions over IamState, answering with the inner XML of `<ActionResult>` (awsQuery) or
// throwing IamError with IAM's error codes, so the SDK raises its typed exceptions.
import type { IamState, IamUser } from './iam-state';

export class IamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface IamCall {
  action: string;
  params: Record<string, string>;
  /** The access key that signed the request (SigV4), used when UserName is left out. */
  callerKeyId: string | undefined;
}

/** Returns the `<ActionResult>` body, or undefined for actions whose response has no result. */
export function runIamAction(state: IamState, call: IamCall): string | undefined {
  const p = call.params;
  switch (call.action) {
    case 'GetUser': {
      const user = implicitUser(state, call);
      return `<User>${userXml(user)}</User>`;
    }
    case 'ListAccessKeys': {
      const user = implicitUser(state, call);
      const all = state.keysOf(user.userName);
      const start = p.Marker === undefined ? 0 : Number(p.Marker);
      if (!Number.isInteger(start) || start < 0 || start > all.length) {
        throw new IamError('ValidationError', 'Invalid Marker.');
      }
      const maxItems = p.MaxItems === undefined ? 100 : Number(p.MaxItems);
      if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
        throw new IamError(
          'ValidationError',
          `MaxItems must be from 1 to 1000; got ${p.MaxItems}.`,
        );
      }
      const page = all.slice(start, start + maxItems);
      const truncated = start + page.length < all.length;
      const members = page
        .map(
          (k) =>
            `<member>${el('UserName', k.userName)}${el('AccessKeyId', k.accessKeyId)}` +
            `${el('Status', k.status)}${el('CreateDate', k.createDate)}</member>`,
        )
        .join('');
      return (
        `<AccessKeyMetadata>${members}</AccessKeyMetadata>${el('IsTruncated', String(truncated))}` +
        (truncated ? el('Marker', String(start + page.length)) : '')
      );
    }
    case 'UpdateAccessKey': {
      const user = implicitUser(state, call);
      const keyId = required(p, 'AccessKeyId');
      const status = required(p, 'Status');
      if (status !== 'Active' && status !== 'Inactive') {
        throw new IamError(
          'ValidationError',
          `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
        );
      }
      const key = state.keys.get(keyId);
      if (!key || key.userName !== user.userName) {
        throw new IamError('NoSuchEntity', `The Access Key with id ${keyId} cannot be found.`, 404);
      }
      key.status = status;
      return undefined;
    }
    case 'GetAccessKeyLastUsed': {
      const keyId = required(p, 'AccessKeyId');
      const key = state.keys.get(keyId);
      // AWS documents no NoSuchEntity here; a key outside the account is refused as unauthorised.
      if (!key) throw accessDenied(state, call, `access key ${keyId}`);
      const used = key.lastUsed;
      const inner = used
        ? `${el('LastUsedDate', used.date)}${el('ServiceName', used.serviceName)}${el('Region', used.region)}`
        : `${el('ServiceName', 'N/A')}${el('Region', 'N/A')}`;
      return `${el('UserName', key.userName)}<AccessKeyLastUsed>${inner}</AccessKeyLastUsed>`;
    }
    case 'PutUserPolicy': {
      const user = namedUser(state, required(p, 'UserName'));
      user.policies.set(required(p, 'PolicyName'), policyDocument(p));
      return undefined;
    }
    case 'GetUserPolicy': {
      const user = namedUser(state, required(p, 'UserName'));
      const name = required(p, 'PolicyName');
      const doc = user.policies.get(name);
      if (doc === undefined) {
        throw new IamError(
          'NoSuchEntity',
          `The user policy with name ${name} cannot be found.`,
          404,
        );
      }
      // IAM returns policy documents URL-encoded (RFC 3986); callers must decode them.
      return `${el('UserName', user.userName)}${el('PolicyName', name)}${el('PolicyDocument', encodeURIComponent(doc))}`;
    }
    case 'DeleteUserPolicy': {
      const user = namedUser(state, required(p, 'UserName'));
      const name = required(p, 'PolicyName');
      if (!user.policies.delete(name)) {
        throw new IamError(
          'NoSuchEntity',
          `The user policy with name ${name} cannot be found.`,
          404,
        );
      }
      return undefined;
    }
    case 'PutRolePolicy': {
      const roleName = required(p, 'RoleName');
      const role = state.roles.get(roleName);
      if (!role)
        throw new IamError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
      role.policies.set(required(p, 'PolicyName'), policyDocument(p));
      return undefined;
    }
    default:
      throw new IamError(
        'InvalidAction',
        `Could not find operation ${call.action} for version 2010-05-08`,
      );
  }
}

export function accessDenied(state: IamState, call: IamCall, resource?: string): IamError {
  const owner = call.callerKeyId ? state.keys.get(call.callerKeyId)?.userName : undefined;
  const who = `arn:aws:iam::${state.accountId}:user/${owner ?? 'cairn-test-caller'}`;
  const on = resource ? ` on resource: ${resource}` : '';
  return new IamError(
    'AccessDenied',
    `User: ${who} is not authorized to perform: iam:${call.action}${on}`,
    403,
  );
}

/** UserName if given, else the user owning the signing key, as IAM does. */
function implicitUser(state: IamState, call: IamCall): IamUser {
  const name = call.params.UserName;
  if (name !== undefined) return namedUser(state, name);
  const owner = call.callerKeyId ? state.keys.get(call.callerKeyId)?.userName : undefined;
  if (owner === undefined) {
    throw new IamError(
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
    );
  }
  return namedUser(state, owner);
}

function namedUser(state: IamState, name: string): IamUser {
  const user = state.users.get(name);
  if (!user) throw new IamError('NoSuchEntity', `The user with name ${name} cannot be found.`, 404);
  return user;
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    throw new IamError(
      'ValidationError',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function policyDocument(params: Record<string, string>): string {
  const doc = required(params, 'PolicyDocument');
  try {
    const parsed = JSON.parse(doc) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
  } catch {
    throw new IamError('MalformedPolicyDocument', 'Syntax errors in policy.');
  }
  return doc;
}

function userXml(u: IamUser): string {
  return `${el('Path', u.path)}${el('UserName', u.userName)}${el('UserId', u.userId)}${el('Arn', u.arn)}${el('CreateDate', u.createDate)}`;
}

export function el(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
