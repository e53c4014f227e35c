// `cairn deadlines …` and `cairn case aware`: what the case owes, to whom, by when; the facts
// and anchors that decide it; notices given and not-required decisions; and a stateless
// calculator for quick answers on the phone with counsel.
import { callOp } from '../../../api';
import type { Obligation } from '../../../shared/deadlines';
import { timeLeftWords } from '../../../shared/deadlines';
import { CairnError } from '../../../shared/errors';
import { optString, optStrings } from '../args';
import type { Command } from '../command';
import { anchorsPatch, durationMs, factsPatch, fraction, reminderPoints } from './deadlines-args';
import { describeCompute, describeDeadlines, describeSettings, utc } from './deadlines-format';

function obligationLine(o: Obligation): string {
  const due = o.clock?.due;
  const left =
    due && o.clock && o.clock.msLeft !== null ? `, ${timeLeftWords(o.clock.msLeft)}` : '';
  return `${o.rule.title} [${o.rule.id}]: ${o.status.replace('_', ' ')}${due ? ` (due ${utc(due.ms)}${left})` : ''}`;
}

export const deadlinesList: Command = {
  path: ['deadlines'],
  usage: 'cairn deadlines FILE [--all] [--now ISO] [--json]',
  summary: 'What the case owes, to whom, by when: every notification clock, questions, reminders',
  details:
    '--now evaluates status and reminders at another instant (reviews, tabletops). --all lists every question and every rule that does not apply, with its reason.\n' +
    'Also: cairn deadlines set-facts | mark | decide | compute | settings (each with --help), and cairn case aware.',
  options: { all: { type: 'boolean' }, now: { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', now: '--now' },
  async run({ positionals, values, ctx }) {
    const list = await callOp(
      'deadlines.list',
      { path: positionals[0], now: optString(values, 'now') },
      ctx,
    );
    return { json: list, human: describeDeadlines(list, { all: values['all'] === true }) };
  },
};

export const deadlinesSetFacts: Command = {
  path: ['deadlines', 'set-facts'],
  usage:
    'cairn deadlines set-facts FILE [--set FACT=VALUE]... [--unset FACT]... [--facts-json JSON] [--anchor NAME=ISO]... [--clear-anchor NAME]... [--reason TEXT] [--json]',
  summary: 'Answer the questions (case facts) and record clock anchors; audited',
  details: [
    'Facts: flags.NAME=yes|no, ruleAnswers.RULE=yes|no, affectedByJurisdiction.US-TX=300, totalAffected=N,',
    'affectedCountsComplete=yes|no, dataCategories=ssn,online_credentials, dataEncrypted=yes|no,',
    'encryptionKeyCompromised=yes|no, dataRole=owner|maintainer|both, riskOfHarm=high|likely|unlikely.',
    '--facts-json merges a JSON object (null removes a fact). Anchors: determination_of_breach,',
    'materiality_determination, discovery, … (`cairn deadlines FILE --json` lists them under anchors).',
  ].join('\n'),
  options: {
    set: { type: 'string', multiple: true },
    unset: { type: 'string', multiple: true },
    'facts-json': { type: 'string' },
    anchor: { type: 'string', multiple: true },
    'clear-anchor': { type: 'string', multiple: true },
    reason: { type: 'string' },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', facts: '--set', anchors: '--anchor', reason: '--reason' },
  async run({ positionals, values, ctx }) {
    let facts = factsPatch(optStrings(values, 'set'), optStrings(values, 'unset'));
    const json = optString(values, 'facts-json');
    if (json !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (err) {
        throw new CairnError('INVALID_INPUT', `--facts-json: not JSON (${(err as Error).message})`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new CairnError('INVALID_INPUT', '--facts-json: give a JSON object of facts');
      }
      facts = { ...(parsed as Record<string, unknown>), ...(facts ?? {}) };
    }
    const r = await callOp(
      'deadlines.setFacts',
      {
        path: positionals[0],
        facts,
        anchors: anchorsPatch(optStrings(values, 'anchor'), optStrings(values, 'clear-anchor')),
        reason: optString(values, 'reason'),
      },
      ctx,
    );
    // Rules that now apply (or changed otherwise) first; the many that dropped out as a count.
    const dropped = r.statusChanged.filter((c) => c.after === 'not_applicable');
    const live = r.statusChanged.filter((c) => c.after !== 'not_applicable');
    const lines = [
      r.timelineEntry
        ? `Saved (audit #${r.auditSeq}): ${r.timelineEntry.text}`
        : 'Nothing changed.',
      ...live.slice(0, 25).map((c) => `  ${c.ruleId}: ${c.before} → ${c.after}`),
      ...(live.length > 25 ? [`  … and ${live.length - 25} more`] : []),
      ...(dropped.length > 0 ? [`  ${dropped.length} rule(s) no longer apply`] : []),
      'Run `cairn deadlines FILE` to see every clock.',
    ];
    return { json: r, human: lines.join('\n') };
  },
};

export const deadlinesMark: Command = {
  path: ['deadlines', 'mark'],
  usage:
    'cairn deadlines mark FILE RULE --notified-at ISO --evidence TEXT | --undo --reason TEXT [--json]',
  summary: 'Record that a notice was given, with its evidence (met or late); audited',
  options: {
    'notified-at': { type: 'string' },
    evidence: { type: 'string' },
    undo: { type: 'boolean' },
    reason: { type: 'string' },
  },
  positionals: ['FILE', 'RULE'],
  minPositionals: 2,
  fieldNames: {
    path: 'FILE',
    ruleId: 'RULE',
    notifiedAt: '--notified-at',
    evidence: '--evidence',
    reason: '--reason',
  },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'deadlines.mark',
      {
        path: positionals[0],
        ruleId: positionals[1],
        notifiedAt: optString(values, 'notified-at'),
        evidence: optString(values, 'evidence'),
        undo: values['undo'] === true,
        reason: optString(values, 'reason'),
      },
      ctx,
    );
    return {
      json: r,
      human: `${obligationLine(r.obligation)}\n${r.timelineEntry.text}\n(audit #${r.auditSeq})`,
    };
  },
};

export const deadlinesDecide: Command = {
  path: ['deadlines', 'decide'],
  usage: 'cairn deadlines decide FILE RULE --rationale TEXT [--undo] [--json]',
  summary: 'Decide a notice is not required, with the rationale (or --undo that decision); audited',
  options: { rationale: { type: 'string' }, undo: { type: 'boolean' } },
  positionals: ['FILE', 'RULE'],
  minPositionals: 2,
  fieldNames: { path: 'FILE', ruleId: 'RULE', rationale: '--rationale' },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'deadlines.decide',
      {
        path: positionals[0],
        ruleId: positionals[1],
        notRequired: values['undo'] !== true,
        rationale: optString(values, 'rationale'),
      },
      ctx,
    );
    return {
      json: r,
      human: `${obligationLine(r.obligation)}\n${r.timelineEntry.text}\n(audit #${r.auditSeq})`,
    };
  },
};

