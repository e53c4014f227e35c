// The legal export of a case built from real logs, in all four formats: what counsel reads (checked
// in the PDF with pdftotext), what a program reads (CSV/JSON rows with provenance), that secrets
// stay out, and that tampering with the export or with the evidence is caught and named.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { callOp, type ApiContext } from '../../../src/api';
import { recordFinding } from '../../../src/casefile/repos/findings';
import type { ExportManifest, ExportResult, ExportVerifyReport } from '../../../src/shared/export';
import { newCase, testContext } from '../../helpers/case';
import { cli, cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir, freshDir } from '../../helpers/tmp';
import { SCREENSHOT_DIR } from '../../e2e/browser';

const DATA = join(import.meta.dirname, '../../fixtures/data');
const FEDERATION = join(
  DATA,
  'stratus-red-team/detonation-logs/aws.persistence.sts-federation-token.json',
);
const OTRF = join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const ACCESS_LOG = join(DATA, 's3-access/awsdocs_LogFormat_examples.log');
const fedRecords = JSON.parse(readFileSync(FEDERATION, 'utf8')) as {
  eventID: string;
  eventName: string;
  responseElements: { credentials?: { sessionToken: string } } | null;
}[];
const TOKEN = fedRecords[0]!.responseElements!.credentials!.sessionToken;
const FED_ID = fedRecords[0]!.eventID;
const otrfLines = readFileSync(OTRF, 'utf8').split('\n');
const getObjectLine = otrfLines.findIndex((l) => l.includes('"eventName":"GetObject"'));
const GET_OBJECT_ID = (JSON.parse(otrfLines[getObjectLine]!) as { eventID: string }).eventID;
const MARKED = 'Jane Doe (customer)';
const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const FORMATS = ['pdf', 'html', 'csv', 'json'] as const;
const COLUMNS =
  'entryId,status,eventTimeUtc,eventTimeZoned,recordedAtUtc,recordedAtZoned,kind,actor,text,supersedes,supersededBy,annotates,reason,findingId,refs,evidenceCount,evidenceType,evidenceId,evidenceTimeUtc,evidenceSummary,sourceKind,source,file,fileSha256,locatorKind,locator,recordSha256';

