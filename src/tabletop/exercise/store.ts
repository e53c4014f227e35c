// Reading and writing an exercise folder's own files. exercise.json is written whole (temporary
// file, fsync, rename); the log is appended a line at a time with fsync, never rewritten. Every
// read validates, and an error names the file and the line or field.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CairnError } from '../../shared/errors';
import { TruthSchema, type Truth } from '../truth';
import {
  EXERCISE_FILE,
  ExerciseFileSchema,
  LOG_FILE,
  LogLineSchema,
  TRUTH_FILE,
  type ExerciseFile,
  type LogEntry,
  type LogLine,
} from './schema';

function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return 'invalid';
  const field = i.path.map(String).join('.');
  // Our schemas' messages often name their field already ("speed: at least 1").
  return field && !i.message.startsWith(`${field}:`) ? `${field}: ${i.message}` : i.message;
}

function readJsonFile<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CairnError(
      'NOT_FOUND',
      `${path}: not found`,
      `is this ${what}? An exercise folder is made by \`cairn tabletop run\``,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CairnError('INVALID_INPUT', `${path}: not JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CairnError('INVALID_INPUT', `${path}: ${firstIssue(parsed.error)}`);
  }
  return parsed.data;
}

/** Writes a file so that readers see the old content or the new, never a part. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function readExercise(dir: string): ExerciseFile {
  return readJsonFile(join(dir, EXERCISE_FILE), ExerciseFileSchema, 'an exercise folder');
}

export function writeExercise(dir: string, exercise: ExerciseFile): void {
  writeFileAtomic(join(dir, EXERCISE_FILE), `${JSON.stringify(exercise, null, 2)}\n`);
}

export function readTruth(dir: string): Truth {
  return readJsonFile(join(dir, TRUTH_FILE), TruthSchema, 'a generated tabletop folder');
}

/** Every line of the log, validated; an absent log is an empty one. */
export function readLog(dir: string): LogEntry[] {
  const path = join(dir, LOG_FILE);
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const entries: LogEntry[] = [];
  const lines = text.split('\n');
  // A complete log ends with a newline, so the last piece is empty.
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CairnError('INVALID_INPUT', `${path} line ${line}: not a JSON object`);
    }
    const parsed = LogLineSchema.safeParse(json);
    if (!parsed.success) {
      throw new CairnError('INVALID_INPUT', `${path} line ${line}: ${firstIssue(parsed.error)}`);
    }
    entries.push({ ...parsed.data, line, atMs: Date.parse(parsed.data.at) });
  });
  return entries;
}

/** Appends one line and makes it durable before returning. */
export function appendLog(dir: string, entry: LogLine): void {
  const checked = LogLineSchema.parse(entry);
  const fd = openSync(join(dir, LOG_FILE), 'a');
  try {
    // One write of one short line: appends from two processes do not interleave.
    writeSync(fd, `${JSON.stringify(checked)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the empty log (the exercise exists from here, ready to start). */
export function createLog(dir: string): void {
  closeSync(openSync(join(dir, LOG_FILE), 'a'));
}
