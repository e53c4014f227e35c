// Notices given and not-required decisions: the two things a person records per obligation.
// Each is one audited write with one timeline entry (a `notification` for a notice, a `decision`
// otherwise) that says what Cairn computed at that moment: due time, on time or late.
import { writeDecision, writeNotice } from '../../casefile/repos/deadlines';
import { appendTimeline, timelineAuditRecord } from '../../casefile/repos/timeline';
import { getRule } from '../../deadlines/rules';
import { trackRule, type DecisionRecord, type NoticeRecord } from '../../deadlines/tracking';
import { formatDuration, type Obligation } from '../../shared/deadlines';
import { CairnError } from '../../shared/errors';
import { toIso } from '../../shared/time';
import { instantWords, loadDeadlineState, pastInstant, snapshotOf } from './deadlines-state';
import type { Handlers } from './types';

function judgement(o: Obligation, zone: string): string {
  const due = o.clock?.due;
  if (!o.notice) return '';
  if (o.notice.onTime === true && due) return `On time: due ${instantWords(due.ms, zone)}.`;
  if (o.notice.onTime === false && due) {
    return `LATE by ${formatDuration(o.notice.lateByMs ?? 0)}: due ${instantWords(due.ms, zone)}.`;
  }
  if (due && !o.clock?.isLegalDeadline) {
    return `No fixed legal deadline (internal target was ${toIso(due.ms)}).`;
  }
  return 'No due time to judge it against (the clock had not started).';
}

function applicabilityNote(o: Obligation): string {
  switch (o.applicability) {
    case 'applicable':
      return '';
    case 'not_applicable':
      return ` Cairn had this rule as not applicable: ${o.notApplicableReason ?? 'see the facts'}.`;
    case 'needs_answer':
      return ' Cairn still needs answers to decide whether this rule applies.';
  }
}

export const markHandler: Handlers['deadlines.mark'] = (input, ctx) => {
  const rule = getRule(input.ruleId);
  const nowMs = ctx.clock();
  let notice: { atMs: number; evidence: string } | null = null;
  if (input.undo) {
    if (!input.reason) {
      throw new CairnError('INVALID_INPUT', 'reason: say why the recorded notice is withdrawn');
    }
  } else {
    if (!input.notifiedAt) {
      throw new CairnError(
        'INVALID_INPUT',
        'notifiedAt: give when the notice was given (ISO time)',
      );
    }
    if (!input.evidence) {
      throw new CairnError(
        'INVALID_INPUT',
        'evidence: say what proves the notice (portal receipt, email id, letter reference)',
      );
    }
    notice = { atMs: pastInstant(input.notifiedAt, 'notifiedAt', nowMs), evidence: input.evidence };
  }
  const file = ctx.cases.forWrite(input.path);
  return file.writer.write('deadlines.mark', ctx.actor, (w) => {
    const state = loadDeadlineState(w.db, file.path, w.nowMs);
    const previous = state.notices.get(rule.id);
    if (input.undo && !previous) {
      throw new CairnError(
        'NOT_FOUND',
        `${rule.id}: no notice is recorded, so none can be withdrawn`,
      );
    }
    const notices = new Map<string, NoticeRecord>(state.notices);
    if (notice) {
      notices.set(rule.id, { ...notice, recordedBy: w.actor, recordedAtMs: w.nowMs });
    } else {
      notices.delete(rule.id);
    }
    const obligation = trackRule(rule, { ...state, notices });
    writeNotice(w, rule.id, notice, snapshotOf(obligation));
    const zone = state.caseZone;
    const title = `${obligation.rule.title} (${rule.id})`;
    const entry = notice
      ? appendTimeline(w, {
          eventTimeMs: notice.atMs,
          kind: 'notification',
          text:
            `Notice given: ${title} at ${instantWords(notice.atMs, zone)}; recorded by ${w.actor}` +
            `${previous ? ` (corrects the earlier record: ${toIso(previous.atMs)})` : ''}. ` +
            `Evidence: ${notice.evidence}. ${judgement(obligation, zone)}${applicabilityNote(obligation)}`,
          refs: [{ type: 'deadline', id: rule.id }],
        })
      : appendTimeline(w, {
          eventTimeMs: w.nowMs,
          kind: 'decision',
          text: `Recorded notice withdrawn by ${w.actor}: ${title}, recorded as given at ${toIso(previous!.atMs)}. Reason: ${input.reason}.`,
          refs: [{ type: 'deadline', id: rule.id }],
        });
    return {
      audit: {
        ruleId: rule.id,
        notice: notice ? { at: toIso(notice.atMs), evidence: notice.evidence } : null,
        previous: previous ? { at: toIso(previous.atMs), evidence: previous.evidence } : null,
        reason: input.undo ? (input.reason ?? null) : null,
        status: obligation.status,
        due: obligation.clock?.due?.iso ?? null,
        entry: timelineAuditRecord(entry),
      },
      value: { obligation, timelineEntry: entry, auditSeq: w.auditSeq },
    };
  });
};

export const decideHandler: Handlers['deadlines.decide'] = (input, ctx) => {
  const rule = getRule(input.ruleId);
  const file = ctx.cases.forWrite(input.path);
  return file.writer.write('deadlines.decide', ctx.actor, (w) => {
    const state = loadDeadlineState(w.db, file.path, w.nowMs);
    const previous = state.decisions.get(rule.id);
    const given = state.notices.get(rule.id);
    if (input.notRequired && given) {
      throw new CairnError(
        'CONFLICT',
        `${rule.id}: a notice is recorded as given at ${toIso(given.atMs)}; withdraw it first if it was recorded by mistake`,
        `cairn deadlines mark FILE ${rule.id} --undo --reason TEXT`,
      );
    }
    if (!input.notRequired && !previous) {
      throw new CairnError(
        'NOT_FOUND',
        `${rule.id}: no not-required decision is recorded, so none can be withdrawn`,
      );
    }
    const decisions = new Map<string, DecisionRecord>(state.decisions);
    if (input.notRequired) {
      decisions.set(rule.id, {
        rationale: input.rationale,
        decidedBy: w.actor,
        decidedAtMs: w.nowMs,
      });
    } else {
      decisions.delete(rule.id);
    }
    const obligation = trackRule(rule, { ...state, decisions });
    writeDecision(w, rule.id, input.notRequired ? input.rationale : null, snapshotOf(obligation));
    const title = `${obligation.rule.title} (${rule.id})`;
    const assessed =
      obligation.applicability === 'applicable'
        ? ' Cairn had assessed this rule as applicable.'
        : obligation.applicability === 'needs_answer'
          ? ' Cairn still needed answers to decide whether it applies.'
          : '';
    const entry = appendTimeline(w, {
      eventTimeMs: w.nowMs,
      kind: 'decision',
      text: input.notRequired
        ? `Decided not required by ${w.actor}: ${title}. Rationale: ${input.rationale}.${previous ? ` Replaces the earlier rationale: ${previous.rationale}.` : ''}${assessed}`
        : `Not-required decision withdrawn by ${w.actor}: ${title}. Reason: ${input.rationale}. The obligation is tracked again.`,
      refs: [{ type: 'deadline', id: rule.id }],
    });
    return {
      audit: {
        ruleId: rule.id,
        notRequired: input.notRequired,
        rationale: input.rationale,
        previous: previous
          ? { rationale: previous.rationale, decidedBy: previous.decidedBy }
          : null,
        status: obligation.status,
        applicability: obligation.applicability,
        entry: timelineAuditRecord(entry),
      },
      value: { obligation, timelineEntry: entry, auditSeq: w.auditSeq },
    };
  });
};
