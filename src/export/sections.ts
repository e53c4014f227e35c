// The sections of the readable export after the timeline itself: the executive summary, the log
// coverage, the findings with their queries, the cited records and the chain of custody.
import type { Block } from './document';
import type { ExportModel } from './model';
import { both, inZone, utc } from './time-text';

const MAX_RECORD_CHARS = 20_000;

export function summaryBlocks(model: ExportModel): Block[] {
  const s = model.summary;
  const zone = model.case.timezone;
  const blocks: Block[] = [
    { t: 'h3', text: 'What happened' },
    ...s.whatHappened.map((text): Block => ({ t: 'p', text })),
    { t: 'h3', text: 'Key moments from the analyses' },
    s.keyMoments.length
      ? {
          t: 'table',
          columns: [
            { title: `When (UTC / ${zone})`, width: 25 },
            { title: 'What', width: 50 },
            { title: 'Finding', width: 25 },
          ],
          rows: s.keyMoments.map((m) => ({ cells: [both(m.at, zone), m.text, m.finding] })),
          empty: '',
        }
      : { t: 'p', text: 'No analysis has recorded key moments.', tone: 'muted' },
    { t: 'h3', text: 'Exposure windows' },
  ];
  if (s.exposureWindows.length === 0)
    blocks.push({ t: 'p', text: 'No exposure-window analysis is recorded.', tone: 'muted' });
  for (const w of s.exposureWindows)
    blocks.push(
      { t: 'p', text: `${w.title} (finding #${w.findingId})`, tone: 'strong' },
      {
        t: 'list',
        items: w.moments.length
          ? w.moments.map((m) => `${utc(m.at)} / ${inZone(m.at, zone)}: ${m.text}`)
          : ['The finding names no moments.'],
      },
    );
  blocks.push(
    { t: 'h3', text: 'Data involved' },
    { t: 'p', text: s.dataInvolved },
    { t: 'h3', text: 'Affected people' },
    { t: 'p', text: s.affectedPeople },
    { t: 'h3', text: 'Notifications due' },
  );
  const n = s.notifications;
  if (n.state === 'none') blocks.push({ t: 'p', text: n.note, tone: 'warn' });
  else
    blocks.push(
      {
        t: 'table',
        columns: [
          { title: 'Obligation (applies on the recorded facts)', width: 28 },
          { title: 'Recipient', width: 17 },
          { title: `Due (UTC / ${zone})`, width: 22 },
          { title: 'Status', width: 11 },
          { title: 'Notified', width: 22 },
        ],
        rows: n.items.map((i) => ({
          cells: [
            i.basis ? `${i.obligation}\n${i.basis}` : i.obligation,
            i.recipient ?? '',
            i.due ? both(i.due, zone) : 'no fixed deadline',
            i.status,
            i.notifiedAt ? both(i.notifiedAt, zone) : '',
          ],
        })),
        empty: '',
      },
      ...(n.items.length === 0
        ? [
            {
              t: 'p' as const,
              text: 'No notification obligation applies on the facts recorded so far.',
            },
          ]
        : []),
      ...(n.pending.rules
        ? [
            {
              t: 'p' as const,
              text: `${n.pending.rules} further rule(s) may apply once these questions are answered in the case facts:`,
              tone: 'warn' as const,
            },
            { t: 'list' as const, items: n.pending.questions.slice(0, 12) },
          ]
        : []),
      {
        t: 'p',
        text: `${n.notApplicable} rule(s) do not apply on the recorded facts. ${n.note}`,
        tone: 'muted',
      },
    );
  return blocks;
}

export function coverageBlocks(model: ExportModel): Block[] {
  const c = model.coverage.report;
  if (!c) return [{ t: 'p', text: 'No coverage could be computed.', tone: 'warn' }];
  return [
    { t: 'p', text: model.coverage.note, tone: 'muted' },
    {
      t: 'p',
      text: c.first
        ? `The evidence spans ${utc(c.first)} to ${utc(c.last ?? c.first)}. Silences longer than ${c.gapThresholdHours} h are listed.`
        : 'The case holds no log records.',
    },
    { t: 'h3', text: 'What we could not see' },
    c.limitations.length
      ? { t: 'list', items: c.limitations.map((l) => l.text) }
      : { t: 'p', text: 'No limitation was found.', tone: 'muted' },
    { t: 'h3', text: 'CloudTrail, per source, account and Region' },
    {
      t: 'table',
      columns: [
        { title: 'Source', width: 26 },
        { title: 'Account / Region', width: 14 },
        { title: 'First / last record (UTC)', width: 18 },
        { title: 'Records', width: 8 },
        { title: 'Data events', width: 14 },
        { title: 'Gaps over threshold', width: 20 },
      ],
      rows: c.cloudtrail.map((g) => ({
        cells: [
          `#${g.sourceId} ${g.sourceKind}: ${g.sourceLocation}`,
          `${g.account ?? 'unknown'}\n${g.region ?? 'no Region'}`,
          `${utc(g.first)}\n${utc(g.last)}`,
          String(g.records),
          g.dataEvents
            ? `${g.dataEvents}${g.dataEventBuckets.length ? `\nbuckets: ${g.dataEventBuckets.join(', ')}` : ''}`
            : 'none',
          g.gapCount
            ? `${g.gapCount}\n${g.gaps
                .slice(0, 5)
                .map((x) => `${utc(x.from)} → ${utc(x.to)} (${x.hours} h)`)
                .join('\n')}${g.gapCount > 5 ? '\n…' : ''}`
            : 'none',
        ],
      })),
      empty: 'No CloudTrail records.',
    },
    { t: 'h3', text: 'S3 server access logs, per bucket' },
    {
      t: 'table',
      columns: [
        { title: 'Source', width: 35 },
        { title: 'Bucket', width: 20 },
        { title: 'First / last line (UTC)', width: 20 },
        { title: 'Lines', width: 10 },
        { title: 'Gaps', width: 15 },
      ],
      rows: c.s3Access.map((g) => ({
        cells: [
          `#${g.sourceId}: ${g.sourceLocation}`,
          g.bucket ?? 'unknown',
          `${utc(g.first)}\n${utc(g.last)}`,
          String(g.lines),
          String(g.gapCount),
        ],
      })),
      empty: 'No S3 server access logs.',
    },
  ];
}

