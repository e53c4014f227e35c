// What the Electron preload exposes on window: one named function per contract operation, plus
// the few things only a desktop host can do (native file dialogs). The web host has none of it.
import type { OpInput, OpName } from '../../src/shared/contract';
import type { JobState } from '../../src/shared/domain';
import type { ErrorShape } from '../../src/shared/errors';

export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

export type CairnOps = { [K in OpName]: (input: OpInput<K>) => Promise<BridgeReply> };

export interface CairnDesktop {
  onJob(callback: (job: JobState) => void): () => void;
  pickCaseFile(): Promise<string | null>;
  pickNewCaseFile(suggestedName: string): Promise<string | null>;
  /** A native save dialog starting at `suggestedPath`; the chosen path, or null if cancelled. */
  pickSavePath(suggestedPath: string): Promise<string | null>;
}

declare global {
  interface Window {
    cairn?: CairnOps;
    cairnDesktop?: CairnDesktop;
  }
}
