import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  trackedInstant,
  type CalculatorOptions,
  type DeadlineResult,
} from '../../../src/deadlines/calculator';
import { getRule } from '../../../src/deadlines/rules';

const at = (iso: string): number => Date.parse(iso);
const NY = 'America/New_York';

function fixed(result: DeadlineResult): Extract<DeadlineResult, { due: unknown }> {
  if (!('due' in result)) throw new Error(`expected a due instant, got ${result.kind}`);
  return result;
}

interface Row {
  name: string;
  ruleId: string;
  start: string;
  options?: Partial<CalculatorOptions>;
  kind: DeadlineResult['kind'];
  dueIso: string;
  /** The due instant as shown in the jurisdiction's zone (checks the offset, too). */
  dueLocal?: string;
}

// Every expected value below is worked out by hand in the comment next to it.
const rows: Row[] = [
  // ---- hours: exact elapsed time -----------------------------------------------------------
  {
    // 23:30 Fri 27 Mar + 72 h = 23:30 Mon 30 Mar (UTC). Brussels springs forward on Sun 29 Mar
    // (UTC+1 → UTC+2), so the wall clock reads 01:30 on the 31st: 73 wall-clock hours, 72 real.
    name: 'GDPR 72 hours across the EU DST change (Brussels default)',
    ruleId: 'eu-gdpr-art33',
    start: '2026-03-27T23:30:00Z',
    kind: 'hours',
    dueIso: '2026-03-30T23:30:00.000Z',
    dueLocal: '2026-03-31 01:30:00 +02:00',
  },
  {
    // Same instant with the lead authority in Germany: Berlin has the same rules (CET/CEST).
    name: 'GDPR 72 hours across DST in Europe/Berlin',
    ruleId: 'eu-gdpr-art33',
    start: '2026-03-27T23:30:00Z',
    options: { jurisdictionZone: 'Europe/Berlin' },
    kind: 'hours',
    dueIso: '2026-03-30T23:30:00.000Z',
    dueLocal: '2026-03-31 01:30:00 +02:00',
  },
  {
    // 17:00 UTC Sat 7 Mar = 12:00 EST. +72 h = 17:00 UTC Tue 10 Mar. New York springs forward
    // on Sun 8 Mar, so that is 13:00 EDT (UTC-4): DST does not shift the elapsed 72 hours.
    name: 'NYDFS 72 hours across the US DST change in America/New_York',
    ruleId: 'us-ny-dfs-500-17-incident',
    start: '2026-03-07T17:00:00Z',
    kind: 'hours',
    dueIso: '2026-03-10T17:00:00.000Z',
    dueLocal: '2026-03-10 13:00:00 -04:00',
  },
  {
    // No DST nearby: 09:15 UTC Tue 9 Jun + 72 h = 09:15 UTC Fri 12 Jun = 05:15 EDT.
    name: 'NYDFS 72 hours in summer',
    ruleId: 'us-ny-dfs-500-17-incident',
    start: '2026-06-09T09:15:00Z',
    kind: 'hours',
    dueIso: '2026-06-12T09:15:00.000Z',
    dueLocal: '2026-06-12 05:15:00 -04:00',
  },
  {
    // 12:00 UTC Mon 28 Feb 2028 + 72 h: Feb 29 (leap day), Mar 1, Mar 2 → 12:00 UTC Thu 2 Mar.
    name: 'hours across a leap day',
    ruleId: 'eu-gdpr-art33',
    start: '2028-02-28T12:00:00Z',
    kind: 'hours',
    dueIso: '2028-03-02T12:00:00.000Z',
  },
  // ---- calendar days: end of day N in the jurisdiction's zone -------------------------------
  {
    // 05:00 UTC Jan 10 is 21:00 PST Jan 9 in Sacramento, so the start day is Jan 9. Day 1 =
    // Jan 10; Jan 10..31 is 22 days; Feb 1..8 is 8 more → day 30 = Feb 8. End of Feb 8 PST
    // (UTC-8) = 07:59:59.999 UTC Feb 9.
    name: 'California 30 days, start day taken in the state zone',
    ruleId: 'us-ca-individuals',
    start: '2026-01-10T05:00:00Z',
    kind: 'calendar_days',
    dueIso: '2026-02-09T07:59:59.999Z',
    dueLocal: '2026-02-08 23:59:59 -08:00',
  },
  {
    // 17:00 UTC Mar 1 = 10:00 MST in Phoenix (no DST, always UTC-7). Day 1 = Mar 2; Mar 2..31
    // is 30 days; Apr 1..15 is 15 more → day 45 = Apr 15. End = 06:59:59.999 UTC Apr 16.
    name: 'Arizona 45 days (no DST in Phoenix)',
    ruleId: 'us-az-individuals',
    start: '2026-03-01T17:00:00Z',
    kind: 'calendar_days',
    dueIso: '2026-04-16T06:59:59.999Z',
    dueLocal: '2026-04-15 23:59:59 -07:00',
  },
  {
    // 14:00 UTC Jun 15 = 10:00 EDT. Day 1 = Jun 16; Jun 16..30 = 15; Jul = 31 → 46 at Jul 31;
    // Aug 1..14 = 14 → day 60 = Aug 14. End of Aug 14 EDT (UTC-4) = 03:59:59.999 UTC Aug 15.
    name: 'HIPAA 60 days',
    ruleId: 'us-hipaa-individuals',
    start: '2026-06-15T14:00:00Z',
    kind: 'calendar_days',
    dueIso: '2026-08-15T03:59:59.999Z',
    dueLocal: '2026-08-14 23:59:59 -04:00',
  },
  {
    // 15:00 UTC Feb 20 = 10:00 EST. Day 1 = Feb 21; Feb 21..28 = 8 (2026 is not a leap year);
    // Mar 1..22 = 22 → day 30 = Mar 22, after the Mar 8 switch to EDT: end of Mar 22 EDT
    // (UTC-4) = 03:59:59.999 UTC Mar 23 (not 04:59, which EST would give).
    name: 'New York 30 days across the US DST change',
    ruleId: 'us-ny-individuals',
    start: '2026-02-20T15:00:00Z',
    kind: 'calendar_days',
    dueIso: '2026-03-23T03:59:59.999Z',
    dueLocal: '2026-03-22 23:59:59 -04:00',
  },
  {
    // NIS2 final report, 30 days after the notification sent at 09:00 UTC Mar 10 (10:00 CET).
    // Day 1 = Mar 11; Mar 11..31 = 21; Apr 1..9 = 9 → day 30 = Apr 9, in CEST (UTC+2) since
    // Mar 29: end = 21:59:59.999 UTC Apr 9.
    name: 'NIS2 final report 30 days across DST in Europe/Berlin (dependent anchor supplied)',
    ruleId: 'eu-nis2-final',
    start: '2026-03-10T09:00:00Z',
    options: { jurisdictionZone: 'Europe/Berlin' },
    kind: 'calendar_days',
    dueIso: '2026-04-09T21:59:59.999Z',
    dueLocal: '2026-04-09 23:59:59 +02:00',
  },
  {
    // Texas AG, 30 days from 18:00 UTC Feb 15 2028 (12:00 CST). Day 1 = Feb 16; Feb 16..29 =
    // 14 days (2028 is a leap year); Mar 1..16 = 16 → day 30 = Mar 16. DST starts Sun Mar 12
    // 2028, so CDT (UTC-5): end = 04:59:59.999 UTC Mar 17.
    name: 'Texas 30 days spanning Feb 29 of a leap year',
    ruleId: 'us-tx-regulator',
    start: '2028-02-15T18:00:00Z',
    kind: 'calendar_days',
    dueIso: '2028-03-17T04:59:59.999Z',
    dueLocal: '2028-03-16 23:59:59 -05:00',
  },
  {
    // The same in 2027 (no Feb 29): Feb 16..28 = 13; Mar 1..17 = 17 → day 30 = Mar 17, one
    // day later. DST starts Sun Mar 14 2027 → CDT: end = 04:59:59.999 UTC Mar 18.
    name: 'Texas 30 days in a common year',
    ruleId: 'us-tx-regulator',
    start: '2027-02-15T18:00:00Z',
    kind: 'calendar_days',
    dueIso: '2027-03-18T04:59:59.999Z',
  },
  {
    // Starting on the leap day itself: 20:00 UTC Feb 29 2028 = 12:00 PST. Day 1 = Mar 1 → day
    // 30 = Mar 30, in PDT (UTC-7; DST from Mar 12): end = 06:59:59.999 UTC Mar 31.
    name: 'California 30 days starting on Feb 29',
    ruleId: 'us-ca-individuals',
    start: '2028-02-29T20:00:00Z',
    kind: 'calendar_days',
    dueIso: '2028-03-31T06:59:59.999Z',
  },
  {
    // HIPAA annual log (< 500): 60 days after the end of the year of discovery (2027). Start
    // day Dec 31 2027; Jan 1..31 = 31; Feb 1..29 2028 = 29 → day 60 = Feb 29 2028. End of
    // Feb 29 EST (UTC-5) = 04:59:59.999 UTC Mar 1.
    name: 'HIPAA under-500 log due on Feb 29 of a leap year',
    ruleId: 'us-hipaa-hhs-under500',
    start: '2027-06-01T15:00:00Z',
    kind: 'calendar_days',
    dueIso: '2028-03-01T04:59:59.999Z',
    dueLocal: '2028-02-29 23:59:59 -05:00',
  },
  {
    // The same for a 2026 discovery: Jan 2027 = 31, Feb 2027 = 28 → 59 at Feb 28 → day 60 =
    // Mar 1 2027. End of Mar 1 EST = 04:59:59.999 UTC Mar 2.
    name: 'HIPAA under-500 log in a common year',
    ruleId: 'us-hipaa-hhs-under500',
    start: '2026-09-10T15:00:00Z',
    kind: 'calendar_days',
    dueIso: '2027-03-02T04:59:59.999Z',
  },
  // ---- business days -------------------------------------------------------------------------
  {
    // Materiality determined Wed Nov 25 2026, 15:00 EST. Thu Nov 26 is Thanksgiving (skipped),
    // Fri 27 = 1, Sat/Sun skipped, Mon 30 = 2, Tue Dec 1 = 3, Wed Dec 2 = 4. End of Dec 2 EST
    // (UTC-5) = 04:59:59.999 UTC Dec 3.
    name: 'SEC 8-K 4 business days over Thanksgiving',
    ruleId: 'us-sec-8k-105',
    start: '2026-11-25T20:00:00Z',
    kind: 'business_days',
    dueIso: '2026-12-03T04:59:59.999Z',
    dueLocal: '2026-12-02 23:59:59 -05:00',
  },
  {
    // Tue Dec 22 2026: Wed 23 = 1, Thu 24 = 2, Fri 25 Christmas skipped, Sat/Sun skipped,
    // Mon 28 = 3, Tue 29 = 4. End of Dec 29 EST = 04:59:59.999 UTC Dec 30.
    name: 'SEC 8-K over Christmas and a weekend',
    ruleId: 'us-sec-8k-105',
    start: '2026-12-22T15:00:00Z',
    kind: 'business_days',
    dueIso: '2026-12-30T04:59:59.999Z',
  },
  {
    // Wed Dec 29 2021: Thu 30 = 1, Fri 31 is New Year's Day 2022 observed (Jan 1 is a
    // Saturday) → skipped, Sat/Sun skipped, Mon Jan 3 = 2, Tue 4 = 3, Wed 5 = 4. End of Jan 5
    // EST = 04:59:59.999 UTC Jan 6.
    name: 'SEC 8-K with a holiday observed on the Friday before',
    ruleId: 'us-sec-8k-105',
    start: '2021-12-29T15:00:00Z',
    kind: 'business_days',
    dueIso: '2022-01-06T04:59:59.999Z',
  },
  {
    // Thu Jun 16 2022: Fri 17 = 1, Sat/Sun skipped, Mon Jun 20 is Juneteenth observed (Jun 19
    // is a Sunday) → skipped, Tue 21 = 2, Wed 22 = 3, Thu 23 = 4. End of Jun 23 EDT (UTC-4) =
    // 03:59:59.999 UTC Jun 24.
    name: 'SEC 8-K with a holiday observed on the Monday after',
    ruleId: 'us-sec-8k-105',
    start: '2022-06-16T15:00:00Z',
    kind: 'business_days',
    dueIso: '2022-06-24T03:59:59.999Z',
  },
  {
    // Determined on Sat Mar 7 2026 (10:00 EST): Sun skipped, Mon Mar 9 = 1 (EDT since Mar 8),
    // Tue 10 = 2, Wed 11 = 3, Thu 12 = 4. End of Mar 12 EDT = 03:59:59.999 UTC Mar 13.
    name: 'SEC 8-K determined on a weekend, across DST',
    ruleId: 'us-sec-8k-105',
    start: '2026-03-07T15:00:00Z',
    kind: 'business_days',
    dueIso: '2026-03-13T03:59:59.999Z',
  },
  {
    // ANPD: known Wed Apr 1 2026 (12:00 in Brasília, UTC-3). Thu Apr 2 = 1, Fri Apr 3 is Good
    // Friday (Easter Apr 5) → skipped, Sat/Sun skipped, Mon 6 = 2, Tue 7 = 3. End of Apr 7
    // (UTC-3, no DST since 2019) = 02:59:59.999 UTC Apr 8.
    name: 'Brazil ANPD 3 business days over Good Friday',
    ruleId: 'br-lgpd-anpd',
    start: '2026-04-01T15:00:00Z',
    kind: 'business_days',
    dueIso: '2026-04-08T02:59:59.999Z',
    dueLocal: '2026-04-07 23:59:59 -03:00',
  },
  {
    // Iowa AG: 5 business days after consumer notice sent Fri Feb 13 2026 (12:00 CST). Sat/Sun
    // skipped; Mon Feb 16 (federal Washington's Birthday, but Iowa holidays are not modelled)
    // = 1, Tue 17 = 2, Wed 18 = 3, Thu 19 = 4, Fri 20 = 5. End of Feb 20 CST (UTC-6) =
    // 05:59:59.999 UTC Feb 21.
    name: 'Iowa AG 5 business days, weekends only (state holidays not modelled)',
    ruleId: 'us-ia-regulator',
    start: '2026-02-13T18:00:00Z',
    kind: 'business_days',
    dueIso: '2026-02-21T05:59:59.999Z',
  },
  {
    // CA AG sample notice, 15 days after consumer notices sent at 16:00 UTC Apr 10 (09:00
    // PDT). Day 1 = Apr 11 → day 15 = Apr 25. End of Apr 25 PDT (UTC-7) = 06:59:59.999 UTC Apr 26.
    name: 'California AG 15 days once notice to individuals is recorded',
    ruleId: 'us-ca-regulator',
    start: '2026-04-10T16:00:00Z',
    kind: 'calendar_days',
    dueIso: '2026-04-26T06:59:59.999Z',
  },
];

