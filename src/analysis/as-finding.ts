// Each analysis as the finding it records: its title, the parameters it ran with and the query
// text that explains how it got the answer. The API handlers and the runbook evidence steps both
// record analyses this way, so a finding reads the same whoever asked for it.
import type { Db } from '../casefile/sqlite';
import type { NewFinding } from '../casefile/repos/findings';
import type { BucketExposure } from '../shared/ops/analysis-bucket';
import { analyzeBucketExposure, BUCKET_EXPOSURE_KIND } from './bucket/analyze';
import {
  enumerationAnalysis,
  type EnumerationOptions,
  type EnumerationResult,
} from './enumeration';
import { keyActivity, type KeyActivity } from './key/activity';

export interface AnalysisFinding<R> {
  finding: NewFinding;
  result: R;
}

export function keyActivityFinding(
  db: Db,
  input: { accessKeyId: string; exposedAt?: number; exposedAtText?: string },
): AnalysisFinding<KeyActivity> {
  const key = input.accessKeyId;
  const result = keyActivity(db, {
    accessKeyId: key,
    ...(input.exposedAt !== undefined ? { exposedAt: input.exposedAt } : {}),
  });
  return {
    result,
    finding: {
      kind: 'key-activity',
      subject: key,
      title: result.found
        ? `${key}: ${result.calls} call(s), ${result.derivedCredentials.length} derived credential(s), window ${result.window.start} → ${result.window.end ?? 'open'}`
        : `${key}: not seen in the case`,
      params: { accessKeyId: key, exposedAt: input.exposedAtText ?? null },
      engine: 'casefile',
      query: `-- events with userIdentity.accessKeyId = ${key} and every credential derived from it (postings: access key, session issuer), grouped by source IP, region, service, user agent and error;\n-- derived credentials from CreateAccessKey / GetSessionToken / GetFederationToken / AssumeRole responses; deactivation from UpdateAccessKey / DeleteAccessKey request parameters`,
      result,
    },
  };
}

export function enumerationFinding(
  db: Db,
  options: EnumerationOptions,
): AnalysisFinding<EnumerationResult> {
  const result = enumerationAnalysis(db, options);
  return {
    result,
    finding: {
      kind: 'enumeration',
      subject: options.accessKeyId ?? options.principalArn ?? '*',
      title: `Enumeration (${result.scope}): ${result.verdict}, ${result.sessions.length} session(s)`,
      params: options,
      engine: 'casefile',
      query: `-- sessions per (principal, access key, source IP), split at gaps over ${result.thresholds.sessionGapMinutes} min; recon = ${result.thresholds.minDistinctApis} distinct List/Describe/Get APIs over ${result.thresholds.minServices} services, probing = ${result.thresholds.minDenied} denied calls; inflection = first successful persistence/escalation write`,
      result,
    },
  };
}

function bucketTitle(r: BucketExposure): string {
  const s3 = `s3://${r.bucket}`;
  if (r.windows.length === 0) return `${s3}: no public window shown by the logs`;
  const confirmed = r.windows.filter((w) => w.confidence === 'confirmed').length;
  const open = r.windows.some((w) => w.end === null) ? ', still open' : '';
  return `${s3}: ${r.windows.length} exposure window(s), ${confirmed} confirmed${open}`;
}

export function bucketExposureFinding(
  db: Db,
  bucket: string,
  opts: { exactBytes: boolean },
): AnalysisFinding<BucketExposure> {
  const run = analyzeBucketExposure(db, bucket, opts);
  return {
    result: run.result,
    finding: {
      kind: BUCKET_EXPOSURE_KIND,
      subject: run.result.bucket,
      title: bucketTitle(run.result),
      params: run.params,
      engine: 'casefile',
      query: run.query,
      result: run.result,
    },
  };
}
