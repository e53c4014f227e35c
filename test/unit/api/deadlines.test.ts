// The deadline tracker in a case, through the API every host uses. Every expected instant is
// worked out by hand in the comment next to it.
import { describe, expect, it } from 'vitest';
import { callOp, type ApiContext } from '../../../src/api';
import { iterateAudit } from '../../../src/casefile/audit';
import type { DeadlineList, Obligation } from '../../../src/shared/deadlines';
import { newCase, testContext } from '../../helpers/case';

const at = (iso: string): number => Date.parse(iso);

/** Facts under which GDPR Art. 33 and the WA, CA and TX rules apply (an SSN breach). */
const FACTS = {
  dataRole: 'owner',
  dataCategories: ['ssn'],
  dataEncrypted: false,
  riskOfHarm: 'likely',
  flags: { euEstablishmentOrDataSubjects: true },
  affectedByJurisdiction: { 'US-WA': 800, 'US-CA': 600, 'US-TX': 300 },
  affectedCountsComplete: true,
  totalAffected: 1700,
};

function find(list: { obligations: Obligation[] }, id: string): Obligation {
  const o = list.obligations.find((x) => x.rule.id === id);
  if (!o) throw new Error(`no obligation ${id}`);
  return o;
}

async function caseWithFacts(ctx: ApiContext): Promise<string> {
  // Aware 23:30 UTC Fri 27 Mar 2026 (00:30 Sat in Berlin, 16:30 Fri in Seattle).
  const c = await newCase(ctx, { awareAt: '2026-03-27T23:30:00Z', timezone: 'Europe/Berlin' });
  await callOp('deadlines.setFacts', { path: c.path, facts: FACTS }, ctx);
  return c.path;
}

const list = (ctx: ApiContext, path: string, now?: string): Promise<DeadlineList> =>
  callOp('deadlines.list', { path, ...(now ? { now } : {}) }, ctx);

