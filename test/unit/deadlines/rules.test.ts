import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../../../src/shared/errors';
import { isValidTimeZone } from '../../../src/shared/time';
import rawRuleSet from '../../../src/deadlines/rules.json';
import { RULES, getRule, parseRuleSet, rulesForJurisdiction } from '../../../src/deadlines/rules';

// The research reference, read independently of the code under test (a plain JSON.parse of an
// unchanged copy; see test/fixtures/deadlines/SOURCES.md).
interface ReferenceRule {
  id: string;
  jurisdiction: string;
  jurisdiction_code: string;
  category: string;
  regime: string;
  notify: Array<{ type: string; name: string }>;
  deadline: { amount: number | null; unit: string; qualifier: string };
  clock_starts: { anchor: string; detail: string };
  thresholds: {
    min_affected: number | null;
    comparator: string | null;
    population: string;
    detail: string;
    logic: string;
  };
  triggers: {
    data_types: string[];
    breach_trigger: string;
    risk_of_harm_exception: boolean | null;
    media: string | null;
    detail: string | null;
  };
  safe_harbor: {
    encryption: boolean | null;
    key_compromise_voids: boolean | null;
    other: string | null;
  };
  citation: string;
  source: Array<{ key: string; title: string; url: string | null; as_of: string; kind: string }>;
  as_of: string;
  confidence: string;
  status: string;
  recent_change: string | null;
  notes: string;
  verification: string;
}
const reference = JSON.parse(
  readFileSync(
    new URL('../../fixtures/deadlines/notification_rules.json', import.meta.url),
    'utf8',
  ),
) as ReferenceRule[];

