// Creating and opening case files. Every refusal names the file and the reason and leaves the
// file exactly as it was: checks run on a read-only handle before anything is written.
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { CairnError } from '../shared/errors';
import { CAIRN_VERSION } from '../version';
import { viewLegacyEvents } from './legacy-events';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';
import { backupPathFor, migrate } from './migrate';
import { CAIRN_APPLICATION_ID, openSqlite, sqliteError, type Db } from './sqlite';
import { CaseWriter, type Clock } from './writer';

const SQLITE_MAGIC = 'SQLite format 3\0';

export class CaseFile {
  readonly writer: CaseWriter;

  constructor(
    readonly db: Db,
    readonly path: string,
    /** True when this handle may not change the case (the writer refuses). */
    readonly readonly: boolean,
    clock: Clock,
    /** The file's case format (PRAGMA user_version). */
    readonly schemaVersion: number = LATEST_SCHEMA_VERSION,
    private readonly onClose?: () => void,
  ) {
    this.writer = new CaseWriter(db, path, clock, readonly);
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
      this.onClose?.();
    }
  }
}

export interface OpenOptions {
  readonly?: boolean;
  clock?: Clock;
  /** Called with the backup path when an older file is about to be migrated. */
  onBackup?: (backupPath: string) => void;
  /** The migration list to bring the file to; tests pass a longer one to exercise upgrades. */
  migrations?: readonly Migration[];
}

interface Identity {
  applicationId: number;
  userVersion: number;
}

/**
 * Reads the SQLite header directly (magic, user_version at byte 60, application_id at 68), so a
 * file that is refused is never touched by SQLite: not even a -wal or -shm file appears. Only
 * when a non-empty -wal holds changes not yet in the main file does SQLite itself answer.
 */
function readIdentity(path: string): Identity {
  const size = statSync(path).size;
  if (size === 0) {
    throw new CairnError('NOT_A_CASE', `${path} is empty, not a Cairn case file`);
  }
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new CairnError(
      'NOT_SQLITE',
      `${path} is not a SQLite database, so not a Cairn case file`,
    );
  }
  const wal = `${path}-wal`;
  if (!existsSync(wal) || statSync(wal).size === 0) {
    return { userVersion: header.readInt32BE(60), applicationId: header.readInt32BE(68) };
  }
  const probe = openSqlite(path, { readonly: true, mustExist: true });
  try {
    return {
      applicationId: probe.pragma('application_id', { simple: true }) as number,
      userVersion: probe.pragma('user_version', { simple: true }) as number,
    };
  } catch (err) {
    throw sqliteError(err, path);
  } finally {
    probe.close();
  }
}

function checkIdentity(id: Identity, path: string, latest: number): void {
  if (id.applicationId !== CAIRN_APPLICATION_ID) {
    throw new CairnError('NOT_A_CASE', `${path} is a SQLite database but not a Cairn case file`);
  }
  if (id.userVersion > latest) {
    throw new CairnError(
      'NEWER_VERSION',
      `${path} was written by a newer Cairn (case format ${id.userVersion}; this Cairn reads up to ${latest})`,
      'open it with the newer Cairn, or upgrade this one; the file was not changed',
    );
  }
}

function assertWritable(path: string): void {
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new CairnError(
        'READ_ONLY',
        `${path} cannot be written: ${target === path ? 'the file' : 'its folder'} is read-only`,
        'copy the case file to a folder you can write to and open the copy',
      );
    }
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A handle that cannot change the case, for any case format. Where the location is writable it
 * is a normal connection with query_only set, so closing it tidies SQLite's -wal/-shm side files;
 * on read-only media it is a read-only connection.
 */