describe('changing the awareness time', () => {
  it('recomputes every clock and leaves an audit entry and a decision on the timeline', async () => {
    const ctx = testContext({ nowMs: at('2026-03-28T09:00:00Z'), actor: 'alice' });
    const path = await caseWithFacts(ctx);

    const before = await list(ctx, path);
    // GDPR Art. 33: 72 h from 23:30 UTC Fri 27 Mar → 23:30 UTC Mon 30 Mar; Berlin has moved to
    // CEST (UTC+2) on Sun 29 Mar, so 01:30 on Tue 31 Mar there.
    expect(find(before, 'eu-gdpr-art33').clock?.due).toMatchObject({
      iso: '2026-03-30T23:30:00.000Z',
      inCaseZone: '2026-03-31 01:30:00 +02:00',
    });
    // WA: 30 calendar days from discovery (= awareness, none recorded separately). 16:30 PDT
    // Fri 27 Mar is the start day; day 30 is Sun 26 Apr; its end 23:59:59.999 PDT (UTC-7) is
    // 06:59:59.999 UTC on 27 Apr.
    expect(find(before, 'us-wa-individuals').clock).toMatchObject({
      basis: 'awareness (no separate discovery time recorded)',
      due: { iso: '2026-04-27T06:59:59.999Z' },
    });
    expect(find(before, 'us-wa-individuals').status).toBe('open');

    const changed = await callOp(
      'case.setAwareness',
      { path, at: '2026-03-27T05:00:00Z', reason: 'CloudTrail shows the key used at 05:00' },
      ctx,
    );
    // GDPR: 05:00 UTC Fri 27 Mar + 72 h = 05:00 UTC Mon 30 Mar (07:00 CEST in Berlin).
    // WA and CA (30 calendar days, Pacific time): 05:00 UTC 27 Mar is 22:00 PDT Thu 26 Mar, so
    // day 30 is Sat 25 Apr, ending 06:59:59.999 UTC on 26 Apr: one day earlier than before.
    expect(changed.clocksMoved).toEqual(
      expect.arrayContaining([
        {
          ruleId: 'eu-gdpr-art33',
          before: '2026-03-30T23:30:00.000Z',
          after: '2026-03-30T05:00:00.000Z',
        },
        {
          ruleId: 'us-wa-individuals',
          before: '2026-04-27T06:59:59.999Z',
          after: '2026-04-26T06:59:59.999Z',
        },
        {
          ruleId: 'us-ca-individuals',
          before: '2026-04-27T06:59:59.999Z',
          after: '2026-04-26T06:59:59.999Z',
        },
      ]),
    );
    expect(changed.previous).toEqual({
      at: '2026-03-27T23:30:00.000Z',
      setBy: 'alice',
      reason: null,
    });

    // Every clock the list shows now runs from the new time: none is left at the old one.
    const after = await list(ctx, path);
    expect(after.awareness).toEqual({
      at: '2026-03-27T05:00:00.000Z',
      setBy: 'alice',
      reason: 'CloudTrail shows the key used at 05:00',
    });
    expect(find(after, 'eu-gdpr-art33').clock?.due).toMatchObject({
      iso: '2026-03-30T05:00:00.000Z',
      inCaseZone: '2026-03-30 07:00:00 +02:00',
    });
    const stillOld = after.obligations.filter(
      (o) => o.clock?.start?.iso === '2026-03-27T23:30:00.000Z',
    );
    expect(stillOld).toEqual([]);
    const fromAwareness = after.obligations.filter(
      (o) => o.clock?.start?.iso === '2026-03-27T05:00:00.000Z',
    );
    expect(fromAwareness.length).toBeGreaterThanOrEqual(4);

    // The audit entry records the change and what moved.
    const file = ctx.cases.forRead(path);
    const last = [...iterateAudit(file.db)].at(-1)!;
    expect(last.action).toBe('case.setAwareness');
    expect(last.actor).toBe('alice');
    const payload = JSON.parse(last.payload) as {
      awareness: unknown;
      previous: unknown;
      clocksMoved: unknown[];
      entry: { text: string };
    };
    expect(payload.awareness).toEqual(after.awareness);
    expect(payload.previous).toEqual(changed.previous);
    expect(payload.clocksMoved).toEqual(changed.clocksMoved);

    // The timeline shows the decision (at the new awareness instant) and hides the old one.
    const timeline = await callOp('timeline.list', { path }, ctx);
    const decisions = timeline.entries.filter((e) => e.text.startsWith('Awareness time set to'));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      kind: 'decision',
      actor: 'alice',
      eventTime: '2026-03-27T05:00:00.000Z',
      supersedes: expect.any(Number) as unknown,
    });
    expect(decisions[0]!.text).toContain(
      'Awareness time set to 2026-03-27T05:00:00.000Z (2026-03-27 06:00:00 +01:00 Europe/Berlin) by alice: CloudTrail shows the key used at 05:00.',
    );
    expect(decisions[0]!.text).toContain('Was 2026-03-27T23:30:00.000Z');
    expect(payload.entry.text).toBe(decisions[0]!.text);

    const verified = await callOp('case.verify', { path }, ctx);
    expect(verified.ok).toBe(true);
  });

  it('refuses an awareness time in the future or without a reason', async () => {
    const ctx = testContext({ nowMs: at('2026-03-28T09:00:00Z') });
    const c = await newCase(ctx);
    await expect(
      callOp('case.setAwareness', { path: c.path, at: '2026-04-01T00:00:00Z', reason: 'x' }, ctx),
    ).rejects.toThrow(/at: 2026-04-01T00:00:00.000Z is in the future/);
    await expect(
      callOp('case.setAwareness', { path: c.path, at: '2026-03-27T00:00:00Z', reason: ' ' }, ctx),
    ).rejects.toThrow('reason: say why this is the awareness time');
  });
});

