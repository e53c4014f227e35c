// IPC channel names shared by main and preload. No imports: the sandboxed preload bundle must
// not pull in any of the engine.
export function opChannel(name: string): string {
  return `cairn:op:${name}`;
}

export const DESKTOP_CHANNELS = {
  pickCaseFile: 'cairn:desktop:pickCaseFile',
  pickNewCaseFile: 'cairn:desktop:pickNewCaseFile',
} as const;
