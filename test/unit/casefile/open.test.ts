import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { LATEST_SCHEMA_VERSION } from '../../../src/casefile/migrations';
import { openCaseFile } from '../../../src/casefile/open';
import { CAIRN_APPLICATION_ID } from '../../../src/casefile/sqlite';
import { CairnError } from '../../../src/shared/errors';
import { newCase, testContext } from '../../helpers/case';
import { freshDir } from '../../helpers/tmp';

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe(code);
    expect((err as CairnError).message).toMatch(message);
    expect((err as CairnError).message).not.toContain('\n');
    return;
  }
  throw new Error('expected an error');
}

describe('creating a case file', () => {
  it('writes a WAL-mode SQLite file marked as a Cairn case at the latest format', async () => {
    const ctx = testContext();
    const c = await newCase(ctx, { timezone: 'Europe/Berlin', awareAt: '2026-03-27T23:30:00Z' });
    ctx.cases.closeAll();
    const db = new Database(c.path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(CAIRN_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(c).toMatchObject({
      timezone: 'Europe/Berlin',
      status: 'open',
      awareness: { at: '2026-03-27T23:30:00.000Z', setBy: 'test-responder' },
    });
  });

  it('refuses to overwrite an existing file, and leaves it untouched', async () => {
    const dir = freshDir();
    const path = join(dir, 'case.cairn');
    writeFileSync(path, 'precious');
    await expect(callOp('case.create', { path, title: 'x' }, testContext())).rejects.toMatchObject({
      code: 'CASE_EXISTS',
      message: expect.stringContaining(path) as unknown,
    });
    expect(readFileSync(path, 'utf8')).toBe('precious');
  });

  it('leaves nothing behind when creation fails part-way', async () => {
    const dir = freshDir();
    await expect(
      callOp(
        'case.create',
        { path: join(dir, 'case.cairn'), title: 'x', timezone: 'Mars/Olympus' },
        testContext(),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/timezone: "Mars\/Olympus"/) as unknown,
    });
    await expect(
      callOp(
        'case.create',
        { path: join(dir, 'case.cairn'), title: 'x', awareAt: '2026-03-27 23:30' },
        testContext(),
      ),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^awareAt: /) as unknown });
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('');
  });

  it('names the folder when it does not exist', async () => {
    const dir = join(freshDir(), 'missing');
    await expect(
      callOp('case.create', { path: join(dir, 'c.cairn'), title: 'x' }, testContext()),
    ).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(`the folder ${dir} does not exist`) as unknown,
    });
  });
});

describe('opening a file that is not a usable case', () => {
  it('names a missing file', () => {
    const p = join(freshDir(), 'nope.cairn');
    expectError(() => openCaseFile(p), 'CASE_NOT_FOUND', new RegExp(`no such case file: ${p}`));
  });

  it('names a file that is not SQLite and does not change it', () => {
    const p = join(freshDir(), 'notes.cairn');
    writeFileSync(p, 'this is a text file, not a database\n'.repeat(20));
    const before = sha(p);
    expectError(() => openCaseFile(p), 'NOT_SQLITE', /notes\.cairn is not a SQLite database/);
    expect(sha(p)).toBe(before);
    expect(existsSync(`${p}-wal`)).toBe(false);
  });

  it('names an empty file', () => {
    const p = join(freshDir(), 'empty.cairn');
    writeFileSync(p, '');
    expectError(() => openCaseFile(p), 'NOT_A_CASE', /empty\.cairn is empty/);
  });

  it('names a SQLite database that is not a case and does not change it', () => {
    const p = join(freshDir(), 'other.db');
    const db = new Database(p);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    const before = sha(p);
    expectError(
      () => openCaseFile(p),
      'NOT_A_CASE',
      /other\.db is a SQLite database but not a Cairn case file/,
    );
    expect(sha(p)).toBe(before);
  });

  it('refuses a case from a newer Cairn and leaves it byte-for-byte untouched', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    ctx.cases.closeAll();
    const raw = new Database(c.path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha(c.path);
    const files = execFileSync('ls', ['-A', join(c.path, '..')], { encoding: 'utf8' });
    expectError(
      () => openCaseFile(c.path),
      'NEWER_VERSION',
      new RegExp(
        `written by a newer Cairn \\(case format ${LATEST_SCHEMA_VERSION + 1}; this Cairn reads up to ${LATEST_SCHEMA_VERSION}\\)`,
      ),
    );
    expectError(() => openCaseFile(c.path, { readonly: true }), 'NEWER_VERSION', /newer Cairn/);
    expect(sha(c.path)).toBe(before);
    expect(execFileSync('ls', ['-A', join(c.path, '..')], { encoding: 'utf8' })).toBe(files);
  });

  it('refuses a folder', () => {
    const p = join(freshDir(), 'dir.cairn');
    mkdirSync(p);
    expectError(() => openCaseFile(p), 'NOT_A_CASE', /is a folder/);
  });
});

