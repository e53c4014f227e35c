// Reading a kept evidence file's bytes as stored: its slice of a pack (migration 8) or its chunks.
// Shared by the ingest's readers and by `cairn verify`, which re-hashes every kept file.
import type { Db } from './sqlite';
import { statement } from './statements';

/** An evidence_files row, with the pack columns a case from before migration 8 lacks. */
export interface EvidenceRow {
  id: number;
  sha256: string;
  size: number;
  compression: string;
  pack_id?: number | null;
  pack_offset?: number | null;
}

/** The bytes kept for a file, as stored: its slice of a pack, or its chunks in order. */
export function storedEvidenceBytes(db: Db, f: EvidenceRow): Buffer {
  if (f.pack_id !== undefined && f.pack_id !== null) {
    const slice = statement(db, 'SELECT substr(data, ?, ?) FROM evidence_packs WHERE id = ?')
      .pluck()
      .get((f.pack_offset ?? 0) + 1, f.size, f.pack_id) as Buffer | undefined;
    return slice ?? Buffer.alloc(0);
  }
  const parts = statement(db, 'SELECT data FROM evidence_chunks WHERE file_id = ? ORDER BY seq')
    .pluck()
    .all(f.id) as Buffer[];
  return Buffer.concat(parts);
}
