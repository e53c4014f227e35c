import { describe, expect, it } from 'vitest';
import {
  assessApplicability,
  assessRule,
  openQuestions,
  type ApplicabilityResult,
} from '../../../src/deadlines/applicability';
import { parseCaseFacts, type CaseFacts } from '../../../src/deadlines/facts';
import { getRule } from '../../../src/deadlines/rules';

/** Facts that pass every gate of a plain state rule except the head count under test. */
const base: CaseFacts = {
  dataRole: 'owner',
  dataCategories: ['ssn', 'drivers_license_state_id'],
  dataEncrypted: false,
  riskOfHarm: 'likely',
};

const assess = (ruleId: string, facts: CaseFacts): ApplicabilityResult =>
  assessRule(getRule(ruleId), facts);

function questionsOf(result: ApplicabilityResult): string[] {
  return result.status === 'needs_answer' ? result.questions.map((q) => q.fact) : [];
}

describe('head-count thresholds and comparators', () => {
  it.each([
    // Texas AG: ">= 250 Texas residents" — equal meets it.
    ['us-tx-regulator', 'US-TX', 249, 'not_applicable'],
    ['us-tx-regulator', 'US-TX', 250, 'applicable'],
    ['us-tx-regulator', 'US-TX', 251, 'applicable'],
    // California AG: "more than 500 California residents" — equal does not.
    ['us-ca-regulator', 'US-CA', 500, 'not_applicable'],
    ['us-ca-regulator', 'US-CA', 501, 'applicable'],
    // Colorado AG: ">= 500".
    ['us-co-regulator', 'US-CO', 500, 'applicable'],
    ['us-co-regulator', 'US-CO', 499, 'not_applicable'],
    // Washington AG: "> 500".
    ['us-wa-regulator', 'US-WA', 500, 'not_applicable'],
    ['us-wa-regulator', 'US-WA', 501, 'applicable'],
  ] as const)('%s with %s = %i is %s', (ruleId, code, count, expected) => {
    const result = assess(ruleId, { ...base, affectedByJurisdiction: { [code]: count } });
    expect(result.status).toBe(expected);
    if (result.status === 'not_applicable') {
      expect(result.reason).toContain(`${count} affected`);
      expect(result.reason).toContain('does not meet the threshold');
    }
  });

  it('handles the "fewer than" rows (HIPAA annual log)', () => {
    const hipaa: CaseFacts = {
      ...base,
      dataCategories: ['phi'],
      flags: { hipaaCoveredEntity: true },
    };
    // "< 500 individuals": 499 qualifies for the annual log, 500 does not (it goes to HHS now).
    expect(assess('us-hipaa-hhs-under500', { ...hipaa, totalAffected: 499 }).status).toBe(
      'applicable',
    );
    expect(assess('us-hipaa-hhs-under500', { ...hipaa, totalAffected: 500 }).status).toBe(
      'not_applicable',
    );
    expect(assess('us-hipaa-hhs-500plus', { ...hipaa, totalAffected: 500 }).status).toBe(
      'applicable',
    );
  });

  it('treats an absent jurisdiction as zero only when the counts are declared complete', () => {
    const partial = assess('us-tx-individuals', {
      ...base,
      affectedByJurisdiction: { 'US-CA': 9 },
    });
    expect(questionsOf(partial)).toEqual(['affectedByJurisdiction.US-TX']);
    const complete = assess('us-tx-individuals', {
      ...base,
      affectedByJurisdiction: { 'US-CA': 9 },
      affectedCountsComplete: true,
    });
    expect(complete.status).toBe('not_applicable');
  });

  it('uses the largest single state for HIPAA media notice (> 500 residents of a state)', () => {
    const facts: CaseFacts = {
      ...base,
      dataCategories: ['phi'],
      flags: { hipaaCoveredEntity: true },
      affectedByJurisdiction: { 'US-NY': 400, 'US-NJ': 400 },
      affectedCountsComplete: true,
    };
    // 800 in total, but no single state has more than 500.
    expect(assess('us-hipaa-media', facts).status).toBe('not_applicable');
    const big = {
      ...facts,
      affectedByJurisdiction: { 'US-NY': 501 },
      affectedCountsComplete: false,
    };
    // One known state over 500 settles it even if the list is incomplete.
    expect(assess('us-hipaa-media', big).status).toBe('applicable');
  });

  it('lets other conditions stand in for the head count ("or other conditions" rows)', () => {
    // Singapore PDPC: significant harm OR 500+ people.
    const sg = { ...base, dataCategories: ['personal_data_any'] } satisfies CaseFacts;
    expect(assess('sg-pdpa-pdpc', { ...sg, affectedByJurisdiction: { SG: 500 } }).status).toBe(
      'applicable',
    );
    const few = { ...sg, affectedByJurisdiction: { SG: 10 } };
    expect(questionsOf(assess('sg-pdpa-pdpc', few))).toEqual(['ruleAnswers.sg-pdpa-pdpc']);
    expect(assess('sg-pdpa-pdpc', { ...few, ruleAnswers: { 'sg-pdpa-pdpc': false } }).status).toBe(
      'not_applicable',
    );
    expect(assess('sg-pdpa-pdpc', { ...few, ruleAnswers: { 'sg-pdpa-pdpc': true } }).status).toBe(
      'applicable',
    );
    // The other conditions still need someone in Singapore: unknown count → ask it (once);
    // nobody there → not applicable whatever the answer.
    const yes = { ...sg, ruleAnswers: { 'sg-pdpa-pdpc': true } };
    expect(questionsOf(assess('sg-pdpa-pdpc', yes))).toEqual(['affectedByJurisdiction.SG']);
    const none = assess('sg-pdpa-pdpc', { ...yes, affectedByJurisdiction: { SG: 0 } });
    expect(none.status === 'not_applicable' && none.reason).toBe(
      'nobody affected in Singapore (SG)',
    );
  });
});