describe('computeDeadline: due instants', () => {
  it.each(rows)('$name', (row) => {
    const rule = getRule(row.ruleId);
    const result = fixed(
      computeDeadline(rule, { atMs: at(row.start) }, { caseZone: 'UTC', ...row.options }),
    );
    expect(result.kind).toBe(row.kind);
    expect(result.due.iso).toBe(row.dueIso);
    expect(result.due.ms).toBe(at(row.dueIso));
    if (row.dueLocal) expect(result.due.inJurisdictionZone).toBe(row.dueLocal);
    expect(result.explanation).toContain(`per ${rule.citation}`);
    expect(result.explanation).toMatch(/confirm with counsel\.$/);
  });
});

describe('computeDeadline: explanations and zones', () => {
  it('explains an hours rule the way counsel reads it', () => {
    const result = computeDeadline(
      getRule('eu-gdpr-art33'),
      { atMs: at('2026-03-27T23:30:00Z') },
      { caseZone: NY },
    );
    expect(result.explanation).toContain(
      '72 hours from awareness at 2026-03-27 23:30 UTC, per GDPR Art. 33(1)',
    );
    // The case runs in New York: 23:30 UTC on Mar 30 is 19:30 EDT.
    expect(fixed(result).due.inCaseZone).toBe('2026-03-30 19:30:00 -04:00');
  });

  it('states the calendar-day convention in the explanation', () => {
    const result = computeDeadline(
      getRule('us-ny-individuals'),
      { atMs: at('2026-02-20T15:00:00Z'), basis: 'discovery by the SOC' },
      { caseZone: NY },
    );
    expect(result.explanation).toContain('30 calendar days from discovery by the SOC');
    expect(result.explanation).toContain('Day 1 is the day after the start day (2026-02-20');
    expect(result.explanation).toContain('end of day 30');
  });

  it('names skipped holidays, and says when a jurisdiction’s holidays are not modelled', () => {
    const sec = computeDeadline(
      getRule('us-sec-8k-105'),
      { atMs: at('2026-11-25T20:00:00Z') },
      { caseZone: NY },
    );
    expect(sec.explanation).toContain('2026-11-26 Thanksgiving Day');
    const iowa = computeDeadline(
      getRule('us-ia-regulator'),
      { atMs: at('2026-02-13T18:00:00Z') },
      { caseZone: NY },
    );
    expect(iowa.explanation).toContain(
      'holidays of Iowa, US are not modelled: confirm with counsel',
    );
    expect(iowa.caveats.join(' ')).toContain('not modelled');
  });

  it('warns that a proposed rule is not in force', () => {
    const result = computeDeadline(
      getRule('us-circia-incident'),
      { atMs: at('2026-04-01T15:00:00Z') },
      { caseZone: NY },
    );
    expect(result.explanation).toContain('only proposed and is not in force');
  });
});

