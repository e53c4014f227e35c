// The pure deadline calculator: given a rule, the instant its clock started (UTC ms) and the
// case's zone, it returns when the notice is due and says why in plain language. It never
// invents a legal deadline: rules without a fixed limit get an internal target, clearly
// labelled, and dependent rules wait for the instant they depend on.
//
// Conventions (also stated in every explanation):
// - hours: exact elapsed time from the start instant. A DST change never shifts the due instant.
// - calendar days: day 1 is the day after the start day in the jurisdiction's zone, and the
//   deadline ends at the end of day N (23:59:59.999 local). This is the reading of "within N
//   days" most statutes get; no extension is applied when day N is a weekend or holiday.
// - business days: the same, counting only business days (weekends and the jurisdiction's
//   modelled holidays skipped; other jurisdictions: weekends only, and the explanation says so).
import { CairnError } from '../shared/errors';
import { formatInZone, isValidTimeZone, toIso } from '../shared/time';
import {
  addCalendarDays,
  endOfLocalDayMs,
  localDateOf,
  nthBusinessDayAfter,
  type NonBusinessDay,
} from './calendar';
import {
  businessDaysSentence,
  calendarDaysSentence,
  caveatsFor,
  closingSentence,
  countOf,
  utcLabel,
} from './explain';
import { isDependentAnchor } from './rules';
import type { DeadlineRule } from './schema';
import { ANCHOR_LABELS, type Anchor, type DependentAnchor } from './vocabulary';

/** Hours after the clock start used as the internal target when the law sets no fixed limit. */
export const DEFAULT_INTERNAL_TARGET_HOURS = 72;
export const INTERNAL_TARGET_LABEL = 'Internal target — not a legal deadline';

export interface ClockStart {
  /** The instant the rule's clock started (for dependent rules: when the other notice went out). */
  atMs: number;
  /** What the instant is, in words ("awareness"); defaults to the rule's anchor. */
  basis?: string;
}

export interface CalculatorOptions {
  /** IANA zone the case is run in; every instant is also shown in it. */
  caseZone: string;
  /** Hours after the clock start for the internal target of rules with no fixed limit. */
  internalTargetHours?: number;
  /** Overrides the rule's zone, e.g. the lead authority's member state for an EU rule. */
  jurisdictionZone?: string;
}

export interface ZonedInstant {
  ms: number;
  iso: string;
  /** "2026-03-28 00:30:00 +01:00" in the case's zone. */
  inCaseZone: string;
  /** The same instant in the jurisdiction's zone. */
  inJurisdictionZone: string;
}

interface ResultBase {
  ruleId: string;
  citation: string;
  anchor: Anchor;
  jurisdictionZone: string;
  caseZone: string;
  /** Plain-language account naming the citation; ends by asking to confirm with counsel. */
  explanation: string;
  /** Status, confidence, verification and modelling warnings, one sentence each. */
  caveats: string[];
}

export type FixedDeadlineResult = ResultBase & {
  kind: 'hours' | 'calendar_days' | 'business_days';
  amount: number;
  start: ZonedInstant;
  due: ZonedInstant;
  /** Days passed over while counting business days (empty for other kinds). */
  skippedDays: NonBusinessDay[];
};

export type DeadlineResult =
  | FixedDeadlineResult
  | (ResultBase & {
      kind: 'no_fixed_limit';
      qualifier: string;
      start: ZonedInstant;
      internalTarget: ZonedInstant & { hoursAfterStart: number; label: string };
    })
  | (ResultBase & {
      kind: 'must_precede';
      qualifier: string;
      /** The other notice; this one must go out before it. */
      start: ZonedInstant;
      due: ZonedInstant;
    })
  | (ResultBase & { kind: 'dependent'; waitingFor: DependentAnchor })
  | (ResultBase & { kind: 'not_started'; waitingFor: Anchor });

export type DeadlineKind = DeadlineResult['kind'];

function validate(start: ClockStart | null, options: CalculatorOptions): number {
  if (start !== null && !Number.isSafeInteger(start.atMs)) {
    throw new CairnError('INVALID_INPUT', `start.atMs: ${start.atMs} is not an integer UTC ms`);
  }
  if (!isValidTimeZone(options.caseZone)) {
    throw new CairnError(
      'INVALID_INPUT',
      `options.caseZone: "${options.caseZone}" is not an IANA time zone`,
    );
  }
  if (options.jurisdictionZone !== undefined && !isValidTimeZone(options.jurisdictionZone)) {
    throw new CairnError(
      'INVALID_INPUT',
      `options.jurisdictionZone: "${options.jurisdictionZone}" is not an IANA time zone`,
    );
  }
  const hours = options.internalTargetHours ?? DEFAULT_INTERNAL_TARGET_HOURS;
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new CairnError(
      'INVALID_INPUT',
      `options.internalTargetHours: ${hours} must be a positive number of hours`,
    );
  }
  return hours;
}

