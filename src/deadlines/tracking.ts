// One case's notification obligations, derived from its facts, clock anchors, notices and
// decisions at an instant `now`. Pure and total: nothing here reads a stored due time or status,
// so changing the awareness time (or any fact) recomputes every clock the next time it is read.
// What people decided (facts, anchors, notices with evidence, not-required rationales) is the
// input; everything else is output.
import type {
  Clock,
  EffectiveDeadlineSettings,
  Obligation,
  ObligationStatus,
  ReminderOut,
  RuleSummary,
} from '../shared/deadlines';
import type { DeadlineSettings } from '../shared/domain';
import { CairnError } from '../shared/errors';
import { toIso } from '../shared/time';
import { resolveStart, type AnchorContext, type ResolvedStart } from './anchors';
import { assessRule, type ApplicabilityResult } from './applicability';
import {
  DEFAULT_INTERNAL_TARGET_HOURS,
  computeDeadline,
  type DeadlineResult,
  type ZonedInstant,
} from './calculator';
import type { CaseFacts } from './facts';
import { euMemberStateZone, zoneForJurisdiction } from './jurisdictions';
import { DEFAULT_REMINDER_POINTS, deadlineStatus, reminderSchedule } from './reminders';
import type { DeadlineRule } from './schema';
import { ANCHOR_LABELS } from './vocabulary';

export interface NoticeRecord {
  atMs: number;
  evidence: string;
  recordedBy: string;
  recordedAtMs: number;
}

export interface DecisionRecord {
  rationale: string;
  decidedBy: string;
  decidedAtMs: number;
}

export interface CaseDeadlineState extends AnchorContext {
  facts: CaseFacts;
  caseZone: string;
  settings: EffectiveDeadlineSettings;
  notices: ReadonlyMap<string, NoticeRecord>;
  decisions: ReadonlyMap<string, DecisionRecord>;
  nowMs: number;
}

const DEFAULT_DUE_SOON_FRACTION = 0.8;

/** The settings in force: what the case configured, Cairn's defaults for the rest. */
export function effectiveSettings(stored: DeadlineSettings): EffectiveDeadlineSettings {
  let euZone = zoneForJurisdiction('EU') ?? 'Europe/Brussels';
  if (stored.euMemberState !== null) {
    const zone = euMemberStateZone(stored.euMemberState);
    if (!zone) {
      throw new CairnError(
        'INVALID_INPUT',
        `euMemberState: "${stored.euMemberState}" is not an EU/EEA member state code`,
        'use the ISO 3166 alpha-2 code of the lead authority’s state, e.g. DE, FR, IE',
      );
    }
    euZone = zone;
  }
  return {
    reminderPoints: [...(stored.reminderPoints ?? DEFAULT_REMINDER_POINTS)],
    dueSoonFraction: stored.dueSoonFraction ?? DEFAULT_DUE_SOON_FRACTION,
    dueSoonWithinMs: stored.dueSoonWithinMs,
    internalTargetHours: stored.internalTargetHours ?? DEFAULT_INTERNAL_TARGET_HOURS,
    euMemberState: stored.euMemberState,
    euZone,
    configured: Object.entries(stored)
      .filter(([, v]) => v !== null)
      .map(([k]) => k),
  };
}

/** "GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority". */
export function ruleTitle(rule: DeadlineRule): string {
  const cite = rule.citation.split(';')[0]?.trim() || rule.regime;
  return `${cite} notice to ${rule.notify.map((n) => n.name).join('; ')}`;
}

export function ruleSummary(rule: DeadlineRule): RuleSummary {
  return {
    id: rule.id,
    title: ruleTitle(rule),
    jurisdiction: { ...rule.jurisdiction },
    category: rule.category,
    regime: rule.regime,
    notify: rule.notify.map((n) => ({ ...n })),
    deadline: { ...rule.deadline },
    citation: rule.citation,
    asOf: rule.asOf,
    confidence: rule.confidence,
    ruleStatus: rule.status,
    verification: rule.verification,
  };
}

const plain = (z: ZonedInstant): ZonedInstant => ({
  ms: z.ms,
  iso: z.iso,
  inCaseZone: z.inCaseZone,
  inJurisdictionZone: z.inJurisdictionZone,
});

