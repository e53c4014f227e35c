// The executive summary of a legal export, in sentences a non-engineer can read: what happened,
// the exposure windows, the data involved, the people affected, and which notifications are due
// when. Facts that were never recorded are said to be unknown, never guessed.
import type { CaseInfoRow } from '../casefile/repos/case-info';
import type { UnifiedEntry } from '../shared/timeline';
import type { ExportFinding } from './model';
import { inline } from './time-text';

export interface NotificationItem {
  obligation: string;
  recipient: string | null;
  due: string | null;
  status: string;
  notifiedAt: string | null;
  basis: string | null;
}

export type NotificationStatus =
  | { state: 'none'; note: string }
  | {
      state: 'assessed';
      /** Obligations that apply on the recorded facts. */
      items: NotificationItem[];
      /** Rules that may apply once open questions are answered. */
      pending: { rules: number; questions: string[] };
      notApplicable: number;
      note: string;
    };

export const NO_NOTIFICATION_ASSESSMENT = 'No notification assessment recorded in this case.';

export interface ExportSummary {
  whatHappened: string[];
  keyMoments: { at: string; text: string; finding: string }[];
  exposureWindows: { findingId: number; title: string; moments: { at: string; text: string }[] }[];
  dataInvolved: string;
  affectedPeople: string;
  notifications: NotificationStatus;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? new Date(v).toISOString() : null;

/** The first value found at any of these dotted paths. */
function at(o: Obj, paths: string[]): unknown {
  for (const path of paths) {
    let v: unknown = o;
    for (const part of path.split('.')) v = isObj(v) ? v[part] : undefined;
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function recipients(d: Obj): string | null {
  const direct = asText(at(d, ['recipient', 'authority']));
  if (direct) return direct;
  const notify = at(d, ['rule.notify', 'notify']);
  if (!Array.isArray(notify)) return asText(notify);
  const names = notify.map((n) => (isObj(n) ? asText(n['name']) : asText(n))).filter(Boolean);
  return names.length ? names.join(', ') : null;
}

/**
 * Reads what `deadlines.list` returns (obligations with rule, clock, status and notice) into the
 * summary's shape. It reads by field name and tolerates absent fields, so the export keeps saying
 * what it can while the deadline tracker evolves on its own.
 */
export function notificationsFrom(output: unknown): NotificationStatus {
  const list = isObj(output) ? at(output, ['obligations', 'deadlines', 'items']) : output;
  if (!Array.isArray(list) || list.length === 0)
    return { state: 'none', note: NO_NOTIFICATION_ASSESSMENT };
  const all = list.filter(isObj);
  const applicability = (d: Obj): string => asText(d['applicability']) ?? 'applicable';
  const applicable = all.filter((d) => applicability(d) === 'applicable');
  const pending = all.filter((d) => applicability(d) === 'needs_answer');
  const questions = isObj(output) && Array.isArray(output['questions']) ? output['questions'] : [];
  const items = applicable.map((d) => ({
    obligation:
      asText(at(d, ['title', 'rule.title', 'name', 'ruleId', 'rule.id'])) ?? 'notification',
    recipient: recipients(d),
    due: asText(at(d, ['due.iso', 'clock.due.iso', 'dueAt', 'due'])),
    status: asText(at(d, ['status', 'state'])) ?? 'unknown',
    notifiedAt: asText(at(d, ['notice.at', 'notifiedAt'])),
    basis: asText(at(d, ['clock.explanation', 'explanation', 'basis'])),
  }));
  const disclaimer = isObj(output) ? asText(output['disclaimer']) : null;
  return {
    state: 'assessed',
    items: items.sort((a, b) => (a.due ?? '9').localeCompare(b.due ?? '9')),
    pending: {
      rules: pending.length,
      questions: questions
        .filter(isObj)
        .map((q) => asText(q['question']))
        .filter((q): q is string => q !== null),
    },
    notApplicable: all.length - applicable.length - pending.length,
    note: `From the case’s notification assessment (cairn deadlines). ${disclaimer ?? 'Confirm every obligation with counsel.'}`,
  };
}

function factsLines(facts: Obj): { data: string; people: string } {
  const cats = Array.isArray(facts['dataCategories'])
    ? facts['dataCategories'].filter((c): c is string => typeof c === 'string')
    : null;
  const encrypted = facts['dataEncrypted'];
  const data =
    cats === null
      ? 'Not recorded: no data categories have been entered in the case facts.'
      : cats.length === 0
        ? 'Recorded as none.'
        : `${cats.join(', ')}${encrypted === true ? ' (recorded as encrypted)' : encrypted === false ? ' (recorded as not encrypted)' : ''}.`;
  const total = typeof facts['totalAffected'] === 'number' ? facts['totalAffected'] : null;
  const byJ = isObj(facts['affectedByJurisdiction']) ? facts['affectedByJurisdiction'] : null;
  const parts: string[] = [];
  if (total !== null) parts.push(`${total} individual(s) in total`);
  if (byJ && Object.keys(byJ).length)
    parts.push(
      `by jurisdiction: ${Object.entries(byJ)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(
          ', ',
        )}${facts['affectedCountsComplete'] === true ? ' (complete)' : ' (may be incomplete)'}`,
    );
  return {
    data,
    people: parts.length
      ? `${parts.join('; ')}.`
      : 'Not recorded: no count of affected people has been entered in the case facts.',
  };
}

export function buildSummary(input: {
  info: CaseInfoRow;
  entries: UnifiedEntry[];
  findings: ExportFinding[];
  notifications: NotificationStatus;
}): ExportSummary {
  const { info, entries, findings } = input;
  const count = (k: UnifiedEntry['kind']): number => entries.filter((e) => e.kind === k).length;
  const evidence = entries.filter((e) => e.kind === 'evidence');
  const zone = info.timezone;
  const when = (ms: number): string => inline(new Date(ms).toISOString(), zone);
  const what: string[] = [
    `${info.title}. Status ${info.status}${info.severity ? `, severity ${info.severity}` : ''}; case opened ${when(info.createdAtMs)} by ${info.createdBy}.`,
    info.awareAtMs === null
      ? 'The time the organisation became aware has not been recorded.'
      : `The organisation became aware at ${when(info.awareAtMs)} (recorded by ${info.awareSetBy ?? 'unknown'}${info.awareReason ? `: ${info.awareReason}` : ''}).`,
  ];
  if (evidence.length > 0)
    what.push(
      `${evidence.length} log record(s) are pinned as evidence, from ${inline(evidence[0]!.eventTime, zone)} to ${inline(evidence[evidence.length - 1]!.eventTime, zone)}.`,
    );
  else what.push('No log records have been pinned as evidence yet.');
  what.push(
    `The timeline holds ${count('finding')} finding moment(s), ${count('decision')} decision(s), ${count('action')} action(s), ${count('notification')} notification(s), ${count('deadline')} deadline(s) and ${count('note')} note(s); ${findings.length} analysis finding(s) are recorded.`,
  );
  const byId = new Map(findings.map((f) => [f.id, f]));
  const keyMoments = entries
    .filter((e) => e.findingId !== null)
    .map((e) => ({ at: e.eventTime, text: e.text, finding: byId.get(e.findingId!)?.title ?? '' }));
  const exposureWindows = findings
    .filter((f) => /exposure|window/i.test(f.kind) || /exposure window/i.test(f.title))
    .map((f) => ({ findingId: f.id, title: f.title, moments: f.highlights }));
  const facts = factsLines(info.facts);
  return {
    whatHappened: what,
    keyMoments,
    exposureWindows,
    dataInvolved: facts.data,
    affectedPeople: facts.people,
    notifications: input.notifications,
  };
}
