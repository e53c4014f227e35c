// Public API of the breach-notification deadline engine (pure: no I/O, no clock of its own).
// Rules are research, not legal advice: every result carries the rule's citation and as-of date,
// and every explanation ends by asking to confirm with counsel.
export {
  RULES,
  RULE_SET_PROVENANCE,
  RuleIdSchema,
  findRule,
  getRule,
  isDependentAnchor,
  parseRuleSet,
  rulesForJurisdiction,
} from './rules';
export {
  DeadlineRuleSchema,
  RuleSetSchema,
  type ApplicabilityProfile,
  type DeadlineRule,
  type DeadlineSpec,
  type RuleSet,
} from './schema';
export {
  ANCHORS,
  ANCHOR_LABELS,
  DATA_TYPES,
  DEPENDENT_ANCHORS,
  FLAG_KEYS,
  type Anchor,
  type DataType,
  type DependentAnchor,
  type FlagKey,
  type HolidayCalendarId,
} from './vocabulary';
export {
  EU_EEA_CAPITAL_ZONES,
  JURISDICTION_ZONES,
  euMemberStateZone,
  holidayCalendarForJurisdiction,
  zoneForJurisdiction,
} from './jurisdictions';
export {
  FIRST_MODELLED_YEAR,
  brazilNationalHolidays,
  easterSunday,
  holidayOn,
  holidaysInYear,
  usFederalHolidays,
  type Holiday,
} from './holidays';
export {
  endOfLocalDayMs,
  isBusinessDay,
  localDateOf,
  nthBusinessDayAfter,
  startOfLocalDayMs,
  type BusinessDayCount,
  type NonBusinessDay,
} from './calendar';
export {
  DEFAULT_INTERNAL_TARGET_HOURS,
  INTERNAL_TARGET_LABEL,
  computeDeadline,
  trackedInstant,
  type CalculatorOptions,
  type ClockStart,
  type DeadlineKind,
  type DeadlineResult,
  type FixedDeadlineResult,
  type ZonedInstant,
} from './calculator';
export { CaseFactsSchema, FLAG_QUESTIONS, parseCaseFacts, type CaseFacts } from './facts';
export {
  assessApplicability,
  assessRule,
  openQuestions,
  type ApplicabilityResult,
  type Question,
} from './applicability';
export {
  DEFAULT_REMINDER_POINTS,
  deadlineStatus,
  reminderSchedule,
  type DeadlineStatus,
  type Reminder,
  type ReminderPoint,
  type ReminderWindow,
  type StatusOptions,
} from './reminders';