describe('encryption safe harbour', () => {
  const tx: CaseFacts = { ...base, affectedByJurisdiction: { 'US-TX': 1200 } };

  it('takes encrypted data with a safe key out of scope', () => {
    const result = assess('us-tx-individuals', {
      ...tx,
      dataEncrypted: true,
      encryptionKeyCompromised: false,
    });
    expect(result.status).toBe('not_applicable');
    expect(result.status === 'not_applicable' && result.reason).toMatch(/encryption safe harbour/);
  });

  it('is voided when the key was compromised too', () => {
    const result = assess('us-tx-individuals', {
      ...tx,
      dataEncrypted: true,
      encryptionKeyCompromised: true,
    });
    expect(result.status).toBe('applicable');
    expect(result.reasons.join(' ')).toContain('void because the key was compromised');
  });

  it('asks about the key when only encryption is known', () => {
    const result = assess('us-tx-individuals', { ...tx, dataEncrypted: true });
    expect(result.status).toBe('needs_answer');
    expect(result.status === 'needs_answer' && result.questions).toEqual([
      {
        fact: 'encryptionKeyCompromised',
        question:
          'Was the encryption key, or a credential that decrypts the data, also compromised (or likely to be)?',
      },
    ]);
  });

  it('is ignored by rules without an encryption safe harbour', () => {
    // GDPR Art. 33: encryption only lowers the risk, it is no exemption (safe_harbor null).
    const result = assess('eu-gdpr-art33', {
      ...base,
      dataEncrypted: true,
      encryptionKeyCompromised: false,
      flags: { euEstablishmentOrDataSubjects: true },
    });
    expect(result.status).toBe('applicable');
  });
});

describe('missing facts', () => {
  it('asks the exact questions instead of guessing', () => {
    const result = assess('us-tx-individuals', {});
    expect(result.status).toBe('needs_answer');
    expect(result.status === 'needs_answer' && result.questions).toEqual([
      {
        fact: 'dataRole',
        question:
          'Does the organisation own or license the affected data, maintain it on behalf of another organisation, or both?',
      },
      {
        fact: 'affectedByJurisdiction.US-TX',
        question: 'How many people resident in Texas, US (US-TX) were affected?',
      },
      {
        fact: 'dataCategories',
        question:
          'Which categories of data were affected? List every one (e.g. ssn, drivers_license_state_id, financial_account_with_code, medical_info, online_credentials).',
      },
      { fact: 'dataEncrypted', question: 'Was all of the affected data encrypted?' },
    ]);
  });

  it('asks for sector facts by name', () => {
    const result = assess('us-sec-8k-105', { flags: { secRegistrant: true } });
    expect(result.status === 'needs_answer' && result.questions).toEqual([
      {
        fact: 'flags.materialCybersecurityIncident',
        question: 'Has the registrant determined that the cybersecurity incident is material?',
      },
    ]);
    expect(assess('us-sec-8k-105', { flags: { secRegistrant: false } }).status).toBe(
      'not_applicable',
    );
  });

  it('asks for specific elements when only "some personal data" is known', () => {
    const result = assess('us-tx-individuals', {
      ...base,
      dataCategories: ['personal_data_any'],
      affectedByJurisdiction: { 'US-TX': 10 },
    });
    expect(questionsOf(result)).toEqual(['dataCategories']);
  });

  it('never calls a rule applicable on empty facts', () => {
    const results = assessApplicability({});
    expect(results).toHaveLength(209);
    expect(results.filter((r) => r.status === 'applicable')).toEqual([]);
  });

  it('collects each open question once, with the rules waiting on it', () => {
    const results = assessApplicability({}, [getRule('us-tx-individuals'), getRule('us-tx-cra')]);
    const dataRole = openQuestions(results).find((q) => q.fact === 'dataRole');
    expect(dataRole?.ruleIds).toEqual(['us-tx-individuals', 'us-tx-cra']);
  });
});

