// The renderer's only way to reach the engine: the typed contract, over IPC in Electron or over
// HTTP with the launch token in a browser. Screens never know which.
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
import type { JobState } from '../../src/shared/domain';
import type { ErrorShape } from '../../src/shared/errors';
import type { BridgeReply, CairnDesktop } from './bridge';

export class ApiError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.hint = shape.hint;
  }
}

export interface CairnClient {
  call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
  /** Every job update (progress, done, failed) from the host; returns the unsubscribe. */
  onJob(callback: (job: JobState) => void): () => void;
  /** Native dialogs where the host has them (Electron); absent in a browser. */
  desktop: CairnDesktop | null;
  /** A link that downloads a finished export (or its manifest); only a browser host needs one. */
  exportDownloadUrl?: (jobId: string, which: 'file' | 'manifest') => string;
}

function unwrap<K extends OpName>(reply: BridgeReply): OpOutput<K> {
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.result as OpOutput<K>;
}

export function ipcClient(): CairnClient | null {
  const ops = window.cairn;
  if (!ops) return null;
  async function call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
    const fn = ops![name] as (i: OpInput<K>) => Promise<BridgeReply>;
    return unwrap<K>(await fn(input));
  }
  const desktop = window.cairnDesktop ?? null;
  return { call, desktop, onJob: (cb) => desktop?.onJob(cb) ?? (() => undefined) };
}

const TOKEN_KEY = 'cairn.token';

/** Takes the token from the launch URL's fragment once, then keeps it for this tab only. */
export function takeLaunchToken(): string | null {
  const m = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function httpClient(token: string): CairnClient {
  async function call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
    {
      const res = await fetch(`/api/op/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      let body: BridgeReply;
      try {
        body = (await res.json()) as BridgeReply;
      } catch {
        throw new ApiError({
          code: 'INTERNAL',
          message: `the Cairn host answered ${res.status} without JSON`,
        });
      }
      return unwrap<K>(body);
    }
  }
  // One EventSource per page, shared by every subscriber.
  const listeners = new Set<(job: JobState) => void>();
  let source: EventSource | null = null;
  const onJob = (cb: (job: JobState) => void): (() => void) => {
    listeners.add(cb);
    if (!source) {
      source = new EventSource(`/api/events?token=${token}`);
      source.addEventListener('job', (e) => {
        const job = JSON.parse((e as MessageEvent<string>).data) as JobState;
        for (const l of listeners) l(job);
      });
    }
    return () => {
      listeners.delete(cb);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  };
  const exportDownloadUrl = (jobId: string, which: 'file' | 'manifest'): string =>
    `/api/export/${encodeURIComponent(jobId)}/${which}?token=${token}`;
  return { call, desktop: null, onJob, exportDownloadUrl };
}