function openForReading(path: string, userVersion: number, clock: Clock): CaseFile {
  let target = path;
  let cleanup: (() => void) | undefined;
  if (!isWritable(path)) {
    // SQLite cannot read a WAL-mode file from a folder where it cannot create its -shm file
    // (this build has no URI "immutable" support), so read a private copy instead.
    const dir = mkdtempSync(join(tmpdir(), 'cairn-readonly-'));
    target = join(dir, basename(path));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    try {
      copyFileSync(path, target);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${target}-wal`);
    } catch (err) {
      cleanup();
      throw sqliteError(err, path);
    }
  }
  const db = openSqlite(target, { readonly: false, mustExist: true });
  try {
    // An older format is read as it is: its events through views in today's layout.
    if (userVersion < LATEST_SCHEMA_VERSION) viewLegacyEvents(db);
    db.pragma('query_only = ON');
  } catch (err) {
    db.close();
    cleanup?.();
    throw sqliteError(err, path);
  }
  return new CaseFile(db, path, true, clock, userVersion, cleanup);
}

function configure(db: Db, path: string): void {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // A case file is evidence: FULL makes each committed change durable across a power cut.
    db.pragma('synchronous = FULL');
  } catch (err) {
    throw sqliteError(err, path);
  }
}

/** Opens an existing case file, migrating it forward (after a backup) when it is older. */
export function openCaseFile(inputPath: string, options: OpenOptions = {}): CaseFile {
  const path = resolve(inputPath);
  const clock = options.clock ?? Date.now;
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (!existsSync(path)) {
    throw new CairnError(
      'CASE_NOT_FOUND',
      `no such case file: ${path}`,
      'check the path, or create a case with `cairn case create`',
    );
  }
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new CairnError('IO', `${path} cannot be read: permission denied`);
  }
  if (statSync(path).isDirectory()) {
    throw new CairnError('NOT_A_CASE', `${path} is a folder, not a Cairn case file`);
  }
  const identity = readIdentity(path);
  checkIdentity(identity, path, latest);

  if (options.readonly) return openForReading(path, identity.userVersion, clock);

  assertWritable(path);
  const db = openSqlite(path, { readonly: false, mustExist: true });
  try {
    configure(db, path);
    if (identity.userVersion < latest) {
      const backup = backupPathFor(path, identity.userVersion, clock());
      options.onBackup?.(backup);
      const { from, to } = migrate(db, path, { backupTo: backup, migrations });
      const file = new CaseFile(db, path, false, clock, latest);
      // The upgrade is part of the file's chain of custody: record it like any other change.
      file.writer.write('case.upgrade', `Cairn ${CAIRN_VERSION}`, () => ({
        audit: { fromFormat: from, toFormat: to, backup: basename(backup) },
        value: undefined,
      }));
      return file;
    }
    return new CaseFile(db, path, false, clock, latest);
  } catch (err) {
    db.close();
    throw sqliteError(err, path);
  }
}

/** Makes `staging` appear as `path`, failing with EEXIST rather than replacing a file. */
function publishWithoutOverwrite(staging: string, path: string): void {
  try {
    linkSync(staging, path);
  } catch (err) {
    // Some file systems (FAT, some network shares) have no hard links; an exclusive copy is
    // equally safe against overwriting.
    if ((err as { code?: unknown }).code === 'EEXIST') throw err;
    copyFileSync(staging, path, constants.COPYFILE_EXCL);
  }
}

/**
 * Creates a new, empty case file at `path` with all migrations applied, then lets `init`
 * write the first rows. The file appears at `path` only once it is complete, and an existing
 * file is never overwritten (the final step is a hard link, which fails if the name is taken).
 */
export function createCaseFile(
  inputPath: string,
  init: (file: CaseFile) => void,
  options: { clock?: Clock } = {},
): CaseFile {
  const path = resolve(inputPath);
  const clock = options.clock ?? Date.now;
  if (existsSync(path)) {
    throw new CairnError(
      'CASE_EXISTS',
      `${path} already exists; Cairn never overwrites a case file`,
      'choose another file name',
    );
  }
  const dir = dirname(path);
  if (!existsSync(dir)) {
    throw new CairnError('IO', `cannot create ${path}: the folder ${dir} does not exist`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CairnError(
      'READ_ONLY',
      `cannot create ${path}: the folder ${dir} is read-only`,
      'choose a folder you can write to',
    );
  }

  const staging = resolve(dir, `.${basename(path)}.creating-${process.pid}-${clock()}`);
  let db: Db | undefined;
  try {
    db = openSqlite(staging, { readonly: false, mustExist: false });
    db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`);
    configure(db, staging);
    migrate(db, staging, {});
    init(new CaseFile(db, staging, false, clock));
    db.close();
    db = undefined;
    publishWithoutOverwrite(staging, path);
  } catch (err) {
    if (db?.open) db.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'EEXIST') {
      throw new CairnError(
        'CASE_EXISTS',
        `${path} already exists; Cairn never overwrites a case file`,
      );
    }
    throw err instanceof CairnError ? err : sqliteError(err, path);
  } finally {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) {
      try {
        unlinkSync(f);
      } catch {
        // already gone
      }
    }
  }
  return openCaseFile(path, { clock });
}
