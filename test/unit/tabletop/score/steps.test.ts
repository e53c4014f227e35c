// Steps and decisions: truth has persistence and a federation token, so at "How far did it go?"
// it implies active compromise, and at "Revoke the sessions?" it implies revoke.
import { describe, expect, it } from 'vitest';
import { scoreStepsAndDecisions } from '../../../../src/tabletop/score/steps';
import type { RunRecord } from '../../../../src/tabletop/score';
import {
  leakedKeyRun,
  leakedKeyTruth,
  ms,
  publicBucketTruth,
  teamCase,
  transition,
} from './fixtures';

function withStates(
  run: RunRecord,
  states: Record<string, RunRecord['steps'][number]['state']>,
): RunRecord {
  return { ...run, steps: run.steps.map((s) => ({ ...s, state: states[s.id] ?? s.state })) };
}

describe('runbook steps and decisions', () => {
  it('scores 0 and says why without a run', () => {
    const m = scoreStepsAndDecisions(teamCase(), leakedKeyTruth(), null);
    expect(m.score).toBe(0);
    expect(m.explanation).toMatch(/^No runbook run in the case/);
  });

  it('judges decisions by the truth and counts skipped evidence and containment steps', () => {
    const run = withStates(
      leakedKeyRun({
        transitions: [
          transition('10:30', 'START', ''),
          transition('10:40', 'ACTION', 'deactivate', { outcome: 'manual-confirmed' }),
          transition('10:41', 'SKIP', 'keyActivity', { rationale: 'no time', timelineEntryId: 30 }),
          transition('10:42', 'DECIDE', 'sessions', {
            choice: 'none',
            rationale: 'none seen',
            timelineEntryId: 31,
          }),
          transition('10:43', 'SKIP', 'watch', { rationale: 'historic logs' }),
          transition('10:44', 'EVIDENCE', 'enumeration'),
          transition('10:45', 'DECIDE', 'compromise', {
            choice: 'active-compromise',
            rationale: 'writes',
            timelineEntryId: 32,
          }),
        ],
      }),
      {
        deactivate: 'done',
        keyActivity: 'skipped',
        sessions: 'done',
        watch: 'skipped',
        enumeration: 'done',
        compromise: 'done',
      },
    );
    // Decisions 1 of 2 right: 30 of 60. Evidence/containment reached: deactivate, keyActivity,
    // enumeration; 1 skipped: 40 × 2/3 = 26.7. Total 56.7.
    const m = scoreStepsAndDecisions(teamCase({ runs: [run] }), leakedKeyTruth(), null);
    expect(m).toMatchObject({ value: 1, target: 2, score: 57 });
    expect(m.data).toMatchObject({
      decisionsRight: 1,
      decisionsJudged: 2,
      essentialStepsReached: 3,
      essentialStepsSkipped: 1,
      skipped: ['keyActivity: no time', 'watch: historic logs'],
    });
    expect(m.explanation).toContain(
      'chose none, the truth implies revoke because session credentials ASIAFEDERATED0000001 outlive the key',
    );
    expect(m.evidence.timeline).toEqual([30, 31, 32]);
  });

  it('judges "still open?" by when the team decided: after the close, "already closed" is right', () => {
    const run = (hhmm: string, choice: string): RunRecord => ({
      ...leakedKeyRun(),
      runbookId: 'public-bucket',
      steps: [
        {
          id: 'stillOpen',
          title: 'Still public?',
          phase: 'contain',
          kind: 'decision',
          state: 'done',
          action: null,
        },
      ],
      transitions: [transition(hhmm, 'DECIDE', 'stillOpen', { choice, rationale: 'checked' })],
    });
    const truth = publicBucketTruth(); // closed at 11:10
    expect(
      scoreStepsAndDecisions(teamCase({ runs: [run('12:00', 'already-closed')] }), truth, null)
        .data['decisionsRight'],
    ).toBe(1);
    expect(
      scoreStepsAndDecisions(teamCase({ runs: [run('09:00', 'already-closed')] }), truth, null)
        .data['decisionsRight'],
    ).toBe(0);
    // With an exercise clock the decision's wall time is mapped first: 09:00 wall is 12:00 here.
    const clock = { startedAtWallMs: ms('09:00'), simStartMs: ms('12:00'), speed: 1 };
    expect(
      scoreStepsAndDecisions(teamCase({ runs: [run('09:00', 'already-closed')] }), truth, clock)
        .data['decisionsRight'],
    ).toBe(1);
  });
});
