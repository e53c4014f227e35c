// Log coverage, computed from the case and recorded as a finding (kind `coverage`).
import { COVERAGE_QUERIES, computeCoverage } from '../../analysis/coverage';
import { recordFinding } from '../../casefile/repos/findings';
import type { Handlers } from './types';

export const coverageHandlers: Pick<Handlers, 'analysis.coverage'> = {
  'analysis.coverage': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const gapThresholdMs = Math.round(input.gapThresholdHours * 3_600_000);
    const coverage = computeCoverage(file.db, { gapThresholdMs });
    const finding = file.writer.write('analysis.coverage', ctx.actor, (w) => {
      const recorded = recordFinding(w, {
        kind: 'coverage',
        subject: 'case',
        title: `Log coverage: ${coverage.cloudtrail.length} CloudTrail group(s), ${coverage.s3Access.length} S3 access log bucket(s), ${coverage.limitations.length} limitation(s)`,
        params: { gapThresholdMs },
        engine: 'casefile',
        query: Object.entries(COVERAGE_QUERIES)
          .map(([name, sql]) => `-- ${name}\n${sql.replace(/\s+/g, ' ').trim()};`)
          .join('\n'),
        result: coverage,
      });
      return { audit: { finding: recorded.audit }, value: recorded.finding };
    });
    return { finding, coverage };
  },
};
