// Runbook operations: which runbooks there are, the runs of a case, and stepping a run. Every
// step names the step the caller saw, so two responders acting on the same run cannot step it
// twice by accident.
import { z } from 'zod';
import type { FieldSpec, RunStatus } from '../runbook';
import { CasePath, op } from './define';

const FactValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const RunId = z.number().int().positive('runId: give a run number');
const StepId = z.string().min(1, 'step: name the step you are acting on');

const Rationale = z
  .string()
  .trim()
  .min(3, 'rationale: say why, in words a reviewer can follow')
  .max(4000);
const Reason = z
  .string()
  .trim()
  .min(3, 'reason: say why, in words a reviewer can follow')
  .max(4000);

/** Where to reach AWS for a containment action; the standard credential chain when left out. */
export const AwsTargetSchema = z.strictObject({
  profile: z.string().min(1).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'aws.region: must be an AWS region name')
    .optional(),
  endpoint: z.url('aws.endpoint: must be a URL').optional(),
});

/** What the responder does at the current step. */
export const StepRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('complete'), checked: z.array(z.number().int().min(0)) }),
  z.strictObject({ kind: z.literal('skip'), reason: Reason }),
  z.strictObject({ kind: z.literal('input'), values: z.record(z.string(), FactValue) }),
  z.strictObject({ kind: z.literal('decide'), choice: z.string().min(1), rationale: Rationale }),
  z.strictObject({ kind: z.literal('evidence') }),
  z.strictObject({ kind: z.literal('timer') }),
  z.strictObject({
    kind: z.literal('act'),
    /**
     * dry-run: record the exact call and the command to run by hand; execute: make the change
     * (needs confirm) and read it back; confirm-manual: the command was run by hand (needs a note,
     * and reads the state back when `verify` is set).
     */
    mode: z.enum(['dry-run', 'execute', 'confirm-manual']),
    confirm: z.boolean().default(false),
    /** Values the responder sets or corrects for the action (e.g. the key's owner). */
    params: z.record(z.string(), FactValue).default({}),
    aws: AwsTargetSchema.default({}),
    verify: z.boolean().default(false),
    note: z.string().trim().max(4000).optional(),
  }),
]);
export type StepRequestInput = z.input<typeof StepRequestSchema>;

const RunbookSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  summary: z.string(),
  startFacts: z.array(z.custom<FieldSpec>()),
  steps: z.array(
    z.object({ id: z.string(), title: z.string(), phase: z.string(), kind: z.string() }),
  ),
});

const RunListItemSchema = z.object({
  runId: z.number().int(),
  runbook: z.string(),
  version: z.string(),
  title: z.string(),
  status: z.enum(['active', 'done']),
  startedAt: z.string(),
  startedBy: z.string(),
  step: z.string(),
  stepTitle: z.string(),
});

// RunStatus is a TypeScript type shared with the renderer; it is built by the engine, never parsed.
const RunStatusSchema = z.custom<RunStatus>();

export const runbookOps = {
  'runbook.list': op({
    summary: 'The runbooks this Cairn can run, with what each asks for at the start',
    writes: false,
    input: z.object({}),
    output: z.object({ runbooks: z.array(RunbookSummarySchema) }),
  }),
  'runbook.runs': op({
    summary: 'The runbook runs of a case and the step each stands at',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ runs: z.array(RunListItemSchema) }),
  }),
  'runbook.start': op({
    summary: 'Start a runbook for the case (audited, on the timeline)',
    writes: true,
    input: z.object({
      path: CasePath,
      runbook: z.string().min(1, 'runbook: name the runbook (runbook.list)'),
      facts: z.record(z.string(), FactValue).default({}),
    }),
    output: RunStatusSchema,
  }),
  'runbook.status': op({
    summary:
      'Where a run stands: the step, its content, the suggestion and its evidence, the history',
    writes: false,
    input: z.object({ path: CasePath, runId: RunId }),
    output: RunStatusSchema,
  }),
  'runbook.plan': op({
    summary:
      'The exact AWS calls an action step will make, the command to run by hand, what it breaks and how to undo it',
    writes: false,
    input: z.object({
      path: CasePath,
      runId: RunId,
      params: z.record(z.string(), FactValue).default({}),
      aws: AwsTargetSchema.default({}),
    }),
    output: z.object({
      plan: z.record(z.string(), z.unknown()),
      action: z.record(z.string(), z.unknown()),
    }),
  }),
  'runbook.step': op({
    summary:
      'Act on the current step of a run: complete, skip, input, decide, gather evidence, act, or end a timer',
    writes: true,
    input: z.object({ path: CasePath, runId: RunId, step: StepId, request: StepRequestSchema }),
    output: z.object({
      status: RunStatusSchema,
      /** For an action: what happened (the plan, the calls made, the read-back). */
      outcome: z.record(z.string(), z.unknown()).nullable(),
    }),
  }),
} as const;
