// A clock tests move by hand, so rate limits and query progress never depend on wall time and
// no test has to sleep.

export interface Clock {
  /** Milliseconds since the epoch, UTC. */
  now(): number;
}

export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(time: number | string | Date): void;
}

export function manualClock(start: number | string | Date): ManualClock {
  let current = toMs(start);
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`manualClock.advance: bad step ${ms}`);
      current += ms;
    },
    set(time) {
      current = toMs(time);
    },
  };
}

function toMs(time: number | string | Date): number {
  const ms = typeof time === 'number' ? time : new Date(time).getTime();
  if (!Number.isFinite(ms)) throw new Error(`manualClock: not a time: ${String(time)}`);
  return ms;
}
