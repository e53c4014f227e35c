// Command-line spellings of deadline inputs: `--set flags.ransomPaid=yes`, `--unset riskOfHarm`,
// `--anchor determination_of_breach=2026-03-28T10:00:00Z`, `--remind 50%,80%,1h`.
import type { ReminderPointSetting } from '../../../shared/domain';
import { CairnError } from '../../../shared/errors';

const YES_NO_FACTS = new Set([
  'dataEncrypted',
  'encryptionKeyCompromised',
  'affectedCountsComplete',
]);
const CHOICE_FACTS = new Set(['dataRole', 'riskOfHarm']);

function yesNo(text: string, flag: string): boolean {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true'].includes(t)) return true;
  if (['no', 'n', 'false'].includes(t)) return false;
  throw new CairnError('INVALID_INPUT', `${flag}: "${text}" is not yes or no`);
}

function count(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new CairnError('INVALID_INPUT', `${flag}: "${text}" is not a whole number of people`);
  }
  return Number(text.trim());
}

/** Puts `value` at a one- or two-level fact path ("riskOfHarm", "flags.ransomPaid"). */
function put(patch: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot < 0) {
    patch[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const inner = (patch[head] ?? {}) as Record<string, unknown>;
  inner[path.slice(dot + 1)] = value;
  patch[head] = inner;
}

/** The value a `--set PATH=VALUE` means for that fact. */
function factValue(path: string, text: string): unknown {
  const flag = `--set ${path}`;
  const head = path.split('.')[0] ?? path;
  if (head === 'flags' || head === 'ruleAnswers' || YES_NO_FACTS.has(path))
    return yesNo(text, flag);
  if (head === 'affectedByJurisdiction' || path === 'totalAffected') return count(text, flag);
  if (path === 'dataCategories') {
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (CHOICE_FACTS.has(path)) return text.trim();
  throw new CairnError(
    'INVALID_INPUT',
    `--set: "${path}" is not a case fact`,
    'facts: flags.NAME, ruleAnswers.RULE, affectedByJurisdiction.CODE, totalAffected, affectedCountsComplete, dataCategories, dataEncrypted, encryptionKeyCompromised, dataRole, riskOfHarm',
  );
}

function splitPair(text: string, flag: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq < 1) throw new CairnError('INVALID_INPUT', `${flag}: "${text}" is not NAME=VALUE`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

/** Builds the facts patch from --set and --unset flags (null removes a fact). */
export function factsPatch(sets: string[], unsets: string[]): Record<string, unknown> | undefined {
  if (sets.length === 0 && unsets.length === 0) return undefined;
  const patch: Record<string, unknown> = {};
  for (const s of sets) {
    const [path, text] = splitPair(s, '--set');
    put(patch, path, factValue(path, text));
  }
  for (const path of unsets) put(patch, path.trim(), null);
  return patch;
}

/** Builds the anchors patch from --anchor NAME=ISO and --clear-anchor NAME. */
export function anchorsPatch(
  sets: string[],
  clears: string[],
): Record<string, string | null> | undefined {
  if (sets.length === 0 && clears.length === 0) return undefined;
  const patch: Record<string, string | null> = {};
  for (const s of sets) {
    const [name, at] = splitPair(s, '--anchor');
    patch[name] = at.trim();
  }
  for (const name of clears) patch[name.trim()] = null;
  return patch;
}

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90m", "1h", "2d" → milliseconds. */
export function durationMs(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/.exec(text.trim());
  if (!m?.[1] || !m[2]) {
    throw new CairnError(
      'INVALID_INPUT',
      `${flag}: "${text}" is not a duration like 30m, 1h or 2d`,
    );
  }
  return Math.round(Number(m[1]) * (UNIT_MS[m[2]] ?? 0));
}

/** "80%" or "0.8" → 0.8. */
export function fraction(text: string, flag: string): number {
  const t = text.trim();
  const value = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new CairnError('INVALID_INPUT', `${flag}: "${text}" is not a share like 80% or 0.8`);
  }
  return value;
}

/** "50%,80%,1h" → a fraction point per percentage and a before-due point per duration. */
export function reminderPoints(text: string): ReminderPointSetting[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s): ReminderPointSetting => {
      if (s.endsWith('%')) {
        const f = fraction(s, '--remind');
        if (f >= 1) throw new CairnError('INVALID_INPUT', `--remind: ${s} must be under 100%`);
        return { kind: 'fraction', fraction: f };
      }
      return { kind: 'before_due', ms: durationMs(s, '--remind') };
    });
}