describe('computeDeadline: no fixed limit', () => {
  it('invents no deadline and labels the internal target', () => {
    // Georgia: "most expedient time possible". Target = 12:00 UTC May 1 + 48 h = 12:00 UTC May 3.
    const result = computeDeadline(
      getRule('us-ga-individuals'),
      { atMs: at('2026-05-01T12:00:00Z') },
      { caseZone: NY, internalTargetHours: 48 },
    );
    expect(result.kind).toBe('no_fixed_limit');
    if (result.kind !== 'no_fixed_limit') return;
    expect('due' in result).toBe(false);
    expect(result.qualifier).toBe(getRule('us-ga-individuals').deadline.qualifier);
    expect(result.internalTarget.iso).toBe('2026-05-03T12:00:00.000Z');
    expect(result.internalTarget.label).toBe('Internal target — not a legal deadline');
    expect(result.explanation).toContain('No fixed deadline');
    expect(result.explanation).toContain('not a legal deadline');
    expect(trackedInstant(result)).toEqual({
      ms: at('2026-05-03T12:00:00Z'),
      isLegalDeadline: false,
    });
  });

  it('defaults the internal target to 72 hours', () => {
    // 12:00 UTC May 1 + 72 h = 12:00 UTC May 4.
    const result = computeDeadline(
      getRule('us-ga-individuals'),
      { atMs: at('2026-05-01T12:00:00Z') },
      { caseZone: NY },
    );
    expect(result.kind === 'no_fixed_limit' && result.internalTarget.iso).toBe(
      '2026-05-04T12:00:00.000Z',
    );
  });
});

