// Line-based address lists (threat lists, Tor exit lists): one IP or CIDR per line, `#` starts a
// comment, blank lines are ignored. A bad line is returned with its line number instead of
// failing the whole list: a responder importing a 10,000-line feed wants the 9,998 good lines
// now and a note about the two bad ones.

import { CairnError } from '../../shared/errors';
import type { Cidr } from './cidr';
import { formatCidr, parseCidr } from './cidr';
import type { ListLineError } from './types';

export interface ListedPrefix {
  readonly cidr: Cidr;
  /** Canonical CIDR text, e.g. 2001:470:1:908::9001/128. */
  readonly prefix: string;
  /** 1-based line number in the list's text. */
  readonly line: number;
}

export interface ParsedIpList {
  readonly entries: readonly ListedPrefix[];
  readonly errors: readonly ListLineError[];
}

/** Returns the address/CIDR text of a line, or undefined to skip it (comments, headers). */
export type LineReader = (line: string) => string | undefined;

const MAX_ERROR_TEXT = 200;

/** Strips a `#` comment and surrounding space; blank results are skipped. */
export const plainLine: LineReader = (line) => {
  const hash = line.indexOf('#');
  const content = (hash === -1 ? line : line.slice(0, hash)).trim();
  return content === '' ? undefined : content;
};

/**
 * Parses list text. Duplicate prefixes keep their first line and are not errors. Host bits set
 * (1.2.3.4/24) is an error rather than silently widened to the network.
 */
export function parseIpListText(text: string, readLine: LineReader = plainLine): ParsedIpList {
  const entries: ListedPrefix[] = [];
  const errors: ListLineError[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const content = readLine(raw);
    if (content === undefined) continue;
    const parsed = parseCidr(content);
    if (!parsed.ok) {
      const shown = raw.length > MAX_ERROR_TEXT ? `${raw.slice(0, MAX_ERROR_TEXT)}…` : raw;
      errors.push({ line: index + 1, text: shown, reason: parsed.reason });
      continue;
    }
    const prefix = formatCidr(parsed.cidr);
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    entries.push({ cidr: parsed.cidr, prefix, line: index + 1 });
  }
  return { entries, errors };
}

export interface ThreatList {
  readonly name: string;
  readonly entries: readonly ListedPrefix[];
}

/** Parses a user-imported threat list; `name` is how matches will cite it (e.g. the file name). */
export function parseThreatList(
  text: string,
  name: string,
): { list: ThreatList; errors: readonly ListLineError[] } {
  if (name.trim() === '') {
    throw new CairnError(
      'INVALID_INPUT',
      'threat list name: must not be empty',
      'Name the list after its file or feed.',
    );
  }
  const { entries, errors } = parseIpListText(text);
  return { list: { name, entries }, errors };
}
