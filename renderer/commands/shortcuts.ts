// Keyboard shortcuts as data: what the palette shows next to a command and what the global key
// handler matches. Matched on KeyboardEvent.code (the physical key), so Alt+1 works on a Mac,
// where Option+1 types "¡", and on keyboard layouts where digits need Shift.

export interface Shortcut {
  /** KeyboardEvent.code, e.g. "Digit1", "KeyK". */
  code: string;
  alt?: boolean;
  shift?: boolean;
  /** Ctrl on Windows and Linux, ⌘ on a Mac. */
  mod?: boolean;
}

export const IS_MAC =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function keyName(code: string): string {
  if (code.startsWith('Digit')) return code.slice(5);
  if (code.startsWith('Key')) return code.slice(3);
  return code;
}

/** "Ctrl+Shift+P" on Windows and Linux, "⌘⇧P" on a Mac. */
export function shortcutLabel(s: Shortcut, mac = IS_MAC): string {
  const key = keyName(s.code);
  if (mac) return `${s.mod ? '⌘' : ''}${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${key}`;
  return [s.mod ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', key]
    .filter(Boolean)
    .join('+');
}

export function matchesShortcut(
  e: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
  s: Shortcut,
  mac = IS_MAC,
): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherMod = mac ? e.ctrlKey : e.metaKey;
  return (
    e.code === s.code &&
    e.altKey === Boolean(s.alt) &&
    e.shiftKey === Boolean(s.shift) &&
    mod === Boolean(s.mod) &&
    !otherMod
  );
}

export const PALETTE_SHORTCUTS: Shortcut[] = [
  { code: 'KeyK', mod: true },
  { code: 'KeyP', mod: true, shift: true },
];
