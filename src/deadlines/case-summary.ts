// The case-wide view of the tracker: every obligation, most urgent first; the open questions,
// each with the earliest clock waiting on its answer; the reminders that are due now; the state
// of every clock anchor; and how two views differ (what an awareness or fact change moved).
import {
  OBLIGATION_STATUSES,
  timeLeftWords,
  type AnchorState,
  type Obligation,
  type ObligationStatus,
  type Question,
  type QuestionInput,
  type ReminderDue,
} from '../shared/deadlines';
import { toIso } from '../shared/time';
import {
  AWARENESS_DEFAULT_ANCHORS,
  RECORDABLE_ANCHORS,
  recordedAnchorLabel,
  type RecordableAnchor,
} from './anchors';
import { assessRule, openQuestions, type ApplicabilityResult } from './applicability';
import { RULES } from './rules';
import type { DeadlineRule } from './schema';
import { trackRule, type CaseDeadlineState } from './tracking';
import { ANCHOR_LABELS, DATA_TYPES, type Anchor } from './vocabulary';

export interface RecordedAnchorInfo {
  atMs: number;
  setBy: string;
  setAtMs: number;
  reason: string | null;
}

export interface CaseSummaryState extends CaseDeadlineState {
  recorded: ReadonlyMap<string, RecordedAnchorInfo>;
  awareness: { atMs: number; setBy: string; reason: string | null } | null;
}

const RANK = new Map<ObligationStatus, number>(OBLIGATION_STATUSES.map((s, i) => [s, i]));

function byUrgency(a: Obligation, b: Obligation): number {
  const rank = (RANK.get(a.status) ?? 99) - (RANK.get(b.status) ?? 99);
  if (rank !== 0) return rank;
  const dueA = a.clock?.due?.ms ?? Number.MAX_SAFE_INTEGER;
  const dueB = b.clock?.due?.ms ?? Number.MAX_SAFE_INTEGER;
  return dueA - dueB || a.rule.id.localeCompare(b.rule.id);
}

/** Every rule's obligation at `state.nowMs`, most urgent first. */
export function trackAll(
  state: CaseDeadlineState,
  rules: readonly DeadlineRule[] = RULES,
): Obligation[] {
  return rules.map((rule) => trackRule(rule, state, assessRule(rule, state.facts))).sort(byUrgency);
}

export function countByStatus(
  obligations: readonly Obligation[],
): Record<ObligationStatus, number> {
  const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<
    ObligationStatus,
    number
  >;
  for (const o of obligations) counts[o.status]++;
  return counts;
}

function inputOf(fact: string): { input: QuestionInput; choices: string[] } {
  if (fact === 'dataRole') return { input: 'choice', choices: ['owner', 'maintainer', 'both'] };
  if (fact === 'riskOfHarm') return { input: 'choice', choices: ['high', 'likely', 'unlikely'] };
  if (fact === 'dataCategories') return { input: 'categories', choices: [...DATA_TYPES] };
  if (fact === 'totalAffected' || fact.startsWith('affectedByJurisdiction.')) {
    return { input: 'count', choices: [] };
  }
  if (fact === 'affectedByJurisdiction') return { input: 'counts_by_jurisdiction', choices: [] };
  return { input: 'yes_no', choices: [] };
}

/** Open questions, the ones holding up the earliest clock first. */
export function questionsFor(obligations: readonly Obligation[]): Question[] {
  const byId = new Map(obligations.map((o) => [o.rule.id, o]));
  const pending: ApplicabilityResult[] = obligations
    .filter((o) => o.applicability === 'needs_answer')
    .map((o) => ({
      ruleId: o.rule.id,
      status: 'needs_answer',
      questions: o.questions,
      reasons: o.reasons,
    }));
  const questions = openQuestions(pending).map((q): Question => {
    let earliest: { ruleId: string; ms: number } | null = null;
    for (const id of q.ruleIds) {
      const due = byId.get(id)?.clock?.due?.ms;
      if (due !== undefined && (earliest === null || due < earliest.ms))
        earliest = { ruleId: id, ms: due };
    }
    return {
      fact: q.fact,
      question: q.question,
      ...inputOf(q.fact),
      ruleIds: q.ruleIds,
      earliestDue: earliest ? { ruleId: earliest.ruleId, due: toIso(earliest.ms) } : null,
    };
  });
  return questions.sort(
    (a, b) =>
      (a.earliestDue ? Date.parse(a.earliestDue.due) : Infinity) -
        (b.earliestDue ? Date.parse(b.earliestDue.due) : Infinity) ||
      b.ruleIds.length - a.ruleIds.length,
  );
}

