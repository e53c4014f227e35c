// Analyses of the case's evidence: what an access key did and begot, who enumerated, and the
// findings they recorded. (Bucket exposure is declared in analysis-bucket.ts.)
import { z } from 'zod';
import { FindingSchema } from '../domain';
import { CasePath, IsoWithZone, op } from './define';

const AnalysisResult = z.object({
  findingId: z.number().int(),
  result: z.record(z.string(), z.unknown()),
});

export const analysisOps = {
  'analysis.keyActivity': op({
    summary:
      'Everything an access key did and the credentials it created, with its exposure window',
    writes: true,
    input: z.object({
      path: CasePath,
      accessKeyId: z
        .string()
        .regex(/^[A-Z0-9]{16,128}$/, 'accessKeyId: not an access key ID (AKIA…/ASIA…)'),
      exposedAt: IsoWithZone.optional(),
    }),
    output: AnalysisResult,
  }),
  'analysis.enumeration': op({
    summary:
      'Reconnaissance sessions per principal, key and IP, and the write that turned recon into compromise',
    writes: true,
    input: z.object({
      path: CasePath,
      principalArn: z.string().min(1).optional(),
      accessKeyId: z.string().min(1).optional(),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      sessionGapMinutes: z.number().int().min(1).max(1440).optional(),
      minDistinctApis: z.number().int().min(1).optional(),
      minServices: z.number().int().min(1).optional(),
      minDenied: z.number().int().min(1).optional(),
    }),
    output: AnalysisResult,
  }),
  'findings.list': op({
    summary: 'The analysis results recorded in the case, with the queries that produced them',
    writes: false,
    input: z.object({
      path: CasePath,
      kind: z.string().optional(),
      includeSuperseded: z.boolean().default(false),
    }),
    output: z.object({ findings: z.array(FindingSchema) }),
  }),
} as const;