/** Computes the deadline of `rule`; `start` is null while the clock has not started. */
export function computeDeadline(
  rule: DeadlineRule,
  start: ClockStart | null,
  options: CalculatorOptions,
): DeadlineResult {
  const internalTargetHours = validate(start, options);
  const zone = options.jurisdictionZone ?? rule.jurisdiction.timeZone;
  const { anchor } = rule.clockStart;
  const zoned = (ms: number): ZonedInstant => ({
    ms,
    iso: toIso(ms),
    inCaseZone: formatInZone(ms, options.caseZone),
    inJurisdictionZone: formatInZone(ms, zone),
  });
  const caveats = caveatsFor(rule, zone);
  const base = {
    ruleId: rule.id,
    citation: rule.citation,
    anchor,
    jurisdictionZone: zone,
    caseZone: options.caseZone,
    caveats,
  };
  const closing = closingSentence(rule, caveats);
  const { kind, amount, qualifier } = rule.deadline;
  const basis = start?.basis ?? ANCHOR_LABELS[anchor];

  if (start === null) {
    const detail = rule.clockStart.detail ? ` (${rule.clockStart.detail})` : '';
    const what = kind === 'none' ? `"${qualifier}"` : countOf(amount ?? 0, kind);
    if (isDependentAnchor(anchor)) {
      const explanation =
        anchor === 'before_notice_to_individuals'
          ? `This notice must be sent before notice to individuals${detail}: "${qualifier}", per ${rule.citation}. Record when notice to individuals is planned to show the deadline. ${closing}`
          : `This deadline runs from ${ANCHOR_LABELS[anchor]}${detail}: ${what}, per ${rule.citation}. Record when that notice is sent to compute it. ${closing}`;
      return { ...base, kind: 'dependent', waitingFor: anchor, explanation };
    }
    const explanation = `The clock starts at ${ANCHOR_LABELS[anchor]}${detail}: ${what}, per ${rule.citation}. Record that instant to compute the deadline. ${closing}`;
    return { ...base, kind: 'not_started', waitingFor: anchor, explanation };
  }

  // "60 days after the end of the calendar year": the clock really starts at the end of the
  // year (in the jurisdiction's zone) in which the supplied instant (discovery) falls.
  let startMs = start.atMs;
  let startWords = `${basis} at ${utcLabel(start.atMs)}`;
  if (anchor === 'end_of_calendar_year') {
    const year = localDateOf(start.atMs, zone).slice(0, 4);
    startMs = endOfLocalDayMs(`${year}-12-31`, zone);
    startWords = `the end of calendar year ${year} in ${zone} (the year of ${start.basis ?? 'discovery'} at ${utcLabel(start.atMs)})`;
  }

  switch (kind) {
    case 'hours': {
      const n = amount ?? 0;
      const dueMs = startMs + n * 3_600_000;
      const explanation = `Due ${utcLabel(dueMs)}: ${countOf(n, 'hours')} from ${startWords}, per ${rule.citation}. Hours are exact elapsed time, so a daylight-saving change does not move the due instant. ${closing}`;
      return {
        ...base,
        kind,
        amount: n,
        start: zoned(startMs),
        due: zoned(dueMs),
        skippedDays: [],
        explanation,
      };
    }
    case 'calendar_days': {
      const n = amount ?? 0;
      const startDate = localDateOf(startMs, zone);
      const dueDate = addCalendarDays(startDate, n);
      const dueMs = endOfLocalDayMs(dueDate, zone);
      const explanation = `${calendarDaysSentence(n, startWords, rule.citation, startDate, dueDate, dueMs, zone)} ${closing}`;
      return {
        ...base,
        kind,
        amount: n,
        start: zoned(startMs),
        due: zoned(dueMs),
        skippedDays: [],
        explanation,
      };
    }
    case 'business_days': {
      const n = amount ?? 0;
      const startDate = localDateOf(startMs, zone);
      const counted = nthBusinessDayAfter(startDate, n, rule.jurisdiction.holidayCalendar);
      const dueMs = endOfLocalDayMs(counted.date, zone);
      const sentence = businessDaysSentence(rule, n, startWords, startDate, counted, dueMs, zone);
      return {
        ...base,
        kind,
        amount: n,
        start: zoned(startMs),
        due: zoned(dueMs),
        skippedDays: counted.skipped,
        explanation: `${sentence} ${closing}`,
      };
    }
    case 'none': {
      if (anchor === 'before_notice_to_individuals') {
        const explanation = `Must be sent before notice to individuals, which is planned or sent at ${utcLabel(start.atMs)}: "${qualifier}", per ${rule.citation}. ${closing}`;
        return {
          ...base,
          kind: 'must_precede',
          qualifier,
          start: zoned(start.atMs),
          due: zoned(start.atMs),
          explanation,
        };
      }
      // Every dependent rule without a fixed limit in the data ties the notice to the other one
      // ("not later than", "concurrently", "simultaneously"), so the target is that instant.
      const tied = isDependentAnchor(anchor);
      const hoursAfterStart = tied ? 0 : internalTargetHours;
      const targetMs = startMs + hoursAfterStart * 3_600_000;
      const target = tied
        ? `it is tied to ${basis} at ${utcLabel(startMs)}, so the internal target (not a legal deadline) is that same instant`
        : `internal target (not a legal deadline): ${utcLabel(targetMs)}, ${hoursAfterStart} hours after ${startWords}`;
      const explanation = `No fixed deadline: "${qualifier}", per ${rule.citation}. Regulators read such wording strictly; ${target}. ${closing}`;
      return {
        ...base,
        kind: 'no_fixed_limit',
        qualifier,
        start: zoned(startMs),
        internalTarget: { ...zoned(targetMs), hoursAfterStart, label: INTERNAL_TARGET_LABEL },
        explanation,
      };
    }
  }
}

/** The instant to track for reminders and status: the legal due instant or internal target. */
export function trackedInstant(
  result: DeadlineResult,
): { ms: number; isLegalDeadline: boolean } | null {
  switch (result.kind) {
    case 'hours':
    case 'calendar_days':
    case 'business_days':
    case 'must_precede':
      return { ms: result.due.ms, isLegalDeadline: true };
    case 'no_fixed_limit':
      return { ms: result.internalTarget.ms, isLegalDeadline: false };
    case 'dependent':
    case 'not_started':
      return null;
  }
}
