// Evidence steps: run the analyses a step names, with parameters bound from the run's facts,
// record each as a finding, and hand the machine a small summary of each.
import {
  bucketExposureFinding,
  enumerationFinding,
  keyActivityFinding,
} from '../analysis/as-finding';
import type { EnumerationResult } from '../analysis/enumeration';
import type { KeyActivity } from '../analysis/key/activity';
import type { CaseFile } from '../casefile/open';
import { recordFinding, type NewFinding } from '../casefile/repos/findings';
import type { BucketExposure } from '../shared/ops/analysis-bucket';
import { CairnError } from '../shared/errors';
import type { AnalysisName, FindingRef, RunbookContext, StepContent } from '../shared/runbook';
import { parseInstant } from '../shared/time';
import { resolveBindings } from './bindings';

/** What a decision or a later step needs from a key activity result. */
export function summarizeKeyActivity(r: KeyActivity, nowMs: number): Record<string, unknown> {
  // Sessions still valid after the key was switched off (or now, if it was not).
  const cutoff = r.deactivatedAt ? Date.parse(r.deactivatedAt) : nowMs;
  const liveSessions = r.derivedCredentials.filter(
    (d) => d.kind !== 'access-key' && (d.expiration === null || Date.parse(d.expiration) > cutoff),
  );
  const user =
    r.principals.map((p) => /:user\/(?:.*\/)?([^/]+)$/.exec(p)?.[1]).find(Boolean) ?? null;
  return {
    found: r.found,
    calls: r.calls,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    deactivatedAt: r.deactivatedAt,
    windowStart: r.window.start,
    windowEnd: r.window.end,
    userName: user,
    principals: r.principals,
    writes: r.writes.filter((w) => !w.errorCode).length,
    externalIps: r.byIp
      .filter((i) => !['internal', 'aws-service'].includes(i.class))
      .map((i) => i.ip),
    derivedCredentials: r.derivedCredentials.length,
    sessionsOutliving: liveSessions.map((d) => d.accessKeyId),
    createdPrincipals: r.createdPrincipals.map((p) => `${p.kind}:${p.name}`),
  };
}

export function summarizeEnumeration(r: EnumerationResult): Record<string, unknown> {
  // The sessions that crossed a threshold carry the credential to contain; fall back to all.
  const flagged = r.sessions.filter((s) => s.classification !== 'routine');
  const pool = flagged.length ? flagged : r.sessions;
  const keys = [...new Set(pool.map((s) => s.accessKeyId).filter((k): k is string => Boolean(k)))];
  const arns = [...new Set(pool.map((s) => s.principalArn).filter((a): a is string => Boolean(a)))];
  const roleName = arns.map((a) => /:assumed-role\/([^/]+)\//.exec(a)?.[1]).find(Boolean) ?? null;
  return {
    userKey: keys.find((k) => k.startsWith('AKIA')) ?? null,
    roleName,
    credentialKind: keys.some((k) => k.startsWith('AKIA'))
      ? 'user-key'
      : roleName
        ? 'role-session'
        : 'unknown',
    verdict: r.verdict,
    sessions: r.sessions.length,
    probing: r.sessions.filter((s) => s.classification === 'probing').length,
    recon: r.sessions.filter((s) => s.classification === 'recon').length,
    inflectionPoint: r.inflectionPoint
      ? `${r.inflectionPoint.eventName} at ${r.inflectionPoint.eventTime}`
      : null,
    inflectionEventId: r.inflectionPoint?.eventId ?? null,
    principals: [...new Set(r.sessions.map((s) => s.principalArn).filter(Boolean))],
    accessKeys: [...new Set(r.sessions.map((s) => s.accessKeyId).filter(Boolean))],
    sourceIps: [...new Set(r.sessions.map((s) => s.sourceIp).filter(Boolean))],
    // How the flagged sessions' addresses classify (tor, aws, internal, threat list …).
    ipClasses: [...new Set(pool.map((s) => `${s.sourceIp ?? '?'} (${s.ipClass})`))],
  };
}

export function summarizeBucketExposure(r: BucketExposure): Record<string, unknown> {
  const reads = r.windows.map((w) => w.externalAccess).filter((a) => a !== null);
  return {
    bucket: r.bucket,
    ownerAccountId: r.ownerAccountId,
    state: r.state,
    windows: r.windows.length,
    confirmedWindows: r.windows.filter((w) => w.confidence === 'confirmed').length,
    exposedFrom: r.windows[0]?.start ?? null,
    exposedUntil: r.windows.length ? (r.windows[r.windows.length - 1]!.end ?? null) : null,
    stillOpen: r.windows.some((w) => w.end === null),
    externalReads: reads.reduce((n, a) => n + a.requests, 0),
    anonymousReads: reads.reduce((n, a) => n + a.anonymous, 0),
    objectsRead: reads.reduce((n, a) => n + a.objects, 0),
    bytesRead: reads.reduce((n, a) => n + a.bytes, 0),
    readsVisible: reads.length > 0,
    unexplainedAnonymousReads: r.unexplainedAnonymousReads,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Runs one named analysis and records it as a finding, in one audited write. */
export function runAnalysis(
  file: CaseFile,
  actor: string,
  name: AnalysisName,
  params: Record<string, unknown>,
  nowMs: number,
): FindingRef {
  switch (name) {
    case 'keyActivity': {
      const key = str(params['accessKeyId']);
      if (!key)
        throw new CairnError(
          'INVALID_INPUT',
          'key activity needs the access key ID (fact accessKeyId)',
        );
      const exposed = str(params['exposedAt']);
      const run = keyActivityFinding(file.db, {
        accessKeyId: key,
        ...(exposed
          ? { exposedAt: parseInstant(exposed, 'exposedAt'), exposedAtText: exposed }
          : {}),
      });
      return record(file, actor, run.finding, summarizeKeyActivity(run.result, nowMs));
    }
    case 'enumeration': {
      const key = str(params['accessKeyId']);
      const principal = str(params['principalArn']);
      const run = enumerationFinding(
        file.db,
        key ? { accessKeyId: key } : principal ? { principalArn: principal } : {},
      );
      return record(file, actor, run.finding, summarizeEnumeration(run.result));
    }
    case 'bucketExposure': {
      const bucket = str(params['bucket']);
      if (!bucket)
        throw new CairnError(
          'INVALID_INPUT',
          'bucket exposure needs the bucket name (fact bucket)',
        );
      const run = bucketExposureFinding(file.db, bucket, { exactBytes: false });
      return record(file, actor, run.finding, summarizeBucketExposure(run.result));
    }
  }
}

function record(
  file: CaseFile,
  actor: string,
  f: NewFinding,
  summary: Record<string, unknown>,
): FindingRef {
  const finding = file.writer.write(`analysis.${f.kind}`, actor, (w) => {
    const r = recordFinding(w, { ...f, query: `${f.query}\n-- (run by a runbook evidence step)` });
    return { audit: { finding: r.audit }, value: r.finding };
  });
  return { findingId: finding.id, summary };
}

export function gatherEvidence(
  file: CaseFile,
  actor: string,
  step: Extract<StepContent, { kind: 'evidence' }>,
  context: RunbookContext,
  nowMs: number,
): Record<string, FindingRef> {
  const out: Record<string, FindingRef> = {};
  for (const a of step.analyses)
    out[a.name] = runAnalysis(
      file,
      actor,
      a.name,
      resolveBindings(a.params, context, nowMs),
      nowMs,
    );
  return out;
}
