// Candidate rows for a set of term filters: the rows carrying every filtered term, worked out from
// the postings alone (block by block), so a lookup costs in proportion to the blocks the rarest
// term occurs in, not to the table nor to the busiest term.
import { countWithTerm, decodePosting, FIELD } from '../casefile/postings';
import { statement } from '../casefile/statements';
import type { Db } from '../casefile/sqlite';

export interface TermFilter {
  field: number;
  /** The column holding the same string id in the table (named in the query text). */
  column: string;
  values: string[];
}

/** Maps strings to their ids; a value that never occurs maps to nothing. */
export function stringIds(db: Db, values: readonly string[]): number[] {
  const stmt = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
  const ids: number[] = [];
  for (const v of values) {
    const id = stmt.get(v) as number | undefined;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** The text of each string id (nulls and repeats skipped), read in one query. */
export function stringsById(db: Db, ids: Iterable<number | null>): Map<number, string> {
  const wanted = [...new Set([...ids].filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(
    statement(db, 'SELECT id, value FROM strings WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(wanted)) as [number, string][],
  );
}

/** True when any CloudTrail event of this name is in the case (a postings lookup, no row read). */
export function hasEventName(db: Db, eventName: string): boolean {
  const [id] = stringIds(db, [eventName]);
  return id !== undefined && countWithTerm(db, FIELD.eventName, id) > 0;
}

export type Candidates =
  /** No term filters: scan by time. */
  | { kind: 'all' }
  /** Some filtered value occurs nowhere: the answer is empty. */
  | { kind: 'none' }
  /** Exactly the rows that carry every filtered term (ascending ids), or the subset `firstN` allows. */
  | { kind: 'rows'; ids: number[] };

/** One filter's postings in one block: its rows there, and their time span. */
interface BlockPostings {
  base: number;
  n: number;
  minMs: number;
  maxMs: number;
  /** Each term's posting here, with its encoding (postings.enc). */
  blobs: { enc: number; rows: Buffer }[];
}

interface PostingRow {
  block: number;
  base: number;
  n: number;
  minMs: number;
  maxMs: number;
  rows: Buffer;
  enc: number;
}

function addPosting(out: Map<number, BlockPostings>, r: PostingRow): void {
  const b = out.get(r.block);
  if (!b)
    out.set(r.block, {
      base: r.base,
      n: r.n,
      minMs: r.minMs,
      maxMs: r.maxMs,
      blobs: [{ enc: r.enc, rows: r.rows }],
    });
  else {
    b.n += r.n;
    b.minMs = Math.min(b.minMs, r.minMs);
    b.maxMs = Math.max(b.maxMs, r.maxMs);
    b.blobs.push({ enc: r.enc, rows: r.rows });
  }
}

/**
 * A filter's postings by block; the terms of one field never share a row (a row has one value).
 * With `onlyBlocks`, only those blocks are looked up, one by one: a busy term (PutObject) has
 * postings in every block, and reading them all cost more than the answer.
 */
function postingsByBlock(
  db: Db,
  field: number,
  terms: readonly number[],
  range: { fromMs?: number; toMs?: number },
  onlyBlocks?: Iterable<number>,
): Map<number, BlockPostings> {
  const from = range.fromMs ?? Number.MIN_SAFE_INTEGER;
  const to = range.toMs ?? Number.MAX_SAFE_INTEGER;
  const out = new Map<number, BlockPostings>();
  const columns = `SELECT p.file_id AS block, b.first_row AS base, p.n AS n, p.min_time_ms AS minMs,
       p.max_time_ms AS maxMs, p.rows AS rows, p.enc AS enc
     FROM postings p JOIN evidence_blocks b ON b.file_id = p.file_id
     WHERE p.field = ? AND p.term = ? AND p.max_time_ms >= ? AND p.min_time_ms <= ?`;
  if (onlyBlocks) {
    const one = statement(db, `${columns} AND p.file_id = ?`);
    for (const block of onlyBlocks)
      for (const term of terms) {
        const r = one.get(field, term, from, to, block) as PostingRow | undefined;
        if (r) addPosting(out, r);
      }
    return out;
  }
  const all = statement(db, columns);
  for (const term of terms)
    for (const r of all.all(field, term, from, to) as PostingRow[]) addPosting(out, r);
  return out;
}

/**
 * How many blocks hold the filter's terms, counting no further than `cap` + 1: only the rarest
 * filter needs an exact count, and counting a busy term's blocks reads all its postings.
 */
function blockCount(db: Db, field: number, terms: readonly number[], cap: number): number {
  const count = statement(
    db,
    'SELECT COUNT(*) FROM (SELECT 1 FROM postings WHERE field = ? AND term = ? LIMIT ?)',
  ).pluck();
  let n = 0;
  for (const term of terms) {
    n += count.get(field, term, cap + 1 - n) as number;
    if (n > cap) break;
  }
  return n;
}

function decodeBlock(b: BlockPostings): number[] {
  const ids: number[] = [];
  for (const blob of b.blobs) decodePosting(blob.enc, blob.rows, ids, b.base);
  return b.blobs.length > 1 ? ids.sort((x, y) => x - y) : ids;
}

/** Ascending ids present in both ascending lists. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

interface BlockRows {
  ids: number[];
  /** Every row of the block that matches lies in [minMs, maxMs]. */
  minMs: number;
  maxMs: number;
}

/**
 * The blocks that can hold the first `n` rows in time order: sorted by their latest time, the
 * first blocks that together hold n rows end by some time T, so no row after T is among the first
 * n and a block whose earliest row is after T holds none of them.
 */
function blocksForFirst(blocks: BlockRows[], n: number): BlockRows[] {
  const byEnd = [...blocks].sort((a, b) => a.maxMs - b.maxMs);
  let count = 0;
  let until = Number.MAX_SAFE_INTEGER;
  for (const b of byEnd) {
    count += b.ids.length;
    if (count >= n) {
      until = b.maxMs;
      break;
    }
  }
  return blocks.filter((b) => b.minMs <= until);
}

/**
 * The rows carrying every filtered term, from the postings alone: only blocks where every filter
 * has postings are decoded, and their rows intersected, so the cost follows the rarest term's
 * blocks rather than the busiest term's rows. With `firstN` (the caller reads the first n rows
 * in time order and filters nothing else) blocks that cannot hold any of them are left out.
 */
export function candidates(
  db: Db,
  filters: readonly TermFilter[],
  range: { fromMs?: number; toMs?: number },
  options: { firstN?: number } = {},
): Candidates {
  if (filters.length === 0) return { kind: 'all' };
  const resolved = filters.map((f) => ({ ...f, ids: stringIds(db, f.values) }));
  if (resolved.some((f) => f.ids.length === 0)) return { kind: 'none' };
  // The filter in the fewest blocks is read whole; the others only in its blocks.
  let fewest = Number.MAX_SAFE_INTEGER - 1;
  const [first, ...rest] = [...resolved]
    .sort((a, b) => a.ids.length - b.ids.length)
    .map((f) => {
      const blocks = blockCount(db, f.field, f.ids, fewest);
      fewest = Math.min(fewest, blocks);
      return { ...f, blocks };
    })
    .sort((a, b) => a.blocks - b.blocks);
  const rarest = postingsByBlock(db, first!.field, first!.ids, range);
  const others = rest.map((f) =>
    f.blocks <= rarest.size
      ? postingsByBlock(db, f.field, f.ids, range)
      : postingsByBlock(db, f.field, f.ids, range, rarest.keys()),
  );
  const blocks: BlockRows[] = [];
  for (const [block, p] of rarest) {
    let minMs = p.minMs;
    let maxMs = p.maxMs;
    const withIt: BlockPostings[] = [];
    for (const o of others) {
      const q = o.get(block);
      if (!q) break;
      withIt.push(q);
      minMs = Math.max(minMs, q.minMs);
      maxMs = Math.min(maxMs, q.maxMs);
    }
    if (withIt.length < others.length || minMs > maxMs) continue;
    let ids = decodeBlock(p);
    for (const q of withIt) {
      if (ids.length === 0) break;
      ids = intersect(ids, decodeBlock(q));
    }
    if (ids.length > 0) blocks.push({ ids, minMs, maxMs });
  }
  const chosen =
    options.firstN !== undefined && range.fromMs === undefined && range.toMs === undefined
      ? blocksForFirst(blocks, options.firstN)
      : blocks;
  let count = 0;
  for (const b of chosen) count += b.ids.length;
  const ids = new Float64Array(count);
  let at = 0;
  let sorted = true;
  for (const b of chosen)
    for (const id of b.ids) {
      if (at > 0 && id < ids[at - 1]!) sorted = false;
      ids[at++] = id;
    }
  // Blocks usually come in row order already; a typed array sorts numbers without a comparator.
  if (!sorted) ids.sort();
  return { kind: 'rows', ids: Array.from(ids) };
}
