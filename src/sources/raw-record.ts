// Recovers a record's exact bytes from the kept evidence file, from its provenance (file and
// record index or line): the basis of every "this row is that log record" claim in an export.
import type { Db } from '../casefile/sqlite';
import { CairnError } from '../shared/errors';
import { lineRange, scanArrayElements } from './cloudtrail/scan';
import { readEvidenceContent } from './ingest/evidence';

/** Formats whose locator is a line number; the others are array indexes. */
const LINE_FORMATS = new Set(['ndjson', 's3-access']);

export function formatOfFile(db: Db, fileId: number): string {
  const row = db
    .prepare("SELECT format FROM source_files WHERE file_id = ? AND status = 'done' LIMIT 1")
    .get(fileId) as { format: string } | undefined;
  if (!row) throw new CairnError('NOT_FOUND', `evidence file #${fileId} has no ingested records`);
  return row.format;
}

/** Exact bytes of every requested record of one kept file, decompressing and scanning it once. */
export function rawRecords(
  db: Db,
  fileId: number,
  locators: readonly number[],
): Map<number, Buffer> {
  const format = formatOfFile(db, fileId);
  const content = readEvidenceContent(db, fileId);
  const out = new Map<number, Buffer>();
  if (LINE_FORMATS.has(format)) {
    for (const n of locators) {
      const r = lineRange(content, n);
      if (r) out.set(n, content.subarray(r[0], r[1]));
    }
    return out;
  }
  if (format === 'single') {
    if (locators.includes(0)) out.set(0, Buffer.from(content.toString('utf8').trim()));
    return out;
  }
  const scan = scanArrayElements(
    content,
    locators.reduce((m, n) => Math.max(m, n), -1),
  );
  if (!scan)
    throw new CairnError(
      'INTEGRITY',
      `evidence file #${fileId} no longer reads as a ${format} document`,
    );
  for (const i of locators) {
    const r = scan.ranges[i];
    if (r) out.set(i, content.subarray(r[0], r[1]));
  }
  return out;
}

export function rawRecord(db: Db, fileId: number, locator: number): Buffer {
  const r = rawRecords(db, fileId, [locator]).get(locator);
  if (!r) throw new CairnError('NOT_FOUND', `record ${locator} is not in evidence file #${fileId}`);
  return r;
}
