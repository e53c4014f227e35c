import { describe, expect, it } from 'vitest';
import {
  RECORDABLE_ANCHORS,
  predecessorsOf,
  resolveStart,
  type AnchorContext,
} from '../../../src/deadlines/anchors';
import { RULES, getRule, isDependentAnchor } from '../../../src/deadlines/rules';

const at = (iso: string): number => Date.parse(iso);

function ctx(over: Partial<AnchorContext> = {}): AnchorContext {
  return { awarenessMs: null, recorded: new Map(), notices: new Map(), ...over };
}

describe('dependent clocks', () => {
  it('knows which notice starts every dependent rule, and each of those rules exists', () => {
    const dependent = RULES.filter((r) => isDependentAnchor(r.clockStart.anchor));
    expect(dependent.length).toBe(17);
    for (const rule of dependent) {
      const ids = predecessorsOf(rule);
      expect(ids.length, rule.id).toBeGreaterThan(0);
      for (const id of ids) expect(getRule(id).id).toBe(id);
    }
    // The pairs read from each rule's clock-start detail in the research.
    expect(predecessorsOf(getRule('us-ca-regulator'))).toEqual(['us-ca-individuals']);
    expect(predecessorsOf(getRule('us-md-regulator'))).toEqual(['us-md-individuals']);
    expect(predecessorsOf(getRule('eu-dora-final'))).toEqual(['eu-dora-intermediate']);
    expect(predecessorsOf(getRule('us-ny-hipaa-copy'))).toEqual([
      'us-hipaa-hhs-500plus',
      'us-hipaa-hhs-under500',
    ]);
  });

  it('runs from the earliest notice given, or (must-precede rules) a planned date', () => {
    const hipaaCopy = getRule('us-ny-hipaa-copy');
    const notices = new Map([
      ['us-hipaa-hhs-under500', { atMs: at('2026-05-02T10:00:00Z') }],
      ['us-hipaa-hhs-500plus', { atMs: at('2026-05-01T10:00:00Z') }],
    ]);
    expect(resolveStart(hipaaCopy, ctx({ notices }))).toEqual({
      started: true,
      source: 'notice',
      start: {
        atMs: at('2026-05-01T10:00:00Z'),
        basis: 'the notice under us-hipaa-hhs-500plus given',
      },
    });
    const md = getRule('us-md-regulator');
    const planned = new Map([
      ['before_notice_to_individuals', { atMs: at('2026-05-10T14:00:00Z') }],
    ]);
    expect(resolveStart(md, ctx({ recorded: planned }))).toMatchObject({
      started: true,
      start: { basis: 'planned notice to individuals' },
    });
    expect(resolveStart(md, ctx())).toEqual({
      started: false,
      waitingFor:
        'notice to individuals (this notice must come first) (mark us-md-individuals notified)',
    });
  });
});

describe('event anchors', () => {
  const aware = at('2026-03-27T23:30:00Z');

  it('uses the awareness time for awareness and, until recorded separately, for discovery', () => {
    expect(resolveStart(getRule('eu-gdpr-art33'), ctx({ awarenessMs: aware }))).toMatchObject({
      start: { atMs: aware, basis: 'awareness' },
      source: 'awareness',
    });
    expect(resolveStart(getRule('us-wa-individuals'), ctx({ awarenessMs: aware }))).toMatchObject({
      start: { atMs: aware, basis: 'awareness (no separate discovery time recorded)' },
    });
    const discovered = new Map([['discovery', { atMs: at('2026-03-29T08:00:00Z') }]]);
    expect(
      resolveStart(getRule('us-wa-individuals'), ctx({ awarenessMs: aware, recorded: discovered })),
    ).toMatchObject({ start: { atMs: at('2026-03-29T08:00:00Z'), basis: 'discovery' } });
    expect(resolveStart(getRule('eu-gdpr-art33'), ctx())).toEqual({
      started: false,
      waitingFor: 'the awareness time (set it on the case)',
    });
  });

  it('never guesses a determination: that clock waits until someone records it', () => {
    const sec = getRule('us-sec-8k-105');
    expect(resolveStart(sec, ctx({ awarenessMs: aware }))).toEqual({
      started: false,
      waitingFor: 'the materiality determination (record when it happened)',
    });
    expect(RECORDABLE_ANCHORS).toContain('materiality_determination');
    expect(RECORDABLE_ANCHORS).not.toContain('becoming_aware');
    expect(RECORDABLE_ANCHORS).not.toContain('notice_to_individuals_sent');
  });
});
