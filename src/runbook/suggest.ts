// Suggested decisions, computed from the run's findings. A suggestion names the option, says why
// in a sentence a reviewer can check, and points at the findings behind it. A person decides.
import type { RunbookContext, Suggestion } from '../shared/runbook';

type Suggester = (ctx: RunbookContext) => Suggestion | null;

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

const SUGGESTERS: Record<string, Suggester> = {
  sessionsToRevoke: (ctx) => {
    const key = ctx.findings['keyActivity'];
    if (!key) return null;
    const live = list(key.summary['sessionsOutliving']);
    return live.length
      ? {
          choice: 'revoke',
          because: `${live.length} session credential(s) created by the key outlive its deactivation: ${live.join(', ')}.`,
          evidence: [{ findingId: key.findingId, analysis: 'keyActivity' }],
        }
      : {
          choice: 'none',
          because: num(key.summary['derivedCredentials'])
            ? `The key created ${num(key.summary['derivedCredentials'])} credential(s), but no session among them is still valid (all expired, or long-term keys handled on their own).`
            : 'The key created no session credentials in the events the case holds.',
          evidence: [{ findingId: key.findingId, analysis: 'keyActivity' }],
        };
  },
  compromiseLevel: (ctx) => {
    const key = ctx.findings['keyActivity'];
    const enu = ctx.findings['enumeration'];
    const evidence = [
      key && { findingId: key.findingId, analysis: 'keyActivity' },
      enu && { findingId: enu.findingId, analysis: 'enumeration' },
    ].filter((x): x is { findingId: number; analysis: string } => Boolean(x));
    if (!key && !enu) return null;
    if (enu?.summary['verdict'] === 'active-compromise') {
      return {
        choice: 'active-compromise',
        because: `Recon followed by a successful write: ${String(enu.summary['inflectionPoint'])}.`,
        evidence,
      };
    }
    const writes = num(key?.summary['writes']);
    const created = list(key?.summary['createdPrincipals']);
    if (writes > 0 && created.length > 0) {
      return {
        choice: 'active-compromise',
        because: `The key's lineage made ${writes} successful write(s) and created ${created.join(', ')}.`,
        evidence,
      };
    }
    if (key?.summary['found'] === true) {
      const external = list(key.summary['externalIps']);
      return writes > 0
        ? {
            choice: 'active-compromise',
            because: `The key made ${writes} successful write(s)${external.length ? ` from ${external.join(', ')}` : ''}; check each against its owner.`,
            evidence,
          }
        : {
            choice: 'used-read-only',
            because: `The key was used (${num(key.summary['calls'])} calls${external.length ? ` from ${external.join(', ')}` : ''}) but made no successful write.`,
            evidence,
          };
    }
    return {
      choice: 'exposed-not-used',
      because: 'The key does not appear in the CloudTrail events the case holds.',
      evidence,
    };
  },
  bucketStillPublic: (ctx) => {
    const b = ctx.findings['bucketExposure'];
    if (!b) return null;
    const evidence = [{ findingId: b.findingId, analysis: 'bucketExposure' }];
    const state = String(b.summary['state']);
    if (state === 'not-public') {
      return {
        choice: 'already-closed',
        because: `The last change the logs show leaves s3://${String(b.summary['bucket'])} not public; confirm with get-public-access-block before moving on.`,
        evidence,
      };
    }
    const why =
      state === 'public'
        ? 'a public grant is in force at the last log record'
        : state === 'possible'
          ? 'a change exposed grants the logs never show, so it may still be public'
          : 'the logs never show its grants, so it cannot be ruled out';
    return {
      choice: 'block',
      because: `s3://${String(b.summary['bucket'])}: ${why}. Blocking public access is quick and can be undone.`,
      evidence,
    };
  },
  bucketAccess: (ctx) => {
    const b = ctx.findings['bucketExposure'];
    if (!b) return null;
    const evidence = [{ findingId: b.findingId, analysis: 'bucketExposure' }];
    const reads = num(b.summary['externalReads']);
    if (reads > 0) {
      return {
        choice: 'external-reads',
        because: `${reads} successful external read(s) of ${num(b.summary['objectsRead'])} object(s), ${num(b.summary['bytesRead'])} bytes, ${num(b.summary['anonymousReads'])} anonymous, while the bucket was exposed.`,
        evidence,
      };
    }
    if (b.summary['readsVisible'] !== true) {
      return {
        choice: 'cannot-tell',
        because:
          'Neither S3 server access logs nor CloudTrail data events cover the exposure window: reads cannot be ruled out.',
        evidence,
      };
    }
    return {
      choice: 'no-external-reads',
      because:
        'The access logs or data events cover the exposure window and show no successful external read.',
      evidence,
    };
  },
  credentialKind: (ctx) => {
    const e = ctx.findings['enumeration'];
    if (!e) return null;
    const evidence = [{ findingId: e.findingId, analysis: 'enumeration' }];
    if (typeof e.summary['userKey'] === 'string') {
      return {
        choice: 'user-key',
        because: `The activity was signed with the IAM user key ${e.summary['userKey']}: handle it as a leaked key.`,
        evidence,
      };
    }
    if (typeof e.summary['roleName'] === 'string') {
      return {
        choice: 'role-session',
        because: `The activity came from sessions of the role ${e.summary['roleName']}: revoke its sessions and find how they were obtained.`,
        evidence,
      };
    }
    return null;
  },
  enumerationVerdict: (ctx) => {
    const enu = ctx.findings['enumeration'];
    if (!enu) return null;
    const verdict = String(enu.summary['verdict']);
    const choice =
      verdict === 'active-compromise'
        ? 'active-compromise'
        : verdict === 'probing' || verdict === 'recon'
          ? 'recon-only'
          : 'benign';
    const because =
      verdict === 'active-compromise'
        ? `Recon followed by a successful write: ${String(enu.summary['inflectionPoint'])} — treat as active compromise.`
        : verdict === 'probing'
          ? `${num(enu.summary['probing'])} session(s) of denied calls: someone is probing with these credentials.`
          : verdict === 'recon'
            ? `${num(enu.summary['recon'])} read-only recon session(s) and no write yet.`
            : 'Nothing crosses the recon thresholds.';
    const from = list(enu.summary['ipClasses']);
    return {
      choice,
      because:
        from.length && choice !== 'benign'
          ? `${because} From ${from.slice(0, 5).join(', ')}${from.length > 5 ? ' …' : ''}.`
          : because,
      evidence: [{ findingId: enu.findingId, analysis: 'enumeration' }],
    };
  },
};

export function suggest(name: string | null, ctx: RunbookContext): Suggestion | null {
  if (!name) return null;
  const s = SUGGESTERS[name];
  return s ? s(ctx) : null;
}

export function registerSuggester(name: string, fn: Suggester): void {
  SUGGESTERS[name] = fn;
}

export type { Suggestion };
