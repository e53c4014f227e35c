// Kept evidence files: stored verbatim (gzip stays gzip), content-addressed by sha256, in chunks
// so that no single SQLite value approaches its size limit.
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../casefile/sqlite';
import { statement } from '../../casefile/statements';
import { CairnError } from '../../shared/errors';

export const EVIDENCE_CHUNK_BYTES = 16 * 1024 * 1024;

export function findEvidenceFile(db: Db, sha256: string): number | null {
  const row = statement(db, 'SELECT id FROM evidence_files WHERE sha256 = ?')
    .pluck()
    .get(sha256) as number | undefined;
  return row ?? null;
}

/** Stores the file unless identical content is already kept; returns its id either way. */
export function keepEvidenceFile(
  db: Db,
  file: { raw: Buffer; sha256: string; compression: 'gzip' | 'none' },
  nowMs: number,
): number {
  const existing = findEvidenceFile(db, file.sha256);
  if (existing !== null) return existing;
  const chunks = Math.max(1, Math.ceil(file.raw.length / EVIDENCE_CHUNK_BYTES));
  const id = Number(
    statement(
      db,
      'INSERT INTO evidence_files (sha256, size, compression, chunks, added_at_ms) VALUES (?, ?, ?, ?, ?)',
    ).run(file.sha256, file.raw.length, file.compression, chunks, nowMs).lastInsertRowid,
  );
  const put = statement(db, 'INSERT INTO evidence_chunks (file_id, seq, data) VALUES (?, ?, ?)');
  for (let seq = 0; seq < chunks; seq++) {
    put.run(
      id,
      seq,
      file.raw.subarray(seq * EVIDENCE_CHUNK_BYTES, (seq + 1) * EVIDENCE_CHUNK_BYTES),
    );
  }
  return id;
}

/** The kept file exactly as delivered. */
export function readEvidenceRaw(db: Db, fileId: number): Buffer {
  const parts = db
    .prepare('SELECT data FROM evidence_chunks WHERE file_id = ? ORDER BY seq')
    .pluck()
    .all(fileId) as Buffer[];
  if (parts.length === 0)
    throw new CairnError('NOT_FOUND', `evidence file #${fileId} is not in the case`);
  return Buffer.concat(parts);
}

/** The kept file decompressed, as its records were read at ingest. */
export function readEvidenceContent(db: Db, fileId: number): Buffer {
  const meta = db.prepare('SELECT compression FROM evidence_files WHERE id = ?').get(fileId) as
    { compression: string } | undefined;
  if (!meta) throw new CairnError('NOT_FOUND', `evidence file #${fileId} is not in the case`);
  const raw = readEvidenceRaw(db, fileId);
  // A truncated gzip was ingested as far as it went; read it back the same way.
  return meta.compression === 'gzip' ? gunzipSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH */ }) : raw;
}