describe('facts decide which rules apply', () => {
  it('moves a rule from needs an answer to applicable to not applicable, audited', async () => {
    const ctx = testContext();
    const c = await newCase(ctx, { awareAt: '2026-03-27T23:30:00Z' });
    const empty = await list(ctx, c.path);
    const gdpr = find(empty, 'eu-gdpr-art33');
    expect(gdpr.status).toBe('needs_answer');
    expect(gdpr.questions.map((q) => q.fact)).toContain('flags.euEstablishmentOrDataSubjects');
    // Even before the answers, the clock it would have is shown (72 h from awareness).
    expect(gdpr.clock?.due?.iso).toBe('2026-03-30T23:30:00.000Z');
    const question = empty.questions.find((q) => q.fact === 'flags.euEstablishmentOrDataSubjects');
    expect(question).toMatchObject({ input: 'yes_no' });
    expect(question?.ruleIds).toContain('eu-gdpr-art33');

    const set = await callOp('deadlines.setFacts', { path: c.path, facts: FACTS }, ctx);
    expect(set.statusChanged).toContainEqual({
      ruleId: 'eu-gdpr-art33',
      before: 'needs_answer',
      after: 'open',
    });
    expect(find(await list(ctx, c.path), 'eu-gdpr-art33').applicability).toBe('applicable');

    // Answering "no" for the EU nexus takes GDPR out, with the reason; null removes a fact.
    const no = await callOp(
      'deadlines.setFacts',
      {
        path: c.path,
        facts: { flags: { euEstablishmentOrDataSubjects: false }, totalAffected: null },
        reason: 'no EU customers per counsel',
      },
      ctx,
    );
    expect(no.facts).not.toHaveProperty('totalAffected');
    expect(no.facts).toMatchObject({
      dataRole: 'owner',
      flags: { euEstablishmentOrDataSubjects: false },
    });
    const out = find(await list(ctx, c.path), 'eu-gdpr-art33');
    expect(out.status).toBe('not_applicable');
    expect(out.notApplicableReason).toMatch(
      /^answered no: Is the organisation established in the EU/,
    );
    expect(out.clock).toBeNull();
    expect(no.timelineEntry?.text).toContain(
      'case facts updated: flags.euEstablishmentOrDataSubjects: yes → no; totalAffected: removed (was 1700)',
    );
    expect(no.timelineEntry?.text).toContain('(no EU customers per counsel)');
    expect((await callOp('case.verify', { path: c.path }, ctx)).ok).toBe(true);
  });

  it('refuses facts that would silently decide a rule', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await expect(
      callOp('deadlines.setFacts', { path: c.path, facts: { riskOfHarm: 'maybe' } }, ctx),
    ).rejects.toThrow(/case facts: riskOfHarm/);
    await expect(
      callOp(
        'deadlines.setFacts',
        { path: c.path, facts: { affectedByJurisdiction: { 'US-TXX': 3 } } },
        ctx,
      ),
    ).rejects.toThrow('facts.affectedByJurisdiction.US-TXX: not a jurisdiction code Cairn knows');
    await expect(
      callOp(
        'deadlines.setFacts',
        { path: c.path, anchors: { becoming_aware: '2026-03-27T00:00:00Z' } },
        ctx,
      ),
    ).rejects.toThrow(/set it with case.setAwareness/);
    expect((await callOp('case.info', { path: c.path }, ctx)).counts.audit).toBe(1);
  });

  it('starts a clock when its anchor is recorded, and a dependent clock when the notice goes out', async () => {
    const ctx = testContext({ nowMs: at('2026-04-02T12:00:00Z') });
    const path = await caseWithFacts(ctx);
    const waiting = await list(ctx, path);
    expect(find(waiting, 'us-tx-individuals')).toMatchObject({
      status: 'waiting',
      clock: {
        kind: 'not_started',
        waitingFor: 'determination of the breach (record when it happened)',
      },
    });
    expect(find(waiting, 'us-ca-regulator').clock?.waitingFor).toBe(
      'notice to individuals being sent (mark us-ca-individuals notified)',
    );

    const r = await callOp(
      'deadlines.setFacts',
      { path, anchors: { determination_of_breach: '2026-03-28T15:00:00Z' }, reason: 'legal call' },
      ctx,
    );
    // A single anchor lands on the timeline at the instant it happened.
    expect(r.timelineEntry).toMatchObject({
      eventTime: '2026-03-28T15:00:00.000Z',
      kind: 'decision',
    });
    const started = await list(ctx, path);
    // TX individuals: 60 calendar days, Central time. 15:00 UTC 28 Mar = 10:00 CDT Sat 28 Mar;
    // day 60 = 27 May (3 days left in March + 30 in April + 27 in May); end of day CDT (UTC-5)
    // = 04:59:59.999 UTC on 28 May.
    expect(find(started, 'us-tx-individuals').clock?.due?.iso).toBe('2026-05-28T04:59:59.999Z');
    // TX AG: 30 days → 27 Apr, end of day CDT = 04:59:59.999 UTC on 28 Apr.
    expect(find(started, 'us-tx-regulator').clock?.due?.iso).toBe('2026-04-28T04:59:59.999Z');
    expect(started.anchors.find((a) => a.anchor === 'determination_of_breach')).toMatchObject({
      source: 'recorded',
      at: '2026-03-28T15:00:00.000Z',
      reason: 'legal call',
    });

    // CA AG: 15 calendar days after the notices to individuals (Pacific time). Sent 17:00 UTC
    // Wed 1 Apr = 10:00 PDT 1 Apr; day 15 = Thu 16 Apr, ending 06:59:59.999 UTC on 17 Apr.
    await callOp(
      'deadlines.mark',
      {
        path,
        ruleId: 'us-ca-individuals',
        notifiedAt: '2026-04-01T17:00:00Z',
        evidence: 'mail house batch 7',
      },
      ctx,
    );
    const regulator = find(await list(ctx, path), 'us-ca-regulator');
    expect(regulator.clock).toMatchObject({
      basis: 'notice to individuals under us-ca-individuals given',
      due: { iso: '2026-04-17T06:59:59.999Z' },
    });
  });
});