/** For each running clock, the reminder that is due now (the latest point passed), or overdue. */
export function remindersDue(obligations: readonly Obligation[], nowMs: number): ReminderDue[] {
  const due: ReminderDue[] = [];
  for (const o of obligations) {
    const clock = o.clock;
    if (!clock?.due || !['open', 'due_soon', 'overdue'].includes(o.status)) continue;
    const msLeft = clock.due.ms - nowMs;
    const target = clock.isLegalDeadline ? '' : ' (internal target, not a legal deadline)';
    if (msLeft < 0) {
      due.push({
        ruleId: o.rule.id,
        title: o.rule.title,
        at: clock.due.iso,
        label: 'overdue',
        due: clock.due.iso,
        msLeft,
        message: `OVERDUE: ${o.rule.title} is ${timeLeftWords(msLeft)}${target}`,
      });
      continue;
    }
    const passed = o.reminders.filter((r) => r.isPast).at(-1);
    if (!passed) continue;
    due.push({
      ruleId: o.rule.id,
      title: o.rule.title,
      at: passed.at,
      label: passed.label,
      due: clock.due.iso,
      msLeft,
      message: `REMINDER: ${o.rule.title} is ${timeLeftWords(msLeft)}${target}`,
    });
  }
  return due.sort((a, b) => a.msLeft - b.msLeft);
}

/** Which anchor of the list a rule's clock is counted under. */
function listedAnchor(anchor: Anchor): Anchor | null {
  if (anchor === 'knew_or_should_have_known') return 'becoming_aware';
  if (anchor === 'end_of_calendar_year') return 'discovery';
  if (anchor === 'notice_to_individuals_sent' || anchor === 'notice_to_regulator_sent') return null;
  return anchor;
}

/** The awareness time and every recordable anchor, with how many live rules use each. */
export function anchorStates(
  state: CaseSummaryState,
  obligations: readonly Obligation[],
): AnchorState[] {
  const used = new Map<string, number>();
  for (const o of obligations) {
    if (o.applicability === 'not_applicable' || !o.clock) continue;
    const key = listedAnchor(o.clock.anchor as Anchor);
    if (key) used.set(key, (used.get(key) ?? 0) + 1);
  }
  const aware = state.awareness;
  const awareness: AnchorState = {
    anchor: 'becoming_aware',
    label: ANCHOR_LABELS.becoming_aware,
    source: aware ? 'awareness' : 'not_recorded',
    at: aware ? toIso(aware.atMs) : null,
    setBy: aware?.setBy ?? null,
    setAt: null,
    reason: aware?.reason ?? null,
    usedBy: used.get('becoming_aware') ?? 0,
  };
  const recorded = RECORDABLE_ANCHORS.map((anchor: RecordableAnchor): AnchorState => {
    const r = state.recorded.get(anchor);
    const defaults = AWARENESS_DEFAULT_ANCHORS.includes(anchor) && aware !== null;
    return {
      anchor,
      label: recordedAnchorLabel(anchor),
      source: r ? 'recorded' : defaults ? 'awareness_default' : 'not_recorded',
      at: r ? toIso(r.atMs) : defaults ? toIso(aware.atMs) : null,
      setBy: r?.setBy ?? null,
      setAt: r ? toIso(r.setAtMs) : null,
      reason: r?.reason ?? null,
      usedBy: used.get(anchor) ?? 0,
    };
  });
  return [awareness, ...recorded];
}

/** Clocks whose due instant moved, and obligations whose status changed, between two views. */
export function diffViews(
  before: readonly Obligation[],
  after: readonly Obligation[],
): {
  clocksMoved: Array<{ ruleId: string; before: string | null; after: string | null }>;
  statusChanged: Array<{ ruleId: string; before: ObligationStatus; after: ObligationStatus }>;
} {
  const old = new Map(before.map((o) => [o.rule.id, o]));
  const clocksMoved: Array<{ ruleId: string; before: string | null; after: string | null }> = [];
  const statusChanged: Array<{
    ruleId: string;
    before: ObligationStatus;
    after: ObligationStatus;
  }> = [];
  for (const o of after) {
    const prev = old.get(o.rule.id);
    if (!prev) continue;
    const a = prev.clock?.due?.iso ?? null;
    const b = o.clock?.due?.iso ?? null;
    if (a !== b) clocksMoved.push({ ruleId: o.rule.id, before: a, after: b });
    if (prev.status !== o.status) {
      statusChanged.push({ ruleId: o.rule.id, before: prev.status, after: o.status });
    }
  }
  const sortById = <T extends { ruleId: string }>(xs: T[]): T[] =>
    xs.sort((x, y) => x.ruleId.localeCompare(y.ruleId));
  return { clocksMoved: sortById(clocksMoved), statusChanged: sortById(statusChanged) };
}
