// Produces one export: gathers and redacts the model, renders the format, writes the file and its
// manifest, and records the export in the case's audit log (with its hash, whether it was redacted,
// and by whom) before the files take their final names.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CaseFile } from '../casefile/open';
import type { ExportFormat, ExportManifest, ExportResult } from '../shared/export';
import { CairnError } from '../shared/errors';
import { renderCsv } from './csv';
import { htmlRowMarkup, renderHtml } from './html';
import { renderJson } from './json';
import { contentHash, finishManifest, manifestContent, manifestPathFor } from './manifest';
import { buildExportModel, type ExportModel } from './model';
import { renderPdf } from './pdf';
import type { NotificationStatus } from './summary';

export interface ExportRequest {
  format: ExportFormat;
  out: string;
  fromMs?: number;
  toMs?: number;
  redact: boolean;
  overwrite: boolean;
  actor: string;
  nowMs: number;
  notifications: NotificationStatus;
}

export type ExportProgress = { phase: 'gathering' | 'rendering' | 'writing'; entries?: number };

async function render(model: ExportModel, hash: string): Promise<Buffer> {
  switch (model.format) {
    case 'pdf':
      return renderPdf(model, hash);
    case 'html':
      return renderHtml(model, hash);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return renderJson(model, hash);
  }
}

/** Where an export and its manifest go; refuses the case file itself and (unless told) existing files. */
export function exportPaths(
  file: CaseFile,
  req: { out: string; overwrite: boolean },
): { out: string; manifest: string } {
  const out = resolve(req.out);
  const manifest = manifestPathFor(out);
  if (out === file.path || manifest === file.path)
    throw new CairnError('INVALID_INPUT', `out: ${out} is the case file itself`);
  for (const p of [out, manifest])
    if (existsSync(p) && !req.overwrite)
      throw new CairnError(
        'CASE_EXISTS',
        `out: ${p} already exists`,
        'choose another --out, or pass --force to replace it',
      );
  mkdirSync(dirname(out), { recursive: true });
  return { out, manifest };
}

/**
 * Writes an export and its manifest under temporary names, records them in the case's audit log
 * (`entry.audit` is the entry's payload), and only then gives the files their final names.
 * Returns the audit sequence number.
 */
export function commitExport(
  file: CaseFile,
  paths: { out: string; manifest: string },
  bytes: Buffer,
  manifest: ExportManifest,
  entry: { action: string; actor: string; audit: Record<string, unknown> },
): number {
  const partial = `${paths.out}.partial-${process.pid}`;
  const partialManifest = `${paths.manifest}.partial-${process.pid}`;
  writeFileSync(partial, bytes);
  writeFileSync(partialManifest, JSON.stringify(manifest, null, 2) + '\n');
  try {
    const auditSeq = file.writer.write(entry.action, entry.actor, (w) => ({
      audit: entry.audit,
      value: w.auditSeq,
    }));
    renameSync(partial, paths.out);
    renameSync(partialManifest, paths.manifest);
    return auditSeq;
  } finally {
    rmSync(partial, { force: true });
    rmSync(partialManifest, { force: true });
  }
}

export async function runExport(
  file: CaseFile,
  req: ExportRequest,
  progress: (p: ExportProgress) => void = () => undefined,
): Promise<ExportResult> {
  const paths = exportPaths(file, req);
  progress({ phase: 'gathering' });
  const model = buildExportModel(file.db, file.path, {
    format: req.format,
    redact: req.redact,
    preparedBy: req.actor,
    nowMs: req.nowMs,
    notifications: req.notifications,
    ...(req.fromMs !== undefined ? { fromMs: req.fromMs } : {}),
    ...(req.toMs !== undefined ? { toMs: req.toMs } : {}),
  });
  // Let the host answer other requests between the phases of a long export.
  await new Promise((r) => setImmediate(r));
  progress({ phase: 'rendering', entries: model.entries.length });
  const markup =
    req.format === 'html'
      ? (() => {
          const byId = htmlRowMarkup(model);
          return model.entries.map((e) => byId.get(e.key) ?? '');
        })()
      : undefined;
  const content = manifestContent(model, markup);
  const hash = contentHash(content);
  const bytes = await render(model, hash);
  const manifest = finishManifest(content, { name: basename(paths.out), bytes });
  progress({ phase: 'writing' });

  const evidenceRows = model.entries.reduce((n, e) => n + e.evidence.length, 0);
  const auditSeq = commitExport(file, paths, bytes, manifest, {
    action: 'export.create',
    actor: req.actor,
    audit: {
      export: {
        format: req.format,
        file: paths.out,
        sha256: manifest.export.sha256,
        size: bytes.length,
        manifestSha256: hash,
        redacted: req.redact,
        range: model.range,
        entries: model.entries.length,
        evidenceRows,
        auditHead: model.custody.auditHead,
      },
      ...(req.redact
        ? {}
        : {
            warning: 'unredacted export: it may contain session tokens, secret keys and passwords',
          }),
    },
  });
  return {
    out: paths.out,
    manifestPath: paths.manifest,
    format: req.format,
    sha256: manifest.export.sha256,
    size: bytes.length,
    manifestSha256: hash,
    redacted: req.redact,
    redactions: model.redaction.replaced,
    entries: model.entries.length,
    evidenceRows,
    auditHead: model.custody.auditHead,
    auditSeq,
  };
}
