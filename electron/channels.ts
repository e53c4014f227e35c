// IPC channel names shared by main and preload. No imports: the sandboxed preload bundle must
// not pull in any of the engine.
export function opChannel(name: string): string {
  return `cairn:op:${name}`;
}

export const DESKTOP_CHANNELS = {
  pickCaseFile: 'cairn:desktop:pickCaseFile',
  pickNewCaseFile: 'cairn:desktop:pickNewCaseFile',
  pickSavePath: 'cairn:desktop:pickSavePath',
  /** Main → page: a job (ingest, export …) changed. */
  job: 'cairn:job',
} as const;
