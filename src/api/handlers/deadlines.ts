// Breach-notification deadlines in the case: the awareness time, facts and clock anchors, the
// list of obligations, notices given and not-required decisions. Every change goes through the
// writer with its audit entry (including what moved) and a timeline entry counsel can read;
// every read recomputes clocks and statuses from those human inputs (src/deadlines/tracking.ts).
import { writeAnchor, writeAwareness, writeFacts } from '../../casefile/repos/deadlines';
import { appendTimeline, timelineAuditRecord } from '../../casefile/repos/timeline';
import type { WriteContext } from '../../casefile/writer';
import {
  isRecordableAnchor,
  recordedAnchorLabel,
  RECORDABLE_ANCHORS,
} from '../../deadlines/anchors';
import {
  anchorStates,
  countByStatus,
  diffViews,
  questionsFor,
  remindersDue,
  trackAll,
} from '../../deadlines/case-summary';
import { RULE_SET_PROVENANCE } from '../../deadlines/rules';
import { DEADLINE_DISCLAIMER } from '../../shared/deadlines';
import { CairnError } from '../../shared/errors';
import { parseInstant, toIso } from '../../shared/time';
import {
  describeFactChanges,
  instantWords,
  loadDeadlineState,
  mergeFacts,
  pastInstant,
} from './deadlines-state';
import { computeHandler, configureHandler } from './deadlines-settings';
import { decideHandler, markHandler } from './deadlines-obligations';
import type { Handlers } from './types';

