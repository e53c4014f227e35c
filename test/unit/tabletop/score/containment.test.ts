// Time to containment, on hand-written cases (fixtures.ts: first malicious use at 10:05).
import { describe, expect, it } from 'vitest';
import { toSim } from '../../../../src/tabletop/score';
import { scoreContainment } from '../../../../src/tabletop/score/containment';
import {
  BACKDOOR,
  LEAKED,
  entry,
  leakedKeyRun,
  leakedKeyTruth,
  ms,
  teamCase,
  transition,
} from './fixtures';

const truth = leakedKeyTruth();

function deactivated(hhmm: string, subject = LEAKED, outcome = 'manual-confirmed') {
  return teamCase({
    runs: [
      leakedKeyRun({
        transitions: [
          transition('10:30', 'START', ''),
          transition(hhmm, 'ACTION', 'deactivate', {
            outcome,
            target: { kind: 'deactivate-access-key', subject },
            timelineEntryId: 12,
          }),
        ],
      }),
    ],
  });
}

describe('time to containment', () => {
  it('scores 0 and says why when nothing was contained', () => {
    const m = scoreContainment(teamCase(), truth, null);
    expect(m).toMatchObject({ value: null, score: 0, applicable: true });
    expect(m.explanation).toMatch(/^Not contained: no runbook action step settled/);
  });

  it('counts a settled deactivation of the leaked key: 45 min after 10:05 is full marks', () => {
    const m = scoreContainment(deactivated('10:50'), truth, null);
    expect(m.value).toBe(45);
    expect(m.score).toBe(100);
    expect(m.evidence).toMatchObject({
      timeline: [12],
      runs: [1],
      events: ['ev-first', 'ev-contain'],
    });
    expect(m.explanation).toContain(
      'Contained 45 min after the first malicious use at 2026-03-16T10:05:00.000Z',
    );
    expect(m.explanation).toContain('timeline entry #12');
  });

  it('loses points linearly from 60 min to 12 h: 4 h is 100 × (1 − 180/660) ≈ 73', () => {
    const m = scoreContainment(deactivated('14:05'), truth, null);
    expect(m.value).toBe(240);
    expect(m.score).toBe(73);
    expect(scoreContainment(deactivated('22:05'), truth, null).score).toBe(0);
  });

  it('does not count a dry run, nor a change aimed at another key', () => {
    expect(scoreContainment(deactivated('10:50', LEAKED, 'dry-run'), truth, null).score).toBe(0);
    const wrong = scoreContainment(deactivated('10:50', 'AKIASOMEONEELSE00001'), truth, null);
    expect(wrong.score).toBe(0);
    expect(wrong.explanation).toMatch(
      /aimed at AKIASOMEONEELSE00001, not at what the attacker used/,
    );
    // The backdoor key the attacker made is a fair target.
    expect(scoreContainment(deactivated('10:50', BACKDOOR), truth, null).value).toBe(45);
  });

  it('counts a timeline action entry (not a runbook one) that says it contained', () => {
    const pc = teamCase({
      timeline: [
        entry(3, 'action', 'Runbook "Leaked access key" started', '10:20', [
          { type: 'runbook', id: 1 },
        ]),
        entry(4, 'action', 'Deactivated the key by hand in the console', '11:05'),
      ],
    });
    const m = scoreContainment(pc, truth, null);
    expect(m.value).toBe(60);
    expect(m.evidence.timeline).toEqual([4]);
  });

  it('maps wall-clock times through the exercise clock, and starts no earlier than the exercise', () => {
    // The exercise starts at wall 09:00 on 2026-04-01 at incident time 10:35 (30 min after the
    // first use), 60 simulated seconds per wall second.
    const startedAtWallMs = Date.UTC(2026, 3, 1, 9, 0, 0);
    const clock = { startedAtWallMs, simStartMs: ms('10:35'), speed: 60 };
    const pc = deactivated('10:50');
    pc.runs[0]!.transitions[1]!.atMs = startedAtWallMs + 50_000; // 50 wall seconds in
    const m = scoreContainment(pc, truth, clock);
    // 50 s × 60 = 50 simulated minutes after the exercise start (10:35), not after 10:05.
    expect(m.value).toBe(50);
    expect(m.data['containedAt']).toBe('2026-03-16T11:25:00.000Z');
    expect(m.data['minutesFromExerciseStart']).toBe(1);
    expect(m.explanation).toMatch(/after the exercise start \(2026-03-16T10:35:00.000Z/);
  });
});

describe('the exercise clock', () => {
  const W = Date.UTC(2026, 3, 1, 9, 0, 0);
  const S = ms('10:00');

  it('is the identity without a clock, and linear with one', () => {
    expect(toSim(W, null)).toBe(W);
    expect(toSim(W + 1000, { startedAtWallMs: W, simStartMs: S, speed: 60 })).toBe(S + 60_000);
    expect(toSim(W - 1000, { startedAtWallMs: W, simStartMs: S, speed: 2 })).toBe(S - 2000);
  });

  it('follows the pieces exercise mode records: a pause holds the simulated time still', () => {
    const clock = {
      startedAtWallMs: W,
      simStartMs: S,
      speed: 60,
      segments: [
        { wallFromMs: W, simFromMs: S, rate: 60 },
        { wallFromMs: W + 60_000, simFromMs: S + 3_600_000, rate: 0 },
        { wallFromMs: W + 600_000, simFromMs: S + 3_600_000, rate: 120 },
      ],
    };
    expect(toSim(W + 30_000, clock)).toBe(S + 1_800_000);
    expect(toSim(W + 300_000, clock)).toBe(S + 3_600_000);
    expect(toSim(W + 601_000, clock)).toBe(S + 3_600_000 + 120_000);
  });
});