describe('notices and decisions', () => {
  it('marks a notice met or late and puts it on the timeline', async () => {
    const ctx = testContext({ nowMs: at('2026-04-02T12:00:00Z'), actor: 'bob' });
    const path = await caseWithFacts(ctx);
    // GDPR due 23:30 UTC Mon 30 Mar. Notice at 22:00 UTC 30 Mar is on time.
    const met = await callOp(
      'deadlines.mark',
      {
        path,
        ruleId: 'eu-gdpr-art33',
        notifiedAt: '2026-03-30T22:00:00Z',
        evidence: 'DPC portal ref 4411',
      },
      ctx,
    );
    expect(met.obligation).toMatchObject({
      status: 'met',
      notice: {
        at: '2026-03-30T22:00:00.000Z',
        evidence: 'DPC portal ref 4411',
        onTime: true,
        recordedBy: 'bob',
      },
      reminders: [],
    });
    expect(met.timelineEntry).toMatchObject({
      kind: 'notification',
      eventTime: '2026-03-30T22:00:00.000Z',
      refs: [{ type: 'deadline', id: 'eu-gdpr-art33' }],
    });
    expect(met.timelineEntry.text).toContain(
      'Evidence: DPC portal ref 4411. On time: due 2026-03-30T23:30:00.000Z',
    );

    // A correction: actually sent 01:45 UTC 31 Mar, 2 h 15 min after the due instant.
    const late = await callOp(
      'deadlines.mark',
      {
        path,
        ruleId: 'eu-gdpr-art33',
        notifiedAt: '2026-03-31T01:45:00Z',
        evidence: 'DPC portal ref 4411',
      },
      ctx,
    );
    expect(late.obligation.status).toBe('late');
    expect(late.obligation.notice?.lateByMs).toBe(2 * 3_600_000 + 15 * 60_000);
    expect(late.timelineEntry.text).toContain(
      'corrects the earlier record: 2026-03-30T22:00:00.000Z',
    );
    expect(late.timelineEntry.text).toContain('LATE by 2 h 15 min');

    // Withdrawing needs a reason; then the clock is tracked again (overdue at 12:00 2 Apr).
    await expect(
      callOp('deadlines.mark', { path, ruleId: 'eu-gdpr-art33', undo: true }, ctx),
    ).rejects.toThrow('reason: say why the recorded notice is withdrawn');
    const undone = await callOp(
      'deadlines.mark',
      { path, ruleId: 'eu-gdpr-art33', undo: true, reason: 'entered on the wrong case' },
      ctx,
    );
    expect(undone.obligation).toMatchObject({ status: 'overdue', notice: null });
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);
  });

  it('refuses a notice without evidence, in the future, or for an unknown rule', async () => {
    const ctx = testContext({ nowMs: at('2026-03-28T09:00:00Z') });
    const path = await caseWithFacts(ctx);
    await expect(
      callOp(
        'deadlines.mark',
        { path, ruleId: 'eu-gdpr-art33', notifiedAt: '2026-03-28T08:00:00Z' },
        ctx,
      ),
    ).rejects.toThrow(/^evidence: say what proves the notice/);
    await expect(
      callOp(
        'deadlines.mark',
        { path, ruleId: 'eu-gdpr-art33', notifiedAt: '2026-03-29T08:00:00Z', evidence: 'x' },
        ctx,
      ),
    ).rejects.toThrow('notifiedAt: 2026-03-29T08:00:00.000Z is in the future');
    await expect(
      callOp(
        'deadlines.mark',
        { path, ruleId: 'eu-gdpr-art99', notifiedAt: '2026-03-28T08:00:00Z', evidence: 'x' },
        ctx,
      ),
    ).rejects.toThrow('deadline rule "eu-gdpr-art99" does not exist');
  });

  it('refuses a not-required decision without a rationale, and records one with it', async () => {
    const ctx = testContext({ nowMs: at('2026-03-29T09:00:00Z'), actor: 'counsel' });
    const path = await caseWithFacts(ctx);
    const auditBefore = (await callOp('case.info', { path }, ctx)).counts.audit;
    for (const rationale of [undefined, '', '   ']) {
      await expect(
        callOp('deadlines.decide', { path, ruleId: 'us-tx-regulator', rationale }, ctx),
      ).rejects.toThrow(
        'deadlines.decide: rationale: a not-required decision needs its rationale (why this notice is not owed)',
      );
    }
    expect((await callOp('case.info', { path }, ctx)).counts.audit).toBe(auditBefore);

    const decided = await callOp(
      'deadlines.decide',
      {
        path,
        ruleId: 'us-tx-regulator',
        rationale: 'Texas residents were notified by the data owner, our client',
      },
      ctx,
    );
    expect(decided.obligation).toMatchObject({
      status: 'not_required',
      decision: {
        notRequired: true,
        rationale: 'Texas residents were notified by the data owner, our client',
        decidedBy: 'counsel',
      },
    });
    expect(decided.timelineEntry).toMatchObject({
      kind: 'decision',
      refs: [{ type: 'deadline', id: 'us-tx-regulator' }],
    });
    expect(decided.timelineEntry.text).toContain('Decided not required by counsel');
    expect(find(await list(ctx, path), 'us-tx-regulator').status).toBe('not_required');

    const undone = await callOp(
      'deadlines.decide',
      {
        path,
        ruleId: 'us-tx-regulator',
        notRequired: false,
        rationale: 'the owner did not notify after all',
      },
      ctx,
    );
    expect(undone.obligation.status).toBe('waiting');
    expect(undone.timelineEntry.text).toContain('Not-required decision withdrawn by counsel');
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);
  });
});

