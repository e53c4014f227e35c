// The breach-notification rule set as data: rules.json (generated from the research reference by
// scripts/build-deadline-rules.js) validated against schema.ts when this module loads, so a bad
// edit to the data fails loudly instead of producing a wrong deadline.
import { z } from 'zod';
import { CairnError } from '../shared/errors';
import rawRuleSet from './rules.json';
import { RuleSetSchema, type DeadlineRule, type RuleSet } from './schema';
import { DEPENDENT_ANCHORS, type Anchor, type DependentAnchor } from './vocabulary';

/** Validates a rule set; the error names the rule index, id and field that failed. */
export function parseRuleSet(raw: unknown, file = 'src/deadlines/rules.json'): RuleSet {
  const result = RuleSetSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  let where = path.join('.');
  if (path[0] === 'rules' && typeof path[1] === 'number' && typeof raw === 'object' && raw) {
    const rules = (raw as { rules?: unknown }).rules;
    const id = Array.isArray(rules) ? (rules[path[1]] as { id?: unknown } | undefined)?.id : null;
    if (typeof id === 'string') where = `${where} (${id})`;
  }
  throw new CairnError(
    'INVALID_INPUT',
    `${file}: ${where || 'root'}: ${issue?.message ?? 'invalid rule set'}`,
    'regenerate it with `npx tsx scripts/build-deadline-rules.js` or fix the field named',
  );
}

const RULE_SET: RuleSet = parseRuleSet(rawRuleSet);

/** Provenance of the rule set: where it was generated from, and when the research was done. */
export const RULE_SET_PROVENANCE = {
  generatedFrom: RULE_SET.generatedFrom,
  researchCompiled: RULE_SET.researchCompiled,
} as const;

/** Every rule, in the reference's order. */
export const RULES: readonly DeadlineRule[] = RULE_SET.rules;

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function findRule(id: string): DeadlineRule | undefined {
  return BY_ID.get(id);
}

export function getRule(id: string): DeadlineRule {
  const rule = BY_ID.get(id);
  if (!rule) {
    throw new CairnError('NOT_FOUND', `deadline rule "${id}" does not exist`, 'list the rules');
  }
  return rule;
}

export function isDependentAnchor(anchor: Anchor): anchor is DependentAnchor {
  return (DEPENDENT_ANCHORS as readonly string[]).includes(anchor);
}

/** Rules of one jurisdiction code (e.g. "US-TX", "EU"). */
export function rulesForJurisdiction(code: string): DeadlineRule[] {
  return RULES.filter((rule) => rule.jurisdiction.code === code);
}

export const RuleIdSchema = z.string().refine((id) => BY_ID.has(id), 'unknown deadline rule id');
