// An exercise kept current in the browser: its status is fetched every few seconds (fetching
// also releases what has come due), and between fetches the simulated clock is carried forward
// locally from its speed, so it ticks every second without asking the host.
import { useCallback, useEffect, useState } from 'react';
import type {
  ExerciseRole,
  ExerciseView,
  FacilitatorView,
  ParticipantView,
} from '../../../src/shared/ops/tabletop-exercise';
import { ApiError } from '../../api/client';
import { useClient } from '../../api/hooks';

export const POLL_MS = 2000;

interface Fetched<V> {
  view: V | undefined;
  /** performance.now() when the view arrived: the local clock is carried on from there. */
  fetchedAt: number;
  error: ApiError | undefined;
}

type ViewFor<R extends ExerciseRole> = R extends 'facilitator' ? FacilitatorView : ParticipantView;

export function useExercise<R extends ExerciseRole>(
  dir: string | null,
  role: R,
): Fetched<ViewFor<R>> & { refresh: () => void; accept: (v: ExerciseView) => void } {
  const client = useClient();
  const [state, setState] = useState<Fetched<ViewFor<R>> & { dir: string | null }>({
    view: undefined,
    fetchedAt: 0,
    error: undefined,
    dir: null,
  });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!dir) return;
    let live = true;
    let timer: number | undefined;
    const tick = async () => {
      try {
        const view = (await client.call('tabletop.exerciseStatus', { dir, role })) as ViewFor<R>;
        if (live) setState({ view, fetchedAt: performance.now(), error: undefined, dir });
      } catch (err) {
        const error =
          err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) });
        if (live) setState((s) => ({ ...s, error, dir }));
      }
      if (live) timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [client, dir, role, nonce]);
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  const accept = useCallback(
    (view: ExerciseView) =>
      setState({ view: view as ViewFor<R>, fetchedAt: performance.now(), error: undefined, dir }),
    [dir],
  );
  // An answer about another folder (the user switched) is not shown.
  const current = state.dir === dir;
  return {
    view: current ? state.view : undefined,
    fetchedAt: state.fetchedAt,
    error: current ? state.error : undefined,
    refresh,
    accept,
  };
}

/** Re-renders every second. */
export function useTicker(everyMs = 1000): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(performance.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** The simulated now, carried forward from the last fetch while the clock runs. */
export function liveSimMs(view: ExerciseView, fetchedAt: number, now: number): number {
  const at = Date.parse(view.clock.simNow);
  if (view.clock.state !== 'running' || view.clock.atEnd) return at;
  return at + Math.max(0, now - fetchedAt) * view.clock.speed;
}

export function simText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function stateText(view: ExerciseView): string {
  const c = view.clock;
  switch (c.state) {
    case 'ready':
      return 'not started';
    case 'running':
      return c.atEnd ? 'end of the logs' : `running ×${c.speed}`;
    case 'paused':
      return 'paused';
    case 'ended':
      return 'ended';
  }
}