let ctx: ApiContext;
let casePath: string;
let dir: string;
let fedPin: number;
const out = (name: string): string => join(dir, name);
const pdfText = (file: string, page?: number): string =>
  spawnSync(
    'pdftotext',
    [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'],
    { encoding: 'utf8' },
  ).stdout;
const squeeze = (s: string): string => s.replace(/\s+/g, '');
const manifestOf = (file: string): ExportManifest =>
  JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as ExportManifest;

async function exportTo(file: string, format: string, ...extra: string[]): Promise<ExportResult> {
  return cliJson<ExportResult>(['export', casePath, '--format', format, '--out', file, ...extra]);
}

beforeAll(async () => {
  dir = fileScopedDir('cairn-export-');
  ctx = testContext();
  casePath = (
    await newCase(ctx, {
      dir,
      title: 'Federation token persistence',
      timezone: 'Europe/Berlin',
      awareAt: '2024-11-30T10:00:00Z',
    })
  ).path;
  await ingest(ctx, { path: casePath, sources: [FEDERATION, OTRF, ACCESS_LOG] });
  fedPin = (
    await callOp('timeline.pin', { path: casePath, id: FED_ID, comment: 'persistence' }, ctx)
  ).id;
  // Enough pinned records that the timeline table runs over several pages.
  const otrf = await callOp('events.list', { path: casePath, limit: 45 }, ctx);
  for (const e of otrf.events)
    if (e.eventId !== FED_ID && e.recipientAccountId === '123456789123')
      await callOp('timeline.pin', { path: casePath, id: e.eventId }, ctx);
  const pinnedGet = otrf.events.some((e) => e.eventId === GET_OBJECT_ID);
  if (!pinnedGet) await callOp('timeline.pin', { path: casePath, id: GET_OBJECT_ID }, ctx);
  const line = (await callOp('s3access.list', { path: casePath, limit: 1 }, ctx)).lines[0]!;
  await callOp('timeline.pin', { path: casePath, type: 's3_access', id: String(line.rowId) }, ctx);
  await callOp(
    'timeline.note',
    { path: casePath, text: `Responder pasted the token: ${TOKEN}`, at: '2024-11-30T09:00:00Z' },
    ctx,
  );
  const wrong = await callOp(
    'timeline.note',
    { path: casePath, text: `Called ${MARKED} at 10:00`, at: '2024-11-30T09:05:00Z' },
    ctx,
  );
  await callOp(
    'timeline.correct',
    { path: casePath, id: wrong.id, text: `Called ${MARKED} at 10:05`, reason: 'wrong minute' },
    ctx,
  );
  await callOp('redaction.mark', { path: casePath, value: MARKED, reason: 'customer name' }, ctx);
  const file = ctx.cases.forWrite(casePath);
  file.writer.write('analysis.test', ctx.actor, (w) => {
    const r = recordFinding(w, {
      kind: 'exposure-window',
      subject: 'user/stratus-red-team-user-federation-user',
      title: 'Federation token issued to the attacker',
      params: { key: 'AKIA6V1GNZTT65XQH36M' },
      engine: 'casefile',
      query: "SELECT * FROM events WHERE event_name = 'GetFederationToken'",
      result: {
        highlights: [
          { at: '2024-11-30T08:43:17Z', text: 'Exposure window opened: federation token issued' },
          { at: '2024-11-30T20:43:17Z', text: 'Exposure window closed: token expired' },
        ],
      },
    });
    return { audit: { finding: r.audit }, value: r.finding };
  });
  await callOp('analysis.coverage', { path: casePath }, ctx);
  ctx.cases.closeAll();
  for (const f of FORMATS) await exportTo(out(`case.${f}`), f);
  for (const f of FORMATS) await exportTo(out(`clear.${f}`), f, '--no-redact');
}, 120_000);

describe('exporting a case built from real logs', () => {
  it('writes each format with a manifest that verifies against the case', async () => {
    for (const f of FORMATS) {
      const file = out(`case.${f}`);
      const m = manifestOf(file);
      expect(m).toMatchObject({ tool: 'cairn', toolVersion: VERSION, format: f, redacted: true });
      expect(m.export.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
      const r = await cli(['verify-export', file, '--case', casePath]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^OK /);
    }
  });

  it('records every export in the case audit log, and the unredacted ones as such', () => {
    const db = new Database(casePath, { readonly: true });
    const exports = (
      db
        .prepare("SELECT payload FROM audit WHERE action = 'export.create'")
        .pluck()
        .all() as string[]
    ).map(
      (p) =>
        JSON.parse(p) as {
          export: { file: string; sha256: string; redacted: boolean };
          warning?: string;
        },
    );
    db.close();
    const byFile = (file: string) => exports.find((e) => e.export.file === file);
    for (const f of FORMATS) {
      expect(byFile(out(`case.${f}`))).toMatchObject({ export: { redacted: true } });
      const clear = byFile(out(`clear.${f}`));
      expect(clear).toMatchObject({
        export: { redacted: false, sha256: manifestOf(out(`clear.${f}`)).export.sha256 },
      });
      expect(clear?.warning).toContain('unredacted');
    }
  });

  it('gives counsel a PDF with the summary, a known evidence row and the manifest hash', () => {
    const file = out('case.pdf');
    const text = pdfText(file);
    expect(text).toContain('Executive summary');
    expect(text).toContain('Exposure window opened: federation token issued');
    expect(text).toContain('Log coverage: what we could not see');
    expect(text).toContain('Appendix B: chain of custody');
    // The pinned GetFederationToken record: its eventID, what it was, where it came from.
    expect(text).toContain(FED_ID);
    expect(text).toMatch(/GetFederationToken by arn:aws:iam::742491224508:user\/stratus-red-team-/);
    expect(squeeze(text)).toContain(squeeze(FEDERATION));
    expect(text).toContain(manifestOf(file).manifestSha256);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)![1],
    );
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The timeline table repeats its header on every page it runs over.
    const tablePages = Array.from({ length: pages }, (_, i) => pdfText(file, i + 1)).filter((p) =>
      /\bT\d+\s+2020-09-14 0\d:\d\d:\d\d UTC/.test(p),
    );
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) expect(p).toMatch(/Entry\s+Happened \(UTC \/ Europe\//);
  });

  it('renders the first PDF page to an image a person can look at', () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const prefix = join(SCREENSHOT_DIR, 'export-pdf-page-1');
    const r = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      out('case.pdf'),
      prefix,
    ]);
    expect(r.status).toBe(0);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes CSV and JSON rows with stable columns and the provenance of each record', () => {
    const csv = readFileSync(out('case.csv'), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(COLUMNS);
    const doc = JSON.parse(readFileSync(out('case.json'), 'utf8')) as {
      columns: string[];
      rows: Record<string, string>[];
    };
    expect(doc.columns.join(',')).toBe(COLUMNS);
    const fed = doc.rows.find((r) => r['evidenceId'] === FED_ID)!;
    expect(fed).toMatchObject({
      entryId: `T${fedPin}`,
      kind: 'evidence',
      status: 'current',
      eventTimeUtc: '2024-11-30T08:43:17.000Z',
      eventTimeZoned: '2024-11-30 09:43:17 +01:00 Europe/Berlin',
      evidenceType: 'event',
      sourceKind: 'files',
      source: FEDERATION,
      file: FEDERATION,
      fileSha256: createHash('sha256').update(readFileSync(FEDERATION)).digest('hex'),
      locatorKind: 'index',
      locator: '0',
    });
    const get = doc.rows.find((r) => r['evidenceId'] === GET_OBJECT_ID)!;
    expect(get).toMatchObject({
      locatorKind: 'line',
      locator: String(getObjectLine + 1),
      recordSha256: createHash('sha256').update(otrfLines[getObjectLine]!).digest('hex'),
    });
    // The same row, the same values, in the CSV.
    const csvLine = csv.split('\r\n').find((l) => l.startsWith(`T${fedPin},`))!;
    expect(csvLine).toContain(fed['recordSha256']);
    expect(csvLine).toContain(',index,0,');
    // History: the corrected note is kept, marked superseded, with the reason on its successor.
    expect(doc.rows.filter((r) => r['reason'] === 'wrong minute')).toHaveLength(1);
    expect(doc.rows.filter((r) => r['status'] === 'superseded')).toHaveLength(1);
  });

  it('keeps the session token and marked strings out of every redacted export', () => {
    expect(TOKEN.length).toBeGreaterThan(100);
    for (const f of FORMATS) {
      const file = out(`case.${f}`);
      const text = f === 'pdf' ? squeeze(pdfText(file)) : readFileSync(file, 'utf8');
      expect(text, f).not.toContain(f === 'pdf' ? squeeze(TOKEN) : TOKEN);
      expect(text, f).not.toContain(f === 'pdf' ? squeeze(MARKED) : MARKED);
      expect(text, f).toContain('REDACTED');
      expect(readFileSync(`${file}.manifest.json`, 'utf8')).not.toContain(TOKEN);
    }
    // The check can fail: an explicitly unredacted export does contain them.
    for (const f of FORMATS) {
      const file = out(`clear.${f}`);
      const text = f === 'pdf' ? squeeze(pdfText(file)) : readFileSync(file, 'utf8');
      expect(text, f).toContain(f === 'pdf' ? squeeze(TOKEN) : TOKEN);
      expect(text, f).toContain(f === 'pdf' ? squeeze(MARKED) : MARKED);
    }
  });

  it('writes no time without its zone', () => {
    const bare =
      /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?![\d.:])(?!Z| UTC| [+-]\d{2}:\d{2}|[+-]\d{2}:\d{2})/g;
    const html = readFileSync(out('case.html'), 'utf8').replace(/<[^>]+>/g, ' ');
    for (const [name, text] of [
      ['html', html],
      ['csv', readFileSync(out('case.csv'), 'utf8')],
      ['json', readFileSync(out('case.json'), 'utf8')],
      ['pdf', pdfText(out('case.pdf'))],
    ] as const)
      expect(text.match(bare) ?? [], name).toEqual([]);
  });

  it('keeps only the entries in --from/--to', async () => {
    const file = out('range.json');
    await exportTo(file, 'json', '--from', '2024-11-30T00:00:00Z', '--to', '2024-11-30T23:59:59Z');
    const rows = (JSON.parse(readFileSync(file, 'utf8')) as { rows: Record<string, string>[] })
      .rows;
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(r['eventTimeUtc']!.startsWith('2024-11-30')).toBe(true);
    expect(rows.some((r) => r['evidenceId'] === GET_OBJECT_ID)).toBe(false);
  });

  it('refuses to replace an existing export unless told to', async () => {
    const again = await cli(['export', casePath, '--format', 'csv', '--out', out('case.csv')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const forced = out('forced.csv');
    writeFileSync(forced, 'old');
    await exportTo(forced, 'csv', '--force');
    expect(readFileSync(forced, 'utf8')).toContain(FED_ID);
  });
});

