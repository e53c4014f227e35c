// The gates that need a little arithmetic or vocabulary work: the head-count threshold and the
// data-type trigger. applicability.ts combines these with the simpler yes/no gates.
import {
  ANY_US_STATE_QUESTION,
  DATA_CATEGORIES_QUESTION,
  LARGEST_STATE_QUESTION,
  TOTAL_AFFECTED_QUESTION,
  type CaseFacts,
} from './facts';
import type { DeadlineRule } from './schema';
import type { DataType } from './vocabulary';

export interface Question {
  /** Path of the fact that answers it: "flags.secRegistrant", "affectedByJurisdiction.US-TX". */
  fact: string;
  question: string;
}

export type Gate =
  | { outcome: 'pass'; reason: string | null }
  | { outcome: 'fail'; reason: string }
  | { outcome: 'unknown'; questions: Question[] };

export const pass = (reason: string | null = null): Gate => ({ outcome: 'pass', reason });
export const fail = (reason: string): Gate => ({ outcome: 'fail', reason });
export const ask = (fact: string, question: string): Gate => ({
  outcome: 'unknown',
  questions: [{ fact, question }],
});

const US_STATE_CODE = /^US-[A-Z]{2}$/; // states, DC and territories; not US-FED or US-INS

type Count = { known: true; n: number; where: string } | { known: false; gate: Gate };

function residentsOf(rule: DeadlineRule, facts: CaseFacts): Count {
  const { code, name } = rule.jurisdiction;
  const n = facts.affectedByJurisdiction?.[code];
  const where = `in ${name} (${code})`;
  if (n !== undefined) return { known: true, n, where };
  if (facts.affectedCountsComplete === true) return { known: true, n: 0, where };
  const question = `How many people resident in ${name} (${code}) were affected?`;
  return { known: false, gate: ask(`affectedByJurisdiction.${code}`, question) };
}

function usStateCounts(facts: CaseFacts): Array<[string, number]> {
  return Object.entries(facts.affectedByJurisdiction ?? {}).filter(([code]) =>
    US_STATE_CODE.test(code),
  );
}

function meets(n: number, rule: DeadlineRule): boolean {
  const { comparator, minAffected } = rule.threshold;
  if (comparator === null || minAffected === null) return n >= 1;
  switch (comparator) {
    case '>=':
      return n >= minAffected;
    case '>':
      return n > minAffected;
    case '<':
      return n < minAffected;
  }
}

function compareCount(rule: DeadlineRule, count: { n: number; where: string }): Gate {
  const { comparator, minAffected, population } = rule.threshold;
  const limit =
    comparator === null
      ? 'at least one affected person'
      : `${comparator} ${minAffected} ${population}`;
  const text = `${count.n} affected ${count.where}`;
  return meets(count.n, rule)
    ? pass(`${text}: meets the threshold (${limit})`)
    : fail(`${text}: does not meet the threshold (${limit})`);
}

/** The head-count gate for the rule's scope (see SCOPE_KINDS in vocabulary.ts). */
export function thresholdGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  switch (rule.applicability.scope) {
    case 'none':
      return pass();
    case 'residents': {
      const count = residentsOf(rule, facts);
      return count.known ? compareCount(rule, count) : count.gate;
    }
    case 'total':
      return facts.totalAffected === undefined
        ? ask('totalAffected', TOTAL_AFFECTED_QUESTION)
        : compareCount(rule, { n: facts.totalAffected, where: 'in total' });
    case 'any_single_us_state': {
      const counts = usStateCounts(facts);
      const best = counts.reduce<[string, number] | null>(
        (top, entry) => (top === null || entry[1] > top[1] ? entry : top),
        null,
      );
      const bestCount = best ? { n: best[1], where: `in ${best[0]} (largest single state)` } : null;
      // An incomplete list can still settle an "at least" threshold if one known state meets it.
      const settled =
        bestCount !== null && rule.threshold.comparator !== '<' && meets(bestCount.n, rule);
      if (bestCount && (facts.affectedCountsComplete === true || settled)) {
        return compareCount(rule, bestCount);
      }
      if (facts.affectedCountsComplete === true) {
        return compareCount(rule, { n: 0, where: 'in any single US state' });
      }
      return ask('affectedByJurisdiction', LARGEST_STATE_QUESTION);
    }
    case 'any_us_state': {
      const affected = usStateCounts(facts).filter(([, n]) => n > 0);
      if (affected.length > 0) {
        return pass(`residents of ${affected.map(([code]) => code).join(', ')} affected`);
      }
      return facts.affectedCountsComplete === true
        ? fail('no residents of any US state or territory affected')
        : ask('affectedByJurisdiction', ANY_US_STATE_QUESTION);
    }
  }
}

/**
 * At least one affected person in the rule's population: the nexus an "or other conditions" rule
 * still needs when its head count is not met (nobody in Japan affected → APPI does not bind).
 */
export function presenceGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  const scope = rule.applicability.scope;
  if (scope !== 'residents' && scope !== 'total') return pass();
  if (scope === 'total') {
    if (facts.totalAffected === undefined) return ask('totalAffected', TOTAL_AFFECTED_QUESTION);
    return facts.totalAffected > 0 ? pass() : fail('no affected individuals');
  }
  const count = residentsOf(rule, facts);
  if (!count.known) return count.gate;
  return count.n > 0 ? pass() : fail(`nobody affected ${count.where}`);
}

/** Rule data types that mean "any personal data" rather than a specific element. */
const UMBRELLA_TYPES: ReadonlySet<DataType> = new Set<DataType>([
  'personal_data_any',
  'digital_personal_data',
  'personal_information',
  'state_defined_personal_information',
]);

/** Case categories that are not personal data about people (so do not satisfy an umbrella). */
const NON_PERSONAL_TYPES: ReadonlySet<DataType> = new Set<DataType>([
  'any_system_or_data',
  'bes_cyber_systems',
  'covered_defense_information',
  'nonpublic_information',
  'large_scale_data',
]);

/**
 * Case categories that also satisfy a rule's type. "Unsecured" is not a kind of data: whether PHI
 * was secured is decided by the encryption safe-harbour gate, so PHI matches unsecured PHI.
 */
const ALSO_MATCHED_BY: Partial<Record<DataType, readonly DataType[]>> = {
  phi_unsecured: ['phi'],
  phi: ['phi_unsecured'],
  customer_information: ['sensitive_customer_information'],
};

/** The data-type trigger: does any affected category trigger the rule? */
export function dataGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  const triggers = rule.triggers.dataTypes;
  if (triggers.includes('any_system_or_data')) return pass();
  const affected = facts.dataCategories;
  if (affected === undefined) return ask('dataCategories', DATA_CATEGORIES_QUESTION);
  const personal = affected.filter((t) => !NON_PERSONAL_TYPES.has(t));
  const matched = triggers.filter((t) =>
    UMBRELLA_TYPES.has(t)
      ? personal.length > 0
      : affected.includes(t) ||
        (ALSO_MATCHED_BY[t] ?? []).some((alias) => affected.includes(alias)),
  );
  if (matched.length > 0) return pass(`affected data triggers it (${matched.join(', ')})`);
  if (affected.some((t) => UMBRELLA_TYPES.has(t))) {
    return ask(
      'dataCategories',
      `Which specific data elements were affected? This rule is triggered by: ${triggers.join(', ')}.`,
    );
  }
  const listed = affected.length > 0 ? affected.join(', ') : 'none';
  return fail(
    `none of the affected data categories (${listed}) triggers it; it covers ${triggers.join(', ')}`,
  );
}
