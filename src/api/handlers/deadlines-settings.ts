// The tracker's per-case settings (reminder points, due-soon threshold, internal target, the EU
// lead authority's state), kept in case_info.settings under `deadlines`; and the stateless
// calculator behind `cairn deadlines compute`.
import { readSettings } from '../../analysis/context';
import { computeDeadline } from '../../deadlines/calculator';
import { DEFAULT_REMINDER_POINTS, reminderSchedule } from '../../deadlines/reminders';
import { getRule } from '../../deadlines/rules';
import { effectiveSettings, ruleSummary, toClock } from '../../deadlines/tracking';
import { ANCHOR_LABELS } from '../../deadlines/vocabulary';
import { DEADLINE_DISCLAIMER } from '../../shared/deadlines';
import type { CaseSettings, DeadlineSettings } from '../../shared/domain';
import { CairnError } from '../../shared/errors';
import { isValidTimeZone, parseInstant, toIso } from '../../shared/time';
import type { Handlers } from './types';

const KEYS = [
  'reminderPoints',
  'dueSoonFraction',
  'dueSoonWithinMs',
  'internalTargetHours',
  'euMemberState',
] as const satisfies ReadonlyArray<keyof DeadlineSettings>;

export const configureHandler: Handlers['deadlines.configure'] = (input, ctx) => {
  const changing = KEYS.filter((k) => input[k] !== undefined);
  if (changing.length === 0) {
    return effectiveSettings(readSettings(ctx.cases.forRead(input.path).db).deadlines);
  }
  const file = ctx.cases.forWrite(input.path);
  return file.writer.write('deadlines.configure', ctx.actor, (w) => {
    const settings = readSettings(w.db);
    const previous = settings.deadlines;
    const next: DeadlineSettings = { ...previous };
    for (const key of changing) {
      // Each key's input schema matches the stored one; undefined keys were filtered out.
      (next as Record<string, unknown>)[key] = input[key];
    }
    const effective = effectiveSettings(next); // refuses an unknown EU member state
    const all: CaseSettings = { ...settings, deadlines: next };
    w.db.prepare('UPDATE case_info SET settings = ? WHERE id = 1').run(JSON.stringify(all));
    return { audit: { deadlines: next, previous, changed: changing }, value: effective };
  });
};

export const computeHandler: Handlers['deadlines.compute'] = (input, ctx) => {
  const rule = getRule(input.ruleId);
  for (const [field, zone] of [
    ['timezone', input.timezone],
    ['jurisdictionZone', input.jurisdictionZone],
  ] as const) {
    if (zone !== undefined && !isValidTimeZone(zone)) {
      throw new CairnError(
        'INVALID_INPUT',
        `${field}: "${zone}" is not an IANA time zone`,
        'use a name like UTC, Europe/Berlin or America/New_York',
      );
    }
  }
  const atMs = parseInstant(input.start, 'start');
  const nowMs = input.now === undefined ? ctx.clock() : parseInstant(input.now, 'now');
  const start = { atMs, basis: ANCHOR_LABELS[rule.clockStart.anchor] };
  const result = computeDeadline(rule, start, {
    caseZone: input.timezone,
    ...(input.internalTargetHours !== undefined
      ? { internalTargetHours: input.internalTargetHours }
      : {}),
    ...(input.jurisdictionZone !== undefined ? { jurisdictionZone: input.jurisdictionZone } : {}),
  });
  const clock = toClock(result, { started: true, start, source: 'recorded' }, nowMs);
  const window =
    clock.start && clock.due && clock.due.ms > clock.start.ms
      ? { startMs: clock.start.ms, dueMs: clock.due.ms }
      : null;
  return {
    rule: ruleSummary(rule),
    clock,
    now: toIso(nowMs),
    reminders: window
      ? reminderSchedule(window, nowMs, DEFAULT_REMINDER_POINTS).map((r) => ({
          at: r.iso,
          atMs: r.atMs,
          label: r.label,
          isPast: r.isPast,
        }))
      : [],
    disclaimer: DEADLINE_DISCLAIMER,
  };
};
