// Reading a newer ip-ranges.json from disk. The only I/O in the IP classifier: everything else
// takes values.

import { readFile } from 'node:fs/promises';
import { CairnError } from '../../shared/errors';
import type { AwsIpRanges } from './aws-ranges';
import { parseAwsIpRanges } from './aws-ranges';

/** Reads and validates an ip-ranges.json file; errors name the file (and the field). */
export async function loadAwsIpRanges(path: string): Promise<AwsIpRanges> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CairnError(
        'NOT_FOUND',
        `${path}: file not found`,
        'Check the path to ip-ranges.json.',
        { cause: err },
      );
    }
    throw new CairnError('IO', `${path}: cannot read (${code ?? String(err)})`, undefined, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new CairnError(
      'INVALID_INPUT',
      `${path}: not JSON (${detail})`,
      'Use the ip-ranges.json published by AWS.',
      {
        cause: err,
      },
    );
  }
  return parseAwsIpRanges(json, path);
}
