// Releasing the generated logs on the simulated clock. Every file the generator writes is named
// for its delivery time, which is after the newest record in it (CloudTrail: 2 to 9 minutes,
// rounded down to the minute; S3 server access logs: 1 to 50 minutes, to the second). A file is
// copied to released/ once that time has come, so participants never see a record from their
// future, and they meet the delivery delays a real team meets.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { LOGS_DIR, RELEASED_DIR } from './schema';

export type LogKind = 'cloudtrail' | 's3-access';

export interface LogFile {
  /** Path under logs/ (and under released/ once released), with forward slashes. */
  rel: string;
  kind: LogKind;
  deliveredMs: number;
}

const TRAIL_NAME =
  /_CloudTrail_[a-z0-9-]+_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json(?:\.gz)?$/;
const ACCESS_NAME = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-[0-9A-F]{16}$/;

/** The delivery time a generated log file's name carries, or null for any other name. */
export function deliveredAt(name: string): { kind: LogKind; ms: number } | null {
  const t = TRAIL_NAME.exec(name);
  if (t) {
    const [, y, mo, d, h, mi] = t.map(Number) as [number, number, number, number, number, number];
    return { kind: 'cloudtrail', ms: Date.UTC(y, mo - 1, d, h, mi) };
  }
  const a = ACCESS_NAME.exec(name);
  if (a) {
    const [, y, mo, d, h, mi, s] = a.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return { kind: 's3-access', ms: Date.UTC(y, mo - 1, d, h, mi, s) };
  }
  return null;
}

function* walk(root: string, dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // absent folder: nothing there yet
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // temporary copies in flight
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(root, full);
    else if (e.isFile()) yield relative(root, full).split(sep).join('/');
  }
}

/** Every generated log file with its delivery time, oldest first; other files are counted apart. */
export function listLogFiles(exerciseDir: string): { files: LogFile[]; unrecognised: string[] } {
  const root = join(exerciseDir, LOGS_DIR);
  const files: LogFile[] = [];
  const unrecognised: string[] = [];
  for (const rel of walk(root, root)) {
    const d = deliveredAt(rel.slice(rel.lastIndexOf('/') + 1));
    if (d) files.push({ rel, kind: d.kind, deliveredMs: d.ms });
    else unrecognised.push(rel);
  }
  files.sort((a, b) => a.deliveredMs - b.deliveredMs || (a.rel < b.rel ? -1 : 1));
  return { files, unrecognised };
}

/** The files due at simMs: delivered at or before it. */
export function dueFiles(files: readonly LogFile[], simMs: number): LogFile[] {
  return files.filter((f) => f.deliveredMs <= simMs);
}

/**
 * Copies the due files that released/ does not hold yet. Each copy goes to a hidden temporary
 * name first and is renamed into place, so an ingest walking released/ never reads half a file.
 * `known` (paths already in released/, kept by a caller between calls) saves walking the folder.
 */
export function releaseFiles(
  exerciseDir: string,
  due: readonly LogFile[],
  known?: Set<string>,
): number {
  const out = join(exerciseDir, RELEASED_DIR);
  const have = known ?? new Set<string>();
  if (!known) for (const rel of walk(out, out)) have.add(rel);
  let copied = 0;
  for (const f of due) {
    if (have.has(f.rel)) continue;
    const target = join(out, ...f.rel.split('/'));
    // Another process (the CLI, a second host) may have released it meanwhile.
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.${process.pid}-${copied}-${Date.now()}.part`);
      copyFileSync(join(exerciseDir, LOGS_DIR, ...f.rel.split('/')), temp);
      renameSync(temp, target);
      copied++;
    }
    have.add(f.rel);
  }
  return copied;
}

/** The files already in released/. */
export function releasedOnDisk(exerciseDir: string): Set<string> {
  const out = join(exerciseDir, RELEASED_DIR);
  return new Set(walk(out, out));
}
