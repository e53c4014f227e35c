// The renderer's only way to reach the engine: the typed contract, over IPC in Electron or over
// HTTP with the launch token in a browser. Screens never know which.
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
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
  /** Native dialogs where the host has them (Electron); absent in a browser. */
  desktop: CairnDesktop | null;
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
  return { call, desktop: window.cairnDesktop ?? null };
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
  return { call, desktop: null };
}