describe('status', () => {
  it('never applies a proposed rule, and says so', () => {
    const result = assess('us-circia-incident', {
      ...base,
      flags: { criticalInfrastructureCoveredEntity: true, circiaCoveredIncident: true },
    });
    expect(result.status).toBe('not_applicable');
    expect(result.status === 'not_applicable' && result.reason).toMatch(
      /proposed rule, not in force .*a proposed rule never applies/,
    );
  });

  it('does not apply a rule that is enacted but not yet in force', () => {
    const result = assess('in-dpdp-board-72h', { ...base, affectedByJurisdiction: { IN: 5 } });
    expect(result.status === 'not_applicable' && result.reason).toMatch(/not yet in force/);
  });
});

describe('risk of harm, role and data types', () => {
  const eu: CaseFacts = { ...base, flags: { euEstablishmentOrDataSubjects: true } };

  it('separates GDPR Art. 33 (unless unlikely) from Art. 34 (only high risk)', () => {
    expect(assess('eu-gdpr-art33', { ...eu, riskOfHarm: 'unlikely' }).status).toBe(
      'not_applicable',
    );
    expect(assess('eu-gdpr-art33', { ...eu, riskOfHarm: 'likely' }).status).toBe('applicable');
    expect(assess('eu-gdpr-art34', { ...eu, riskOfHarm: 'likely' }).status).toBe('not_applicable');
    expect(assess('eu-gdpr-art34', { ...eu, riskOfHarm: 'high' }).status).toBe('applicable');
  });

  it('owes the Alaska AG notice only when individuals are not notified on a no-harm finding', () => {
    const ak = { ...base, affectedByJurisdiction: { 'US-AK': 3 } };
    expect(assess('us-ak-regulator', { ...ak, riskOfHarm: 'unlikely' }).status).toBe('applicable');
    expect(assess('us-ak-regulator', { ...ak, riskOfHarm: 'likely' }).status).toBe(
      'not_applicable',
    );
  });

  it('puts maintainer duties on maintainers only', () => {
    const fl = { ...base, affectedByJurisdiction: { 'US-FL': 20 } };
    expect(assess('us-fl-maintainer', { ...fl, dataRole: 'owner' }).status).toBe('not_applicable');
    expect(assess('us-fl-maintainer', { ...fl, dataRole: 'maintainer' }).status).toBe('applicable');
    expect(assess('us-fl-individuals', { ...fl, dataRole: 'maintainer' }).status).toBe(
      'not_applicable',
    );
  });

  it('matches data-type triggers, treating PHI as unsecured PHI for the HIPAA rows', () => {
    const hipaa = { ...base, flags: { hipaaCoveredEntity: true }, totalAffected: 12 };
    expect(assess('us-hipaa-individuals', { ...hipaa, dataCategories: ['phi'] }).status).toBe(
      'applicable',
    );
    const other = assess('us-hipaa-individuals', { ...hipaa, dataCategories: ['ssn'] });
    expect(other.status === 'not_applicable' && other.reason).toMatch(
      /none of the affected data categories \(ssn\) triggers it/,
    );
  });
});

describe('parseCaseFacts', () => {
  it('accepts the documented shape', () => {
    expect(parseCaseFacts({ ...base, flags: { secRegistrant: true } }).flags).toEqual({
      secRegistrant: true,
    });
  });

  it('names the field it refuses', () => {
    expect(() => parseCaseFacts({ dataCategories: ['shoe_size'] })).toThrow(
      /case facts: dataCategories\.0/,
    );
    expect(() => parseCaseFacts({ flags: { isBank: true } })).toThrow(/case facts: flags/);
    expect(() => parseCaseFacts({ totalAffected: -1 })).toThrow(/case facts: totalAffected/);
  });
});
