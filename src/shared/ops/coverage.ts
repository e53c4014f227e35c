// Log coverage: what the case's evidence can and cannot show, recorded as a finding.
import { z } from 'zod';
import { CoverageReportSchema } from '../coverage';
import { FindingSchema } from '../domain';
import { CasePath, op } from './define';

export const coverageOps = {
  'analysis.coverage': op({
    summary:
      'Log coverage per source, account and Region: first and last record, gaps, data events, S3 access logs and what each source cannot see (recorded as a finding)',
    writes: true,
    input: z.object({
      path: CasePath,
      gapThresholdHours: z
        .number()
        .positive()
        .max(24 * 365)
        .default(1),
    }),
    output: z.object({ finding: FindingSchema, coverage: CoverageReportSchema }),
  }),
} as const;