export const deadlinesCompute: Command = {
  path: ['deadlines', 'compute'],
  usage:
    'cairn deadlines compute --rule ID --start ISO [--tz ZONE] [--jurisdiction-tz ZONE] [--now ISO] [--json]',
  summary: 'Compute one rule’s deadline from a start time, without a case file',
  options: {
    rule: { type: 'string' },
    start: { type: 'string' },
    tz: { type: 'string' },
    'jurisdiction-tz': { type: 'string' },
    now: { type: 'string' },
  },
  positionals: [],
  minPositionals: 0,
  fieldNames: {
    ruleId: '--rule',
    start: '--start',
    timezone: '--tz',
    jurisdictionZone: '--jurisdiction-tz',
    now: '--now',
  },
  async run({ values, ctx }) {
    const r = await callOp(
      'deadlines.compute',
      {
        ruleId: optString(values, 'rule'),
        start: optString(values, 'start'),
        timezone: optString(values, 'tz') ?? 'UTC',
        jurisdictionZone: optString(values, 'jurisdiction-tz'),
        now: optString(values, 'now'),
      },
      ctx,
    );
    return { json: r, human: `${describeCompute(r)}\n\n${r.disclaimer}` };
  },
};

export const deadlinesSettings: Command = {
  path: ['deadlines', 'settings'],
  usage:
    'cairn deadlines settings FILE [--remind 50%,80%,1h] [--due-soon 80%] [--due-soon-within 2h] [--internal-target 72h] [--eu-member-state DE] [--reset NAME]... [--json]',
  summary: 'Show or change the reminder points and due-soon threshold of a case',
  details:
    '--reset restores a default: reminders, due-soon, due-soon-within, internal-target, eu-member-state.',
  options: {
    remind: { type: 'string' },
    'due-soon': { type: 'string' },
    'due-soon-within': { type: 'string' },
    'internal-target': { type: 'string' },
    'eu-member-state': { type: 'string' },
    reset: { type: 'string', multiple: true },
  },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', euMemberState: '--eu-member-state' },
  async run({ positionals, values, ctx }) {
    const reset = new Set(optStrings(values, 'reset'));
    const pick = <T>(flag: string, name: string, parse: (t: string) => T): T | null | undefined => {
      if (reset.has(name)) return null;
      const text = optString(values, flag);
      return text === undefined ? undefined : parse(text);
    };
    const r = await callOp(
      'deadlines.configure',
      {
        path: positionals[0],
        reminderPoints: pick('remind', 'reminders', reminderPoints),
        dueSoonFraction: pick('due-soon', 'due-soon', (t) => fraction(t, '--due-soon')),
        dueSoonWithinMs: pick('due-soon-within', 'due-soon-within', (t) =>
          durationMs(t, '--due-soon-within'),
        ),
        internalTargetHours: pick(
          'internal-target',
          'internal-target',
          (t) => durationMs(t, '--internal-target') / 3_600_000,
        ),
        euMemberState: pick('eu-member-state', 'eu-member-state', (t) => t),
      },
      ctx,
    );
    return { json: r, human: describeSettings(r) };
  },
};

