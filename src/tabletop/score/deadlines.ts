// Deadlines: did the team start the notification clocks, owe what the truth says it owes, get
// the due times right, and give the notices in time. Four equal quarters:
//   awareness  an awareness time is set (it starts every clock);
//   applicable the rules the team's facts make applicable against the truth's (F1 of the two);
//   due times  for each rule the truth makes applicable, the team's due instant against the
//              deadline calculator's on the truth's facts with the team's awareness (within a
//              minute counts);
//   notices    each rule the truth makes applicable has a notice recorded, on time where the law
//              sets a time.
// A scenario with no applicable rule needs only the awareness time for full marks on the rest.
import type { Obligation } from '../../shared/deadlines';
import type { ScoreMetric } from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { iso, metric, missing, percent, some, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';

const HEAD: MetricHead = {
  id: 'deadlines',
  title: 'Notification deadlines',
  unit: 'percent',
  target: 100,
  targetText:
    'awareness set, the applicable rules found, every due time right, every notice given in time',
};

const applicable = (list: readonly Obligation[]): Set<string> =>
  new Set(list.filter((o) => o.applicability === 'applicable').map((o) => o.rule.id));

function f1(mine: Set<string>, want: Set<string>): number {
  if (want.size === 0 && mine.size === 0) return 1;
  const hits = [...mine].filter((x) => want.has(x)).length;
  if (hits === 0) return 0;
  const p = hits / mine.size;
  const r = hits / want.size;
  return (2 * p * r) / (p + r);
}

export function scoreDeadlines(pc: ParticipantCase, truth: Truth): ScoreMetric {
  const want = new Set(truth.obligations.applicable.map((a) => a.ruleId));
  if (!pc.deadlines)
    return missing(HEAD, 'The case’s notification assessment could not be read.', {
      truthApplicable: [...want],
    });
  const team = new Map(pc.deadlines.team.map((o) => [o.rule.id, o]));
  const expected = new Map(pc.deadlines.truthFacts.map((o) => [o.rule.id, o]));
  const mine = applicable(pc.deadlines.team);

  const aware = pc.awareness !== null;
  const applicableRatio = f1(mine, want);
  const missedRules = [...want].filter((id) => !mine.has(id));
  const extraRules = [...mine].filter((id) => !want.has(id));

  const dueChecks = [...want].flatMap((id) => {
    const due = expected.get(id)?.clock?.due?.ms;
    if (due === undefined) return [];
    const got = team.get(id);
    const mineDue = got?.applicability === 'applicable' ? got.clock?.due?.ms : undefined;
    return [{ id, due, ok: mineDue !== undefined && Math.abs(mineDue - due) <= 60_000 }];
  });
  const dueRatio =
    want.size === 0
      ? 1
      : dueChecks.length
        ? dueChecks.filter((d) => d.ok).length / dueChecks.length
        : 0;
  const wrongDue = dueChecks.filter((d) => !d.ok).map((d) => d.id);

  const notices = [...want].map((id) => {
    const n = team.get(id)?.notice;
    return {
      id,
      ok: n !== null && n !== undefined && n.onTime !== false,
      late: n?.onTime === false,
    };
  });
  const noticeRatio = want.size === 0 ? 1 : notices.filter((n) => n.ok).length / want.size;
  const late = notices.filter((n) => n.late).map((n) => n.id);
  const unsent = notices.filter((n) => !n.ok && !n.late).map((n) => n.id);

  const score = 25 * (aware ? 1 : 0) + 25 * applicableRatio + 25 * dueRatio + 25 * noticeRatio;
  const dueText =
    want.size === 0
      ? 'no due time to compute'
      : !aware
        ? 'no clock runs without an awareness time'
        : `${dueChecks.length - wrongDue.length} of ${dueChecks.length} due time(s) match the calculator on the truth's facts${wrongDue.length ? ` (not: ${some(wrongDue)})` : ''}`;
  const explanation = [
    aware
      ? `Awareness set to ${iso(pc.awareness!.atMs)}${pc.awareness!.entryId !== null ? ` (timeline entry #${pc.awareness!.entryId})` : ''}`
      : 'Awareness never set',
    `${[...mine].filter((id) => want.has(id)).length} of the truth's ${want.size} applicable rule(s) found${missedRules.length ? ` (missing ${some(missedRules)})` : ''}${extraRules.length ? `, ${extraRules.length} more than the truth` : ''}`,
    dueText,
    want.size === 0
      ? 'no notice owed'
      : `${notices.filter((n) => n.ok).length} of ${want.size} notice(s) given in time${late.length ? ` (late: ${some(late)})` : ''}`,
  ].join('; ');
  return metric(HEAD, {
    value: Math.round(score),
    score,
    explanation: `${explanation}.`,
    evidence: {
      timeline: pc.awareness && pc.awareness.entryId !== null ? [pc.awareness.entryId] : [],
    },
    parts: [
      ['Awareness', aware ? iso(pc.awareness!.atMs) : 'not set'],
      ['Applicable rules (F1 against the truth)', percent(applicableRatio)],
      ['Due times right', percent(dueRatio)],
      ['Notices in time', percent(noticeRatio)],
      ['Truth applicable', want.size ? [...want].join(', ') : 'none'],
      ['Team applicable', mine.size ? [...mine].join(', ') : 'none'],
    ],
    data: {
      awareness: aware ? iso(pc.awareness!.atMs) : null,
      applicableF1: applicableRatio,
      dueTimesRight: dueRatio,
      noticesInTime: noticeRatio,
      truthApplicable: [...want],
      teamApplicable: [...mine],
      wrongDueTimes: wrongDue,
      lateNotices: late,
      noticesNotGiven: unsent,
    },
  });
}
