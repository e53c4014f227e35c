import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
import type { JobState } from '../../src/shared/domain';
import type { CairnClient } from './client';
import { ApiError } from './client';

export const ClientContext = createContext<CairnClient | null>(null);

export function useClient(): CairnClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

export interface OpState<K extends OpName> {
  data: OpOutput<K> | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) });
}

/** Runs a read operation when `key` changes; `reload()` runs it again. */
export function useOp<K extends OpName>(name: K, input: OpInput<K>, key: string): OpState<K> {
  const client = useClient();
  const [nonce, setNonce] = useState(0);
  const request = `${name}|${key}|${nonce}`;
  // Loading is derived: the last answer belongs to an older request until the new one lands.
  const [state, setState] = useState<{ request: string; data?: OpOutput<K>; error?: ApiError }>({
    request: '',
  });
  useEffect(() => {
    let live = true;
    client.call(name, input).then(
      (data) => live && setState({ request, data }),
      (err: unknown) =>
        live && setState((s) => ({ request, data: s.data, error: asApiError(err) })),
    );
    return () => {
      live = false;
    };
    // `request` stands for `input`: callers pass a key that changes when the input does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, request]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.request !== request, reload };
}

/** A write operation with its pending state and last error. */
export function useAction<K extends OpName>(
  name: K,
): {
  run: (input: OpInput<K>) => Promise<OpOutput<K> | undefined>;
  pending: boolean;
  error: ApiError | undefined;
  clearError: () => void;
} {
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(
    async (input: OpInput<K>) => {
      setPending(true);
      setError(undefined);
      try {
        return await client.call(name, input);
      } catch (err) {
        setError(asApiError(err));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [client, name],
  );
  return { run, pending, error, clearError: () => setError(undefined) };
}

/** A job's latest state: fetched once, then kept current from the host's job stream. */
export function useJob(jobId: string | null): JobState | null {
  const client = useClient();
  const [job, setJob] = useState<JobState | null>(null);
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    const off = client.onJob((j) => {
      if (live && j.id === jobId) setJob(j);
    });
    client.call('jobs.get', { jobId }).then(
      (j) => live && setJob((current) => (current && current.status !== 'running' ? current : j)),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, jobId]);
  return jobId && job?.id === jobId ? job : null;
}