export const caseAware: Command = {
  path: ['case', 'aware'],
  usage: 'cairn case aware FILE --at ISO --reason TEXT [--json]',
  summary:
    'Set when the organisation became aware (audited); every notification clock is recomputed',
  options: { at: { type: 'string' }, reason: { type: 'string' } },
  positionals: ['FILE'],
  minPositionals: 1,
  fieldNames: { path: 'FILE', at: '--at', reason: '--reason' },
  async run({ positionals, values, ctx }) {
    const r = await callOp(
      'case.setAwareness',
      { path: positionals[0], at: optString(values, 'at'), reason: optString(values, 'reason') },
      ctx,
    );
    const moved = r.clocksMoved.slice(0, 10).map((m) => {
      const before = m.before ? utc(Date.parse(m.before)) : 'not started';
      const after = m.after ? utc(Date.parse(m.after)) : 'not started';
      return `  ${m.ruleId}: ${before} → ${after}`;
    });
    const more = r.clocksMoved.length > 10 ? [`  … and ${r.clocksMoved.length - 10} more`] : [];
    return {
      json: r,
      human: [`${r.timelineEntry.text} (audit #${r.auditSeq})`, ...moved, ...more].join('\n'),
    };
  },
};

export const DEADLINE_COMMANDS: readonly Command[] = [
  caseAware,
  deadlinesList,
  deadlinesSetFacts,
  deadlinesMark,
  deadlinesDecide,
  deadlinesCompute,
  deadlinesSettings,
];
