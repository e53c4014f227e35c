// The exercise clock as scoring sees it: times recorded in the case are the wall clock of the
// exercise; the truth's are the incident's simulated time. Without a clock the two are taken to
// be the same (the scenario was generated to start when the exercise did, or the case is scored
// on the incident's own times).
import type { ExerciseClockInput } from '../../shared/ops/tabletop-score';

/** The simulated instant of a wall-clock instant recorded in the case. */
export function toSim(wallMs: number, clock: ExerciseClockInput | null): number {
  if (!clock) return wallMs;
  const pieces = clock.segments ?? [];
  let piece: { wallFromMs: number; simFromMs: number; rate: number } | undefined;
  for (const s of pieces) if (s.wallFromMs <= wallMs) piece = s;
  // Before the first piece (or with none), the exercise's start and speed decide.
  const p = piece ?? {
    wallFromMs: clock.startedAtWallMs,
    simFromMs: clock.simStartMs,
    rate: clock.speed,
  };
  return Math.round(p.simFromMs + (wallMs - p.wallFromMs) * p.rate);
}

/** "42 min", "3 h 05 min", "-12 min": minutes for people, rounded to the minute. */
export function minutesText(minutes: number): string {
  const m = Math.round(minutes);
  const sign = m < 0 ? '-' : '';
  const abs = Math.abs(m);
  if (abs < 60) return `${sign}${abs} min`;
  return `${sign}${Math.floor(abs / 60)} h ${String(abs % 60).padStart(2, '0')} min`;
}

export const MINUTE = 60_000;
