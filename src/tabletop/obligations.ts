// The notification rules a scenario's declared facts trigger, from the deadline engine. Facts
// the scenario does not declare are answered "no" for every yes/no flag, so the list is decided
// rather than full of open questions; the exercise can still change a fact and re-assess.
import {
  FLAG_KEYS,
  assessApplicability,
  getRule,
  type CaseFacts,
  type DeadlineRule,
  type FlagKey,
} from '../deadlines';
import type { Truth } from './truth';

/** Facts with every flag the scenario did not set answered false. */
export function completeFacts(facts: CaseFacts): CaseFacts {
  const flags = Object.fromEntries(FLAG_KEYS.map((k) => [k, false])) as Record<FlagKey, boolean>;
  return { ...facts, flags: { ...flags, ...facts.flags } };
}

function deadlineText(rule: DeadlineRule): string {
  const d = rule.deadline;
  switch (d.kind) {
    case 'hours':
      return `${d.amount} hours`;
    case 'calendar_days':
      return `${d.amount} calendar days`;
    case 'business_days':
      return `${d.amount} business days`;
    case 'none':
      return d.qualifier;
  }
}

export function obligationsFor(facts: CaseFacts): Truth['obligations'] {
  const complete = completeFacts(facts);
  const results = assessApplicability(complete);
  const applicable: Truth['obligations']['applicable'] = [];
  const needsAnswer: Truth['obligations']['needsAnswer'] = [];
  for (const r of results) {
    if (r.status === 'applicable') {
      const rule = getRule(r.ruleId);
      applicable.push({
        ruleId: rule.id,
        regime: rule.regime,
        jurisdiction: rule.jurisdiction.name,
        notify: rule.notify.map((n) => n.name),
        deadline: deadlineText(rule),
        reasons: r.reasons,
      });
    } else if (r.status === 'needs_answer') {
      needsAnswer.push({ ruleId: r.ruleId, questions: r.questions.map((q) => q.question) });
    }
  }
  return {
    facts: complete,
    applicable,
    needsAnswer,
    note: 'Assessed by the deadline engine from the facts the scenario declares; rules are research, not legal advice: confirm with counsel.',
  };
}
