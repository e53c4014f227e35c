// Produces the after-action report file: redacts the gathered model (always: a report is shared
// with the whole team), renders the format with the export renderers, writes the manifest
// beside it and records the report in the case's audit log before the files take their names.
import { basename } from 'node:path';
import type { CaseFile } from '../casefile/open';
import type { ManifestContent } from '../shared/export';
import type { TabletopReportResult } from '../shared/ops/tabletop-score';
import { buildAfterActionDocument } from './after-action-document';
import {
  afterActionRows,
  renderAfterActionJson,
  REPORT_COLUMNS,
  reportRowSha256,
  type AfterActionModel,
} from './after-action';
import { csvTable } from './csv';
import { renderSectionsHtml } from './html';
import { contentHash, finishManifest } from './manifest';
import { listRedactionMarks } from './marks';
import { renderSectionsPdf } from './pdf';
import { createRedactor } from './redact';
import { commitExport, exportPaths } from './run';

export type ReportProgress = { phase: 'rendering' | 'writing' };

async function render(m: AfterActionModel, hash: string): Promise<Buffer> {
  const title = `${m.case.title}: after-action report`;
  switch (m.format) {
    case 'pdf':
      return renderSectionsPdf(buildAfterActionDocument(m, hash), {
        title,
        author: m.preparedBy,
        subject: `Cairn case ${m.case.caseId}, tabletop ${m.scenario.id} seed ${m.scenario.seed}`,
        toolVersion: m.toolVersion,
        preparedAt: m.preparedAt,
        runningHeader: `${m.case.title} · after-action report · prepared ${m.preparedAt}`,
        manifestSha256: hash,
      });
    case 'html':
      return renderSectionsHtml(buildAfterActionDocument(m, hash), {
        title,
        toolVersion: m.toolVersion,
        manifestSha256: hash,
      });
    case 'csv':
      return csvTable(REPORT_COLUMNS, afterActionRows(m));
    case 'json':
      return renderAfterActionJson(m, hash);
  }
}

/** Refuses an `out` that is the case file or exists (unless overwriting), before any work. */
export function checkReportOut(file: CaseFile, req: { out: string; overwrite: boolean }): void {
  exportPaths(file, req);
}

export async function runAfterActionReport(
  file: CaseFile,
  gathered: AfterActionModel,
  req: { out: string; overwrite: boolean; actor: string },
  progress: (p: ReportProgress) => void = () => undefined,
): Promise<TabletopReportResult> {
  const paths = exportPaths(file, req);
  const marks = listRedactionMarks(file.db).map((m) => m.value);
  const redactor = createRedactor(marks);
  const red = redactor.deep(gathered);
  const c = redactor.counts;
  const model: AfterActionModel = {
    ...red,
    format: gathered.format,
    redaction: {
      applied: true,
      marks: marks.length,
      replaced: c.field + c.learned + c.shape + c.marked,
    },
  };
  progress({ phase: 'rendering' });
  const rows = afterActionRows(model);
  const content: ManifestContent = {
    manifestVersion: 1,
    tool: 'cairn',
    toolVersion: model.toolVersion,
    format: model.format,
    case: { caseId: model.case.caseId, title: model.case.title, auditHead: model.auditHead },
    generatedAt: model.preparedAt,
    generatedBy: model.preparedBy,
    timezone: model.case.timezone,
    range: { from: null, to: null },
    redacted: true,
    rows: rows.map((r) => ({ entryId: r.rowId, rowSha256: reportRowSha256(r), evidence: [] })),
  };
  const hash = contentHash(content);
  const bytes = await render(model, hash);
  const manifest = finishManifest(content, { name: basename(paths.out), bytes });
  progress({ phase: 'writing' });
  const auditSeq = commitExport(file, paths, bytes, manifest, {
    action: 'tabletop.report',
    actor: req.actor,
    audit: {
      report: {
        format: model.format,
        file: paths.out,
        sha256: manifest.export.sha256,
        size: bytes.length,
        manifestSha256: hash,
        redacted: true,
        scenario: model.scenario.id,
        seed: model.scenario.seed,
        truth: model.scenario.truthFile,
        overall: model.score.overall.score,
        auditHead: model.auditHead,
      },
    },
  });
  return {
    out: paths.out,
    manifestPath: paths.manifest,
    format: model.format,
    sha256: manifest.export.sha256,
    size: bytes.length,
    manifestSha256: hash,
    redacted: true,
    redactions: model.redaction.replaced,
    overall: model.score.overall.score,
    auditSeq,
  };
}
