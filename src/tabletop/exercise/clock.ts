// The simulated clock: a pure function of the facilitator's log and the wall clock. It starts at
// simStart when the exercise starts and then runs at `speed` simulated seconds per wall second
// while running; pauses stop it, advances jump it forward, the end freezes it. Nothing is kept
// between calls, so every host (and a restarted one) reads the same time from the same log.
import { CairnError } from '../../shared/errors';
import type { ExerciseState } from '../../shared/ops/tabletop-exercise';
import type { LogEntry, LogLine } from './schema';

/** From wallFromMs on (until the next segment), sim = simFromMs + (wall − wallFromMs) × rate. */
export interface Segment {
  wallFromMs: number;
  simFromMs: number;
  rate: number;
}

export interface ClockState {
  state: ExerciseState;
  /** Simulated now, never past simEndMs. */
  simMs: number;
  speed: number;
  startedAtMs: number | null;
  endedAtMs: number | null;
  atEnd: boolean;
  segments: Segment[];
  simStartMs: number;
  simEndMs: number;
}

export interface ClockSetup {
  simStartMs: number;
  simEndMs: number;
  speed: number;
}

/** Why an action cannot be taken in a state, or null when it can. */
export function refusal(state: ExerciseState, action: LogLine['action']): string | null {
  if (state === 'ended') return 'the exercise has ended; nothing more can change';
  switch (action) {
    case 'start':
      return state === 'ready' ? null : `the exercise has already started (it is ${state})`;
    case 'pause':
      return state === 'running' ? null : `the exercise is not running (it is ${state})`;
    case 'resume':
      return state === 'paused'
        ? null
        : `the exercise is not paused (it is ${state}); resume only continues a paused exercise`;
    case 'advance':
    case 'inject':
    case 'end':
      return state === 'ready' ? 'the exercise has not started yet: start it first' : null;
    case 'speed':
      return null;
  }
}

/** Replays the log up to wallMs. A line that is not allowed where it stands is an error. */
export function replayClock(
  setup: ClockSetup,
  entries: readonly LogEntry[],
  wallMs: number,
  fileName = 'exercise-log.ndjson',
): ClockState {
  let state: ExerciseState = 'ready';
  let speed = setup.speed;
  let sim = setup.simStartMs;
  let mark = Number.NEGATIVE_INFINITY; // wall time up to which `sim` is accounted
  let startedAtMs: number | null = null;
  let endedAtMs: number | null = null;
  const segments: Segment[] = [];
  // A wall clock that stepped back (NTP) must not run the simulated one backwards.
  const catchUp = (t: number): number => {
    const at = Math.max(t, mark);
    if (state === 'running') sim += (at - mark) * speed;
    mark = at;
    return at;
  };
  const segment = (t: number): void => {
    segments.push({ wallFromMs: t, simFromMs: sim, rate: state === 'running' ? speed : 0 });
  };

  for (const e of entries) {
    if (e.atMs > wallMs) break;
    const why = refusal(state, e.action);
    if (why) {
      throw new CairnError(
        'INVALID_INPUT',
        `${fileName} line ${e.line}: ${e.action} cannot follow here: ${why}`,
        'the log is written by `tabletop.exerciseControl` only; restore the file or remove the line',
      );
    }
    const t = catchUp(e.atMs);
    switch (e.action) {
      case 'start':
        state = 'running';
        startedAtMs = t;
        break;
      case 'pause':
        state = 'paused';
        break;
      case 'resume':
        state = 'running';
        break;
      case 'advance':
        sim += e.minutes * 60_000;
        break;
      case 'speed':
        speed = e.speed;
        break;
      case 'inject':
        continue; // the clock does not move
      case 'end':
        state = 'ended';
        endedAtMs = t;
        break;
    }
    // Before the start the clock stands at simStart whatever happens; no piece to map.
    if (state !== 'ready') segment(t);
  }
  if (state === 'running') catchUp(wallMs);
  return {
    state,
    simMs: Math.min(sim, setup.simEndMs),
    speed,
    startedAtMs,
    endedAtMs,
    atEnd: sim >= setup.simEndMs,
    segments,
    simStartMs: setup.simStartMs,
    simEndMs: setup.simEndMs,
  };
}

/** The simulated time at a wall time, from the segments (simStart before the start). */
export function simAt(
  clock: Pick<ClockState, 'segments' | 'simStartMs' | 'simEndMs'>,
  wallMs: number,
): number {
  let seg: Segment | undefined;
  for (const s of clock.segments) {
    if (s.wallFromMs > wallMs) break;
    seg = s;
  }
  if (!seg) return clock.simStartMs;
  return Math.min(clock.simEndMs, seg.simFromMs + (wallMs - seg.wallFromMs) * seg.rate);
}
