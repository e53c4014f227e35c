// Credential lineage: the credentials an access key begot, followed transitively. Long-term keys
// from CreateAccessKey; session keys (ASIA…) from GetSessionToken, GetFederationToken and
// AssumeRole responses; federated sessions recognised by their session issuer even when the
// GetFederationToken record itself is missing; and the users and login profiles it created.
// Filtering on the leaked AKIA… alone misses all of this (see playbooks.md §3.1).
import type { Db } from '../../casefile/sqlite';
import { allEvents, runCaseQuery } from '../../query/casefile';
import type { EventRow } from '../../shared/domain';
import { keyRollup } from '../activity/key-rollups';
import { at, fullRecords, parseAwsTime, str } from '../records';

export interface EventRef {
  eventId: string;
  eventName: string;
  eventTime: string;
  principalArn: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
}

export interface DerivedCredential {
  accessKeyId: string;
  kind: 'access-key' | 'session' | 'federated-session' | 'assumed-role-session';
  /** The key whose call created it. */
  derivedFrom: string;
  createdBy: EventRef | null;
  /** Whom the credential acts as: the user, federated user or assumed-role session ARN. */
  principal: string | null;
  /** Session expiry (UTC) when the response states it; long-term keys have none. */
  expiration: string | null;
  calls: number;
  firstUse: string | null;
  lastUse: string | null;
}

export interface CreatedPrincipal {
  kind: 'user' | 'login-profile' | 'role';
  name: string;
  by: EventRef;
}

export const DERIVING_CALLS = [
  'CreateAccessKey',
  'GetSessionToken',
  'GetFederationToken',
  'AssumeRole',
  'CreateUser',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'CreateRole',
] as const;

export function ref(e: EventRow): EventRef {
  return {
    eventId: e.eventId,
    eventName: e.eventName,
    eventTime: e.eventTime,
    principalArn: e.principalArn,
    accessKeyId: e.accessKeyId,
    sourceIp: e.sourceIp,
  };
}

function usage(
  db: Db,
  key: string,
): { calls: number; first: string | null; last: string | null; principals: string[] } {
  const byPrincipal = keyRollup(db, [key], 'principalArn');
  if (byPrincipal.length === 0) return { calls: 0, first: null, last: null, principals: [] };
  return {
    calls: byPrincipal.reduce((n, g) => n + g.calls, 0),
    first: new Date(Math.min(...byPrincipal.map((g) => g.firstMs))).toISOString(),
    last: new Date(Math.max(...byPrincipal.map((g) => g.lastMs))).toISOString(),
    principals: byPrincipal.map((g) => g.value).filter((p): p is string => p !== null),
  };
}

const IAM_USER = /:iam::\d*:user\//;

export interface Lineage {
  derived: DerivedCredential[];
  created: CreatedPrincipal[];
  /** Every key of the lineage, the root first. */
  keys: string[];
}

export function traceLineage(db: Db, rootKey: string, rootPrincipals: readonly string[]): Lineage {
  const derived: DerivedCredential[] = [];
  const created: CreatedPrincipal[] = [];
  const seen = new Set<string>([rootKey]);
  const queue: string[] = [rootKey];
  // IAM users acting through the lineage: federated sessions they issue belong to it too.
  const issuers = new Set(rootPrincipals.filter((p) => IAM_USER.test(p)));
  const issuersDone = new Set<string>();

  const addDerived = (d: Omit<DerivedCredential, 'calls' | 'firstUse' | 'lastUse'>): void => {
    if (seen.has(d.accessKeyId)) return;
    seen.add(d.accessKeyId);
    const u = usage(db, d.accessKeyId);
    derived.push({ ...d, calls: u.calls, firstUse: u.first, lastUse: u.last });
    for (const p of u.principals) if (IAM_USER.test(p)) issuers.add(p);
    queue.push(d.accessKeyId);
  };

  for (;;) {
    while (queue.length > 0) traceKey(queue.shift()!);
    const fresh = [...issuers].filter((i) => !issuersDone.has(i));
    if (fresh.length === 0) break;
    for (const issuer of fresh) {
      issuersDone.add(issuer);
      // Federated sessions issued by this user, even when the GetFederationToken record is missing.
      const g = runCaseQuery(db, {
        sessionIssuerArns: [issuer],
        groupBy: ['accessKeyId', 'principalArn'],
        limit: 1000,
      }).groups;
      for (const row of g) {
        const id = typeof row['accessKeyId'] === 'string' ? row['accessKeyId'] : null;
        if (!id || seen.has(id)) continue;
        const principal = typeof row['principalArn'] === 'string' ? row['principalArn'] : null;
        addDerived({
          accessKeyId: id,
          kind: 'federated-session',
          derivedFrom: rootKey,
          createdBy: null,
          principal,
          expiration: null,
        });
      }
    }
  }
  return { derived, created, keys: [rootKey, ...derived.map((d) => d.accessKeyId)] };

  function traceKey(key: string): void {
    // All of them: a CI key may assume roles every few minutes for months.
    const calls = allEvents(db, {
      accessKeyIds: [key],
      eventNames: [...DERIVING_CALLS],
      errorCodes: 'none',
    });
    const records = fullRecords(db, calls);
    for (const e of calls) {
      const r = records.get(e.rowId);
      const by = ref(e);
      switch (e.eventName) {
        case 'CreateAccessKey': {
          const id = str(at(r, 'responseElements.accessKey.accessKeyId'));
          const user =
            str(at(r, 'responseElements.accessKey.userName')) ??
            str(at(r, 'requestParameters.userName'));
          if (id)
            addDerived({
              accessKeyId: id,
              kind: 'access-key',
              derivedFrom: key,
              createdBy: by,
              principal: user,
              expiration: null,
            });
          break;
        }
        case 'GetSessionToken':
        case 'GetFederationToken':
        case 'AssumeRole': {
          const id = str(at(r, 'responseElements.credentials.accessKeyId'));
          const exp = parseAwsTime(at(r, 'responseElements.credentials.expiration'));
          const principal =
            str(at(r, 'responseElements.federatedUser.arn')) ??
            str(at(r, 'responseElements.assumedRoleUser.arn')) ??
            e.principalArn;
          const kind =
            e.eventName === 'GetFederationToken'
              ? 'federated-session'
              : e.eventName === 'AssumeRole'
                ? 'assumed-role-session'
                : 'session';
          if (id)
            addDerived({
              accessKeyId: id,
              kind,
              derivedFrom: key,
              createdBy: by,
              principal,
              expiration: exp === null ? null : new Date(exp).toISOString(),
            });
          break;
        }
        case 'CreateUser':
        case 'CreateLoginProfile':
        case 'UpdateLoginProfile':
        case 'CreateRole': {
          const name =
            str(at(r, 'requestParameters.userName')) ?? str(at(r, 'requestParameters.roleName'));
          const kind =
            e.eventName === 'CreateUser'
              ? 'user'
              : e.eventName === 'CreateRole'
                ? 'role'
                : 'login-profile';
          if (name) created.push({ kind, name, by });
          break;
        }
        default:
          break;
      }
    }
  }
}
