// `cairn verify-export`: checks an export against its manifest (the file's sha256, the manifest's
// own hash, and row by row where the format allows it), and, given the case file, that the case
// is the one exported, that its audit chain still holds the exported head, and that every cited
// evidence record still has the bytes it had. Each problem names the row it concerns.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChainBreak, getAuditEntry, iterateAudit } from '../casefile/audit';
import type { Db } from '../casefile/sqlite';
import { readEvidenceRaw } from '../sources/ingest/evidence';
import { rawRecords } from '../sources/raw-record';
import {
  ExportManifestSchema,
  type ExportManifest,
  type ExportProblem,
  type ExportRow,
  type ExportVerifyReport,
  type ManifestContent,
} from '../shared/export';
import { lookupEvidence, sha256Hex } from '../timeline/evidence';
import { parseCsv } from './csv';
import { findHtmlRows } from './html';
import { parseJsonRows } from './json';
import { contentHash, manifestPathFor } from './manifest';
import { rowSha256 } from './rows';

function compareRows(m: ExportManifest, rows: ExportRow[], problems: ExportProblem[]): void {
  const byId = new Map(rows.map((r) => [r.entryId, r]));
  for (const want of m.rows) {
    const got = byId.get(want.entryId);
    if (!got)
      problems.push({
        kind: 'row',
        row: want.entryId,
        message: `row ${want.entryId} is missing from the file`,
      });
    else if (rowSha256(got) !== want.rowSha256)
      problems.push({
        kind: 'row',
        row: want.entryId,
        message: `row ${want.entryId} was changed after export (its hash no longer matches the manifest)`,
      });
  }
  const known = new Set(m.rows.map((r) => r.entryId));
  for (const r of rows)
    if (!known.has(r.entryId))
      problems.push({
        kind: 'row',
        row: r.entryId,
        message: `row ${r.entryId} is not in the manifest: it was added after export`,
      });
}

function compareHtml(m: ExportManifest, html: string, problems: ExportProblem[]): void {
  const found = findHtmlRows(html);
  for (const want of m.rows) {
    const got = found.get(want.entryId);
    if (got === undefined)
      problems.push({
        kind: 'row',
        row: want.entryId,
        message: `row ${want.entryId} is missing from the file`,
      });
    else if (want.markupSha256 && sha256Hex(got) !== want.markupSha256)
      problems.push({
        kind: 'row',
        row: want.entryId,
        message: `row ${want.entryId} was changed after export (its markup no longer matches the manifest)`,
      });
  }
}

/** Finds which rows of a file whose bytes changed were altered, where the format allows it. */
function locateChangedRows(m: ExportManifest, bytes: Buffer, problems: ExportProblem[]): void {
  try {
    switch (m.format) {
      case 'csv':
        return compareRows(m, parseCsv(bytes), problems);
      case 'json':
        return compareRows(m, parseJsonRows(bytes), problems);
      case 'html':
        return compareHtml(m, bytes.toString('utf8'), problems);
      case 'pdf':
        return; // PDF text is compressed and laid out: the file hash is the check.
    }
  } catch (err) {
    problems.push({
      kind: 'file',
      row: null,
      message: `the file no longer reads as a Cairn ${m.format} export: ${(err as Error).message}`,
    });
  }
}

