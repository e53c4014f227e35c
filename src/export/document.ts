// The readable export (HTML and PDF) as one outline of sections and blocks, so both formats say
// exactly the same things in the same order; each renderer only decides how a block looks.
// Every instant is written in UTC and in the case's zone, with the zone named.
import type { EvidenceRecord, UnifiedEntry } from '../shared/timeline';
import type { ExportModel } from './model';
import {
  custodyBlocks,
  coverageBlocks,
  findingBlocks,
  recordBlocks,
  summaryBlocks,
} from './sections';
import { both, utc } from './time-text';

export type Block =
  | { t: 'p'; text: string; tone?: 'muted' | 'warn' | 'strong' }
  | { t: 'h3'; text: string }
  | { t: 'kv'; rows: [string, string][] }
  | { t: 'list'; items: string[] }
  | { t: 'pre'; text: string }
  | {
      t: 'table';
      columns: { title: string; width: number }[];
      rows: { cells: string[]; entryId?: string; tone?: 'muted' }[];
      empty: string;
    };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Start the section on a new page in print. */
  newPage?: boolean;
}

/** The last part of a path, s3:// key or API page: the full location is in the appendices. */
const fileName = (location: string): string => location.split(/[\\/]/).pop() || location;

function evidenceCell(ev: EvidenceRecord): string {
  const p = ev.provenance;
  if (!p) return `${ev.type} ${ev.id}: ${ev.found ? 'provenance not recorded' : 'not in the case'}`;
  return [
    `${ev.type === 'event' ? 'CloudTrail event' : 'S3 access line'} ${ev.id}`,
    `source #${p.sourceId} (${p.sourceKind}), file ${fileName(p.fileLocation)}`,
    `${p.locatorKind} ${p.locator}; record sha256 ${ev.recordSha256 ? `${ev.recordSha256.slice(0, 16)}…` : 'unreadable'}`,
  ].join('\n');
}

function entryText(e: UnifiedEntry, findingTitles: Map<number, string>): string {
  const notes: string[] = [];
  if (e.findingId !== null)
    notes.push(`Finding #${e.findingId}: ${findingTitles.get(e.findingId) ?? ''}`);
  if (e.annotates !== null) notes.push(`Note on entry T${e.annotates}`);
  if (e.supersedes !== null)
    notes.push(
      `${e.status === 'retracted' ? 'Withdraws' : 'Corrects'} entry T${e.supersedes}${e.reason ? `: ${e.reason}` : ''}`,
    );
  return [e.text, ...notes.map((n) => `(${n})`)].join('\n');
}

function timelineTable(model: ExportModel, entries: UnifiedEntry[], empty: string): Block {
  const zone = model.case.timezone;
  const titles = new Map(model.findings.map((f) => [f.id, f.title]));
  return {
    t: 'table',
    columns: [
      { title: 'Entry', width: 4 },
      { title: `Happened (UTC / ${zone})`, width: 14 },
      { title: 'Recorded (UTC)', width: 13 },
      { title: 'Kind', width: 6 },
      { title: 'By', width: 8 },
      { title: 'What', width: 32 },
      { title: 'Evidence (source, file, record)', width: 23 },
    ],
    rows: entries.map((e) => ({
      entryId: e.key,
      ...(e.status === 'current' ? {} : { tone: 'muted' as const }),
      cells: [
        e.key,
        both(e.eventTime, zone),
        utc(e.recordedAt),
        e.kind,
        e.actor,
        entryText(e, titles),
        e.evidence.map(evidenceCell).join('\n\n'),
      ],
    })),
    empty,
  };
}

export function buildDocument(model: ExportModel, manifestSha256: string): Section[] {
  const zone = model.case.timezone;
  const current = model.entries.filter((e) => e.status === 'current');
  const history = model.entries.filter((e) => e.status !== 'current');
  const c = model.case;
  const range =
    model.range.from || model.range.to
      ? `${model.range.from ? utc(model.range.from) : 'the beginning'} to ${model.range.to ? utc(model.range.to) : 'the end'}`
      : 'the whole case';
  return [
    {
      id: 'cover',
      title: c.title,
      blocks: [
        { t: 'p', text: 'Incident timeline and evidence report', tone: 'strong' },
        {
          t: 'p',
          text: 'Contents: executive summary · timeline · corrections · findings and their queries · log coverage (what we could not see) · cited log records · chain of custody.',
          tone: 'muted',
        },
        {
          t: 'kv',
          rows: [
            ['Case', `${c.title} (${c.caseId})`],
            ['Status', `${c.status}${c.severity ? `, severity ${c.severity}` : ''}`],
            ['Time zone', `${zone} — every time is given in UTC and in ${zone}`],
            ['Prepared by', model.preparedBy],
            ['Prepared at', both(model.preparedAt, zone)],
            ['Aware at', c.awareness ? both(c.awareness.at, zone) : 'not recorded'],
            ['Period', range],
            [
              'Redaction',
              model.redaction.applied
                ? `applied: ${model.redaction.replaced} value(s) removed (session tokens, secret keys, passwords, ${model.redaction.marks} marked string(s))`
                : 'NOT APPLIED: this export may contain secrets; its creation is recorded in the case audit log',
            ],
            ['Export manifest sha256', manifestSha256],
          ],
        },
      ],
    },
    { id: 'summary', title: 'Executive summary', blocks: summaryBlocks(model), newPage: true },
    {
      id: 'timeline',
      title: 'Timeline',
      newPage: true,
      blocks: [
        {
          t: 'p',
          text: '"Happened" is when the event occurred; "Recorded" is when it was entered in the case. Entries are in the order they happened.',
          tone: 'muted',
        },
        timelineTable(model, current, 'The timeline is empty for this period.'),
      ],
    },
    ...(history.length
      ? [
          {
            id: 'history',
            title: 'Corrections and withdrawn entries',
            blocks: [
              {
                t: 'p' as const,
                text: 'Entries are never edited: a correction or an unpin is a new entry that supersedes the old one. The superseded entries and the withdrawals are listed here.',
                tone: 'muted' as const,
              },
              timelineTable(model, history, ''),
            ],
          },
        ]
      : []),
    {
      id: 'findings',
      title: 'Findings and the queries that produced them',
      blocks: findingBlocks(model),
      newPage: true,
    },
    {
      id: 'coverage',
      title: 'Log coverage: what we could not see',
      blocks: coverageBlocks(model),
      newPage: true,
    },
    {
      id: 'records',
      title: 'Appendix A: cited log records',
      blocks: recordBlocks(model),
      newPage: true,
    },
    {
      id: 'custody',
      title: 'Appendix B: chain of custody',
      blocks: custodyBlocks(model, manifestSha256),
      newPage: true,
    },
  ];
}
