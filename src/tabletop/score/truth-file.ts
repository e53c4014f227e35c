// Reads a scenario's truth.json and validates it, naming the file and the field that is wrong.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CairnError } from '../../shared/errors';
import { TruthSchema, type Truth } from '../truth';

export function readTruthFile(path: string): { truth: Truth; path: string } {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CairnError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO',
      `truth: ${file} cannot be read (${code === 'ENOENT' ? 'no such file' : (err as Error).message})`,
      'give the truth.json that `cairn tabletop generate` wrote beside the logs',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CairnError('INVALID_INPUT', `truth: ${file} is not JSON (${(err as Error).message})`);
  }
  const parsed = TruthSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'the document';
    throw new CairnError(
      'INVALID_INPUT',
      `truth: ${file}: ${field}: ${issue.message}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : ''}`,
      'it must be a truth.json written by `cairn tabletop generate`',
    );
  }
  return { truth: parsed.data, path: file };
}