describe('computeDeadline: dependent anchors', () => {
  it('waits for the notice it depends on', () => {
    const result = computeDeadline(getRule('us-ca-regulator'), null, { caseZone: NY });
    expect(result.kind).toBe('dependent');
    expect(result.kind === 'dependent' && result.waitingFor).toBe('notice_to_individuals_sent');
    expect(result.explanation).toContain('runs from notice to individuals being sent');
    expect(trackedInstant(result)).toBeNull();
  });

  it('ties a "not later than the consumer notice" rule to that instant', () => {
    // Connecticut AG: "not later than the time notice is provided to residents".
    const sent = at('2026-04-10T16:00:00Z');
    const result = computeDeadline(getRule('us-ct-regulator'), { atMs: sent }, { caseZone: NY });
    expect(result.kind === 'no_fixed_limit' && result.internalTarget.ms).toBe(sent);
  });

  it('puts a notice that must come first before the planned consumer notice', () => {
    const planned = at('2026-04-10T16:00:00Z');
    const result = computeDeadline(getRule('us-nj-regulator'), { atMs: planned }, { caseZone: NY });
    expect(result.kind).toBe('must_precede');
    expect(fixed(result).due.ms).toBe(planned);
    const waiting = computeDeadline(getRule('us-md-regulator'), null, { caseZone: NY });
    expect(waiting.kind === 'dependent' && waiting.waitingFor).toBe('before_notice_to_individuals');
  });

  it('reports a clock that has not started', () => {
    const result = computeDeadline(getRule('us-tx-individuals'), null, { caseZone: NY });
    expect(result.kind).toBe('not_started');
    expect(result.explanation).toContain('The clock starts at determination of the breach');
  });
});

describe('computeDeadline: input errors', () => {
  const rule = getRule('eu-gdpr-art33');
  const start = { atMs: at('2026-03-27T23:30:00Z') };

  it('refuses an unknown case zone, naming the field', () => {
    expect(() => computeDeadline(rule, start, { caseZone: 'Mars/Olympus' })).toThrow(
      /options\.caseZone: "Mars\/Olympus" is not an IANA time zone/,
    );
  });

  it('refuses a non-positive internal target and a fractional start', () => {
    expect(() => computeDeadline(rule, start, { caseZone: NY, internalTargetHours: 0 })).toThrow(
      /internalTargetHours/,
    );
    expect(() => computeDeadline(rule, { atMs: 1.5 }, { caseZone: NY })).toThrow(/start\.atMs/);
  });
});
