// The zod schema of one deadline rule as Cairn stores it (src/deadlines/rules.json). It keeps
// every research field of the reference (citation, sources, as-of date, confidence, status,
// verification, notes) because the rules are research, not legal advice, and counsel must be
// able to see where each number came from. `applicability` is Cairn's own reading of the
// reference, used by applicability.ts to ask the right questions.
import { z } from 'zod';
import { isValidTimeZone } from '../shared/time';
import {
  ANCHORS,
  CATEGORIES,
  COMPARATORS,
  CONFIDENCES,
  DATA_TYPES,
  DEADLINE_KINDS,
  DUTY_HOLDERS,
  FLAG_KEYS,
  HARM_GATES,
  HOLIDAY_CALENDARS,
  MEDIA,
  RECIPIENT_TYPES,
  SCOPE_KINDS,
  SOURCE_KINDS,
  STATUSES,
  THRESHOLD_LOGIC,
  VERIFICATIONS,
} from './vocabulary';

const Text = z.string().min(1);

export const DeadlineSpecSchema = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    amount: z.number().int().positive().nullable(),
    qualifier: Text,
  })
  .refine((d) => (d.kind === 'none') === (d.amount === null), {
    message: 'amount must be null exactly when kind is "none"',
    path: ['amount'],
  });

export const ThresholdSchema = z
  .object({
    minAffected: z.number().int().positive().nullable(),
    comparator: z.enum(COMPARATORS).nullable(),
    population: Text,
    detail: Text,
    logic: z.enum(THRESHOLD_LOGIC),
  })
  .refine((t) => (t.minAffected === null) === (t.comparator === null), {
    message: 'minAffected and comparator are both set or both null',
    path: ['comparator'],
  });

export const SourceSchema = z.object({
  key: Text,
  title: Text,
  url: z.url().nullable(),
  asOf: Text,
  kind: z.enum(SOURCE_KINDS),
});

export const ApplicabilityProfileSchema = z.object({
  dutyHolder: z.enum(DUTY_HOLDERS),
  scope: z.enum(SCOPE_KINDS),
  /** Yes/no case facts that must all be true for the rule to bind (sector, incident type). */
  requires: z.array(z.enum(FLAG_KEYS)),
  harmGate: z.enum(HARM_GATES),
  /**
   * A condition the data cannot express as numbers (complex or "or other conditions" rows),
   * asked verbatim and answered per rule in the case facts (`ruleAnswers[ruleId]`).
   * `and`: must hold as well; `or_threshold`: holds instead of the head-count threshold.
   */
  extraCondition: z.object({ question: Text, combine: z.enum(['and', 'or_threshold']) }).nullable(),
});

export const DeadlineRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id is a lower-case slug'),
    jurisdiction: z.object({
      name: Text,
      code: Text,
      timeZone: Text.refine(isValidTimeZone, 'not an IANA time zone'),
      holidayCalendar: z.enum(HOLIDAY_CALENDARS).nullable(),
    }),
    category: z.enum(CATEGORIES),
    regime: Text,
    notify: z.array(z.object({ type: z.enum(RECIPIENT_TYPES), name: Text })).min(1),
    deadline: DeadlineSpecSchema,
    clockStart: z.object({ anchor: z.enum(ANCHORS), detail: z.string() }),
    threshold: ThresholdSchema,
    triggers: z.object({
      dataTypes: z.array(z.enum(DATA_TYPES)).min(1),
      breachTrigger: Text,
      riskOfHarmException: z.boolean().nullable(),
      media: z.enum(MEDIA).nullable(),
      detail: z.string().nullable(),
    }),
    safeHarbor: z.object({
      encryption: z.boolean().nullable(),
      keyCompromiseVoids: z.boolean().nullable(),
      other: z.string().nullable(),
    }),
    citation: Text,
    sources: z.array(SourceSchema).min(1),
    asOf: Text,
    confidence: z.enum(CONFIDENCES),
    status: z.enum(STATUSES),
    recentChange: z.string().nullable(),
    verification: z.enum(VERIFICATIONS),
    notes: z.string(),
    applicability: ApplicabilityProfileSchema,
  })
  .strict();

export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;
export type DeadlineSpec = z.infer<typeof DeadlineSpecSchema>;
export type ApplicabilityProfile = z.infer<typeof ApplicabilityProfileSchema>;

export const RuleSetSchema = z
  .object({
    /** Where the rules came from and when they were converted; for the audit trail. */
    generatedFrom: Text,
    researchCompiled: Text,
    rules: z.array(DeadlineRuleSchema).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate id ${rule.id}`, path: ['rules', i] });
      }
      seen.add(rule.id);
    });
  });
export type RuleSet = z.infer<typeof RuleSetSchema>;
