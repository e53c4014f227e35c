// Breach-notification deadline operations: the awareness time, case facts and clock anchors,
// the obligations list, notices given, not-required decisions, the tracker's settings, and a
// stateless calculator for quick answers. Shapes live in ../deadlines.ts.
import { z } from 'zod';
import {
  AwarenessChangeSchema,
  ComputeResultSchema,
  DeadlineListSchema,
  EffectiveDeadlineSettingsSchema,
  FactsChangeSchema,
  ObligationChangeSchema,
} from '../deadlines';
import { ReminderPointSchema } from '../domain';
import { CasePath, IsoWithZone, op } from './define';

const RuleId = z.string().trim().min(1, 'rule: give a deadline rule id such as eu-gdpr-art33');
/** Required text whose message says what to write, whether it is missing or blank. */
const Reason = (field: string, what: string) =>
  z
    .string({ error: `${field}: ${what}` })
    .trim()
    .min(1, `${field}: ${what}`)
    .max(4000, `${field}: keep it under 4000 characters`);

export const deadlineOps = {
  'case.setAwareness': op({
    summary:
      'Set when the organisation knew or should have known (audited); every notification clock is recomputed',
    writes: true,
    input: z.object({
      path: CasePath,
      at: IsoWithZone,
      reason: Reason('reason', 'say why this is the awareness time (counsel will ask)'),
    }),
    output: AwarenessChangeSchema,
  }),
  'deadlines.list': op({
    summary:
      'Every notification rule for the case: applicability, clock, due time, status, questions to answer and reminders due',
    writes: false,
    input: z.object({
      path: CasePath,
      /** Evaluate status and reminders at this instant instead of now (reviews, tabletops). */
      now: IsoWithZone.optional(),
    }),
    output: DeadlineListSchema,
  }),
  'deadlines.setFacts': op({
    summary:
      'Merge case facts (null removes one) and record clock anchors such as the determination of the breach (audited)',
    writes: true,
    input: z.object({
      path: CasePath,
      /** Merged into the case facts; nested maps merge per key; null removes a fact. */
      facts: z.record(z.string(), z.unknown()).optional(),
      /** Anchor name → ISO instant it happened, or null to remove the recorded instant. */
      anchors: z.record(z.string(), IsoWithZone.nullable()).optional(),
      reason: z.string().trim().max(4000).optional(),
    }),
    output: FactsChangeSchema,
  }),
  'deadlines.mark': op({
    summary:
      'Record that a notice was given: when, and the evidence of it (audited; met or late against the due time)',
    writes: true,
    // One shape for both uses so a mistake gets a one-line message naming the field (the
    // handler checks which fields the use needs).
    input: z.object({
      path: CasePath,
      ruleId: RuleId,
      notifiedAt: IsoWithZone.optional(),
      evidence: z.string().trim().max(4000).optional(),
      /** Withdraw a recorded notice (entered on the wrong rule, wrong time); needs `reason`. */
      undo: z.boolean().default(false),
      reason: z.string().trim().max(4000).optional(),
    }),
    output: ObligationChangeSchema,
  }),
  'deadlines.decide': op({
    summary:
      'Decide that a notice is not required, with the rationale (audited), or withdraw that decision',
    writes: true,
    input: z.object({
      path: CasePath,
      ruleId: RuleId,
      notRequired: z.boolean().default(true),
      rationale: Reason(
        'rationale',
        'a not-required decision needs its rationale (why this notice is not owed)',
      ),
    }),
    output: ObligationChangeSchema,
  }),
  'deadlines.configure': op({
    summary:
      'Show or change the deadline reminders and thresholds of a case (null restores the default)',
    writes: true,
    input: z.object({
      path: CasePath,
      reminderPoints: z.array(ReminderPointSchema).min(1).nullable().optional(),
      dueSoonFraction: z.number().gt(0).max(1).nullable().optional(),
      dueSoonWithinMs: z.number().int().positive().nullable().optional(),
      internalTargetHours: z.number().positive().max(8760).nullable().optional(),
      euMemberState: z.string().trim().toUpperCase().nullable().optional(),
    }),
    output: EffectiveDeadlineSettingsSchema,
  }),
  'deadlines.compute': op({
    summary: 'Compute one rule’s deadline from a start instant, without a case (quick answers)',
    writes: false,
    input: z.object({
      ruleId: RuleId,
      start: IsoWithZone,
      timezone: z.string().min(1).default('UTC'),
      jurisdictionZone: z.string().min(1).optional(),
      internalTargetHours: z.number().positive().max(8760).optional(),
      now: IsoWithZone.optional(),
    }),
    output: ComputeResultSchema,
  }),
} as const;
