// Moves a case file forward one numbered migration at a time, each in its own transaction, after
// taking a consistent backup of the older file. A failed migration leaves the file at the last
// version that committed, and the backup untouched. A migration that rebuilt a large table is
// followed by a VACUUM, so the file gives the old table's pages back.
import { existsSync } from 'node:fs';
import { CairnError } from '../shared/errors';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/types';
import { sqliteError, type Db } from './sqlite';

export function backupPathFor(path: string, fromVersion: number, nowMs: number): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let candidate = `${path}.bak-v${fromVersion}-${stamp}`;
  for (let n = 2; existsSync(candidate); n++)
    candidate = `${path}.bak-v${fromVersion}-${stamp}-${n}`;
  return candidate;
}

export function migrate(
  db: Db,
  path: string,
  opts: { backupTo?: string; migrations?: readonly Migration[] },
): { from: number; to: number } {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = opts.migrations
    ? (migrations[migrations.length - 1]?.version ?? 0)
    : LATEST_SCHEMA_VERSION;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new CairnError(
      'NEWER_VERSION',
      `${path} is newer (format ${from}) than this Cairn (${latest})`,
    );
  }
  if (from === latest) return { from, to: from };
  if (opts.backupTo && from > 0) {
    try {
      // VACUUM INTO writes a consistent, standalone copy even while the WAL holds changes.
      db.prepare('VACUUM INTO ?').run(opts.backupTo);
    } catch (err) {
      throw new CairnError(
        'IO',
        `could not back up ${path} to ${opts.backupTo} before upgrading it; nothing was changed`,
        undefined,
        {
          cause: sqliteError(err, path),
        },
      );
    }
  }
  let compact = false;
  for (const m of migrations) {
    if (m.version <= from) continue;
    compact ||= m.compactAfter === true;
    const apply = db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply.immediate();
    } catch (err) {
      throw new CairnError(
        'INTERNAL',
        `${path}: migration ${m.version} (${m.name}) failed and was rolled back: ${(err as Error).message}`,
        opts.backupTo ? `the file before the upgrade is at ${opts.backupTo}` : undefined,
        { cause: err },
      );
    }
  }
  if (compact) {
    try {
      db.exec('VACUUM');
    } catch {
      // Every migration has committed and the file is whole; it is only larger than it need be
      // (e.g. the disk lacked room for the copy VACUUM writes). The next upgrade tries again.
    }
  }
  return { from, to: latest };
}