/** The newest awareness decision still in force on the timeline, which a new one supersedes. */
function currentAwarenessEntry(w: WriteContext): number | null {
  const id = w.db
    .prepare(
      `SELECT id FROM timeline t WHERE kind = 'decision' AND text LIKE 'Awareness time set to %'
         AND NOT EXISTS (SELECT 1 FROM timeline s WHERE s.supersedes = t.id)
       ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get() as number | undefined;
  return id ?? null;
}

export const deadlineHandlers: Pick<
  Handlers,
  | 'case.setAwareness'
  | 'deadlines.list'
  | 'deadlines.setFacts'
  | 'deadlines.mark'
  | 'deadlines.decide'
  | 'deadlines.configure'
  | 'deadlines.compute'
> = {
  'case.setAwareness': (input, ctx) => {
    const file = ctx.cases.forWrite(input.path);
    const atMs = pastInstant(input.at, 'at', ctx.clock());
    return file.writer.write('case.setAwareness', ctx.actor, (w) => {
      const before = loadDeadlineState(w.db, file.path, w.nowMs);
      writeAwareness(w, atMs, input.reason);
      const after = loadDeadlineState(w.db, file.path, w.nowMs);
      const { clocksMoved, statusChanged } = diffViews(trackAll(before), trackAll(after));
      const zone = after.caseZone;
      const previous = before.awareness
        ? {
            at: toIso(before.awareness.atMs),
            setBy: before.awareness.setBy,
            reason: before.awareness.reason,
          }
        : null;
      const was = before.awareness
        ? `Was ${instantWords(before.awareness.atMs, zone)}, set by ${before.awareness.setBy}.`
        : 'It was not set before.';
      const entry = appendTimeline(w, {
        eventTimeMs: atMs,
        kind: 'decision',
        text:
          `Awareness time set to ${instantWords(atMs, zone)} by ${w.actor}: ${input.reason}. ${was} ` +
          `Every notification clock was recomputed: ${clocksMoved.length} due time(s) moved.`,
        supersedes: currentAwarenessEntry(w),
      });
      const awareness = { at: toIso(atMs), setBy: w.actor, reason: input.reason };
      return {
        audit: {
          awareness,
          previous,
          clocksMoved,
          statusChanged,
          entry: timelineAuditRecord(entry),
        },
        value: {
          awareness,
          previous,
          clocksMoved,
          statusChanged,
          timelineEntry: entry,
          auditSeq: w.auditSeq,
        },
      };
    });
  },

  'deadlines.list': (input, ctx) => {
    const file = ctx.cases.forRead(input.path);
    const nowMs = input.now === undefined ? ctx.clock() : parseInstant(input.now, 'now');
    const state = loadDeadlineState(file.db, file.path, nowMs);
    const obligations = trackAll(state);
    return {
      path: file.path,
      now: toIso(nowMs),
      caseZone: state.caseZone,
      awareness: state.awareness
        ? {
            at: toIso(state.awareness.atMs),
            setBy: state.awareness.setBy,
            reason: state.awareness.reason,
          }
        : null,
      facts: state.facts,
      anchors: anchorStates(state, obligations),
      settings: state.settings,
      ruleSet: { ...RULE_SET_PROVENANCE },
      counts: countByStatus(obligations),
      obligations,
      questions: questionsFor(obligations),
      reminders: remindersDue(obligations, nowMs),
      disclaimer: DEADLINE_DISCLAIMER,
    };
  },

  'deadlines.setFacts': (input, ctx) => {
    const anchorPatch = Object.entries(input.anchors ?? {});
    if (input.facts === undefined && anchorPatch.length === 0) {
      throw new CairnError(
        'INVALID_INPUT',
        'facts: give facts to merge or anchors to record',
        'e.g. {"facts": {"riskOfHarm": "likely"}} or {"anchors": {"determination_of_breach": "2026-03-28T10:00:00Z"}}',
      );
    }
    const nowMs = ctx.clock();
    const anchors = anchorPatch.map(([name, at]) => {
      if (name === 'becoming_aware' || name === 'knew_or_should_have_known') {
        throw new CairnError(
          'INVALID_INPUT',
          `anchors.${name}: this is the awareness time; set it with case.setAwareness (cairn case aware)`,
        );
      }
      if (!isRecordableAnchor(name)) {
        throw new CairnError(
          'INVALID_INPUT',
          `anchors.${name}: not a clock anchor you can record`,
          `one of: ${RECORDABLE_ANCHORS.join(', ')}`,
        );
      }
      return { name, atMs: at === null ? null : pastInstant(at, `anchors.${name}`, nowMs) };
    });
    const reason = input.reason?.trim() || null;
    const file = ctx.cases.forWrite(input.path);
    return file.writer.write('deadlines.setFacts', ctx.actor, (w) => {
      const before = loadDeadlineState(w.db, file.path, w.nowMs);
      const facts = input.facts ? mergeFacts(before.facts, input.facts) : before.facts;
      const factChanges = describeFactChanges(before.facts, facts);
      if (input.facts) writeFacts(w, facts);
      const zone = before.caseZone;
      const parts: string[] = [];
      const anchorAudit = anchors.map((a) => {
        const was = before.recorded.get(a.name);
        writeAnchor(w, a.name, a.atMs, reason);
        const label = recordedAnchorLabel(a.name);
        parts.push(
          a.atMs === null
            ? `clock anchor removed: ${label}${was ? ` (was ${instantWords(was.atMs, zone)})` : ''}`
            : `clock anchor recorded: ${label} at ${instantWords(a.atMs, zone)}${was ? ` (was ${toIso(was.atMs)})` : ''}`,
        );
        return {
          anchor: a.name,
          at: a.atMs === null ? null : toIso(a.atMs),
          previous: was ? toIso(was.atMs) : null,
        };
      });
      if (factChanges.length > 0) {
        const more = factChanges.length > 12 ? `; and ${factChanges.length - 12} more` : '';
        parts.push(`case facts updated: ${factChanges.slice(0, 12).join('; ')}${more}`);
      }
      const after = loadDeadlineState(w.db, file.path, w.nowMs);
      const afterView = trackAll(after);
      const diff = diffViews(trackAll(before), afterView);
      // One timeline entry per write (verify pairs each row with its audit entry). A single
      // anchor lands on the timeline at the instant it happened; anything else at the change.
      const only = anchors.length === 1 && factChanges.length === 0 ? anchors[0] : undefined;
      const entry =
        parts.length === 0
          ? null
          : appendTimeline(w, {
              eventTimeMs: only?.atMs ?? w.nowMs,
              kind: 'decision',
              text:
                `Deadline facts changed by ${w.actor}${reason ? ` (${reason})` : ''}: ${parts.join('; ')}. ` +
                `${diff.statusChanged.length} notification obligation(s) changed status; ` +
                `${diff.clocksMoved.length} due time(s) moved.`,
            });
      return {
        audit: {
          factChanges,
          facts,
          anchors: anchorAudit,
          reason,
          statusChanged: diff.statusChanged,
          clocksMoved: diff.clocksMoved,
          ...(entry ? { entry: timelineAuditRecord(entry) } : {}),
        },
        value: {
          facts,
          anchors: anchorStates(after, afterView),
          statusChanged: diff.statusChanged,
          clocksMoved: diff.clocksMoved,
          timelineEntry: entry,
          auditSeq: w.auditSeq,
        },
      };
    });
  },

  'deadlines.mark': markHandler,
  'deadlines.decide': decideHandler,
  'deadlines.configure': configureHandler,
  'deadlines.compute': computeHandler,
};
