// Rows of the sources table: one per ingested location. Re-running the same ingest (same kind,
// location and parameters) continues the same source, so its totals stay those of one run.
import type { CaseFile } from '../../casefile/open';
import { canonicalJson } from '../../shared/canonical';
import type { Feed } from '../feeds/types';

export function openSource(
  file: CaseFile,
  actor: string,
  feed: Feed,
): { id: number; resumed: boolean } {
  const params = canonicalJson(feed.params);
  return file.writer.write<{ id: number; resumed: boolean }>('ingest.source', actor, (w) => {
    const existing = w.db
      .prepare('SELECT id, status FROM sources WHERE kind = ? AND location = ? AND params = ?')
      .get(feed.sourceKind, feed.location, params) as { id: number; status: string } | undefined;
    if (existing) {
      w.db
        .prepare("UPDATE sources SET status = 'running', finished_at_ms = NULL WHERE id = ?")
        .run(existing.id);
      return {
        audit: { sourceId: existing.id, resumed: true, previousStatus: existing.status },
        value: { id: existing.id, resumed: true },
      };
    }
    const id = Number(
      w.db
        .prepare(
          `INSERT INTO sources (kind, location, params, limitations, status, started_at_ms)
           VALUES (?, ?, ?, ?, 'running', ?)`,
        )
        .run(feed.sourceKind, feed.location, params, feed.limitations, w.nowMs).lastInsertRowid,
    );
    return {
      audit: {
        sourceId: id,
        kind: feed.sourceKind,
        location: feed.location,
        params: feed.params,
        limitations: feed.limitations,
      },
      value: { id, resumed: false },
    };
  });
}

export function recordFailedFile(
  file: CaseFile,
  actor: string,
  sourceId: number,
  location: string,
  error: string,
): void {
  file.writer.write('ingest.file', actor, (w) => {
    w.db
      .prepare(
        `INSERT INTO source_files (source_id, location, status, error, ingested_at_ms) VALUES (?, ?, 'failed', ?, ?)`,
      )
      .run(sourceId, location, error, w.nowMs);
    return { audit: { sourceId, location, status: 'failed', error }, value: undefined };
  });
}

export function closeSource(
  file: CaseFile,
  actor: string,
  sourceId: number,
  outcome: { status: 'complete' | 'partial' | 'failed'; skipped: number; errors: string[] },
): void {
  file.writer.write('ingest.source.finish', actor, (w) => {
    w.db
      .prepare(
        'UPDATE sources SET status = ?, finished_at_ms = ?, files_skipped = ?, errors = ? WHERE id = ?',
      )
      .run(
        outcome.status,
        w.nowMs,
        outcome.skipped,
        JSON.stringify(outcome.errors.slice(0, 50)),
        sourceId,
      );
    return {
      audit: { sourceId, ...outcome, errors: outcome.errors.slice(0, 50) },
      value: undefined,
    };
  });
}
