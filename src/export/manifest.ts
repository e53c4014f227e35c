// The manifest written beside every export (PATH.manifest.json). Its content part — case, audit
// chain head, tool version, and for every row its hash and the records it cites — is hashed, and
// that hash is printed inside the export; the manifest then adds the export file's own sha256.
// Export and manifest thus vouch for each other, and both for the case.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical';
import type { ExportManifest, ManifestContent } from '../shared/export';
import type { ExportModel } from './model';
import { rowSha256 } from './rows';

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export const manifestPathFor = (out: string): string => `${out}.manifest.json`;

export function manifestContent(model: ExportModel, markup?: readonly string[]): ManifestContent {
  return {
    manifestVersion: 1,
    tool: 'cairn',
    toolVersion: model.toolVersion,
    format: model.format,
    case: {
      caseId: model.case.caseId,
      title: model.case.title,
      auditHead: model.custody.auditHead,
    },
    generatedAt: model.preparedAt,
    generatedBy: model.preparedBy,
    timezone: model.case.timezone,
    range: model.range,
    redacted: model.redaction.applied,
    rows: model.entries.map((e, i) => ({
      entryId: e.key,
      rowSha256: rowSha256(model.rows[i]!),
      ...(markup?.[i] !== undefined ? { markupSha256: sha256(markup[i]) } : {}),
      evidence: e.evidence.map((ev) => ({
        type: ev.type,
        id: ev.id,
        fileId: ev.provenance?.fileId ?? null,
        fileSha256: ev.provenance?.fileSha256 ?? null,
        locatorKind: ev.provenance?.locatorKind ?? null,
        locator: ev.provenance?.locator ?? null,
        recordSha256: ev.recordSha256,
      })),
    })),
  };
}

export function contentHash(content: ManifestContent): string {
  return sha256(canonicalJson(content));
}

export function finishManifest(
  content: ManifestContent,
  file: { name: string; bytes: Buffer },
): ExportManifest {
  return {
    ...content,
    manifestSha256: contentHash(content),
    export: { file: file.name, sha256: sha256(file.bytes), size: file.bytes.length },
  };
}
