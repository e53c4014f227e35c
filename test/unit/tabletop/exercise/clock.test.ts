// The simulated clock against a fake wall clock: every expected time is worked out by hand from
// the speed and the wall seconds in the comment beside it.
import { describe, expect, it } from 'vitest';
import { replayClock, simAt } from '../../../../src/tabletop/exercise/clock';
import type { LogEntry, LogLine } from '../../../../src/tabletop/exercise/schema';
import { CairnError } from '../../../../src/shared/errors';

const S = Date.UTC(2026, 2, 16, 7, 0, 0); // simulated start
const SETUP = { simStartMs: S, simEndMs: S + 24 * 3_600_000, speed: 60 };
const W0 = Date.UTC(2026, 10, 29, 9, 0, 0); // wall time of the start
const sec = (n: number): number => n * 1000;

type Action =
  | { action: 'start' | 'pause' | 'resume' | 'end' }
  | { action: 'advance'; minutes: number }
  | { action: 'speed'; speed: number };

function log(...items: [number, Action][]): LogEntry[] {
  return items.map(([atMs, a], i) => {
    const line = { at: new Date(atMs).toISOString(), actor: 'facilitator', ...a } as LogLine;
    return { ...line, line: i + 1, atMs };
  });
}

describe('the simulated clock', () => {
  it('stands at the simulated start until the exercise starts', () => {
    const c = replayClock(SETUP, [], W0 + sec(500));
    expect(c).toMatchObject({ state: 'ready', simMs: S, startedAtMs: null, atEnd: false });
  });

  it('runs at its speed from the start: 10 wall seconds at ×60 are 10 simulated minutes', () => {
    const c = replayClock(SETUP, log([W0, { action: 'start' }]), W0 + sec(10));
    expect(c.state).toBe('running');
    expect(c.simMs).toBe(S + 10 * 60_000);
    expect(c.startedAtMs).toBe(W0);
  });

  it('stops while paused and goes on from where it stood after resume', () => {
    const entries = log(
      [W0, { action: 'start' }],
      [W0 + sec(10), { action: 'pause' }],
      [W0 + sec(100), { action: 'resume' }],
    );
    // Paused for 90 s: still 600 simulated seconds in.
    expect(replayClock(SETUP, entries, W0 + sec(50)).simMs).toBe(S + sec(600));
    expect(replayClock(SETUP, entries, W0 + sec(50)).state).toBe('paused');
    // 10 s running + 5 s running after resume = 15 s × 60 = 900 s.
    expect(replayClock(SETUP, entries, W0 + sec(105)).simMs).toBe(S + sec(900));
  });

  it('jumps on advance and changes pace on a speed change', () => {
    const entries = log(
      [W0, { action: 'start' }],
      [W0 + sec(5), { action: 'advance', minutes: 15 }],
      [W0 + sec(6), { action: 'speed', speed: 120 }],
    );
    // 5 s × 60 = 300 s, + 900 s advance = 1200 s; + 1 s × 60 = 1260 s; + 4 s × 120 = 1740 s.
    expect(replayClock(SETUP, entries, W0 + sec(5)).simMs).toBe(S + sec(1200));
    expect(replayClock(SETUP, entries, W0 + sec(6)).simMs).toBe(S + sec(1260));
    const c = replayClock(SETUP, entries, W0 + sec(10));
    expect(c.simMs).toBe(S + sec(1740));
    expect(c.speed).toBe(120);
  });

  it('takes a speed set before the start as the speed it starts at', () => {
    const entries = log([W0 - sec(30), { action: 'speed', speed: 10 }], [W0, { action: 'start' }]);
    const c = replayClock(SETUP, entries, W0 + sec(6));
    // 6 s × 10 = 60 s; the speed change before the start leaves no segment of its own.
    expect(c.simMs).toBe(S + sec(60));
    expect(c.segments).toEqual([{ wallFromMs: W0, simFromMs: S, rate: 10 }]);
  });

  it('advances while paused without starting to run', () => {
    const entries = log(
      [W0, { action: 'start' }],
      [W0 + sec(2), { action: 'pause' }],
      [W0 + sec(3), { action: 'advance', minutes: 30 }],
    );
    // 2 s × 60 = 120 s, + 1800 s, and nothing more while paused.
    expect(replayClock(SETUP, entries, W0 + sec(60)).simMs).toBe(S + sec(1920));
  });

  it('freezes at the end', () => {
    const entries = log([W0, { action: 'start' }], [W0 + sec(20), { action: 'end' }]);
    const c = replayClock(SETUP, entries, W0 + sec(4000));
    expect(c).toMatchObject({ state: 'ended', simMs: S + sec(1200), endedAtMs: W0 + sec(20) });
  });

  it('never runs past the end of the generated logs', () => {
    const entries = log([W0, { action: 'start' }], [W0, { action: 'speed', speed: 3600 }]);
    // 24 h at a simulated hour a second take 24 wall seconds.
    expect(replayClock(SETUP, entries, W0 + sec(23)).atEnd).toBe(false);
    const c = replayClock(SETUP, entries, W0 + sec(30));
    expect(c.simMs).toBe(SETUP.simEndMs);
    expect(c.atEnd).toBe(true);
  });

  it('ignores lines written after the wall time asked about', () => {
    const entries = log([W0, { action: 'start' }], [W0 + sec(10), { action: 'pause' }]);
    expect(replayClock(SETUP, entries, W0 + sec(8))).toMatchObject({
      state: 'running',
      simMs: S + sec(480),
    });
  });

  it('does not run backwards when the wall clock stepped back between two lines', () => {
    const entries = log([W0 + sec(10), { action: 'start' }], [W0 + sec(4), { action: 'pause' }]);
    expect(replayClock(SETUP, entries, W0 + sec(20)).simMs).toBe(S);
  });

  it('refuses a log line the state does not allow, naming the file and line', () => {
    const entries = log([W0, { action: 'start' }], [W0 + sec(1), { action: 'resume' }]);
    let err: unknown;
    try {
      replayClock(SETUP, entries, W0 + sec(2), '/x/exercise-log.ndjson');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).message).toBe(
      '/x/exercise-log.ndjson line 2: resume cannot follow here: the exercise is not paused (it is running); resume only continues a paused exercise',
    );
  });

  it('maps any wall time onto the simulated clock (for placing what participants did)', () => {
    const c = replayClock(
      SETUP,
      log(
        [W0, { action: 'start' }],
        [W0 + sec(10), { action: 'pause' }],
        [W0 + sec(20), { action: 'resume' }],
        [W0 + sec(20), { action: 'advance', minutes: 60 }],
      ),
      W0 + sec(30),
    );
    expect(simAt(c, W0 - sec(5))).toBe(S); // before the start
    expect(simAt(c, W0 + sec(5))).toBe(S + sec(300));
    expect(simAt(c, W0 + sec(15))).toBe(S + sec(600)); // paused
    // 600 s + 3600 s advance + 10 s × 60 after it.
    expect(simAt(c, W0 + sec(30))).toBe(S + sec(4800));
    expect(simAt(c, W0 + sec(30))).toBe(c.simMs);
  });
});
