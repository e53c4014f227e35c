// Where each rule's clock starts in a case. Pure: the case supplies the awareness time, the
// instants the responder recorded, and the notices already given; this module says which instant
// a rule's anchor resolves to, and in words what that instant is.
//
// The model (one rule per anchor, never a guess):
// - Awareness: `becoming_aware` and `knew_or_should_have_known` ARE the case's awareness time
//   (case_info.aware_at_ms is defined as when the organisation knew or should have known). They
//   change only through `case.setAwareness`, which is audited and leaves a timeline entry.
// - Discovery-like anchors (`discovery`, `discovery_or_notification`, `incident_noticed`) are the
//   awareness time unless the responder records a separate instant for them; the basis then
//   says "awareness (no separate discovery time recorded)" so counsel sees the substitution.
//   `end_of_calendar_year` runs from the year of discovery (the calculator moves it to 31 Dec).
// - Every other event anchor (determination of the breach, materiality determination, ransom
//   payment, …) is an instant the responder records; until then the clock has not started.
// - Dependent anchors come from the `notified_at` of the obligations they depend on: notice to
//   individuals → the jurisdiction's `…-individuals` rule; notice to the regulator → the rule
//   named in REGULATOR_PREDECESSORS. `before_notice_to_individuals` may also be given a planned
//   instant (recorded under that anchor) while notice to individuals has not gone out yet.
import type { ClockStart } from './calculator';
import { RULES } from './rules';
import type { DeadlineRule } from './schema';
import { ANCHOR_LABELS, EVENT_ANCHORS, type Anchor } from './vocabulary';

/** Anchors that are the awareness time itself. */
export const AWARENESS_ANCHORS: readonly Anchor[] = ['becoming_aware', 'knew_or_should_have_known'];

/** Anchors that default to the awareness time unless recorded separately. */
export const AWARENESS_DEFAULT_ANCHORS: readonly Anchor[] = [
  'discovery',
  'discovery_or_notification',
  'incident_noticed',
];

/** Anchors a responder may record an instant for (`deadlines.setFacts` → anchors). */
export const RECORDABLE_ANCHORS = [
  ...EVENT_ANCHORS.filter((a) => !AWARENESS_ANCHORS.includes(a) && a !== 'end_of_calendar_year'),
  'before_notice_to_individuals',
] as const satisfies readonly Anchor[];
export type RecordableAnchor = (typeof RECORDABLE_ANCHORS)[number];

export function isRecordableAnchor(name: string): name is RecordableAnchor {
  return (RECORDABLE_ANCHORS as readonly string[]).includes(name);
}

/** What a recorded anchor means, in words (a planned notice is not a notice). */
export function recordedAnchorLabel(anchor: RecordableAnchor): string {
  return anchor === 'before_notice_to_individuals'
    ? 'planned notice to individuals'
    : ANCHOR_LABELS[anchor];
}

/**
 * Rules whose clock runs from another regulator notice, and which notice that is (from each
 * rule's clock-start detail in the research): the earliest of them that was given starts it.
 */
export const REGULATOR_PREDECESSORS: Readonly<Record<string, readonly string[]>> = {
  // "Runs from the HIPAA notice to the HHS Secretary": whichever HHS notice applied.
  'us-ny-hipaa-copy': ['us-hipaa-hhs-500plus', 'us-hipaa-hhs-under500'],
  // "Submission of the 72-hour incident notification".
  'eu-nis2-final': ['eu-nis2-notification'],
  // "Submission of the initial notification".
  'eu-dora-intermediate': ['eu-dora-initial'],
  // "Submission of the (latest) intermediate report".
  'eu-dora-final': ['eu-dora-intermediate'],
};

/** The obligations whose notice starts (or must follow) this rule's clock; empty if none. */
export function predecessorsOf(rule: DeadlineRule): string[] {
  switch (rule.clockStart.anchor) {
    case 'notice_to_individuals_sent':
    case 'before_notice_to_individuals':
      return RULES.filter(
        (r) =>
          r.jurisdiction.code === rule.jurisdiction.code &&
          r.id !== rule.id &&
          r.id.endsWith('-individuals'),
      ).map((r) => r.id);
    case 'notice_to_regulator_sent':
      return [...(REGULATOR_PREDECESSORS[rule.id] ?? [])];
    default:
      return [];
  }
}

