// A local IAM endpoint speaking the awsQuery protocol (form-encoded POST with Action and
// Version=2010-05-08; XML answers in IAM's namespace; XML ErrorResponse on failure) over an
// in-memory state the test seeds and reads back. Failures can be forced per action.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessDenied, el, IamError, runIamAction } from './iam-actions';
import { IamState, type IamAccessKey, type IamSeed, type IamUser } from './iam-state';
import { headersOf, listenOnLoopback, nextRequestId, readBody, sigV4Scope } from './local-server';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

export interface RecordedIamRequest {
  action: string;
  /** Every form parameter, decoded (Action and Version included). */
  params: Record<string, string>;
  headers: Record<string, string>;
  region: string | undefined;
  accessKeyId: string | undefined;
  status: number;
  /** The IAM error code answered, if any (e.g. `NoSuchEntity`). */
  errorCode?: string;
}

export interface IamFailure {
  /** Action to fail (e.g. `UpdateAccessKey`); default: every action. */
  action?: string;
  /** IAM error code, e.g. `AccessDenied`, `NoSuchEntity`, `LimitExceeded`, `ServiceFailure`. */
  code: string;
  /** Default: an AWS-like message for AccessDenied, else `Forced <code> for <action>`. */
  message?: string;
  /** Default: 403 for AccessDenied, 404 for NoSuchEntity, 500 for ServiceFailure, else 400. */
  status?: number;
  /** How many matching requests fail; default: all until clearFailures(). */
  times?: number;
}

export interface IamEndpoint {
  url: string;
  readonly requests: RecordedIamRequest[];
  /** The live state (users, keys, roles); read it to verify what a caller changed. */
  readonly state: IamState;
  user(userName: string): IamUser | undefined;
  accessKey(accessKeyId: string): IamAccessKey | undefined;
  /** Inline user policy JSON text as stored, or undefined. */
  userPolicy(userName: string, policyName: string): string | undefined;
  rolePolicy(roleName: string, policyName: string): string | undefined;
  failWith(failure: IamFailure): void;
  clearFailures(): void;
  stop(): Promise<void>;
}

export async function startIamEndpoint(seed: IamSeed = {}): Promise<IamEndpoint> {
  const state = new IamState(seed);
  const requests: RecordedIamRequest[] = [];
  let failures: Array<IamFailure & { left: number }> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = headersOf(req);
    const params = Object.fromEntries(new URLSearchParams((await readBody(req)).toString('utf8')));
    const scope = sigV4Scope(headers.authorization);
    const action = params.Action ?? '';
    const entry: RecordedIamRequest = {
      action,
      params,
      headers,
      region: scope?.region,
      accessKeyId: scope?.accessKeyId,
      status: 200,
    };
    requests.push(entry);
    const call = { action, params, callerKeyId: scope?.accessKeyId };
    try {
      if (req.method !== 'POST') throw new IamError('InvalidAction', 'IAM accepts POST only here.');
      if (params.Version !== '2010-05-08') {
        throw new IamError(
          'InvalidAction',
          `Could not find operation ${action} for version ${params.Version ?? '(none)'}`,
        );
      }
      if (!scope)
        throw new IamError(
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          403,
        );
      const forced = failures.find(
        (f) => f.left > 0 && (f.action === undefined || f.action === action),
      );
      if (forced) {
        forced.left -= 1;
        throw forcedError(forced, state, call);
      }
      const result = runIamAction(state, call);
      const body =
        `<${action}Response xmlns="${IAM_NAMESPACE}">` +
        (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
        `<ResponseMetadata>${el('RequestId', nextRequestId())}</ResponseMetadata></${action}Response>`;
      sendXml(res, 200, body);
    } catch (err) {
      if (!(err instanceof IamError)) throw err;
      entry.status = err.status;
      entry.errorCode = err.code;
      const type = err.status >= 500 ? 'Receiver' : 'Sender';
      sendXml(
        res,
        err.status,
        `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error>${el('Type', type)}${el('Code', err.code)}` +
          `${el('Message', err.message)}</Error>${el('RequestId', nextRequestId())}</ErrorResponse>`,
      );
    }
  };

  const server = await listenOnLoopback(handle);
  return {
    url: server.url,
    requests,
    state,
    user: (name) => state.users.get(name),
    accessKey: (id) => state.keys.get(id),
    userPolicy: (user, policy) => state.users.get(user)?.policies.get(policy),
    rolePolicy: (role, policy) => state.roles.get(role)?.policies.get(policy),
    failWith: (failure) => {
      failures.push({ ...failure, left: failure.times ?? Number.POSITIVE_INFINITY });
    },
    clearFailures: () => {
      failures = [];
    },
    stop: () => server.close(),
  };
}

function forcedError(
  f: IamFailure,
  state: IamState,
  call: Parameters<typeof accessDenied>[1],
): IamError {
  if (f.code === 'AccessDenied' && f.message === undefined && f.status === undefined) {
    return accessDenied(state, call);
  }
  const status =
    f.status ??
    (f.code === 'AccessDenied'
      ? 403
      : f.code === 'NoSuchEntity'
        ? 404
        : f.code === 'ServiceFailure'
          ? 500
          : 400);
  return new IamError(f.code, f.message ?? `Forced ${f.code} for ${call.action}`, status);
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': nextRequestId(),
  });
  res.end(text);
}