describe('read-only locations', () => {
  const undo: (() => void)[] = [];
  afterEach(() => undo.splice(0).forEach((f) => f()));

  /** Makes `dir` unwritable even for root (chattr +i), or returns false when this machine cannot. */
  function makeReadOnly(dir: string): boolean {
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o555);
      undo.push(() => chmodSync(dir, 0o755));
      return true;
    }
    try {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
      undo.push(() => execFileSync('chattr', ['-i', dir]));
      return true;
    } catch {
      return false;
    }
  }

  it('refuses to create a case in a read-only folder, naming it', async (t) => {
    const dir = freshDir();
    if (!makeReadOnly(dir)) return t.skip('cannot make a folder read-only on this machine');
    await expect(
      callOp('case.create', { path: join(dir, 'c.cairn'), title: 'x' }, testContext()),
    ).rejects.toMatchObject({
      code: 'READ_ONLY',
      message: expect.stringContaining(`the folder ${dir} is read-only`) as unknown,
    });
  });

  it('reads and verifies a case in a read-only folder but refuses to change it', async (t) => {
    const ctx = testContext();
    const c = await newCase(ctx);
    ctx.cases.closeAll();
    const before = sha(c.path);
    if (!makeReadOnly(join(c.path, '..')))
      return t.skip('cannot make a folder read-only on this machine');
    const info = await callOp('case.info', { path: c.path }, ctx);
    expect(info.title).toBe(c.title);
    expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
    ctx.cases.closeAll();
    await expect(callOp('timeline.note', { path: c.path, text: 'x' }, ctx)).rejects.toMatchObject({
      code: 'READ_ONLY',
      message: expect.stringMatching(/cannot be written: its folder is read-only/) as unknown,
    });
    expect(sha(c.path)).toBe(before);
  });
});

describe('a case locked by another program', () => {
  it('fails the write with a one-line error and loses nothing', async () => {
    process.env['CAIRN_BUSY_TIMEOUT_MS'] = '50';
    try {
      const ctx = testContext();
      const c = await newCase(ctx);
      ctx.cases.closeAll();
      const other = new Database(c.path);
      other.exec('BEGIN EXCLUSIVE');
      await expect(
        callOp('timeline.note', { path: c.path, text: 'during lock' }, ctx),
      ).rejects.toMatchObject({
        code: 'LOCKED',
        message: `${c.path} is locked by another program`,
      });
      other.exec('ROLLBACK');
      other.close();
      await callOp('timeline.note', { path: c.path, text: 'after lock' }, ctx);
      const { entries } = await callOp('timeline.list', { path: c.path }, ctx);
      expect(entries.map((e) => e.text)).toEqual(['after lock']);
      expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
    } finally {
      delete process.env['CAIRN_BUSY_TIMEOUT_MS'];
    }
  });
});