export function findingBlocks(model: ExportModel): Block[] {
  if (model.findings.length === 0)
    return [{ t: 'p', text: 'No analysis findings are recorded.', tone: 'muted' }];
  return model.findings.flatMap((f): Block[] => [
    { t: 'h3', text: `Finding #${f.id}: ${f.title}` },
    {
      t: 'kv',
      rows: [
        ['Kind / subject', `${f.kind} / ${f.subject}`],
        ['Recorded', `${utc(f.createdAt)} by ${f.actor}`],
        ['Engine', f.engine],
        ['Parameters', JSON.stringify(f.params)],
      ],
    },
    { t: 'p', text: 'Query that produced it:', tone: 'muted' },
    { t: 'pre', text: f.query },
    ...(f.highlights.length
      ? [{ t: 'list' as const, items: f.highlights.map((h) => `${utc(h.at)}: ${h.text}`) }]
      : []),
  ]);
}

export function recordBlocks(model: ExportModel): Block[] {
  if (model.records.length === 0)
    return [{ t: 'p', text: 'No log records are cited by the timeline.', tone: 'muted' }];
  const intro: Block = {
    t: 'p',
    text: `Each record cited by the timeline, with where it was read from. The record is shown re-indented${model.redaction.applied ? ' and redacted' : ''}; its sha256 is that of the exact bytes kept in the case, which \`cairn verify-export\` re-reads.`,
    tone: 'muted',
  };
  return [
    intro,
    ...model.records.flatMap((r): Block[] => {
      const p = r.evidence.provenance;
      const raw = typeof r.record === 'string' ? r.record : JSON.stringify(r.record, null, 2);
      return [
        { t: 'h3', text: `${r.evidence.summary}` },
        {
          t: 'kv',
          rows: [
            ['Cited by', r.entryIds.join(', ')],
            ['Record', `${r.evidence.type} ${r.evidence.id}`],
            ['Time', r.evidence.time ? utc(r.evidence.time) : 'unknown'],
            ['Source', p ? `#${p.sourceId} ${p.sourceKind}: ${p.sourceLocation}` : 'not recorded'],
            ['File', p ? `${p.fileLocation} (kept file #${p.fileId})` : 'not recorded'],
            ['File sha256', p?.fileSha256 ?? ''],
            ['Position', p ? `${p.locatorKind} ${p.locator}` : ''],
            ['Record sha256', r.evidence.recordSha256 ?? `unreadable: ${r.error ?? 'unknown'}`],
          ],
        },
        {
          t: 'pre',
          text:
            raw.length > MAX_RECORD_CHARS
              ? `${raw.slice(0, MAX_RECORD_CHARS)}\n… (shortened here; the JSON export has the whole record)`
              : raw,
        },
      ];
    }),
  ];
}

export function custodyBlocks(model: ExportModel, manifestSha256: string): Block[] {
  const head = model.custody.auditHead;
  const blocks: Block[] = [
    {
      t: 'kv',
      rows: [
        ['Case id', model.case.caseId],
        ['Audit chain head', head ? `#${head.seq} ${head.hash}` : 'no audit entries'],
        ['Export manifest sha256', manifestSha256],
        ['Prepared with', `Cairn ${model.toolVersion}`],
        ['Redaction', model.redaction.applied ? 'applied' : 'NOT applied (explicitly requested)'],
      ],
    },
    {
      t: 'p',
      text: 'The manifest beside this file (FILE.manifest.json) lists every row with its hash and every cited record with its source file, position and sha256. `cairn verify-export FILE --case CASE` checks this file against it and re-reads each record from the case.',
      tone: 'muted',
    },
  ];
  for (const s of model.custody.sources)
    blocks.push(
      { t: 'h3', text: `Source #${s.id} (${s.kind}): ${s.location}` },
      {
        t: 'table',
        columns: [
          { title: 'File', width: 45 },
          { title: 'sha256', width: 45 },
          { title: 'Status', width: 10 },
        ],
        rows: s.files.map((f) => ({ cells: [f.location, f.sha256 ?? '', f.status] })),
        empty: 'No files.',
      },
      ...(s.filesNotListed
        ? [{ t: 'p' as const, text: `… and ${s.filesNotListed} more file(s) (see cairn sources).` }]
        : []),
    );
  return blocks;
}