export interface AnchorInstant {
  atMs: number;
}

export interface AnchorContext {
  awarenessMs: number | null;
  /** Instants the responder recorded, by anchor. */
  recorded: ReadonlyMap<string, AnchorInstant>;
  /** When each obligation's notice was given, by rule id. */
  notices: ReadonlyMap<string, { atMs: number }>;
}

export type ResolvedStart =
  | { started: true; start: ClockStart; source: 'awareness' | 'recorded' | 'notice' }
  | { started: false; waitingFor: string };

function awarenessStart(ctx: AnchorContext, instead: string | null): ResolvedStart {
  if (ctx.awarenessMs === null) {
    return { started: false, waitingFor: 'the awareness time (set it on the case)' };
  }
  const basis = instead ? `awareness (no separate ${instead} time recorded)` : 'awareness';
  return { started: true, start: { atMs: ctx.awarenessMs, basis }, source: 'awareness' };
}

function discoveryStart(anchor: Anchor, ctx: AnchorContext): ResolvedStart {
  const recorded = ctx.recorded.get(anchor);
  if (recorded) {
    return {
      started: true,
      start: { atMs: recorded.atMs, basis: ANCHOR_LABELS[anchor] },
      source: 'recorded',
    };
  }
  return awarenessStart(ctx, anchor.replaceAll('_', ' '));
}

function earliestNotice(
  ids: readonly string[],
  ctx: AnchorContext,
): { id: string; ms: number } | null {
  let best: { id: string; ms: number } | null = null;
  for (const id of ids) {
    const ms = ctx.notices.get(id)?.atMs;
    if (ms !== undefined && (best === null || ms < best.ms)) best = { id, ms };
  }
  return best;
}

/** The instant `rule`'s clock starts in this case, or what it is still waiting for. */
export function resolveStart(rule: DeadlineRule, ctx: AnchorContext): ResolvedStart {
  const anchor = rule.clockStart.anchor;
  switch (anchor) {
    case 'becoming_aware':
    case 'knew_or_should_have_known':
      return awarenessStart(ctx, null);
    case 'discovery':
    case 'discovery_or_notification':
    case 'incident_noticed':
      return discoveryStart(anchor, ctx);
    case 'end_of_calendar_year': {
      // The calculator moves the instant to the end of its year; the instant is discovery.
      const discovery = discoveryStart('discovery', ctx);
      return discovery.started
        ? {
            ...discovery,
            start: { ...discovery.start, basis: `discovery, by ${discovery.start.basis}` },
          }
        : discovery;
    }
    case 'notice_to_individuals_sent':
    case 'notice_to_regulator_sent':
    case 'before_notice_to_individuals': {
      const ids = predecessorsOf(rule);
      const given = earliestNotice(ids, ctx);
      if (given) {
        const what = anchor === 'notice_to_regulator_sent' ? 'the notice' : 'notice to individuals';
        return {
          started: true,
          start: { atMs: given.ms, basis: `${what} under ${given.id} given` },
          source: 'notice',
        };
      }
      const planned =
        anchor === 'before_notice_to_individuals' ? ctx.recorded.get(anchor) : undefined;
      if (planned) {
        return {
          started: true,
          start: { atMs: planned.atMs, basis: 'planned notice to individuals' },
          source: 'recorded',
        };
      }
      const names = ids.length > 0 ? ids.join(' or ') : 'the earlier notice';
      return { started: false, waitingFor: `${ANCHOR_LABELS[anchor]} (mark ${names} notified)` };
    }
    default: {
      const recorded = ctx.recorded.get(anchor);
      if (recorded) {
        return {
          started: true,
          start: { atMs: recorded.atMs, basis: ANCHOR_LABELS[anchor] },
          source: 'recorded',
        };
      }
      return { started: false, waitingFor: `${ANCHOR_LABELS[anchor]} (record when it happened)` };
    }
  }
}
