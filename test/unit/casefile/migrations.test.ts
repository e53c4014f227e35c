// One test group per migration, plus the upgrade path a real older case file takes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { iterateAudit } from '../../../src/casefile/audit';
import { migrate } from '../../../src/casefile/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/casefile/migrations';
import type { Migration } from '../../../src/casefile/migrations/types';
import { openCaseFile } from '../../../src/casefile/open';
import { verifyCase, APPEND_ONLY_SINCE, APPEND_ONLY_TABLES } from '../../../src/casefile/verify';
import { freshDir } from '../../helpers/tmp';
import { makeCaseAtVersion } from '../../helpers/old-case';

function names(db: Database.Database, type: string): string[] {
  return (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));
}

function columns(db: Database.Database, table: string): string[] {
  return (
    db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]
  ).map((r) => r.name);
}

function memoryAt(version: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, version) });
  return db;
}

describe('migration 1: core tables', () => {
  it('creates the tables of DESIGN.md and sets user_version 1', () => {
    const db = memoryAt(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(names(db, 'table')).toEqual(
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
    const db = memoryAt(1);
    db.exec(`INSERT INTO audit VALUES (1, 0, 'a', 'x', '{}', '${'0'.repeat(64)}', 'h')`);
    expect(() => db.exec("UPDATE audit SET actor = 'b'")).toThrow(/audit is append-only/);
    expect(() => db.exec('DELETE FROM audit')).toThrow(/audit is append-only/);
    const triggers = names(db, 'trigger');
    for (const t of APPEND_ONLY_TABLES.filter((x) => (APPEND_ONLY_SINCE[x] ?? 1) <= 1)) {
      expect(triggers).toContain(`${t}_no_update`);
      expect(triggers).toContain(`${t}_no_delete`);
    }
  });
});

describe('migration 2: ingest-shaped evidence tables', () => {
  it('keeps existing rows, drops byte offsets, and moves uniqueness to named indexes', () => {
    const db = memoryAt(1);
    db.exec(`INSERT INTO events (event_id, time_ms, event_name, source_id, file_id, record_index, raw_start, raw_end)
             VALUES ('e-1', 10, 1, 1, 1, 0, 0, 99), ('e-2', 20, 1, 1, 1, 1, 100, 180);
             INSERT INTO s3_access (time_ms, source_id, file_id, line, raw_start, raw_end) VALUES (5, 1, 1, 1, 0, 300);`);
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 2) });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(
      db.prepare('SELECT event_id, time_ms, record_index FROM events ORDER BY id').all(),
    ).toEqual([
      { event_id: 'e-1', time_ms: 10, record_index: 0 },
      { event_id: 'e-2', time_ms: 20, record_index: 1 },
    ]);
    expect(columns(db, 'events')).not.toContain('raw_start');
    expect(columns(db, 's3_access')).not.toContain('raw_end');
    expect(columns(db, 'source_files')).toContain('notes');
    expect(() =>
      db.exec(
        "INSERT INTO events (event_id, time_ms, event_name, source_id, file_id, record_index) VALUES ('e-1', 1, 1, 1, 1, 9)",
      ),
    ).toThrow(/UNIQUE constraint failed: events.event_id/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/events is append-only/);
    expect(() => db.exec('UPDATE s3_access SET line = 2')).toThrow(/s3_access is append-only/);
  });

  it('answers the investigator’s hot lookups from an index', () => {
    const db = memoryAt(2);
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    // Lookups by key, principal, IP, name or bucket go through postings (field, term) to rows.
    expect(
      plan('SELECT rows FROM postings WHERE field = 1 AND term = 2 AND max_time_ms >= 0'),
    ).toMatch(/SEARCH postings USING PRIMARY KEY \(field=\? AND term=\?\)/);
    expect(plan('SELECT first_row FROM evidence_blocks WHERE file_id = 3')).toMatch(
      /INTEGER PRIMARY KEY/,
    );
    expect(plan("SELECT id FROM events WHERE event_id = 'x'")).toMatch(/events_event_id/);
    expect(plan('SELECT * FROM events WHERE time_ms BETWEEN 0 AND 9 ORDER BY time_ms')).toMatch(
      /USING INDEX events_time/,
    );
    expect(plan('SELECT * FROM s3_access WHERE time_ms > 5 ORDER BY time_ms')).toMatch(
      /s3_access_time/,
    );
    const triggers = names(db, 'trigger');
    for (const t of APPEND_ONLY_TABLES.filter((x) => (APPEND_ONLY_SINCE[x] ?? 1) <= 2))
      expect(triggers).toContain(`${t}_no_update`);
    expect(plan("SELECT id FROM strings WHERE value = 'x'")).toMatch(
      /USING COVERING INDEX sqlite_autoindex_strings_1/,
    );
  });
});

