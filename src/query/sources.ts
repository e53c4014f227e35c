// What was ingested, from where, with which outcome — the basis of "what we could not see".
import type { Db } from '../casefile/sqlite';
import type { SourceSummary } from '../shared/domain';

interface SourceRow {
  id: number;
  kind: string;
  location: string;
  params: string;
  limitations: string | null;
  status: string;
  started_at_ms: number;
  finished_at_ms: number | null;
  files: number;
  files_skipped: number;
  records_read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  errors: string;
}

export function listSources(db: Db): SourceSummary[] {
  const rows = db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
  const byStatus = db.prepare(
    'SELECT status, COUNT(*) AS n FROM source_files WHERE source_id = ? GROUP BY status',
  );
  const rejections = db.prepare(
    "SELECT location, rejections FROM source_files WHERE source_id = ? AND rejections != '[]' ORDER BY id LIMIT 20",
  );
  return rows.map((s) => {
    const counts = { done: 0, digest: 0, rejected: 0, failed: 0 };
    for (const r of byStatus.all(s.id) as { status: keyof typeof counts; n: number }[])
      counts[r.status] = r.n;
    const first: SourceSummary['firstRejections'] = [];
    for (const r of rejections.all(s.id) as { location: string; rejections: string }[]) {
      for (const j of JSON.parse(r.rejections) as { locator: number | null; reason: string }[]) {
        if (first.length < 20)
          first.push({ location: r.location, locator: j.locator, reason: j.reason });
      }
    }
    return {
      id: s.id,
      kind: s.kind,
      location: s.location,
      params: JSON.parse(s.params) as Record<string, unknown>,
      limitations: s.limitations,
      status: s.status,
      startedAt: new Date(s.started_at_ms).toISOString(),
      finishedAt: s.finished_at_ms === null ? null : new Date(s.finished_at_ms).toISOString(),
      files: s.files,
      filesSkipped: s.files_skipped,
      filesByStatus: counts,
      recordsRead: s.records_read,
      inserted: s.inserted,
      duplicates: s.duplicates,
      rejected: s.rejected,
      errors: JSON.parse(s.errors) as string[],
      firstRejections: first,
    };
  });
}
