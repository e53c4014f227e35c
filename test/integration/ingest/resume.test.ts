// A responder's laptop dies mid-ingest. The case file must still be valid, and running the same
// ingest again must finish with exactly the counts of an uninterrupted run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { makeOrg, routineRecord } from '../../../src/tabletop/background';
import { Rng } from '../../../src/tabletop/random';
import { TrailWriter } from '../../../src/tabletop/trail-writer';
import { CAIRN_BIN, cliJson, REPO_ROOT } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';

function trail(root: string, records: number): void {
  const rng = new Rng(7);
  const org = makeOrg(rng);
  const w = new TrailWriter(root, rng, { recordsPerFile: 100 });
  let t = Date.UTC(2026, 2, 27);
  for (let i = 0; i < records; i++) w.add(routineRecord(rng, org, (t += 1000)));
  w.finish();
}

function counts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  const one = (sql: string): number => (db.prepare(sql).pluck().get() as number) ?? 0;
  const out = {
    events: one('SELECT COUNT(*) FROM events'),
    distinctIds: one('SELECT COUNT(DISTINCT event_id) FROM events'),
    evidenceFiles: one('SELECT COUNT(*) FROM evidence_files'),
    doneFiles: one("SELECT COUNT(*) FROM source_files WHERE status = 'done'"),
    // Row references, not postings rows: how rows group into blocks depends on batch boundaries.
    postedRows: one('SELECT SUM(n) FROM postings'),
    blockRows: one('SELECT SUM(row_count) FROM evidence_blocks'),
    sources: one('SELECT COUNT(*) FROM sources'),
    inserted: one('SELECT SUM(inserted) FROM sources'),
  };
  db.close();
  return out;
}

describe('an ingest killed half-way', () => {
  it('leaves a valid case, and a re-run ends with the counts of an uninterrupted run', async () => {
    const dir = freshDir();
    // 120 files of 100 records: commits go in batches of 50 files (5,000 records).
    trail(join(dir, 'trail'), 12_000);

    const clean = join(dir, 'clean.cairn');
    await cliJson(['case', 'create', clean, '--title', 'clean']);
    await cliJson(['ingest', clean, join(dir, 'trail')]);

    const crashed = join(dir, 'crashed.cairn');
    await cliJson(['case', 'create', crashed, '--title', 'crashed']);
    const killed = spawnSync(
      process.execPath,
      [CAIRN_BIN, 'ingest', crashed, join(dir, 'trail'), '--bulk', 'always'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CAIRN_FAULT_KILL_DURING_FILE: '62' },
        encoding: 'utf8',
      },
    );
    expect(killed.signal).toBe('SIGKILL');

    // Whole batches committed (about 5,000 records each); nothing of the batch the kill hit, which
    // held file 62; every committed file complete; the audit chain intact.
    const partial = counts(crashed);
    expect(partial.doneFiles).toBeGreaterThanOrEqual(40);
    expect(partial.doneFiles).toBeLessThan(62);
    expect(partial.blockRows).toBe(partial.events);
    expect(partial.events).toBe(partial.inserted);
    expect(partial.events).toBeLessThan(6_200);
    const verified = await cliJson<{ ok: boolean }>(['verify', crashed]);
    expect(verified.ok).toBe(true);

    // The kill left the bulk ingest's indexes suspended; the re-run restores them.
    await cliJson(['ingest', crashed, join(dir, 'trail')]);
    const finished = counts(crashed);
    expect(finished).toEqual(counts(clean));
    expect(finished.events).toBe(12_000);
    const db = new Database(crashed, { readonly: true });
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE name IN ('events_event_id', 'events_time') ORDER BY name",
        )
        .pluck()
        .all(),
    ).toEqual(['events_event_id', 'events_time']);
    expect(db.prepare('SELECT COUNT(*) FROM deferred_indexes').pluck().get()).toBe(0);
    db.close();
  });
});