describe('reminders and settings', () => {
  it('lists the reminder due at a given instant and follows the case settings', async () => {
    const ctx = testContext({ nowMs: at('2026-03-28T09:00:00Z') });
    const path = await caseWithFacts(ctx);
    // GDPR window 23:30 UTC 27 Mar → 23:30 UTC 30 Mar (72 h). Defaults: 50 % = +36 h = 11:30
    // UTC 29 Mar; 80 % = +57 h 36 min = 09:06 UTC 30 Mar; 1 h before = 22:30 UTC 30 Mar.
    const gdpr = find(await list(ctx, path, '2026-03-30T22:35:00Z'), 'eu-gdpr-art33');
    expect(gdpr.reminders.map((r) => [r.at, r.isPast])).toEqual([
      ['2026-03-29T11:30:00.000Z', true],
      ['2026-03-30T09:06:00.000Z', true],
      ['2026-03-30T22:30:00.000Z', true],
    ]);
    expect(gdpr.status).toBe('due_soon');
    const due = await list(ctx, path, '2026-03-30T22:35:00Z');
    expect(due.reminders.find((r) => r.ruleId === 'eu-gdpr-art33')).toMatchObject({
      label: '1 hour before due',
      msLeft: 55 * 60_000,
      message:
        'REMINDER: GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority is due in 55 min',
    });

    // Two hours after the due instant (01:30 UTC 31 Mar) the reminder says overdue.
    const over = await list(ctx, path, '2026-03-31T01:30:00Z');
    expect(find(over, 'eu-gdpr-art33').status).toBe('overdue');
    expect(over.reminders.find((r) => r.ruleId === 'eu-gdpr-art33')?.message).toBe(
      'OVERDUE: GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority is overdue by 2 h 00 min',
    );

    // At 11:00 UTC 29 Mar (35.5 h in: under half of the window) nothing is due yet.
    const early = await list(ctx, path, '2026-03-29T11:00:00Z');
    expect(find(early, 'eu-gdpr-art33').status).toBe('open');
    expect(early.reminders.filter((r) => r.ruleId === 'eu-gdpr-art33')).toEqual([]);

    // Reminders at 25 % and 2 h before; due soon at 25 %. 25 % of 72 h = 18 h → 17:30 UTC 28 Mar.
    const s = await callOp(
      'deadlines.configure',
      {
        path,
        reminderPoints: [
          { kind: 'fraction', fraction: 0.25 },
          { kind: 'before_due', ms: 2 * 3_600_000 },
        ],
        dueSoonFraction: 0.25,
        euMemberState: 'IE',
      },
      ctx,
    );
    expect(s).toMatchObject({
      euZone: 'Europe/Dublin',
      configured: ['reminderPoints', 'dueSoonFraction', 'euMemberState'],
    });
    const after = find(await list(ctx, path, '2026-03-29T11:00:00Z'), 'eu-gdpr-art33');
    expect(after.reminders.map((r) => r.at)).toEqual([
      '2026-03-28T17:30:00.000Z',
      '2026-03-30T21:30:00.000Z',
    ]);
    expect(after.status).toBe('due_soon');
    // Shown in Dublin time now (IST, UTC+1 from 29 Mar): 00:30 on 31 Mar.
    expect(after.clock).toMatchObject({
      jurisdictionZone: 'Europe/Dublin',
      due: { inJurisdictionZone: '2026-03-31 00:30:00 +01:00' },
    });
    await expect(callOp('deadlines.configure', { path, euMemberState: 'US' }, ctx)).rejects.toThrow(
      'euMemberState: "US" is not an EU/EEA member state code',
    );
    // Other case settings survive, and restoring a default is null.
    const reset = await callOp('deadlines.configure', { path, reminderPoints: null }, ctx);
    expect(reset.reminderPoints).toHaveLength(3);
    expect(reset.configured).toEqual(['dueSoonFraction', 'euMemberState']);
  });
});

describe('deadlines.compute', () => {
  it('answers without a case file', async () => {
    const ctx = testContext();
    const r = await callOp(
      'deadlines.compute',
      {
        ruleId: 'us-sec-8k-105',
        start: '2026-11-25T15:00:00Z',
        timezone: 'UTC',
        now: '2026-11-26T12:00:00Z',
      },
      ctx,
    );
    // 4 business days from Wed 25 Nov 2026 (US federal calendar): Thu 26 Nov is Thanksgiving
    // (skipped), Fri 27 = 1, Mon 30 = 2, Tue 1 Dec = 3, Wed 2 Dec = 4; end of day EST (UTC-5)
    // = 04:59:59.999 UTC on 3 Dec.
    expect(r.clock.due?.iso).toBe('2026-12-03T04:59:59.999Z');
    expect(r.clock.explanation).toContain('Thanksgiving');
    expect(r.rule).toMatchObject({ id: 'us-sec-8k-105', confidence: 'high' });
    expect(r.disclaimer).toBe('Research, not legal advice: confirm with counsel.');
  });
});
