// Open case files, keyed by absolute path, so a long-lived host (web, Electron) reuses one
// connection per case while the CLI opens and closes per command.
import { resolve } from 'node:path';
import { openCaseFile, type CaseFile } from '../casefile/open';
import type { Clock } from '../casefile/writer';
import { LATEST_SCHEMA_VERSION } from '../casefile/migrations';

export class CaseStore {
  private readonly open = new Map<string, CaseFile>();

  constructor(private readonly clock: Clock) {}

  /** A handle that can write; opening it migrates an older file after backing it up. */
  forWrite(path: string): CaseFile {
    const key = resolve(path);
    const existing = this.open.get(key);
    if (existing && !existing.readonly && existing.db.open) return existing;
    existing?.close();
    const file = openCaseFile(key, { clock: this.clock });
    this.open.set(key, file);
    return file;
  }

  /**
   * A handle for reading. It never changes the file, except that a case in an older format is
   * upgraded (after a backup) so that current queries can read it.
   */
  forRead(path: string): CaseFile {
    const key = resolve(path);
    const existing = this.open.get(key);
    if (existing?.db.open) return existing;
    const file = openCaseFile(key, { clock: this.clock, readonly: true });
    if (file.schemaVersion < LATEST_SCHEMA_VERSION) {
      file.close();
      return this.forWrite(key);
    }
    this.open.set(key, file);
    return file;
  }

  /** Runs `fn` on a handle that never changes the file, whatever its format (verification). */
  withUnchanged<T>(path: string, fn: (file: CaseFile) => T): T {
    const key = resolve(path);
    const existing = this.open.get(key);
    if (existing?.db.open) return fn(existing);
    const file = openCaseFile(key, { clock: this.clock, readonly: true });
    try {
      return fn(file);
    } finally {
      file.close();
    }
  }

  /** Registers a handle created elsewhere (e.g. by case.create). */
  adopt(file: CaseFile): void {
    this.open.get(file.path)?.close();
    this.open.set(file.path, file);
  }

  close(path: string): void {
    const key = resolve(path);
    this.open.get(key)?.close();
    this.open.delete(key);
  }

  closeAll(): void {
    for (const f of this.open.values()) f.close();
    this.open.clear();
  }
}
