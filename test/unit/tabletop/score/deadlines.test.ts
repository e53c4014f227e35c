// Notification deadlines: truth makes us-ca-individuals and us-wa-individuals applicable. Due
// instants are written by hand; the metric compares them, it does not compute them.
import { describe, expect, it } from 'vitest';
import { scoreDeadlines } from '../../../../src/tabletop/score/deadlines';
import { leakedKeyTruth, ms, obligation, teamCase } from './fixtures';

const DUE = ms('10:00') + 30 * 86_400_000;
const awareness = { atMs: ms('10:00'), setBy: 'alice', reason: 'alert', entryId: 8 };
const expected = [
  obligation('us-ca-individuals', { dueMs: DUE }),
  obligation('us-wa-individuals', { dueMs: DUE }),
  obligation('us-ny-individuals', { applicable: false }),
];

describe('notification deadlines', () => {
  it('scores 0 and says why when the deadline state cannot be read', () => {
    const m = scoreDeadlines(teamCase(), leakedKeyTruth());
    expect(m.score).toBe(0);
    expect(m.explanation).toMatch(/notification assessment could not be read/);
  });

  it('scores 0 for a team that set nothing, naming each missing part', () => {
    const team = [
      obligation('us-ca-individuals', { applicable: false }),
      obligation('us-wa-individuals', { applicable: false }),
    ];
    const m = scoreDeadlines(
      teamCase({
        deadlines: {
          team,
          truthFacts: team.map((o) => ({ ...o, clock: { due: null } }) as typeof o),
        },
      }),
      leakedKeyTruth(),
    );
    expect(m.score).toBe(0);
    expect(m.explanation).toMatch(
      /^Awareness never set; 0 of the truth's 2 applicable rule\(s\) found/,
    );
    expect(m.explanation).toContain('no clock runs without an awareness time');
  });

  it('gives full marks for awareness, the right rules, the right due times and notices in time', () => {
    const team = [
      obligation('us-ca-individuals', { dueMs: DUE, notice: { onTime: true } }),
      obligation('us-wa-individuals', { dueMs: DUE, notice: { onTime: true } }),
    ];
    const m = scoreDeadlines(
      teamCase({ awareness, deadlines: { team, truthFacts: expected } }),
      leakedKeyTruth(),
    );
    expect(m).toMatchObject({ value: 100, score: 100 });
    expect(m.evidence.timeline).toEqual([8]);
  });

  it('gives a quarter per part: one rule right, one wrong, one due time off, one notice late', () => {
    // applicable {ca, ny} against {ca, wa}: F1 0.5; due times: ca right, wa not applicable for the
    // team: 0.5; notices: ca on time, wa late: 0.5; awareness set: 1. 25 + 12.5 × 3 = 62.5.
    const team = [
      obligation('us-ca-individuals', { dueMs: DUE, notice: { onTime: true } }),
      obligation('us-ny-individuals', { dueMs: DUE }),
      obligation('us-wa-individuals', { applicable: false, notice: { onTime: false } }),
    ];
    const m = scoreDeadlines(
      teamCase({ awareness, deadlines: { team, truthFacts: expected } }),
      leakedKeyTruth(),
    );
    expect(m.score).toBe(63);
    expect(m.data).toMatchObject({
      applicableF1: 0.5,
      dueTimesRight: 0.5,
      noticesInTime: 0.5,
      wrongDueTimes: ['us-wa-individuals'],
      lateNotices: ['us-wa-individuals'],
    });
  });

  it('calls a due time wrong when it is more than a minute off the calculator on the truth’s facts', () => {
    const team = [
      obligation('us-ca-individuals', { dueMs: DUE + 61_000 }),
      obligation('us-wa-individuals', { dueMs: DUE + 60_000 }),
    ];
    const m = scoreDeadlines(
      teamCase({ awareness, deadlines: { team, truthFacts: expected } }),
      leakedKeyTruth(),
    );
    expect(m.data['wrongDueTimes']).toEqual(['us-ca-individuals']);
  });

  it('needs only the awareness time where the truth owes no notice', () => {
    const truth = leakedKeyTruth();
    const none = { ...truth, obligations: { ...truth.obligations, applicable: [] } };
    const m = scoreDeadlines(
      teamCase({ awareness, deadlines: { team: [], truthFacts: [] } }),
      none,
    );
    expect(m.score).toBe(100);
    expect(scoreDeadlines(teamCase({ deadlines: { team: [], truthFacts: [] } }), none).score).toBe(
      75,
    );
  });
});
