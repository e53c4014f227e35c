// The legal export (PDF, HTML, CSV, JSON with a manifest), its verification, and the strings a
// responder marks for redaction.
import { z } from 'zod';
import { JobStateSchema } from '../domain';
import { EXPORT_FORMATS, ExportVerifyReportSchema } from '../export';
import { RedactionMarkSchema } from '../timeline';
import { CasePath, IsoWithZone, op } from './define';

export const exportOps = {
  'export.timeline': op({
    summary:
      'Export the case timeline as PDF, HTML, CSV or JSON with a manifest (runs as a job; redacted unless redact is false)',
    writes: true,
    input: z.object({
      path: CasePath,
      format: z.enum(EXPORT_FORMATS, { error: 'format: one of pdf, html, csv, json' }),
      out: z.string().trim().min(1, 'out: give the file to write'),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      /** False writes secrets in clear; it is recorded in the case's audit log. */
      redact: z.boolean().default(true),
      overwrite: z.boolean().default(false),
    }),
    output: JobStateSchema,
  }),
  'export.verify': op({
    summary:
      'Check an export against its manifest and, given the case file, every cited evidence record',
    writes: false,
    input: z.object({
      file: z.string().trim().min(1, 'file: give the exported file'),
      manifest: z.string().trim().min(1).optional(),
      casePath: z.string().trim().min(1).optional(),
    }),
    output: ExportVerifyReportSchema,
  }),
  'redaction.mark': op({
    summary: 'Mark a string to be removed from every redacted export (audited)',
    writes: true,
    input: z.object({
      path: CasePath,
      value: z.string().min(1, 'value: give the text to redact').max(4000),
      reason: z.string().trim().max(4000).default(''),
    }),
    output: RedactionMarkSchema,
  }),
  'redaction.list': op({
    summary: 'The strings marked for redaction in this case',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ marks: z.array(RedactionMarkSchema) }),
  }),
} as const;