describe('the rule set', () => {
  it('loads and validates every rule of the reference, in order', () => {
    expect(reference).toHaveLength(209);
    expect(RULES.map((r) => r.id)).toEqual(reference.map((r) => r.id));
    // Re-validating the raw file through the public parser also succeeds.
    expect(parseRuleSet(rawRuleSet).rules).toHaveLength(209);
  });

  it.each(reference.map((ref) => [ref.id, ref] as const))(
    '%s keeps every research field of the reference',
    (id, ref) => {
      const rule = getRule(id);
      expect(rule.jurisdiction.name).toBe(ref.jurisdiction);
      expect(rule.jurisdiction.code).toBe(ref.jurisdiction_code);
      expect(rule.category).toBe(ref.category);
      expect(rule.regime).toBe(ref.regime);
      expect(rule.notify).toEqual(ref.notify);
      expect(rule.deadline).toEqual({
        kind: ref.deadline.unit,
        amount: ref.deadline.amount,
        qualifier: ref.deadline.qualifier,
      });
      expect(rule.clockStart).toEqual(ref.clock_starts);
      expect(rule.threshold).toEqual({
        minAffected: ref.thresholds.min_affected,
        comparator: ref.thresholds.comparator,
        population: ref.thresholds.population,
        detail: ref.thresholds.detail,
        logic: ref.thresholds.logic,
      });
      expect(rule.triggers).toEqual({
        dataTypes: ref.triggers.data_types,
        breachTrigger: ref.triggers.breach_trigger,
        riskOfHarmException: ref.triggers.risk_of_harm_exception,
        media: ref.triggers.media,
        detail: ref.triggers.detail,
      });
      expect(rule.safeHarbor).toEqual({
        encryption: ref.safe_harbor.encryption,
        keyCompromiseVoids: ref.safe_harbor.key_compromise_voids,
        other: ref.safe_harbor.other,
      });
      expect(rule.citation).toBe(ref.citation);
      expect(rule.sources).toEqual(
        ref.source.map((s) => ({
          key: s.key,
          title: s.title,
          url: s.url,
          asOf: s.as_of,
          kind: s.kind,
        })),
      );
      expect(rule.asOf).toBe(ref.as_of);
      expect(rule.confidence).toBe(ref.confidence);
      expect(rule.status).toBe(ref.status);
      expect(rule.recentChange).toBe(ref.recent_change);
      expect(rule.verification).toBe(ref.verification);
      expect(rule.notes).toBe(ref.notes);
      expect(isValidTimeZone(rule.jurisdiction.timeZone)).toBe(true);
    },
  );

  it('gives each jurisdiction the zone of its capital (or the documented convention)', () => {
    const zoneOf = (code: string): string[] => [
      ...new Set(rulesForJurisdiction(code).map((r) => r.jurisdiction.timeZone)),
    ];
    expect(zoneOf('US-TX')).toEqual(['America/Chicago']); // Austin
    expect(zoneOf('US-AZ')).toEqual(['America/Phoenix']); // Phoenix, no DST
    expect(zoneOf('US-CA')).toEqual(['America/Los_Angeles']); // Sacramento
    expect(zoneOf('US-FL')).toEqual(['America/New_York']); // Tallahassee is Eastern
    expect(zoneOf('US-SD')).toEqual(['America/Chicago']); // Pierre is Central
    expect(zoneOf('US-FED')).toEqual(['America/New_York']); // Washington, DC
    expect(zoneOf('EU')).toEqual(['Europe/Brussels']);
    expect(zoneOf('UK')).toEqual(['Europe/London']);
    expect(zoneOf('BR')).toEqual(['America/Sao_Paulo']); // Brasília
  });

  it('computes holidays only for US federal and Brazilian rules', () => {
    for (const rule of RULES) {
      const expected =
        rule.jurisdiction.code === 'US-FED'
          ? 'us_federal'
          : rule.jurisdiction.code === 'BR'
            ? 'br_national'
            : null;
      expect(rule.jurisdiction.holidayCalendar, rule.id).toBe(expected);
    }
  });

  it('keeps dependent anchors, and every open-ended dependent rule is tied to the other notice', () => {
    const dependent = RULES.filter((r) =>
      [
        'notice_to_individuals_sent',
        'notice_to_regulator_sent',
        'before_notice_to_individuals',
      ].includes(r.clockStart.anchor),
    );
    // 11 + 4 + 2 rows per notification_rules.md §3 and the JSON.
    expect(dependent).toHaveLength(17);
    // The calculator's internal target for these is the other notice's instant; that is only
    // right while every such qualifier says "not later than / with / before" the other notice.
    for (const rule of dependent.filter((r) => r.deadline.kind === 'none')) {
      expect(rule.deadline.qualifier, rule.id).toMatch(
        /not later than|no later than|concurrently|simultaneously|prior|in advance/i,
      );
    }
  });

  it('asks a rule-specific question whenever a head count cannot be checked directly', () => {
    for (const rule of RULES) {
      const { logic } = rule.threshold;
      if (logic === 'complex_see_detail' || logic === 'or_other_conditions') {
        expect(rule.applicability.extraCondition, rule.id).not.toBeNull();
      }
      if (rule.applicability.scope === 'none' && rule.threshold.minAffected !== null) {
        expect(rule.applicability.extraCondition, rule.id).not.toBeNull();
      }
    }
  });

  it('refuses a malformed rule and names the rule and field', () => {
    const copy = structuredClone(rawRuleSet) as { rules: Array<{ deadline: { kind: string } }> };
    copy.rules[0]!.deadline.kind = 'weeks';
    expect(() => parseRuleSet(copy, 'rules.json')).toThrow(CairnError);
    expect(() => parseRuleSet(copy, 'rules.json')).toThrow(
      /rules\.json: rules\.0\.deadline\.kind \(us-al-individuals\)/,
    );
  });

  it('refuses an amount on a rule without a fixed limit', () => {
    const copy = structuredClone(rawRuleSet) as {
      rules: Array<{ id: string; deadline: { amount: number | null } }>;
    };
    const index = copy.rules.findIndex((r) => r.id === 'us-ak-individuals');
    copy.rules[index]!.deadline.amount = 30;
    expect(() => parseRuleSet(copy)).toThrow(/us-ak-individuals.*amount must be null/);
  });

  it('reports an unknown rule id as NOT_FOUND', () => {
    expect(() => getRule('us-xx-individuals')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as Error,
    );
  });
});
