// The API contract: every operation any host (CLI, web, Electron) can call, with the zod schema
// that validates its input at the boundary and the schema of what it returns. src/api implements
// exactly this map; hosts never call the engine any other way.
import { z } from 'zod';
import { OP_NAMES, type OpName } from './op-names';
import {
  AppInfoSchema,
  CaseInfoSchema,
  RecentCaseSchema,
  CaseSummarySchema,
  SEVERITIES,
  TimelineEntrySchema,
  VerifyReportSchema,
} from './domain';

const CasePath = z
  .string()
  .min(1, 'path: give the case file path')
  .describe('path to a .cairn case file');

const IsoWithZone = z.string().min(1).describe('ISO-8601 instant with a zone (Z or ±hh:mm)');

interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  /** True when the operation changes the case file (hosts may serialise these). */
  writes: boolean;
}

function op<I extends z.ZodType, O extends z.ZodType>(def: OpDef<I, O>): OpDef<I, O> {
  return def;
}

export const contract = {
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
  'timeline.note': op({
    summary: 'Add a note to the case timeline (audited)',
    writes: true,
    input: z.object({
      path: CasePath,
      text: z.string().trim().min(1, 'text: the note is empty').max(20000),
      at: IsoWithZone.optional(),
    }),
    output: TimelineEntrySchema,
  }),
  'timeline.list': op({
    summary: 'List the case timeline in event-time order',
    writes: false,
    input: z.object({ path: CasePath, includeSuperseded: z.boolean().default(false) }),
    output: z.object({ entries: z.array(TimelineEntrySchema) }),
  }),
  'app.info': op({
    summary: 'What this host is and what it can do',
    writes: false,
    input: z.object({}),
    output: AppInfoSchema,
  }),
  'app.recentCases': op({
    summary: 'Recently used case files, newest first',
    writes: false,
    input: z.object({}),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
  'app.forgetCase': op({
    summary: 'Remove a case file from the recent list (the file itself is not touched)',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
} as const satisfies Record<OpName, OpDef>;

export type Contract = typeof contract;
/** What a caller sends (defaults not yet applied). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;

export function isOpName(name: string): name is OpName {
  return (OP_NAMES as readonly string[]).includes(name);
}

export { OP_NAMES, type OpName };