/** Turns the calculator's result into the clock every host shows. */
export function toClock(
  result: DeadlineResult,
  resolved: ResolvedStart | null,
  nowMs: number,
): Clock {
  let due: ZonedInstant | null = null;
  let dueLabel: string | null = null;
  let start: ZonedInstant | null = null;
  switch (result.kind) {
    case 'hours':
    case 'calendar_days':
    case 'business_days':
    case 'must_precede':
      start = plain(result.start);
      due = plain(result.due);
      break;
    case 'no_fixed_limit':
      start = plain(result.start);
      due = plain(result.internalTarget);
      dueLabel = result.internalTarget.label;
      break;
    case 'dependent':
    case 'not_started':
      break;
  }
  return {
    kind: result.kind,
    anchor: result.anchor,
    anchorLabel: ANCHOR_LABELS[result.anchor],
    basis: resolved?.started ? (resolved.start.basis ?? null) : null,
    start,
    due,
    isLegalDeadline: due !== null && result.kind !== 'no_fixed_limit',
    dueLabel,
    waitingFor: resolved && !resolved.started ? resolved.waitingFor : null,
    caseZone: result.caseZone,
    jurisdictionZone: result.jurisdictionZone,
    explanation: result.explanation,
    caveats: result.caveats,
    msLeft: due === null ? null : due.ms - nowMs,
  };
}

/** The clock of `rule` in this case (computed even while applicability is open). */
export function caseClock(rule: DeadlineRule, state: CaseDeadlineState): Clock {
  const resolved = resolveStart(rule, state);
  const result = computeDeadline(rule, resolved.started ? resolved.start : null, {
    caseZone: state.caseZone,
    internalTargetHours: state.settings.internalTargetHours,
    ...(rule.jurisdiction.code === 'EU' ? { jurisdictionZone: state.settings.euZone } : {}),
  });
  return toClock(result, resolved, state.nowMs);
}

/** open / due soon / overdue of a running clock; a zero-length window is due at once. */
function windowStatus(clock: Clock, state: CaseDeadlineState): 'open' | 'due_soon' | 'overdue' {
  const { start, due } = clock;
  if (!start || !due) return 'open';
  if (due.ms <= start.ms) return state.nowMs > due.ms ? 'overdue' : 'due_soon';
  return deadlineStatus({ startMs: start.ms, dueMs: due.ms }, state.nowMs, {
    dueSoonFraction: state.settings.dueSoonFraction,
    ...(state.settings.dueSoonWithinMs !== null
      ? { dueSoonWithinMs: state.settings.dueSoonWithinMs }
      : {}),
  });
}

function remindersOf(clock: Clock, state: CaseDeadlineState): ReminderOut[] {
  const { start, due } = clock;
  if (!start || !due || due.ms <= start.ms) return [];
  return reminderSchedule(
    { startMs: start.ms, dueMs: due.ms },
    state.nowMs,
    state.settings.reminderPoints,
  ).map((r) => ({ at: r.iso, atMs: r.atMs, label: r.label, isPast: r.isPast }));
}

/** Everything the case owes (or may owe) under one rule, at `state.nowMs`. */
export function trackRule(
  rule: DeadlineRule,
  state: CaseDeadlineState,
  assessed: ApplicabilityResult = assessRule(rule, state.facts),
): Obligation {
  const clock = assessed.status === 'not_applicable' ? null : caseClock(rule, state);
  const notice = state.notices.get(rule.id);
  const decision = state.decisions.get(rule.id);
  const legalDue = clock?.isLegalDeadline ? (clock.due?.ms ?? null) : null;
  let status: ObligationStatus;
  if (notice) status = legalDue !== null && notice.atMs > legalDue ? 'late' : 'met';
  else if (decision) status = 'not_required';
  else if (assessed.status !== 'applicable') status = assessed.status;
  else if (!clock?.due) status = 'waiting';
  else status = windowStatus(clock, state);
  const running = status === 'open' || status === 'due_soon' || status === 'overdue';
  return {
    rule: ruleSummary(rule),
    applicability: assessed.status,
    reasons: assessed.reasons,
    notApplicableReason: assessed.status === 'not_applicable' ? assessed.reason : null,
    questions: assessed.status === 'needs_answer' ? assessed.questions : [],
    status,
    clock,
    notice: notice
      ? {
          at: toIso(notice.atMs),
          evidence: notice.evidence,
          recordedBy: notice.recordedBy,
          recordedAt: toIso(notice.recordedAtMs),
          onTime: legalDue === null ? null : notice.atMs <= legalDue,
          lateByMs: legalDue === null ? null : Math.max(0, notice.atMs - legalDue),
        }
      : null,
    decision: decision
      ? {
          notRequired: true,
          rationale: decision.rationale,
          decidedBy: decision.decidedBy,
          decidedAt: toIso(decision.decidedAtMs),
        }
      : null,
    reminders: running && clock ? remindersOf(clock, state) : [],
  };
}