describe('verify-export', () => {
  function tampered(name: string, edit: (s: string) => string): string {
    const d = freshDir('cairn-tamper-');
    const src = out(name);
    const dst = join(d, name);
    writeFileSync(dst, edit(readFileSync(src, 'utf8')));
    copyFileSync(`${src}.manifest.json`, `${dst}.manifest.json`);
    return dst;
  }

  it.each(['csv', 'json', 'html'] as const)(
    'names the row that was edited in a %s export',
    async (f) => {
      const file = tampered(`case.${f}`, (s) => {
        const i = s.indexOf('GetFederationToken by arn');
        expect(i).toBeGreaterThan(0);
        return `${s.slice(0, i)}GetSessionToken by arn${s.slice(i + 'GetFederationToken by arn'.length)}`;
      });
      const r = await cli(['verify-export', file, '--json']);
      expect(r.code).toBe(3);
      const report = JSON.parse(r.stdout) as ExportVerifyReport;
      expect(report.problems.map((p) => p.kind)).toContain('file');
      expect(report.problems).toContainEqual(
        expect.objectContaining({ kind: 'row', row: `T${fedPin}` }),
      );
      expect(report.problems.filter((p) => p.kind === 'row')).toHaveLength(1);
    },
  );

  it('fails on a PDF whose bytes changed', async () => {
    const d = freshDir('cairn-tamper-');
    const bytes = readFileSync(out('case.pdf'));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    writeFileSync(join(d, 'case.pdf'), bytes);
    copyFileSync(out('case.pdf.manifest.json'), join(d, 'case.pdf.manifest.json'));
    const r = await cli(['verify-export', join(d, 'case.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('was changed after export');
  });

  it('fails when the manifest itself was edited', async () => {
    const d = freshDir('cairn-tamper-');
    copyFileSync(out('case.csv'), join(d, 'case.csv'));
    const m = manifestOf(out('case.csv'));
    m.redacted = false;
    writeFileSync(join(d, 'case.csv.manifest.json'), JSON.stringify(m));
    const r = await cli(['verify-export', join(d, 'case.csv')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('the manifest was changed after export');
  });

  it('names the row whose evidence was altered in the case after export', async () => {
    const d = freshDir('cairn-tamper-');
    const copy = join(d, 'case.cairn');
    copyFileSync(casePath, copy);
    expect(existsSync(`${casePath}-wal`) ? readFileSync(`${casePath}-wal`).length : 0).toBe(0);
    const db = new Database(copy);
    const fileId = db
      .prepare("SELECT file_id FROM source_files WHERE location = ? AND status = 'done'")
      .pluck()
      .get(FEDERATION) as number;
    // The small capture was kept in its ingest batch's pack (migration 8): edit it there.
    const place = db
      .prepare('SELECT pack_id AS pack, pack_offset AS offset FROM evidence_files WHERE id = ?')
      .get(fileId) as { pack: number; offset: number };
    db.exec('DROP TRIGGER evidence_packs_no_update');
    const data = db
      .prepare('SELECT data FROM evidence_packs WHERE id = ?')
      .pluck()
      .get(place.pack) as Buffer;
    const at = data.indexOf('"GetFederationToken"', place.offset);
    data.write('"GetFederationTokeN"', at);
    db.prepare('UPDATE evidence_packs SET data = ? WHERE id = ?').run(data, place.pack);
    db.close();
    for (const f of FORMATS) {
      const r = await cli(['verify-export', out(`case.${f}`), '--case', copy, '--json']);
      expect(r.code, f).toBe(3);
      const report = JSON.parse(r.stdout) as ExportVerifyReport;
      const messages = report.problems
        .filter((p) => p.kind === 'evidence' && p.row === `T${fedPin}`)
        .map((p) => p.message);
      expect(messages.join('\n')).toContain('no longer matches the exported record');
      expect(messages.join('\n')).toContain('the kept file holding');
      expect(report.problems.every((p) => p.row === `T${fedPin}`)).toBe(true);
    }
  });
});
