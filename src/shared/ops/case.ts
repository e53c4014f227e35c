// Case operations: create, open, describe, verify, settings. Timeline operations are in timeline.ts.
import { z } from 'zod';
import { CaseInfoSchema, CaseSummarySchema, SEVERITIES, VerifyReportSchema } from '../domain';
import { CasePath, IsoWithZone, op } from './define';

const SettingsSummary = z.object({
  internalCidrs: z.array(z.string()),
  threatLists: z.array(
    z.object({ name: z.string(), entries: z.number().int(), badLines: z.array(z.string()) }),
  ),
  awsIpRanges: z.object({ syncToken: z.string(), createDate: z.string(), source: z.string() }),
});

export const caseOps = {
  'case.settings': op({
    summary:
      'Change or show what analyses use: internal ranges, threat lists, a newer AWS ip-ranges.json',
    writes: true,
    input: z.object({
      path: CasePath,
      internalCidrs: z.array(z.string().min(1)).optional(),
      addThreatList: z.object({ name: z.string().min(1), text: z.string() }).optional(),
      removeThreatList: z.string().min(1).optional(),
      awsIpRangesFile: z.string().min(1).optional(),
    }),
    output: SettingsSummary,
  }),
  'case.create': op({
    summary: 'Create a new case file (never overwrites an existing file)',
    writes: true,
    input: z.object({
      path: CasePath,
      title: z.string().trim().min(1, 'title: give the case a title').max(500),
      awareAt: IsoWithZone.optional(),
      awareReason: z.string().max(2000).optional(),
      timezone: z.string().min(1).default('UTC'),
      severity: z.enum(SEVERITIES).optional(),
    }),
    output: CaseSummarySchema,
  }),
  'case.open': op({
    summary: 'Open an existing case file (an older format is backed up, then upgraded)',
    writes: true,
    input: z.object({ path: CasePath }),
    output: CaseSummarySchema,
  }),
  'case.info': op({
    summary: 'Describe a case: title, zone, awareness, counts and audit chain head',
    writes: false,
    input: z.object({ path: CasePath }),
    output: CaseInfoSchema,
  }),
  'case.verify': op({
    summary: 'Re-walk the audit chain and evidence hashes; name the first broken link',
    writes: false,
    input: z.object({ path: CasePath }),
    output: VerifyReportSchema,
  }),
} as const;
