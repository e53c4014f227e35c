// Runs in the sandboxed renderer before the page. It exposes one named function per contract
// operation and a few desktop-only helpers, and nothing else: no ipcRenderer, no Electron events.
import { contextBridge, ipcRenderer } from 'electron';
import { OP_NAMES } from '../src/shared/op-names';
import { DESKTOP_CHANNELS, opChannel } from './channels';

const ops: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of OP_NAMES) {
  ops[name] = (input: unknown) => ipcRenderer.invoke(opChannel(name), input);
}

contextBridge.exposeInMainWorld('cairn', ops);
contextBridge.exposeInMainWorld('cairnDesktop', {
  pickCaseFile: (): Promise<unknown> => ipcRenderer.invoke(DESKTOP_CHANNELS.pickCaseFile),
  onJob: (callback: (job: unknown) => void): (() => void) => {
    // The page gets the job only, never the Electron event.
    const listener = (_event: unknown, job: unknown): void => callback(job);
    ipcRenderer.on(DESKTOP_CHANNELS.job, listener);
    return () => ipcRenderer.off(DESKTOP_CHANNELS.job, listener);
  },
  pickNewCaseFile: (suggestedName: string): Promise<unknown> =>
    ipcRenderer.invoke(DESKTOP_CHANNELS.pickNewCaseFile, String(suggestedName)),
  pickSavePath: (suggestedPath: string): Promise<unknown> =>
    ipcRenderer.invoke(DESKTOP_CHANNELS.pickSavePath, String(suggestedPath)),
});
