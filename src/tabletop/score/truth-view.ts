// What the truth says that scoring compares with, derived once: the exposure window as one
// interval, which containment targets count, and the decisions the truth implies at each
// runbook decision step.
import type { Truth } from '../truth';

/**
 * The exposure to compare with: the bucket window(s) in the public-bucket scenario, otherwise
 * every credential window (the leaked key and everything derived from it) as one interval. A
 * null end is still open at the end of the generated logs.
 */
export function truthExposure(truth: Truth): { startMs: number; endMs: number | null } {
  const kind = truth.scenario === 'public-bucket' ? 'bucket' : 'credential';
  const ws = truth.exposureWindows.filter((w) => w.kind === kind);
  if (ws.length === 0) {
    const start = Date.parse(truth.keyMoments.exposureStart.time);
    const end = truth.keyMoments.containment?.time;
    return { startMs: start, endMs: end ? Date.parse(end) : null };
  }
  const startMs = Math.min(...ws.map((w) => Date.parse(w.start)));
  const open = ws.some((w) => w.end === null);
  return { startMs, endMs: open ? null : Math.max(...ws.map((w) => Date.parse(w.end!))) };
}

/** The name at the end of a user or role ARN: …:user/svc-reporting, …:assumed-role/web/i-0… */
function principalNames(arn: string): string[] {
  const user = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user) return [user[1]!];
  const role = /:assumed-role\/([^/]+)\//.exec(arn) ?? /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? [role[1]!] : [];
}

/**
 * What a containment action may be aimed at to count: a leaked or derived key, the exposed
 * bucket, or the user or role whose credentials were taken (revoking its sessions, denying all).
 */
export function containmentSubjects(truth: Truth): Set<string> {
  const c = truth.credentials;
  return new Set(
    [
      ...c.leaked.map((l) => l.accessKeyId),
      ...c.derived.map((d) => d.accessKeyId),
      ...c.createdPrincipals.map((p) => p.userName),
      ...c.leaked.flatMap((l) => principalNames(l.principalArn)),
      ...truth.buckets.map((b) => b.name),
    ].map((s) => s.toLowerCase()),
  );
}

export interface ImpliedDecision {
  choice: string;
  because: string;
}

/**
 * The option the truth implies at a runbook's decision step, when it implies one. `simMs` is
 * when the decision was made in the incident's time (the bucket may already have been closed).
 */
export function impliedDecision(
  truth: Truth,
  runbookId: string,
  step: string,
  simMs: number,
): ImpliedDecision | null {
  const c = truth.credentials;
  const persistence = c.createdPrincipals.length > 0 || c.derived.length > 0;
  switch (`${runbookId}:${step}`) {
    case 'leaked-access-key:compromise':
      if (persistence)
        return {
          choice: 'active-compromise',
          because: `the attacker created ${c.createdPrincipals.length} principal(s) and ${c.derived.length} credential(s)`,
        };
      return truth.keyMoments.firstMaliciousUse.eventId
        ? { choice: 'used-read-only', because: 'the key was used by the attacker, with no write' }
        : { choice: 'exposed-not-used', because: 'nobody but its owner used the key' };
    case 'leaked-access-key:sessions': {
      const sessions = c.derived.filter((d) => d.expiration !== null);
      return sessions.length
        ? {
            choice: 'revoke',
            because: `session credentials ${sessions.map((s) => s.accessKeyId).join(', ')} outlive the key`,
          }
        : { choice: 'none', because: 'the key created no session credentials' };
    }
    case 'public-bucket:stillOpen': {
      const close = truth.buckets[0]?.closedBy?.time;
      return close && simMs >= Date.parse(close)
        ? { choice: 'already-closed', because: `the bucket was closed at ${close}` }
        : { choice: 'block', because: 'the bucket was still public when the team decided' };
    }
    case 'public-bucket:accessed':
      return truth.objectsRead.length
        ? {
            choice: 'external-reads',
            because: `${truth.objectsRead.length} object(s) were read from outside`,
          }
        : { choice: 'no-external-reads', because: 'nobody outside read an object' };
    case 'public-bucket:cause':
      return truth.scenario === 'public-bucket'
        ? { choice: 'misconfiguration', because: 'an engineer opened the bucket by mistake' }
        : null;
    case 'suspicious-enumeration:classify': {
      // The enumeration attacker writes when the scenario says so; the key thief when persistent.
      const wrote =
        truth.scenario === 'enumeration'
          ? truth.parameters.writes && truth.keyMoments.inflectionPoint !== null
          : persistence;
      return wrote
        ? { choice: 'active-compromise', because: 'the reconnaissance was followed by writes' }
        : { choice: 'recon-only', because: 'the attacker did not write' };
    }
    case 'suspicious-enumeration:credential': {
      const key = c.leaked[0]?.accessKeyId;
      if (!key) return null;
      return key.startsWith('ASIA')
        ? { choice: 'role-session', because: `${key} is a role session's key` }
        : { choice: 'user-key', because: `${key} is an IAM user's key` };
    }
    default:
      return null;
  }
}
