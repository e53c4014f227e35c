// Kept evidence files: stored verbatim (gzip stays gzip), content-addressed by sha256. A large
// file is kept in chunks so that no single SQLite value approaches its size limit; an ingest
// batch's small files are appended to one pack (migration 8), each still its own evidence file.
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../casefile/sqlite';
import { statement } from '../../casefile/statements';
import { storedEvidenceBytes, type EvidenceRow } from '../../casefile/evidence-store';
import { CairnError } from '../../shared/errors';

export const EVIDENCE_CHUNK_BYTES = 16 * 1024 * 1024;
/** Files smaller than this are packed: a 4 KB page held one few-KB delivered file and air. */
export const PACK_FILE_BYTES = 256 * 1024;

/** Where a packed file's bytes are. */
export interface PackPlace {
  packId: number;
  offset: number;
}

export function findEvidenceFile(db: Db, sha256: string): number | null {
  const row = statement(db, 'SELECT id FROM evidence_files WHERE sha256 = ?')
    .pluck()
    .get(sha256) as number | undefined;
  return row ?? null;
}

/**
 * Appends the small files among these that the case does not keep yet to packs of at most
 * EVIDENCE_CHUNK_BYTES, each content once; returns where each one's bytes went, by sha256.
 * keepEvidenceFile then records each file with its place.
 */
export function packSmallFiles(
  db: Db,
  files: readonly { raw: Buffer; sha256: string }[],
): Map<string, PackPlace> {
  const places = new Map<string, PackPlace>();
  const putPack = statement(db, 'INSERT INTO evidence_packs (data) VALUES (?)');
  let parts: Buffer[] = [];
  let pending: [string, number][] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    const packId = Number(putPack.run(Buffer.concat(parts, size)).lastInsertRowid);
    for (const [sha256, offset] of pending) places.set(sha256, { packId, offset });
    parts = [];
    pending = [];
    size = 0;
  };
  const taken = new Set<string>();
  for (const f of files) {
    if (f.raw.length >= PACK_FILE_BYTES || taken.has(f.sha256)) continue;
    if (findEvidenceFile(db, f.sha256) !== null) continue;
    taken.add(f.sha256);
    if (size + f.raw.length > EVIDENCE_CHUNK_BYTES) flush();
    pending.push([f.sha256, size]);
    parts.push(f.raw);
    size += f.raw.length;
  }
  flush();
  return places;
}

/**
 * Stores the file unless identical content is already kept, in its pack when packSmallFiles gave
 * it a place, else in chunks; returns its id either way.
 */
export function keepEvidenceFile(
  db: Db,
  file: { raw: Buffer; sha256: string; compression: 'gzip' | 'none' },
  nowMs: number,
  packed?: PackPlace,
): number {
  const existing = findEvidenceFile(db, file.sha256);
  if (existing !== null) return existing;
  if (packed)
    return Number(
      statement(
        db,
        `INSERT INTO evidence_files (sha256, size, compression, chunks, added_at_ms, pack_id,
           pack_offset) VALUES (?, ?, ?, 0, ?, ?, ?)`,
      ).run(file.sha256, file.raw.length, file.compression, nowMs, packed.packId, packed.offset)
        .lastInsertRowid,
    );
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

function evidenceRow(db: Db, fileId: number): EvidenceRow {
  // SELECT *: a case from before migration 8, opened read-only, has no pack columns.
  const row = statement(db, 'SELECT * FROM evidence_files WHERE id = ?').get(fileId) as
    EvidenceRow | undefined;
  if (!row) throw new CairnError('NOT_FOUND', `evidence file #${fileId} is not in the case`);
  return row;
}

/** The kept file exactly as delivered. */
export function readEvidenceRaw(db: Db, fileId: number): Buffer {
  return storedEvidenceBytes(db, evidenceRow(db, fileId));
}

/** The kept file decompressed, as its records were read at ingest. */
export function readEvidenceContent(db: Db, fileId: number): Buffer {
  const meta = evidenceRow(db, fileId);
  const raw = storedEvidenceBytes(db, meta);
  // A truncated gzip was ingested as far as it went; read it back the same way.
  return meta.compression === 'gzip' ? gunzipSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH */ }) : raw;
}
