// The foundation's promise, end to end with the real binaries: create a case with `cairn`,
// tamper with the audit table using the sqlite3 shell (after dropping the trigger that
// forbids it), and `cairn verify` exits non-zero naming that row.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli';
import { freshDir } from '../helpers/tmp';

const sqlite3 = (path: string, sql: string): string =>
  execFileSync('sqlite3', [path, sql], { encoding: 'utf8' });

describe('cairn verify against a tampered case file', () => {
  it('exits 0 on an intact case and 3 naming the edited audit row', () => {
    const path = join(freshDir(), 'a.cairn');
    expect(cliProcess(['case', 'create', path, '--title', 'x', '--json']).code).toBe(0);
    expect(cliProcess(['note', path, 'first look at the bucket policy']).code).toBe(0);
    expect(cliProcess(['note', path, 'key deactivated']).code).toBe(0);
    const ok = cliProcess(['verify', path]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK {2}/);

    // The trigger stops a casual edit...
    expect(() => sqlite3(path, "UPDATE audit SET actor = 'mallory' WHERE seq = 2;")).toThrow(
      /audit is append-only/,
    );
    // ...so a tamperer drops it first.
    sqlite3(
      path,
      "DROP TRIGGER audit_no_update; UPDATE audit SET payload = replace(payload, 'first look', 'no look') WHERE seq = 2;",
    );

    const broken = cliProcess(['verify', path]);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain('first broken link: audit entry #2 (timeline.note');
    expect(broken.stdout).toContain('does not match its hash');
    expect(broken.stdout).toContain(
      'the trigger audit_no_update that keeps audit append-only was removed',
    );

    const json = cliProcess(['verify', path, '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it('runs through npx as an installed bin', () => {
    const path = join(freshDir(), 'b.cairn');
    const r = execFileSync(
      'npx',
      ['--no-install', 'cairn', 'case', 'create', path, '--title', 'via npx', '--json'],
      {
        encoding: 'utf8',
        cwd: join(import.meta.dirname, '../..'),
      },
    );
    expect(JSON.parse(r)).toMatchObject({ title: 'via npx', path });
    expect(cliProcess(['verify', path]).code).toBe(0);
  });
});
