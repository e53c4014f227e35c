// Kept evidence files in packs (migration 8): an ingest batch's small files share one blob, each
// keeps its own evidence_files row and reads back byte for byte; large files and files already
// kept are not packed; `cairn verify` re-hashes a packed file from its slice and names the one
// that was altered.
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/casefile/migrate';
import { verifyCase } from '../../../../src/casefile/verify';
import {
  EVIDENCE_CHUNK_BYTES,
  keepEvidenceFile,
  PACK_FILE_BYTES,
  packSmallFiles,
  readEvidenceRaw,
} from '../../../../src/sources/ingest/evidence';

function memoryCase(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', {});
  return db;
}

const file = (raw: Buffer) => ({
  raw,
  sha256: createHash('sha256').update(raw).digest('hex'),
  compression: 'none' as const,
});

/** What the ingest does with one batch: pack, then keep each file. */
function keepBatch(db: Database.Database, files: ReturnType<typeof file>[]): number[] {
  const places = packSmallFiles(db, files);
  return files.map((f) => keepEvidenceFile(db, f, 0, places.get(f.sha256)));
}

const count = (db: Database.Database, sql: string): number =>
  db.prepare(sql).pluck().get() as number;

describe('small evidence files kept in packs', () => {
  it('puts a batch’s small files in one pack and reads each back exactly', () => {
    const db = memoryCase();
    const small = [1, 4_700, 100, PACK_FILE_BYTES - 1].map((n) => file(randomBytes(n)));
    const large = file(randomBytes(PACK_FILE_BYTES));
    const ids = keepBatch(db, [small[0]!, large, ...small.slice(1), small[1]!]);
    expect(new Set(ids).size).toBe(5); // the repeated file is kept once
    expect(ids[5]).toBe(ids[2]);
    expect(count(db, 'SELECT COUNT(*) FROM evidence_packs')).toBe(1);
    expect(count(db, 'SELECT length(data) FROM evidence_packs')).toBe(
      small.reduce((n, f) => n + f.raw.length, 0),
    );
    // Only the large file has chunks; the packed ones say where they sit.
    expect(count(db, 'SELECT COUNT(DISTINCT file_id) FROM evidence_chunks')).toBe(1);
    expect(
      db
        .prepare('SELECT pack_offset FROM evidence_files WHERE chunks = 0 ORDER BY id')
        .pluck()
        .all(),
    ).toEqual([0, 1, 4_701, 4_801]);
    for (const [i, f] of [small[0]!, large, ...small.slice(1)].entries())
      expect(readEvidenceRaw(db, ids[i]!).equals(f.raw)).toBe(true);
    expect(verifyCase(db, ':memory:').evidenceFiles).toEqual({ checked: 5, failed: 0 });
  });

  it('packs nothing already kept, and starts a new pack before one would pass the chunk size', () => {
    const db = memoryCase();
    const first = file(randomBytes(1000));
    keepBatch(db, [first]);
    const n = Math.floor(EVIDENCE_CHUNK_BYTES / (PACK_FILE_BYTES - 1)) + 1;
    const many = Array.from({ length: n }, () => file(randomBytes(PACK_FILE_BYTES - 1)));
    const places = packSmallFiles(db, [first, ...many]);
    expect(places.has(first.sha256)).toBe(false);
    expect(new Set([...places.values()].map((p) => p.packId)).size).toBe(2);
    const sizes = db.prepare('SELECT length(data) FROM evidence_packs ORDER BY id').pluck().all();
    expect(sizes.slice(1)).toEqual([(n - 1) * (PACK_FILE_BYTES - 1), PACK_FILE_BYTES - 1]);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(EVIDENCE_CHUNK_BYTES);
  });

  it('are append-only, and verify names the packed file whose bytes were changed', () => {
    const db = memoryCase();
    const files = ['{"Records":[1]}', '{"Records":[2]}', '{"Records":[3]}'].map((s) =>
      file(Buffer.from(s)),
    );
    const ids = keepBatch(db, files);
    expect(() => db.exec("UPDATE evidence_packs SET data = x'00'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM evidence_packs')).toThrow(/append-only/);
    db.exec('DROP TRIGGER evidence_packs_no_update');
    const data = db.prepare('SELECT data FROM evidence_packs').pluck().get() as Buffer;
    data.write('9', data.indexOf('[2]') + 1); // the second file's bytes only
    db.prepare('UPDATE evidence_packs SET data = ?').run(data);
    const report = verifyCase(db, ':memory:');
    expect(report.evidenceFiles).toEqual({ checked: 3, failed: 1 });
    expect(report.problems.map((p) => p.ref)).toEqual([
      `evidence_file#${ids[1]}`,
      'evidence_packs_no_update',
    ]);
  });
});
