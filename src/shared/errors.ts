// Typed errors that cross every host boundary (CLI, HTTP, IPC) as { code, message, hint }.
// The message names the file, line or field; the hint says what to do next.

export const ERROR_CODES = [
  'INVALID_INPUT',
  'CASE_NOT_FOUND',
  'CASE_EXISTS',
  'NOT_SQLITE',
  'NOT_A_CASE',
  'NEWER_VERSION',
  'READ_ONLY',
  'LOCKED',
  'IO',
  'INTEGRITY',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class CairnError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CairnError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): ErrorShape {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Turns anything thrown into the wire shape without losing a CairnError's code and hint. */
export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof CairnError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
