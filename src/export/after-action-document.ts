// The after-action report as the same outline of sections and blocks the timeline export uses
// (document.ts), so the PDF and HTML renderers draw it unchanged: the cover, the overall score,
// each metric with its evidence, what went well and what to improve, the team's timeline beside
// the truth, the runbook steps, and the record it was made from.
import { measureText, type AfterActionModel } from './after-action';
import type { Block, Section } from './document';
import { both, utc } from './time-text';

function metricBlocks(m: AfterActionModel): Block[] {
  return m.score.metrics.flatMap((x): Block[] => [
    {
      t: 'h3',
      text: x.applicable ? `${x.title}: ${x.score} / 100` : `${x.title}: not scored`,
    },
    { t: 'p', text: x.explanation, ...(x.applicable ? {} : { tone: 'muted' as const }) },
    {
      t: 'kv',
      rows: [
        ['Target', x.targetText],
        ...x.parts.map((p): [string, string] => [p.label, p.value]),
        [
          'Evidence',
          [
            x.evidence.findings.length ? `findings #${x.evidence.findings.join(', #')}` : '',
            x.evidence.timeline.length
              ? `timeline entries T${x.evidence.timeline.join(', T')}`
              : '',
            x.evidence.runs.length ? `runs #${x.evidence.runs.join(', #')}` : '',
          ]
            .filter(Boolean)
            .join('; ') || 'none in the case',
        ],
      ],
    },
  ]);
}

export function buildAfterActionDocument(m: AfterActionModel, manifestSha256: string): Section[] {
  const zone = m.case.timezone;
  const o = m.score.overall;
  return [
    {
      id: 'cover',
      title: `After-action report: ${m.case.title}`,
      blocks: [
        { t: 'p', text: 'Tabletop exercise: after-action report', tone: 'strong' },
        { t: 'p', text: `Overall score: ${o.score} / 100`, tone: 'strong' },
        {
          t: 'kv',
          rows: [
            ['Scenario', `${m.scenario.title} (${m.scenario.id}, seed ${m.scenario.seed})`],
            ['Case', `${m.case.title} (${m.case.caseId})`],
            ['Prepared by', m.preparedBy],
            ['Prepared at', both(m.preparedAt, zone)],
            ['Times', m.clock],
            [
              'Redaction',
              `applied: ${m.redaction.replaced} value(s) removed (session tokens, secret keys, passwords, ${m.redaction.marks} marked string(s))`,
            ],
            ['Export manifest sha256', manifestSha256],
          ],
        },
      ],
    },
    {
      id: 'score',
      title: 'Overall score',
      newPage: true,
      blocks: [
        { t: 'p', text: `Overall score: ${o.score} / 100`, tone: 'strong' },
        { t: 'p', text: o.explanation, tone: 'muted' },
        {
          t: 'table',
          columns: [
            { title: 'Metric', width: 17 },
            { title: 'Value', width: 8 },
            { title: 'Target', width: 8 },
            { title: 'Score', width: 6 },
            { title: 'Weight', width: 7 },
            { title: 'Why', width: 54 },
          ],
          rows: m.score.metrics.map((x) => ({
            cells: [
              x.title,
              measureText(x.value, x.unit),
              measureText(x.target, x.unit),
              x.applicable ? String(x.score) : 'n/a',
              x.applicable
                ? `${o.weights.find((w) => w.metric === x.id)?.weight ?? 0}%`
                : 'left out',
              x.explanation,
            ],
            ...(x.applicable ? {} : { tone: 'muted' as const }),
          })),
          empty: 'No metric.',
        },
      ],
    },
    { id: 'metrics', title: 'Each metric', newPage: true, blocks: metricBlocks(m) },
    {
      id: 'review',
      title: 'What went well, what to improve',
      blocks: [
        { t: 'h3', text: 'What went well' },
        m.wentWell.length
          ? { t: 'list', items: m.wentWell }
          : { t: 'p', text: 'No metric reached 80.', tone: 'muted' },
        { t: 'h3', text: 'What to improve' },
        m.improve.length
          ? { t: 'list', items: m.improve }
          : { t: 'p', text: 'Every metric reached 80.', tone: 'muted' },
      ],
    },
    {
      id: 'timeline',
      title: 'The team’s timeline beside the truth',
      newPage: true,
      blocks: [
        {
          t: 'p',
          text: 'Times are the incident’s (simulated) time in UTC. The truth column is what happened; the team column is what the team recorded, placed at the moment it recorded it.',
          tone: 'muted',
        },
        {
          t: 'table',
          columns: [
            { title: 'Incident time (UTC)', width: 14 },
            { title: 'In the incident (truth)', width: 43 },
            { title: 'The team', width: 43 },
          ],
          rows: m.sideBySide.map((s) => ({ cells: [utc(s.at), s.truth, s.team] })),
          empty: 'Nothing to compare.',
        },
      ],
    },
    {
      id: 'runbook',
      title: 'Runbook steps',
      newPage: true,
      blocks: m.runs.length
        ? m.runs.flatMap((r): Block[] => [
            { t: 'h3', text: `Run #${r.runId}: ${r.title} (${r.status})` },
            {
              t: 'p',
              text: `Started by ${r.startedBy} at ${utc(r.startedAt)}.`,
              tone: 'muted',
            },
            {
              t: 'table',
              columns: [
                { title: 'Step', width: 20 },
                { title: 'Phase', width: 8 },
                { title: 'What', width: 16 },
                { title: 'Who', width: 10 },
                { title: 'When (recorded / incident)', width: 16 },
                { title: 'Reason, rationale or note', width: 30 },
              ],
              rows: r.steps.map((s) => ({
                cells: [
                  s.title,
                  s.phase,
                  s.what,
                  s.who ?? '',
                  s.wallAt ? `${utc(s.wallAt)}\n${s.simAt ? utc(s.simAt) : ''}` : '',
                  s.note,
                ],
                ...(s.wallAt ? {} : { tone: 'muted' as const }),
              })),
              empty: 'No step.',
            },
          ])
        : [{ t: 'p', text: 'No runbook was run in this case.', tone: 'muted' }],
    },
    {
      id: 'custody',
      title: 'Record',
      blocks: [
        {
          t: 'kv',
          rows: [
            ['Case', m.case.caseId],
            [
              'Audit chain head',
              m.auditHead ? `#${m.auditHead.seq} ${m.auditHead.hash}` : 'no audit entry',
            ],
            ['Truth file', m.scenario.truthFile],
            ['Tool', `Cairn ${m.toolVersion}`],
          ],
        },
      ],
    },
  ];
}