describe('migration 3: deadline notices, decisions and clock anchors', () => {
  it('keeps existing deadline rows and adds who recorded notices and decisions', () => {
    const db = memoryAt(2);
    db.exec(`INSERT INTO deadlines (rule_id, applicability, status, notified_at_ms, evidence, updated_at_ms)
             VALUES ('eu-gdpr-art33', 'applicable', 'met', 1000, 'portal ref 1', 2000)`);
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 3) });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columns(db, 'deadlines')).toEqual(
      expect.arrayContaining([
        'notified_by',
        'notice_recorded_at_ms',
        'decided_by',
        'decided_at_ms',
        'audit_seq',
      ]),
    );
    expect(
      db.prepare('SELECT rule_id, notified_at_ms, evidence, notified_by FROM deadlines').all(),
    ).toEqual([
      {
        rule_id: 'eu-gdpr-art33',
        notified_at_ms: 1000,
        evidence: 'portal ref 1',
        notified_by: null,
      },
    ]);
    expect(columns(db, 'clock_anchors')).toEqual([
      'anchor',
      'at_ms',
      'set_by',
      'set_at_ms',
      'reason',
      'audit_seq',
    ]);
    db.exec(`INSERT INTO clock_anchors VALUES ('determination_of_breach', 5, 'a', 6, NULL, 1)`);
    expect(() =>
      db.exec(`INSERT INTO clock_anchors VALUES ('determination_of_breach', 7, 'b', 8, NULL, 2)`),
    ).toThrow(/UNIQUE constraint failed: clock_anchors.anchor/);
  });
});

describe('upgrading an older case file', () => {
  it('backs a format-1 case up, brings it to the latest format, and records the upgrade in the audit chain', () => {
    const path = join(freshDir(), 'old.cairn');
    makeCaseAtVersion(path, 1, 'An old case');
    let backup = '';
    const file = openCaseFile(path, { onBackup: (p) => (backup = p) });
    expect(file.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(file.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const audit = [...iterateAudit(file.db)];
    expect(audit.at(-1)).toMatchObject({
      action: 'case.upgrade',
      payload: expect.stringContaining('"fromFormat":1') as unknown,
    });
    expect(verifyCase(file.db, path).ok).toBe(true);
    file.close();
    expect(backup).toMatch(/old\.cairn\.bak-v1-\d{8}T\d{6}Z$/);
    const old = new Database(backup, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare('SELECT title FROM case_info').get()).toEqual({ title: 'An old case' });
    old.close();
  });

  it('rolls a failing migration back, leaving the file at its old version and the backup in place', () => {
    const path = join(freshDir(), 'old.cairn');
    makeCaseAtVersion(path, LATEST_SCHEMA_VERSION, 'Current case');
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test: broken',
      sql: 'CREATE TABLE t2 (x); SELECT no_such_function();',
    };
    let backup = '';
    expect(() =>
      openCaseFile(path, { migrations: [...MIGRATIONS, broken], onBackup: (p) => (backup = p) }),
    ).toThrow(
      new RegExp(
        `migration ${LATEST_SCHEMA_VERSION + 1} \\(test: broken\\) failed and was rolled back`,
      ),
    );
    expect(existsSync(backup)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(names(db, 'table')).not.toContain('t2');
    db.close();
  });
});
