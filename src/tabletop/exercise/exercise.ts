// An exercise as the hosts use it: read the folder, work out the clock now, release what is
// due, and answer with the view for the caller's role; or check and record a facilitator action.
import { join, resolve } from 'node:path';
import type {
  ExerciseRole,
  ExerciseView,
  FacilitatorView,
} from '../../shared/ops/tabletop-exercise';
import { replayClock } from './clock';
import { controlLine, type ControlRequest } from './control';
import { listLogFiles, releasedOnDisk, releaseFiles, type LogFile } from './release';
import { LOG_FILE, RELEASED_DIR, TRUTH_FILE } from './schema';
import { appendLog, readExercise, readLog, readTruth } from './store';
import {
  facilitatorView,
  participantView,
  releasedFiles,
  releasedInjectIds,
  type ExerciseSnapshot,
} from './views';

/**
 * What this process knows of each exercise folder between calls (status is polled every few
 * seconds): its log files, which never change once generated, and the files already released.
 * Keyed by the exercise's creation time too, so a folder made again is read afresh.
 */
const known = new Map<string, { createdAt: string; files: LogFile[]; released: Set<string> }>();

function folderCache(dir: string, createdAt: string) {
  let k = known.get(dir);
  if (!k || k.createdAt !== createdAt) {
    k = { createdAt, files: listLogFiles(dir).files, released: releasedOnDisk(dir) };
    known.set(dir, k);
  }
  return k;
}

/** Reads the folder and computes the clock at wallMs (no writes). */
export function loadExercise(dir: string, wallMs: number): ExerciseSnapshot {
  const abs = resolve(dir);
  const exercise = readExercise(abs);
  const entries = readLog(abs);
  const clock = replayClock(
    {
      simStartMs: Date.parse(exercise.simStart),
      simEndMs: Date.parse(exercise.simEnd),
      speed: exercise.speed,
    },
    entries,
    wallMs,
    join(abs, LOG_FILE),
  );
  return {
    dir: abs,
    releasedDir: join(abs, RELEASED_DIR),
    exercise,
    entries,
    clock,
    wallMs,
    files: folderCache(abs, exercise.createdAt).files,
  };
}

/** Copies the log files due by the snapshot's clock into released/; returns how many were new. */
export function releaseDue(s: ExerciseSnapshot): number {
  return releaseFiles(s.dir, releasedFiles(s), folderCache(s.dir, s.exercise.createdAt).released);
}

function viewFor(s: ExerciseSnapshot, role: 'facilitator'): FacilitatorView;
function viewFor(s: ExerciseSnapshot, role: ExerciseRole): ExerciseView;
function viewFor(s: ExerciseSnapshot, role: ExerciseRole): ExerciseView {
  // Only the facilitator's view opens truth.json.
  return role === 'facilitator'
    ? facilitatorView(s, readTruth(s.dir), join(s.dir, TRUTH_FILE))
    : participantView(s);
}

/** The exercise now, for a role; releases the log files that have become due. */
export function exerciseStatus(dir: string, role: ExerciseRole, wallMs: number): ExerciseView {
  const s = loadExercise(dir, wallMs);
  releaseDue(s);
  return viewFor(s, role);
}

/** Checks a facilitator action against the exercise now, records it, and returns the new view. */
export function controlExercise(
  dir: string,
  req: ControlRequest,
  who: { nowMs: number; actor: string },
): FacilitatorView {
  const before = loadExercise(dir, who.nowMs);
  const released = releasedInjectIds(before);
  const line = controlLine(req, { ...before, released, nowMs: who.nowMs, actor: who.actor });
  appendLog(before.dir, line);
  const after = loadExercise(dir, who.nowMs);
  releaseDue(after);
  return viewFor(after, 'facilitator');
}
