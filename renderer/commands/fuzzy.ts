// Fuzzy matching for the command palette: every word of the query must appear in the text as a
// subsequence, in order. Matches at word starts and in runs score higher, so "ka" finds
// "Key activity" before "Take a note". Pure: no DOM, so it is unit-tested under Node.

export interface FuzzyMatch {
  score: number;
  /** Indexes in the text of the matched characters, ascending (for highlighting). */
  positions: number[];
}

const WORD_START = /[\s\-_/.:(…]/;

function isWordStart(text: string, i: number): boolean {
  return i === 0 || WORD_START.test(text[i - 1]!);
}

/** One query word against the text from `from`: the best-scoring greedy subsequence. */
function matchWord(
  word: string,
  text: string,
  lower: string,
  from: number,
): { score: number; positions: number[] } | null {
  let best: { score: number; positions: number[] } | null = null;
  // Try every start of the first character: greedy from a word start usually wins.
  for (let s = lower.indexOf(word[0]!, from); s !== -1; s = lower.indexOf(word[0]!, s + 1)) {
    const positions = [s];
    let score = isWordStart(text, s) ? 8 : 1;
    if (s === 0) score += 4;
    let at = s;
    let ok = true;
    for (let k = 1; k < word.length; k++) {
      const next = lower.indexOf(word[k]!, at + 1);
      if (next === -1) {
        ok = false;
        break;
      }
      if (next === at + 1) score += 5;
      else if (isWordStart(text, next)) score += 6;
      else score += 1 - Math.min(3, (next - at - 1) / 4);
      positions.push(next);
      at = next;
    }
    if (!ok) break; // later starts cannot match either
    if (!best || score > best.score) best = { score, positions };
  }
  return best;
}

/** Scores `text` for `query`; null when some word of the query does not match. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { score: 0, positions: [] };
  const lower = text.toLowerCase();
  let score = 0;
  const positions = new Set<number>();
  for (const w of words) {
    // Words may match anywhere, in any order ("runbook start" finds "Start runbook: …").
    const m = matchWord(w, text, lower, 0);
    if (!m) return null;
    score += m.score;
    for (const p of m.positions) positions.add(p);
  }
  // Shorter texts win ties: "Findings" before "Open finding #12 in Findings".
  score -= text.length / 100;
  return { score, positions: [...positions].sort((a, b) => a - b) };
}

/**
 * Items whose title matches, best first; then items found by their `extra` words (group,
 * keywords): there every query word must match the title or begin one of those words, so
 * "fnd" does not find everything with an f, an n and a d somewhere in its description. They rank
 * below every title match. Ties keep their original order.
 */
export function fuzzyFilter<T>(
  query: string,
  items: readonly T[],
  title: (item: T) => string,
  extra?: (item: T) => string,
): { item: T; match: FuzzyMatch }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: { item: T; match: FuzzyMatch; index: number }[] = [];
  items.forEach((item, index) => {
    const t = title(item);
    const match = fuzzyMatch(query, t);
    if (match) {
      out.push({ item, match, index });
      return;
    }
    if (!extra) return;
    const others = extra(item)
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const found = words.every(
      (w) => fuzzyMatch(w, t) !== null || others.some((o) => o.startsWith(w)),
    );
    if (found) out.push({ item, match: { score: -1000 - t.length / 100, positions: [] }, index });
  });
  if (words.length) out.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return out.map(({ item, match }) => ({ item, match }));
}
