// Which notification rules bind a case, from its facts. Each rule is checked through a series of
// gates (status, whose duty, sector, head count, data types, encryption safe harbour, risk of
// harm). A gate passes, fails, or cannot tell because a fact is missing. Any failing gate makes
// the rule not applicable (with the reason); otherwise any unknown gate makes it `needs_answer`
// with the exact questions to ask. Cairn never fills a missing fact with a guess.
import {
  DATA_ROLE_QUESTION,
  ENCRYPTED_QUESTION,
  FLAG_QUESTIONS,
  KEY_COMPROMISED_QUESTION,
  RISK_OF_HARM_QUESTION,
  type CaseFacts,
} from './facts';
import {
  ask,
  dataGate,
  fail,
  pass,
  presenceGate,
  thresholdGate,
  type Gate,
  type Question,
} from './gates';

export type { Question } from './gates';
import { RULES } from './rules';
import type { DeadlineRule } from './schema';

export type ApplicabilityResult =
  | { ruleId: string; status: 'applicable'; reasons: string[] }
  | { ruleId: string; status: 'not_applicable'; reason: string; reasons: string[] }
  | { ruleId: string; status: 'needs_answer'; questions: Question[]; reasons: string[] };

function statusGate(rule: DeadlineRule): Gate {
  switch (rule.status) {
    case 'in_force':
      return pass();
    case 'in_force_amendments_pending':
      return pass('in force, with amendments pending: check which version applies');
    case 'proposed':
      return fail(
        `proposed rule, not in force (research as of ${rule.asOf}); a proposed rule never applies`,
      );
    case 'enacted_not_yet_in_force':
      return fail(
        `enacted but not yet in force when researched (as of ${rule.asOf}); confirm the commencement date with counsel`,
      );
  }
}

function roleGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  const holder = rule.applicability.dutyHolder;
  if (holder === 'any') return pass();
  const role = facts.dataRole;
  if (role === undefined) return ask('dataRole', DATA_ROLE_QUESTION);
  if (role === 'both' || role === holder) {
    return pass(
      holder === 'owner'
        ? 'the organisation owns or licenses the data'
        : 'the organisation maintains the data for another organisation',
    );
  }
  return fail(
    holder === 'owner'
      ? 'this duty falls on whoever owns or licenses the data; a maintainer notifies the owner instead'
      : 'this duty falls on organisations that maintain data for another; the organisation only owns its data',
  );
}

function flagGates(rule: DeadlineRule, facts: CaseFacts): Gate[] {
  return rule.applicability.requires.map((key) => {
    const value = facts.flags?.[key];
    const question = FLAG_QUESTIONS[key];
    if (value === undefined) return ask(`flags.${key}`, question);
    return value ? pass(`yes: ${question}`) : fail(`answered no: ${question}`);
  });
}

function ruleAnswerGate(rule: DeadlineRule, facts: CaseFacts, question: string): Gate {
  const answer = facts.ruleAnswers?.[rule.id];
  if (answer === undefined) return ask(`ruleAnswers.${rule.id}`, question);
  return answer ? pass(`yes: ${question}`) : fail(`answered no: ${question}`);
}

/** Kleene OR: passes if either passes, fails only if both fail. */
function either(a: Gate, b: Gate): Gate {
  if (a.outcome === 'pass') return a;
  if (b.outcome === 'pass') return b;
  if (a.outcome === 'fail' && b.outcome === 'fail') return fail(`${a.reason}; and ${b.reason}`);
  const questions = [a, b].flatMap((g) => (g.outcome === 'unknown' ? g.questions : []));
  return { outcome: 'unknown', questions };
}

function headCountGates(rule: DeadlineRule, facts: CaseFacts): Gate[] {
  const threshold = thresholdGate(rule, facts);
  const extra = rule.applicability.extraCondition;
  if (extra === null) return [threshold];
  const answer = ruleAnswerGate(rule, facts, extra.question);
  return extra.combine === 'and'
    ? [threshold, answer]
    : [presenceGate(rule, facts), either(threshold, answer)];
}

function encryptionGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  if (rule.safeHarbor.encryption !== true) return pass();
  if (facts.dataEncrypted === undefined) return ask('dataEncrypted', ENCRYPTED_QUESTION);
  if (!facts.dataEncrypted) return pass('the data was not encrypted, so the safe harbour is out');
  if (facts.encryptionKeyCompromised === undefined) {
    return ask('encryptionKeyCompromised', KEY_COMPROMISED_QUESTION);
  }
  if (facts.encryptionKeyCompromised && rule.safeHarbor.keyCompromiseVoids === true) {
    return pass('the encryption safe harbour is void because the key was compromised');
  }
  return fail(
    'encryption safe harbour: the data was encrypted and the key was not compromised (confirm the encryption meets the law’s standard)',
  );
}

function harmGate(rule: DeadlineRule, facts: CaseFacts): Gate {
  const gate = rule.applicability.harmGate;
  const risk = facts.riskOfHarm;
  if (gate === 'none') return pass();
  if (risk === undefined) return ask('riskOfHarm', RISK_OF_HARM_QUESTION);
  switch (gate) {
    case 'exception_if_unlikely':
      return risk === 'unlikely'
        ? fail(
            'risk-of-harm exception: the documented assessment found harm unlikely (keep it in writing; some laws require sending it to the regulator)',
          )
        : pass(`the risk-of-harm assessment found harm ${risk === 'high' ? 'high' : 'likely'}`);
    case 'only_if_high_risk':
      return risk === 'high'
        ? pass('the assessment found a high risk to the affected people')
        : fail(`owed only for a high risk; the assessment found harm ${risk}`);
    case 'only_if_no_harm_determination':
      return risk === 'unlikely'
        ? pass('owed because individuals are not notified on a documented no-harm finding')
        : fail(
            'owed only when individuals are not notified because harm was found unlikely; here harm was found ' +
              risk,
          );
  }
}

/** Decides whether one rule applies to the case described by `facts`. */
export function assessRule(rule: DeadlineRule, facts: CaseFacts): ApplicabilityResult {
  const gates: Gate[] = [
    statusGate(rule),
    roleGate(rule, facts),
    ...flagGates(rule, facts),
    ...headCountGates(rule, facts),
    dataGate(rule, facts),
    encryptionGate(rule, facts),
    harmGate(rule, facts),
  ];
  const reasons = gates.flatMap((g) => (g.outcome === 'pass' && g.reason ? [g.reason] : []));
  const failures = gates.flatMap((g) => (g.outcome === 'fail' ? [g.reason] : []));
  const [first, ...rest] = failures;
  if (first !== undefined) {
    return { ruleId: rule.id, status: 'not_applicable', reason: first, reasons: [first, ...rest] };
  }
  // The same fact can be asked by two gates (presence and threshold); ask it once.
  const questions = [
    ...new Map(
      gates.flatMap((g) => (g.outcome === 'unknown' ? g.questions : [])).map((q) => [q.fact, q]),
    ).values(),
  ];
  if (questions.length > 0) {
    return { ruleId: rule.id, status: 'needs_answer', questions, reasons };
  }
  return { ruleId: rule.id, status: 'applicable', reasons };
}

/** Assesses every rule (or the given ones) against the case facts. */
export function assessApplicability(
  facts: CaseFacts,
  rules: readonly DeadlineRule[] = RULES,
): ApplicabilityResult[] {
  return rules.map((rule) => assessRule(rule, facts));
}

/** The distinct open questions across results, each with the rules waiting on it. */
export function openQuestions(
  results: readonly ApplicabilityResult[],
): Array<Question & { ruleIds: string[] }> {
  const byFact = new Map<string, Question & { ruleIds: string[] }>();
  for (const result of results) {
    if (result.status !== 'needs_answer') continue;
    for (const q of result.questions) {
      const entry = byFact.get(q.fact) ?? { ...q, ruleIds: [] };
      entry.ruleIds.push(result.ruleId);
      byFact.set(q.fact, entry);
    }
  }
  return [...byFact.values()];
}
