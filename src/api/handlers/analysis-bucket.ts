// Bucket exposure: runs the analysis on the case, records it as a finding (superseding the
// previous run for the same bucket) with the exact SQL it ran and its parameters, and returns
// the result with the finding's id.
import { bucketExposureFinding } from '../../analysis/as-finding';
import { recordFinding } from '../../casefile/repos/findings';
import type { Handlers } from './types';

export const analysisBucketHandlers: Pick<Handlers, 'analysis.bucketExposure'> = {
  'analysis.bucketExposure': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const run = bucketExposureFinding(file.db, input.bucket, { exactBytes: input.exactBytes });
    const finding = file.writer.write('analysis.bucket-exposure', ctx.actor, (w) => {
      const r = recordFinding(w, run.finding);
      return { audit: { finding: r.audit }, value: r.finding };
    });
    return { ...run.result, findingId: finding.id, supersedes: finding.supersedes };
  },
};