function checkCase(db: Db, m: ExportManifest, problems: ExportProblem[]): number {
  const caseId = db.prepare('SELECT case_id FROM case_info WHERE id = 1').pluck().get() as
    string | undefined;
  if (caseId !== m.case.caseId) {
    problems.push({
      kind: 'case',
      row: null,
      message: `this export is of case ${m.case.caseId}, but the case file is ${caseId ?? 'not a case'}`,
    });
    return 0;
  }
  const head = m.case.auditHead;
  if (head) {
    const entry = getAuditEntry(db, head.seq);
    if (!entry || entry.hash !== head.hash)
      problems.push({
        kind: 'case',
        row: null,
        message: `the case's audit entry #${head.seq} ${entry ? 'has a different hash' : 'is missing'}: the history the export was made from was rewritten`,
      });
  }
  const chain = findChainBreak(iterateAudit(db));
  if (chain.brokenAt)
    problems.push({ kind: 'case', row: null, message: `the case's ${chain.brokenAt.reason}` });

  // Every cited record, re-read from the kept file the manifest names; one read per file.
  type Cited = { row: string; ev: ManifestContent['rows'][number]['evidence'][number] };
  const byFile = new Map<number, Cited[]>();
  for (const r of m.rows)
    for (const ev of r.evidence) {
      if (ev.fileId === null || ev.locator === null || ev.recordSha256 === null) continue;
      const current = lookupEvidence(db, { type: ev.type, id: ev.id }).provenance;
      if (!current || current.fileId !== ev.fileId || current.locator !== ev.locator)
        problems.push({
          kind: 'evidence',
          row: r.entryId,
          message: `row ${r.entryId}: the case no longer places ${ev.type} ${ev.id} at kept file #${ev.fileId} ${ev.locatorKind} ${ev.locator}`,
        });
      byFile.set(ev.fileId, [...(byFile.get(ev.fileId) ?? []), { row: r.entryId, ev }]);
    }
  let checked = 0;
  for (const [fileId, cited] of byFile) {
    let raws: Map<number, Buffer> | null = null;
    let fileSha: string | null = null;
    let why = '';
    try {
      fileSha = sha256Hex(readEvidenceRaw(db, fileId));
      raws = rawRecords(
        db,
        fileId,
        cited.map((c) => c.ev.locator!),
      );
    } catch (err) {
      why = (err as Error).message;
    }
    for (const { row, ev } of cited) {
      checked++;
      const where = `${ev.type} ${ev.id} (kept file #${fileId}, ${ev.locatorKind} ${ev.locator})`;
      if (fileSha !== null && ev.fileSha256 !== null && fileSha !== ev.fileSha256)
        problems.push({
          kind: 'evidence',
          row,
          message: `row ${row}: the kept file holding ${where} no longer has sha256 ${ev.fileSha256} (now ${fileSha})`,
        });
      const raw = raws?.get(ev.locator!);
      if (!raw)
        problems.push({
          kind: 'evidence',
          row,
          message: `row ${row}: ${where} cannot be re-read from the case${why ? `: ${why}` : ''}`,
        });
      else if (sha256Hex(raw) !== ev.recordSha256)
        problems.push({
          kind: 'evidence',
          row,
          message: `row ${row}: ${where} no longer matches the exported record (sha256 now ${sha256Hex(raw)}, exported ${ev.recordSha256})`,
        });
    }
  }
  return checked;
}

export function verifyExport(opts: {
  exportPath: string;
  manifestPath?: string;
  caseDb?: Db;
}): ExportVerifyReport {
  const file = resolve(opts.exportPath);
  const manifestPath = resolve(opts.manifestPath ?? manifestPathFor(file));
  const problems: ExportProblem[] = [];
  const report = (m: ExportManifest | null, sha: string | null, evidenceChecked = 0) => ({
    ok: problems.length === 0,
    file,
    manifest: manifestPath,
    format: m?.format ?? null,
    sha256: sha,
    manifestSha256: m?.manifestSha256 ?? null,
    rows: m?.rows.length ?? 0,
    evidenceChecked,
    caseChecked: opts.caseDb !== undefined && m !== null,
    problems,
  });
  if (!existsSync(manifestPath)) {
    problems.push({ kind: 'manifest', row: null, message: `no manifest at ${manifestPath}` });
    return report(null, null);
  }
  let parsed: ReturnType<typeof ExportManifestSchema.safeParse>;
  try {
    parsed = ExportManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (err) {
    parsed = { success: false, error: err } as typeof parsed;
  }
  if (!parsed.success) {
    problems.push({
      kind: 'manifest',
      row: null,
      message: `${manifestPath} is not a Cairn export manifest`,
    });
    return report(null, null);
  }
  const m = parsed.data;
  const { manifestSha256, export: exported, ...content } = m;
  if (contentHash(content) !== manifestSha256)
    problems.push({
      kind: 'manifest',
      row: null,
      message: `the manifest was changed after export: its content no longer hashes to ${manifestSha256}`,
    });
  if (!existsSync(file)) {
    problems.push({ kind: 'file', row: null, message: `no export at ${file}` });
    return report(m, null);
  }
  const bytes = readFileSync(file);
  const sha = sha256Hex(bytes);
  if (sha !== exported.sha256) {
    problems.push({
      kind: 'file',
      row: null,
      message: `${file} was changed after export: sha256 is ${sha}, the manifest says ${exported.sha256}`,
    });
    locateChangedRows(m, bytes, problems);
  }
  const checked = opts.caseDb ? checkCase(opts.caseDb, m, problems) : 0;
  return report(m, sha, checked);
}
