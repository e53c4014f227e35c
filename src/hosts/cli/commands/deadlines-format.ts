// Human output of `cairn deadlines`, for a tired responder and for counsel: reminders first, then
// the clocks that run first (due in UTC and the case's zone, time left, status, who is notified,
// citation and confidence), what still waits for a clock start, the questions to answer, what
// is done, and the reminder to confirm with counsel.
import {
  timeLeftWords,
  type Clock,
  type ComputeResult,
  type DeadlineList,
  type EffectiveDeadlineSettings,
  type Obligation,
  type ObligationStatus,
  type Question,
} from '../../../shared/deadlines';
import { formatInZone } from '../../../shared/time';

const STATUS_LABELS: Record<ObligationStatus, string> = {
  overdue: 'OVERDUE',
  due_soon: 'DUE SOON',
  open: 'OPEN',
  waiting: 'WAITING',
  needs_answer: 'NEEDS ANSWER',
  late: 'LATE',
  met: 'MET',
  not_required: 'NOT REQUIRED',
  not_applicable: 'N/A',
};

const INDENT = ' '.repeat(14);

/** "2026-03-30 23:30 UTC" (seconds only when not zero). */
export function utc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(17, 23) === '00.000' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs} UTC`;
}

function zoned(ms: number, zone: string): string {
  return `${formatInZone(ms, zone)} ${zone}`;
}

/** Due line: UTC, the case's zone, and the jurisdiction's zone when it is a third one. */
export function dueLine(clock: Clock): string {
  const due = clock.due;
  if (!due) return `${INDENT}no due time yet: waiting for ${clock.waitingFor ?? clock.anchorLabel}`;
  const parts = [utc(due.ms)];
  if (clock.caseZone !== 'UTC') parts.push(zoned(due.ms, clock.caseZone));
  // The jurisdiction's zone only when its wall clock reads differently (end of day N there).
  if (clock.jurisdictionZone !== 'UTC' && due.inJurisdictionZone !== due.inCaseZone) {
    parts.push(`${zoned(due.ms, clock.jurisdictionZone)} (jurisdiction)`);
  }
  const what = clock.isLegalDeadline ? 'due' : 'internal target (not a legal deadline)';
  const left = clock.msLeft === null ? '' : ` — ${timeLeftWords(clock.msLeft)}`;
  return `${INDENT}${what} ${parts.join(' | ')}${left}`;
}

function ruleLines(o: Obligation): string[] {
  const r = o.rule;
  return [
    `${INDENT}notify: ${r.notify.map((n) => n.name).join('; ')}`,
    `${INDENT}${r.citation} — research as of ${r.asOf}, confidence ${r.confidence}`,
  ];
}

function clockBlock(o: Obligation): string[] {
  const c = o.clock;
  const lines = [`  ${STATUS_LABELS[o.status].padEnd(11)} ${o.rule.title}  [${o.rule.id}]`];
  if (c) {
    lines.push(dueLine(c));
    if (c.basis && c.start) lines.push(`${INDENT}clock started ${utc(c.start.ms)} (${c.basis})`);
  }
  lines.push(...ruleLines(o));
  for (const caveat of c?.caveats ?? []) lines.push(`${INDENT}! ${caveat}`);
  return lines;
}

function doneBlock(o: Obligation): string {
  const head = `  ${STATUS_LABELS[o.status].padEnd(11)} ${o.rule.title}  [${o.rule.id}]`;
  if (o.notice) {
    const due = o.clock?.due ? `; due ${utc(o.clock.due.ms)}` : '';
    return `${head}\n${INDENT}notified ${utc(Date.parse(o.notice.at))}${due}; evidence: ${o.notice.evidence} (recorded by ${o.notice.recordedBy})`;
  }
  if (o.decision) {
    return `${head}\n${INDENT}decided by ${o.decision.decidedBy} at ${utc(Date.parse(o.decision.decidedAt))}: ${o.decision.rationale}`;
  }
  return head;
}

/** How to answer a question with `cairn deadlines set-facts`. */
export function answerHint(q: Question): string {
  switch (q.input) {
    case 'yes_no':
      return `--set ${q.fact}=yes|no`;
    case 'count':
      return `--set ${q.fact}=N`;
    case 'counts_by_jurisdiction':
      return '--set affectedByJurisdiction.US-XX=N (per state; add --set affectedCountsComplete=yes when the list is complete)';
    case 'choice':
      return `--set ${q.fact}=${q.choices.join('|')}`;
    case 'categories':
      return `--set ${q.fact}=TYPE,TYPE (e.g. ssn,online_credentials)`;
  }
}

function questionBlock(q: Question, i: number, nowMs: number): string[] {
  const n = q.ruleIds.length;
  const due = q.earliestDue ? Date.parse(q.earliestDue.due) : null;
  const first =
    q.earliestDue && due !== null
      ? `; if it applies, the earliest is ${timeLeftWords(due - nowMs)} (${utc(due)}, ${q.earliestDue.ruleId})`
      : '';
  return [
    `  ${String(i + 1).padStart(2)}. ${q.question}`,
    `      ${answerHint(q)}   — decides ${n} rule${n === 1 ? '' : 's'}${first}`,
  ];
}

const RUNNING: readonly ObligationStatus[] = ['overdue', 'due_soon', 'open'];
const DONE: readonly ObligationStatus[] = ['late', 'met', 'not_required'];

export function describeDeadlines(list: DeadlineList, opts: { all: boolean }): string {
  const out: string[] = [];
  const aware = list.awareness
    ? `${utc(Date.parse(list.awareness.at))} (${zoned(Date.parse(list.awareness.at), list.caseZone)}), set by ${list.awareness.setBy}${list.awareness.reason ? `: ${list.awareness.reason}` : ''}`
    : 'NOT SET — set it now: `cairn case aware FILE --at ISO --reason TEXT` (most clocks run from it)';
  out.push(
    `Notification deadlines as of ${utc(Date.parse(list.now))} — case zone ${list.caseZone}`,
  );
  out.push(`Aware at  ${aware}`);
  if (list.reminders.length > 0) {
    out.push('', ...list.reminders.map((r) => r.message));
  }
  const of = (statuses: readonly ObligationStatus[]): Obligation[] =>
    list.obligations.filter((o) => statuses.includes(o.status));
  const running = of(RUNNING);
  out.push('', `Clocks running (${running.length}), the one due first on top:`);
  if (running.length === 0) out.push('  none');
  for (const o of running) out.push(...clockBlock(o));
  const waiting = of(['waiting']);
  if (waiting.length > 0) {
    out.push('', `Applies, clock not started (${waiting.length}):`);
    for (const o of waiting) {
      out.push(`  WAITING     ${o.rule.title}  [${o.rule.id}]`);
      out.push(`${INDENT}starts at ${o.clock?.waitingFor ?? o.clock?.anchorLabel ?? 'its anchor'}`);
    }
  }
  const questions = opts.all ? list.questions : list.questions.slice(0, 15);
  if (list.questions.length > 0) {
    const pending = list.counts.needs_answer;
    out.push(
      '',
      `Needs an answer: ${pending} rule(s) wait on ${list.questions.length} question(s), the most urgent first.`,
      '  Answer with `cairn deadlines set-facts FILE --set FACT=VALUE`:',
    );
    questions.forEach((q, i) => out.push(...questionBlock(q, i, Date.parse(list.now))));
    if (questions.length < list.questions.length) {
      out.push(`  … and ${list.questions.length - questions.length} more (--all lists them)`);
    }
  }
  const done = of(DONE);
  if (done.length > 0) {
    out.push('', `Done (${done.length}):`, ...done.map(doneBlock));
  }
  const na = of(['not_applicable']);
  out.push(
    '',
    `Not applicable: ${na.length} rule(s)${opts.all ? ':' : ' (--all lists them with the reason)'}`,
  );
  if (opts.all) {
    for (const o of na) out.push(`  N/A         [${o.rule.id}] ${o.notApplicableReason ?? ''}`);
  }
  out.push('', list.disclaimer);
  return out.join('\n');
}

export function describeCompute(r: ComputeResult): string {
  const c = r.clock;
  const lines = [
    `${r.rule.title}  [${r.rule.id}]`,
    `Start     ${utc(c.start?.ms ?? 0)} (${c.basis ?? c.anchorLabel})`,
    dueLine(c).replace(INDENT, 'Due       '),
    `Notify    ${r.rule.notify.map((n) => n.name).join('; ')}`,
    `Rule      ${r.rule.deadline.qualifier}`,
    `Citation  ${r.rule.citation} — research as of ${r.rule.asOf}, confidence ${r.rule.confidence}`,
    ...r.reminders.map(
      (m) => `Reminder  ${utc(m.atMs)} (${m.label})${m.isPast ? ' — passed' : ''}`,
    ),
    '',
    c.explanation,
    ...c.caveats.map((x) => `! ${x}`),
  ];
  return lines.join('\n');
}

export function describeSettings(s: EffectiveDeadlineSettings): string {
  const points = s.reminderPoints
    .map((p) =>
      p.kind === 'fraction'
        ? `${Math.round(p.fraction * 100)}%`
        : `${p.ms / 60_000} min before due`,
    )
    .join(', ');
  const mark = (k: string): string => (s.configured.includes(k) ? '' : ' (default)');
  return [
    `Reminders        ${points}${mark('reminderPoints')}`,
    `Due soon         at ${Math.round(s.dueSoonFraction * 100)}% of the window${mark('dueSoonFraction')}${s.dueSoonWithinMs ? `, or ${s.dueSoonWithinMs / 60_000} min before due` : ''}`,
    `Internal target  ${s.internalTargetHours} h after the clock starts, for rules with no fixed limit${mark('internalTargetHours')}`,
    `EU rules         ${s.euZone}${s.euMemberState ? ` (lead authority in ${s.euMemberState})` : ' (default: Brussels)'}`,
  ].join('\n');
}
