import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/casefile/migrate';
import { MIGRATIONS } from '../../../src/casefile/migrations';
import type { Migration } from '../../../src/casefile/migrations/types';
import { openCaseFile } from '../../../src/casefile/open';
import { APPEND_ONLY_TABLES } from '../../../src/casefile/verify';
import { newCase, testContext } from '../../helpers/case';
import { freshDir } from '../../helpers/tmp';
import { join } from 'node:path';

function schemaOf(db: Database.Database, type: string): string[] {
  return (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));
}

describe('migration 1: core tables', () => {
  it('creates the tables of DESIGN.md and sets user_version 1', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 1) })).toEqual({
      from: 0,
      to: 1,
    });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(schemaOf(db, 'table')).toEqual(
      [
        'audit',
        'case_info',
        'deadlines',
        'events',
        'evidence_chunks',
        'evidence_files',
        'findings',
        'runbook_runs',
        'runbook_transitions',
        's3_access',
        'source_files',
        'sources',
        'strings',
        'timeline',
      ].sort(),
    );
  });

  it('makes every evidence-bearing table append-only', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 1) });
    db.exec(`INSERT INTO audit VALUES (1, 0, 'a', 'x', '{}', '${'0'.repeat(64)}', 'h')`);
    expect(() => db.exec("UPDATE audit SET actor = 'b'")).toThrow(/audit is append-only/);
    expect(() => db.exec('DELETE FROM audit')).toThrow(/audit is append-only/);
    const triggers = schemaOf(db, 'trigger');
    for (const t of APPEND_ONLY_TABLES) {
      expect(triggers).toContain(`${t}_no_update`);
      expect(triggers).toContain(`${t}_no_delete`);
    }
  });

  it('answers the investigator’s hot lookups from an index', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 1) });
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan(
        'SELECT * FROM events WHERE access_key_id = 1 AND time_ms BETWEEN 0 AND 9 ORDER BY time_ms',
      ),
    ).toMatch(/USING INDEX events_key_time/);
    expect(plan('SELECT * FROM events WHERE principal_arn = 1 ORDER BY time_ms')).toMatch(
      /events_principal_time/,
    );
    expect(plan('SELECT * FROM s3_access WHERE bucket = 1 AND time_ms > 5')).toMatch(
      /s3_access_bucket_time/,
    );
    expect(plan("SELECT id FROM strings WHERE value = 'x'")).toMatch(
      /USING COVERING INDEX sqlite_autoindex_strings_1/,
    );
  });
});

describe('upgrading an older case file', () => {
  const addColumn: Migration = {
    version: 2,
    name: 'test: add a column',
    sql: 'ALTER TABLE findings ADD COLUMN extra TEXT;',
  };
  const broken: Migration = {
    version: 2,
    name: 'test: broken',
    sql: 'CREATE TABLE t2 (x); SELECT no_such_function();',
  };

  it('backs the file up, then applies each newer migration', async () => {
    const ctx = testContext();
    const c = await newCase(ctx, { dir: freshDir() });
    ctx.cases.closeAll();
    const before = createHash('sha256').update(readFileSync(c.path)).digest('hex');
    let backup = '';
    const file = openCaseFile(c.path, {
      migrations: [...MIGRATIONS, addColumn],
      onBackup: (p) => (backup = p),
    });
    expect(file.db.pragma('user_version', { simple: true })).toBe(2);
    expect(
      file.db
        .prepare("SELECT COUNT(*) AS n FROM pragma_table_info('findings') WHERE name = 'extra'")
        .get(),
    ).toEqual({ n: 1 });
    file.close();
    expect(backup).toMatch(/case\.cairn\.bak-v1-\d{8}T\d{6}Z$/);
    const old = new Database(backup, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare('SELECT title FROM case_info').get()).toEqual({ title: c.title });
    old.close();
    expect(before).toHaveLength(64);
  });

  it('rolls a failing migration back, leaving the file at its old version and the backup in place', async () => {
    const ctx = testContext();
    const dir = freshDir();
    const c = await newCase(ctx, { dir });
    ctx.cases.closeAll();
    let backup = '';
    expect(() =>
      openCaseFile(c.path, { migrations: [...MIGRATIONS, broken], onBackup: (p) => (backup = p) }),
    ).toThrow(/migration 2 \(test: broken\) failed and was rolled back/);
    expect(existsSync(backup)).toBe(true);
    const db = new Database(join(dir, 'case.cairn'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(schemaOf(db, 'table')).not.toContain('t2');
    db.close();
  });
});
