// `cairn deadlines …` and `cairn case aware` from the terminal: human output for a tired
// responder and counsel, stable JSON, and exit codes. Expected instants are worked out by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComputeResult, DeadlineList } from '../../../src/shared/deadlines';
import type { VerifyReport } from '../../../src/shared/domain';
import { cli, cliJson, cliProcess } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';

describe('cairn deadlines compute', () => {
  it('answers from a rule and a start time alone, in UTC and the zone asked for', async () => {
    const args = [
      'deadlines',
      'compute',
      '--rule',
      'eu-gdpr-art33',
      '--start',
      '2026-03-28T00:30:00+01:00',
      '--tz',
      'Europe/Berlin',
      '--now',
      '2026-03-30T22:35:00Z',
    ];
    // 00:30 CET Sat 28 Mar = 23:30 UTC Fri 27 Mar; + 72 h = 23:30 UTC Mon 30 Mar, which is
    // 01:30 CEST (UTC+2, after the 29 Mar change) on Tue 31 Mar. At 22:35 UTC, 55 min are left.
    const r = await cliJson<ComputeResult>(args);
    expect(r.clock).toMatchObject({
      kind: 'hours',
      basis: 'awareness',
      due: { iso: '2026-03-30T23:30:00.000Z', inCaseZone: '2026-03-31 01:30:00 +02:00' },
      isLegalDeadline: true,
      msLeft: 55 * 60_000,
    });
    expect(Object.keys(r).sort()).toEqual(['clock', 'disclaimer', 'now', 'reminders', 'rule']);
    expect(r.reminders.map((m) => m.at)).toEqual([
      '2026-03-29T11:30:00.000Z',
      '2026-03-30T09:06:00.000Z',
      '2026-03-30T22:30:00.000Z',
    ]);

    const human = await cli(args);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      'GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority  [eu-gdpr-art33]',
    );
    expect(human.stdout).toContain(
      'Due       due 2026-03-30 23:30 UTC | 2026-03-31 01:30:00 +02:00 Europe/Berlin — due in 55 min',
    );
    expect(human.stdout).toContain('Research, not legal advice: confirm with counsel.');
  });

  it('takes no case file, and says what is wrong with exit 2 or 1', async () => {
    const extra = await cli([
      'deadlines',
      'compute',
      'case.cairn',
      '--rule',
      'eu-gdpr-art33',
      '--start',
      '2026-03-27T23:30:00Z',
    ]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected argument: case.cairn');

    const noStart = await cli(['deadlines', 'compute', '--rule', 'eu-gdpr-art33']);
    expect(noStart.code).toBe(2);
    expect(noStart.stderr).toContain('--start: required');

    const unknown = await cli([
      'deadlines',
      'compute',
      '--rule',
      'nope',
      '--start',
      '2026-03-27T23:30:00Z',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('deadline rule "nope" does not exist');

    const zone = await cli([
      'deadlines',
      'compute',
      '--rule',
      'eu-gdpr-art33',
      '--start',
      '2026-03-27T23:30:00Z',
      '--tz',
      'Mars/Olympus',
    ]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--tz: "Mars/Olympus" is not an IANA time zone');
  });
});

describe('cairn deadlines on a case', () => {
  it('works a case from awareness to notice, for people and as JSON', async () => {
    const path = join(freshDir(), 'breach.cairn');
    await cliJson([
      'case',
      'create',
      path,
      '--title',
      'Leaked key',
      '--aware-at',
      '2026-03-27T23:30:00Z',
      '--tz',
      'Europe/Berlin',
    ]);
    const facts = await cli([
      'deadlines',
      'set-facts',
      path,
      '--set',
      'flags.euEstablishmentOrDataSubjects=yes',
      '--set',
      'dataRole=owner',
      '--set',
      'dataCategories=ssn,online_credentials',
      '--set',
      'dataEncrypted=no',
      '--set',
      'riskOfHarm=likely',
      '--set',
      'affectedByJurisdiction.US-WA=800',
      '--set',
      'affectedCountsComplete=yes',
      '--set',
      'totalAffected=800',
      '--reason',
      'scoping call with counsel',
    ]);
    expect(facts.code).toBe(0);
    expect(facts.stdout).toMatch(/^Saved \(audit #2\): Deadline facts changed by test-responder/);
    // The CLI runs on the real clock, long after these March deadlines: they are overdue.
    expect(facts.stdout).toContain('eu-gdpr-art33: needs_answer → overdue');
    expect(facts.stdout).toMatch(/\n {2}\d+ rule\(s\) no longer apply\n/);

    // Move awareness earlier: 20:00 UTC Fri 27 Mar. GDPR: +72 h = 20:00 UTC Mon 30 Mar.
    const aware = await cli([
      'case',
      'aware',
      path,
      '--at',
      '2026-03-27T20:00:00Z',
      '--reason',
      'first GuardDuty finding at 20:00',
    ]);
    expect(aware.code).toBe(0);
    expect(aware.stdout).toContain(
      'Awareness time set to 2026-03-27T20:00:00.000Z (2026-03-27 21:00:00 +01:00 Europe/Berlin) by test-responder: first GuardDuty finding at 20:00.',
    );
    expect(aware.stdout).toContain('  eu-gdpr-art33: 2026-03-30 23:30 UTC → 2026-03-30 20:00 UTC');

    // At 19:05 UTC 30 Mar, 55 min are left on GDPR; its 1-hour reminder (19:00) has passed.
    const human = await cli(['deadlines', path, '--now', '2026-03-30T19:05:00Z']);
    expect(human.code).toBe(0);
    const out = human.stdout;
    expect(out).toContain(
      'Notification deadlines as of 2026-03-30 19:05 UTC — case zone Europe/Berlin',
    );
    expect(out).toContain(
      'REMINDER: GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority is due in 55 min',
    );
    expect(out).toContain(
      '  DUE SOON    GDPR Art. 33(1), (4) notice to Competent (lead) supervisory authority  [eu-gdpr-art33]',
    );
    expect(out).toContain(
      'due 2026-03-30 20:00 UTC | 2026-03-30 22:00:00 +02:00 Europe/Berlin — due in 55 min',
    );
    expect(out).toContain('notify: Competent (lead) supervisory authority');
    expect(out).toContain('research as of 2018-05-25 (unchanged), confidence high');
    // WA: 30 calendar days from discovery = awareness (13:00 PDT 27 Mar) → end of 26 Apr PDT.
    expect(out).toContain('[us-wa-individuals]');
    expect(out).toContain('due 2026-04-27 06:59:59 UTC');
    expect(out).toMatch(/Needs an answer: \d+ rule\(s\) wait on \d+ question\(s\)/);
    // NIS2 early warning would be 24 h from awareness (20:00 UTC 28 Mar): at 19:05 UTC 30 Mar
    // that is 47 h 05 min ago, which the question says so it is answered first.
    expect(out).toContain(
      '--set flags.nis2Entity=yes|no   — decides 3 rules; if it applies, the earliest is overdue by 47 h 05 min (2026-03-28 20:00 UTC, eu-nis2-early-warning)',
    );
    expect(out).toContain('Research, not legal advice: confirm with counsel.');
    // The clock due first is listed first.
    expect(out.indexOf('[eu-gdpr-art33]')).toBeLessThan(out.indexOf('[us-wa-individuals]'));

    const json = await cliJson<DeadlineList>(['deadlines', path, '--now', '2026-03-30T19:05:00Z']);
    expect(Object.keys(json).sort()).toEqual(
      [
        'anchors',
        'awareness',
        'caseZone',
        'counts',
        'disclaimer',
        'facts',
        'now',
        'obligations',
        'path',
        'questions',
        'reminders',
        'ruleSet',
        'settings',
      ].sort(),
    );
    expect(json.obligations).toHaveLength(209);
    expect(json.obligations[0]).toMatchObject({
      status: 'due_soon',
      rule: { id: 'eu-gdpr-art33' },
    });

    // Mark it notified (on time), then refuse a not-required decision without its rationale.
    const mark = await cli([
      'deadlines',
      'mark',
      path,
      'eu-gdpr-art33',
      '--notified-at',
      '2026-03-30T19:30:00Z',
      '--evidence',
      'DPC portal reference 2026-0330-17',
    ]);
    expect(mark.code).toBe(0);
    expect(mark.stdout).toContain('[eu-gdpr-art33]: met');
    expect(mark.stdout).toContain('On time: due 2026-03-30T20:00:00.000Z');

    const noWhy = await cli(['deadlines', 'decide', path, 'us-wa-regulator']);
    expect(noWhy.code).toBe(2);
    expect(noWhy.stderr).toContain(
      '--rationale: a not-required decision needs its rationale (why this notice is not owed)',
    );
    const decided = await cli([
      'deadlines',
      'decide',
      path,
      'us-wa-regulator',
      '--rationale',
      'counsel: AG notice folded into the owner’s filing',
    ]);
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain('[us-wa-regulator]: not required');

    const settings = await cli(['deadlines', 'settings', path, '--remind', '50%,90%,2h']);
    expect(settings.stdout).toContain('Reminders        50%, 90%, 120 min before due');

    const done = await cli(['deadlines', path, '--now', '2026-03-30T19:35:00Z']);
    expect(done.stdout).toContain('Done (2):');
    expect(done.stdout).toContain(
      'notified 2026-03-30 19:30 UTC; due 2026-03-30 20:00 UTC; evidence: DPC portal reference 2026-0330-17',
    );
    expect(done.stdout).not.toContain('REMINDER: GDPR');

    // Every change is in the audit chain; the file verifies in a real subprocess.
    const verified = cliProcess(['verify', path, '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout) as VerifyReport).toMatchObject({
      ok: true,
      auditEntries: 6,
    });
  });

  it('refuses unknown facts and anchors in CLI terms', async () => {
    const path = join(freshDir(), 'c.cairn');
    await cliJson(['case', 'create', path, '--title', 'x']);
    const badFact = await cli(['deadlines', 'set-facts', path, '--set', 'riskOfHarm=maybe']);
    expect(badFact.code).toBe(2);
    expect(badFact.stderr).toContain('case facts: riskOfHarm');
    const badFlag = await cli([
      'deadlines',
      'set-facts',
      path,
      '--set',
      'flags.ransomPaid=perhaps',
    ]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--set flags.ransomPaid: "perhaps" is not yes or no');
    const badAnchor = await cli([
      'deadlines',
      'set-facts',
      path,
      '--anchor',
      'lunch=2026-03-27T12:00:00Z',
    ]);
    expect(badAnchor.code).toBe(2);
    expect(badAnchor.stderr).toContain('anchors.lunch: not a clock anchor you can record');
    const noAware = await cli(['deadlines', path]);
    expect(noAware.stdout).toContain('Aware at  NOT SET');
  });
});
