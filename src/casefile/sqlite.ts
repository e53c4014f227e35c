// The one place that opens SQLite. Hosts that run on another ABI (Electron) point it at a native
// binding built for that ABI; everything else uses the one npm installed.
import Database from 'better-sqlite3';
import { CairnError } from '../shared/errors';

export type Db = Database.Database;

/** Magic number in PRAGMA application_id that marks a SQLite file as a Cairn case ("CARN"). */
export const CAIRN_APPLICATION_ID = 0x4341524e;

let nativeBinding: string | undefined = process.env['CAIRN_SQLITE_BINDING'] || undefined;

/** Lets the Electron host load a better-sqlite3 binary built for Electron's ABI. */
export function setSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

function busyTimeoutMs(): number {
  const fromEnv = Number(process.env['CAIRN_BUSY_TIMEOUT_MS']);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 3000;
}

export function openSqlite(path: string, opts: { readonly: boolean; mustExist: boolean }): Db {
  try {
    const db = new Database(path, {
      readonly: opts.readonly,
      fileMustExist: opts.mustExist,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    return db;
  } catch (err) {
    throw sqliteError(err, path);
  }
}

interface SqliteErrorLike {
  code?: unknown;
  message?: unknown;
}

/** Maps SQLite and file-system failures to one-line errors that name the file. */
export function sqliteError(err: unknown, path: string): CairnError {
  if (err instanceof CairnError) return err;
  const e = (err ?? {}) as SqliteErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (code === 'SQLITE_NOTADB') {
    return new CairnError(
      'NOT_SQLITE',
      `${path} is not a SQLite database, so not a Cairn case file`,
      undefined,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new CairnError(
      'LOCKED',
      `${path} is locked by another program`,
      'close the other program (or Cairn window) that has this case open, then try again',
      { cause: err },
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'EPERM'
  ) {
    return new CairnError(
      'READ_ONLY',
      `${path} cannot be written: ${message}`,
      'copy the case file to a folder you can write to and open the copy',
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new CairnError(
      'INTEGRITY',
      `${path} is damaged (${message})`,
      'work from a copy or a backup; keep the damaged file as it is',
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new CairnError('IO', `${path} cannot be opened: ${message}`, undefined, { cause: err });
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return new CairnError('IO', `${path}: the disk is full`, 'free some space and try again', {
      cause: err,
    });
  }
  return new CairnError('INTERNAL', `${path}: ${message}`, undefined, { cause: err });
}
