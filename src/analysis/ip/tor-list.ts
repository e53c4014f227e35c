// Tor exit lists: the bundled snapshot (2024-02-27) and newer lists supplied as text. Both the
// plain one-address-a-line form (torbulkexitlist, the bundled .lst) and TorDNSEL's
// `exit-addresses` form (ExitNode / Published / LastStatus / ExitAddress lines) are read.

import { z } from 'zod';
import { CairnError } from '../../shared/errors';
import type { LineReader, ListedPrefix } from './ip-list';
import { parseIpListText, plainLine } from './ip-list';
import type { ListLineError } from './types';

export interface TorExitList {
  /** The day the list was fetched (YYYY-MM-DD), so answers can say how old it is. */
  readonly date: string;
  /** Where the list came from, for citing in answers. */
  readonly source: string;
  readonly entries: readonly ListedPrefix[];
}

const EXIT_ADDRESSES_KEYWORDS = new Set(['ExitNode', 'Published', 'LastStatus']);

const torLine: LineReader = (line) => {
  const content = plainLine(line);
  if (content === undefined) return undefined;
  const [keyword = '', value] = content.split(/\s+/);
  if (keyword === 'ExitAddress') return value ?? '';
  if (EXIT_ADDRESSES_KEYWORDS.has(keyword)) return undefined;
  return content;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(date: string, field: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (
    !ISO_DATE.test(date) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== date
  ) {
    throw new CairnError(
      'INVALID_INPUT',
      `${field}: "${date}" is not a date (YYYY-MM-DD)`,
      'Give the day the list was fetched.',
    );
  }
}

/** Parses a newer Tor exit list. `date` is the day it was fetched; bad lines come back as errors. */
export function parseTorExitList(
  text: string,
  options: { date: string; source: string },
): { list: TorExitList; errors: readonly ListLineError[] } {
  checkDate(options.date, 'tor list date');
  const { entries, errors } = parseIpListText(text, torLine);
  return { list: { date: options.date, source: options.source, entries }, errors };
}

export const torSnapshotSchema = z.object({
  source: z.string(),
  license: z.string(),
  date: z.string(),
  lastCheckedAt: z.string(),
  sha256: z.string(),
  addresses: z.array(z.string()),
});

export type TorSnapshot = z.infer<typeof torSnapshotSchema>;
