// Shapes of the breach-notification deadline tracker as they cross every host: what the case owes,
// to whom, by when, and what was decided. Field names are a stable contract (`cairn deadlines
// --json`); change them only additively. Facts are validated by the engine (CaseFactsSchema in
// src/deadlines/facts.ts), so here they are a plain JSON object.
import { z } from 'zod';
import { AwarenessSchema, IsoInstant, ReminderPointSchema, TimelineEntrySchema } from './domain';

export const DEADLINE_DISCLAIMER = 'Research, not legal advice: confirm with counsel.';

export const APPLICABILITIES = ['applicable', 'not_applicable', 'needs_answer'] as const;
export type Applicability = (typeof APPLICABILITIES)[number];

/** Most urgent first; the order lists and counts use. */
export const OBLIGATION_STATUSES = [
  'overdue',
  'due_soon',
  'open',
  'waiting',
  'needs_answer',
  'late',
  'met',
  'not_required',
  'not_applicable',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const CLOCK_KINDS = [
  'hours',
  'calendar_days',
  'business_days',
  'no_fixed_limit',
  'must_precede',
  'dependent',
  'not_started',
] as const;

export const QUESTION_INPUTS = [
  'yes_no',
  'count',
  'counts_by_jurisdiction',
  'choice',
  'categories',
] as const;
export type QuestionInput = (typeof QUESTION_INPUTS)[number];

/** One instant in UTC, in the case's zone and in the jurisdiction's zone. */
export const ZonedInstantSchema = z.object({
  ms: z.number().int(),
  iso: IsoInstant,
  inCaseZone: z.string(),
  inJurisdictionZone: z.string(),
});
export type ZonedInstantOut = z.infer<typeof ZonedInstantSchema>;

export const RuleSummarySchema = z.object({
  id: z.string(),
  /** "GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority". */
  title: z.string(),
  jurisdiction: z.object({ code: z.string(), name: z.string(), timeZone: z.string() }),
  category: z.string(),
  regime: z.string(),
  notify: z.array(z.object({ type: z.string(), name: z.string() })),
  deadline: z.object({
    kind: z.string(),
    amount: z.number().int().nullable(),
    qualifier: z.string(),
  }),
  citation: z.string(),
  asOf: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  ruleStatus: z.string(),
  verification: z.string(),
});
export type RuleSummary = z.infer<typeof RuleSummarySchema>;

export const ClockSchema = z.object({
  kind: z.enum(CLOCK_KINDS),
  anchor: z.string(),
  anchorLabel: z.string(),
  /** What the start instant is, in words ("awareness", "notice under us-ca-individuals given"). */
  basis: z.string().nullable(),
  start: ZonedInstantSchema.nullable(),
  /** The legal due instant, or the internal target when the law sets no fixed limit. */
  due: ZonedInstantSchema.nullable(),
  isLegalDeadline: z.boolean(),
  /** "Internal target — not a legal deadline" when `due` is an internal target. */
  dueLabel: z.string().nullable(),
  waitingFor: z.string().nullable(),
  caseZone: z.string(),
  jurisdictionZone: z.string(),
  explanation: z.string(),
  caveats: z.array(z.string()),
  /** due − now in ms (negative once past); null without a due instant. */
  msLeft: z.number().int().nullable(),
});
export type Clock = z.infer<typeof ClockSchema>;

export const ReminderOutSchema = z.object({
  at: IsoInstant,
  atMs: z.number().int(),
  label: z.string(),
  isPast: z.boolean(),
});
export type ReminderOut = z.infer<typeof ReminderOutSchema>;

export const NoticeSchema = z.object({
  at: IsoInstant,
  evidence: z.string(),
  recordedBy: z.string(),
  recordedAt: IsoInstant,
  /** Given by the legal due instant; null when there is none to judge against. */
  onTime: z.boolean().nullable(),
  lateByMs: z.number().int().nullable(),
});

export const DecisionSchema = z.object({
  notRequired: z.literal(true),
  rationale: z.string(),
  decidedBy: z.string(),
  decidedAt: IsoInstant,
});

export const QuestionRefSchema = z.object({ fact: z.string(), question: z.string() });

export const ObligationSchema = z.object({
  rule: RuleSummarySchema,
  applicability: z.enum(APPLICABILITIES),
  /** Why each gate passed (applicable), or every failing gate (not applicable). */
  reasons: z.array(z.string()),
  notApplicableReason: z.string().nullable(),
  questions: z.array(QuestionRefSchema),
  status: z.enum(OBLIGATION_STATUSES),
  /** Null when the rule does not apply; for `needs_answer` it is the clock if it does. */
  clock: ClockSchema.nullable(),
  notice: NoticeSchema.nullable(),
  decision: DecisionSchema.nullable(),
  /** Reminder instants of an open clock (empty once notified, decided, or without a window). */
  reminders: z.array(ReminderOutSchema),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const QuestionSchema = z.object({
  /** Path of the fact that answers it: "flags.secRegistrant", "affectedByJurisdiction.US-TX". */
  fact: z.string(),
  question: z.string(),
  input: z.enum(QUESTION_INPUTS),
  choices: z.array(z.string()),
  ruleIds: z.array(z.string()),
  /** The earliest clock among the rules waiting on this answer, if they apply. */
  earliestDue: z.object({ ruleId: z.string(), due: IsoInstant }).nullable(),
});
export type Question = z.infer<typeof QuestionSchema>;

export const ReminderDueSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  /** The reminder point that passed (or the due instant, once overdue). */
  at: IsoInstant,
  label: z.string(),
  due: IsoInstant,
  msLeft: z.number().int(),
  /** "REMINDER: GDPR Art. 33(1), (4) notice to … is due in 55 min". */
  message: z.string(),
});
export type ReminderDue = z.infer<typeof ReminderDueSchema>;

export const ANCHOR_SOURCES = [
  'awareness',
  'recorded',
  'awareness_default',
  'not_recorded',
] as const;

export const AnchorStateSchema = z.object({
  anchor: z.string(),
  label: z.string(),
  source: z.enum(ANCHOR_SOURCES),
  at: IsoInstant.nullable(),
  setBy: z.string().nullable(),
  setAt: IsoInstant.nullable(),
  reason: z.string().nullable(),
  /** Rules that apply or may apply (needs an answer) whose clock runs from this anchor. */
  usedBy: z.number().int(),
});
export type AnchorState = z.infer<typeof AnchorStateSchema>;

export const EffectiveDeadlineSettingsSchema = z.object({
  reminderPoints: z.array(ReminderPointSchema),
  dueSoonFraction: z.number(),
  dueSoonWithinMs: z.number().int().nullable(),
  internalTargetHours: z.number(),
  euMemberState: z.string().nullable(),
  /** The zone EU rules are computed in (the member state's capital, or Brussels). */
  euZone: z.string(),
  /** Which of the values above the case set (the others are Cairn's defaults). */
  configured: z.array(z.string()),
});
export type EffectiveDeadlineSettings = z.infer<typeof EffectiveDeadlineSettingsSchema>;

export const DeadlineListSchema = z.object({
  path: z.string(),
  now: IsoInstant,
  caseZone: z.string(),
  awareness: AwarenessSchema.nullable(),
  facts: z.record(z.string(), z.unknown()),
  anchors: z.array(AnchorStateSchema),
  settings: EffectiveDeadlineSettingsSchema,
  ruleSet: z.object({ generatedFrom: z.string(), researchCompiled: z.string() }),
  counts: z.record(z.enum(OBLIGATION_STATUSES), z.number().int()),
  /** Every rule, most urgent first. */
  obligations: z.array(ObligationSchema),
  questions: z.array(QuestionSchema),
  reminders: z.array(ReminderDueSchema),
  disclaimer: z.string(),
});
export type DeadlineList = z.infer<typeof DeadlineListSchema>;

export const ClockMoveSchema = z.object({
  ruleId: z.string(),
  before: IsoInstant.nullable(),
  after: IsoInstant.nullable(),
});

export const StatusChangeSchema = z.object({
  ruleId: z.string(),
  before: z.enum(OBLIGATION_STATUSES),
  after: z.enum(OBLIGATION_STATUSES),
});

export const AwarenessChangeSchema = z.object({
  awareness: AwarenessSchema,
  previous: AwarenessSchema.nullable(),
  /** Every clock whose due instant moved (rules that apply or may apply). */
  clocksMoved: z.array(ClockMoveSchema),
  statusChanged: z.array(StatusChangeSchema),
  timelineEntry: TimelineEntrySchema,
  auditSeq: z.number().int(),
});

export const FactsChangeSchema = z.object({
  facts: z.record(z.string(), z.unknown()),
  anchors: z.array(AnchorStateSchema),
  statusChanged: z.array(StatusChangeSchema),
  clocksMoved: z.array(ClockMoveSchema),
  /** One entry per change (anchors and facts together); null when nothing changed. */
  timelineEntry: TimelineEntrySchema.nullable(),
  auditSeq: z.number().int(),
});

export const ObligationChangeSchema = z.object({
  obligation: ObligationSchema,
  timelineEntry: TimelineEntrySchema,
  auditSeq: z.number().int(),
});

export const ComputeResultSchema = z.object({
  rule: RuleSummarySchema,
  clock: ClockSchema,
  now: IsoInstant,
  reminders: z.array(ReminderOutSchema),
  disclaimer: z.string(),
});
export type ComputeResult = z.infer<typeof ComputeResultSchema>;

/** "55 min", "3 h 05 min", "2 d 4 h", "40 s": a span of time for people (sign ignored). */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 1) return `${Math.floor(abs / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "due in 55 min" / "overdue by 2 h 10 min". */
export function timeLeftWords(msLeft: number): string {
  return msLeft >= 0 ? `due in ${formatDuration(msLeft)}` : `overdue by ${formatDuration(msLeft)}`;
}
