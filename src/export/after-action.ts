// The after-action report of a tabletop exercise: its model (gathered by
// src/tabletop/score/report.ts, redacted by after-action-run.ts), its rows for CSV, JSON and the
// manifest, and the JSON rendering. after-action-document.ts lays it out for PDF and HTML.
import { canonicalJson } from '../shared/canonical';
import type { AuditHeadSchema } from '../shared/domain';
import type { ExportFormat } from '../shared/export';
import type { TabletopScore } from '../shared/ops/tabletop-score';
import { sha256 } from './manifest';
import type { z } from 'zod';

export interface AfterActionStep {
  step: string;
  title: string;
  phase: string;
  /** What happened at the step: "done", "skipped", "decided active-compromise", "not reached" … */
  what: string;
  who: string | null;
  /** When it was recorded (wall clock), and that instant in the incident's time. */
  wallAt: string | null;
  simAt: string | null;
  /** The reason, rationale or note given. */
  note: string;
}

export interface AfterActionRun {
  runId: number;
  title: string;
  status: string;
  startedAt: string;
  startedBy: string;
  steps: AfterActionStep[];
}

/** One row of the team's timeline beside the truth's key moments, in the incident's time. */
export interface SideBySideRow {
  at: string;
  truth: string;
  team: string;
  entryId: number | null;
}

export interface AfterActionModel {
  format: ExportFormat;
  case: { caseId: string; title: string; timezone: string };
  scenario: { id: string; title: string; seed: number; truthFile: string };
  preparedBy: string;
  preparedAt: string;
  toolVersion: string;
  /** How recorded times were mapped to the incident's time, in words. */
  clock: string;
  score: TabletopScore;
  wentWell: string[];
  improve: string[];
  sideBySide: SideBySideRow[];
  runs: AfterActionRun[];
  auditHead: z.infer<typeof AuditHeadSchema> | null;
  redaction: { applied: boolean; marks: number; replaced: number };
}

export const REPORT_COLUMNS = [
  'rowId',
  'section',
  'item',
  'at',
  'value',
  'target',
  'score',
  'detail',
] as const;
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string>;

const num = (v: number | null): string => (v === null ? '' : String(v));

/** A metric's value or target for people: "42 min", "0.93", "3", "60%". */
export function measureText(
  v: number | null,
  unit: TabletopScore['metrics'][number]['unit'],
): string {
  if (v === null) return '—';
  switch (unit) {
    case 'minutes':
      return `${v} min`;
    case 'ratio':
      return v.toFixed(2);
    case 'count':
      return String(v);
    case 'percent':
      return `${v}%`;
  }
}

/** Every row of the report, in order: the CSV, the JSON and the manifest all list these. */
export function afterActionRows(m: AfterActionModel): ReportRow[] {
  const row = (r: Partial<ReportRow> & Pick<ReportRow, 'rowId' | 'section'>): ReportRow => ({
    item: '',
    at: '',
    value: '',
    target: '',
    score: '',
    detail: '',
    ...r,
  });
  return [
    row({
      rowId: 'overall',
      section: 'overall',
      item: 'Overall score',
      value: String(m.score.overall.score),
      target: '100',
      score: String(m.score.overall.score),
      detail: m.score.overall.explanation,
    }),
    ...m.score.metrics.map((x) =>
      row({
        rowId: `metric:${x.id}`,
        section: 'metric',
        item: x.title,
        value: num(x.value),
        target: num(x.target),
        score: x.applicable ? String(x.score) : 'n/a',
        detail: x.explanation,
      }),
    ),
    ...m.wentWell.map((t, i) => row({ rowId: `well:${i + 1}`, section: 'went well', detail: t })),
    ...m.improve.map((t, i) => row({ rowId: `improve:${i + 1}`, section: 'improve', detail: t })),
    ...m.sideBySide.map((s, i) =>
      row({
        rowId: `moment:${i + 1}`,
        section: 'timeline',
        at: s.at,
        item: s.truth,
        detail: s.team,
      }),
    ),
    ...m.runs.flatMap((r) =>
      r.steps.map((s, i) =>
        row({
          rowId: `run:${r.runId}:${i + 1}`,
          section: `run #${r.runId}`,
          item: s.title,
          at: s.simAt ?? '',
          value: s.what,
          detail: [s.who ? `by ${s.who}` : '', s.wallAt ? `recorded ${s.wallAt}` : '', s.note]
            .filter(Boolean)
            .join('; '),
        }),
      ),
    ),
  ];
}

export const reportRowSha256 = (r: ReportRow): string =>
  sha256(canonicalJson(Object.fromEntries(REPORT_COLUMNS.map((c) => [c, r[c]]))));

export const AFTER_ACTION_JSON_FORMAT = 'cairn-after-action-report';

export function renderAfterActionJson(m: AfterActionModel, manifestSha256: string): Buffer {
  const doc = {
    format: AFTER_ACTION_JSON_FORMAT,
    formatVersion: 1,
    manifestSha256,
    toolVersion: m.toolVersion,
    case: m.case,
    scenario: m.scenario,
    preparedBy: m.preparedBy,
    preparedAt: m.preparedAt,
    clock: m.clock,
    redaction: m.redaction,
    score: m.score,
    wentWell: m.wentWell,
    improve: m.improve,
    sideBySide: m.sideBySide,
    runs: m.runs,
    columns: REPORT_COLUMNS,
    rows: afterActionRows(m),
  };
  return Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8');
}
