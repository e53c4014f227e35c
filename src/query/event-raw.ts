// One event and its raw record, as kept: what "show me the log line" means in Cairn.
import { createHash } from 'node:crypto';
import type { Db } from '../casefile/sqlite';
import type { EventRow } from '../shared/domain';
import { CairnError } from '../shared/errors';
import { rawRecord } from '../sources/raw-record';
import { EVENT_COLUMNS, EVENT_JOINS, toEventRow, type EventDbRow } from './event-row';

export function eventWithRaw(
  db: Db,
  rowId: number,
): {
  event: EventRow;
  raw: string;
  rawSha256: string;
  file: { id: number; sha256: string; location: string; format: string };
} {
  const row = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events e ${EVENT_JOINS} WHERE e.id = ?`)
    .get(rowId) as EventDbRow | undefined;
  if (!row) throw new CairnError('NOT_FOUND', `no event #${rowId} in this case`);
  const event = toEventRow(row);
  const bytes = rawRecord(db, event.provenance.fileId, event.provenance.recordIndex);
  const file = db
    .prepare(
      "SELECT f.id, f.sha256, s.location, s.format FROM evidence_files f JOIN source_files s ON s.file_id = f.id AND s.status = 'done' WHERE f.id = ? ORDER BY s.id LIMIT 1",
    )
    .get(event.provenance.fileId) as {
    id: number;
    sha256: string;
    location: string;
    format: string;
  };
  return {
    event,
    raw: bytes.toString('utf8'),
    rawSha256: createHash('sha256').update(bytes).digest('hex'),
    file,
  };
}
