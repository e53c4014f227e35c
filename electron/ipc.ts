// Registers every contract operation on ipcMain. Each call is checked for its sender (only our
// own top-level page may call) and its input is parsed with the operation's zod schema (in
// callOp) before the handler runs. Replies are plain data: errors travel as { code, message }.
import type { IpcMainInvokeEvent } from 'electron';
import { callOp } from '../src/api';
import type { ApiContext } from '../src/api/context';
import { OP_NAMES } from '../src/shared/contract';
import { toErrorShape, type ErrorShape } from '../src/shared/errors';
import { opChannel } from './channels';

export const APP_ORIGIN = 'app://cairn';

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

/** The part of ipcMain this module uses, so tests can pass a stand-in. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply>,
  ): void;
}

/** Only the app's own top-level page, loaded from app://cairn, may call the engine. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // URL.origin is "null" for non-web schemes such as app:, so compare scheme and host.
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'cairn';
  } catch {
    return false;
  }
}

export function registerOperations(ipcMain: IpcMainLike, ctx: ApiContext): void {
  for (const name of OP_NAMES) {
    ipcMain.handle(opChannel(name), async (event, input) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: `refused ${name}: the caller is not Cairn's own window`,
          },
        };
      }
      try {
        return { ok: true, result: await callOp(name, input, ctx) };
      } catch (err) {
        return { ok: false, error: toErrorShape(err) };
      }
    });
  }
}
