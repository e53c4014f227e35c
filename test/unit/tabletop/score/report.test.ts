// The after-action report's content, before any renderer: what went well and what to improve,
// the team's timeline beside the truth's key moments, and the runbook steps.
import { describe, expect, it } from 'vitest';
import { afterActionRows } from '../../../../src/export/after-action';
import { buildAfterActionDocument } from '../../../../src/export/after-action-document';
import { scoreCase } from '../../../../src/tabletop/score';
import { buildAfterActionModel } from '../../../../src/tabletop/score/report';
import {
  LEAKED,
  at,
  entry,
  finding,
  leakedKeyRun,
  leakedKeyTruth,
  ms,
  teamCase,
  transition,
} from './fixtures';

const truth = leakedKeyTruth();
const run = {
  ...leakedKeyRun({
    transitions: [
      transition('10:30', 'START', ''),
      transition('10:50', 'ACTION', 'deactivate', {
        outcome: 'manual-confirmed',
        target: { kind: 'deactivate-access-key' as const, subject: LEAKED },
        actor: 'bob',
      }),
      transition('10:55', 'SKIP', 'keyActivity', { rationale: 'ran it by hand' }),
    ],
  }),
};
run.steps = run.steps.map((s) =>
  s.id === 'deactivate'
    ? { ...s, state: 'done' }
    : s.id === 'keyActivity'
      ? { ...s, state: 'skipped' }
      : s,
);
const pc = teamCase({
  runs: [run],
  findings: [
    finding(5, 'key-activity', LEAKED, {
      accessKeyId: LEAKED,
      window: { start: at('10:00'), end: null },
    }),
  ],
  timeline: [entry(7, 'note', 'Alert from GitHub secret scanning', '10:20')],
});
const score = scoreCase(pc, truth, {
  truthPath: '/t/truth.json',
  exerciseClock: null,
  nowMs: ms('15:00'),
});
const model = buildAfterActionModel(pc, score, truth, {
  format: 'pdf',
  preparedBy: 'facilitator',
  nowMs: ms('15:00'),
  toolVersion: '0.0.0',
  auditHead: null,
});

describe('the after-action report', () => {
  it('says what went well (80 or more) and what to improve, with advice', () => {
    // Contained 45 min after 10:05 (100); the window matches (100); the rest is missing.
    expect(model.wentWell.map((w) => w.split(' (')[0])).toEqual([
      'Time to containment',
      'Exposure window accuracy',
    ]);
    expect(model.improve.map((w) => w.split(' (')[0])).toEqual([
      'Attacker address accuracy',
      'Lineage completeness',
      'Notification deadlines',
      'Runbook steps and decisions',
    ]);
    expect(model.improve[1]).toContain(
      'Run key activity on the leaked key and follow every credential it begot',
    );
  });

  it('puts the team’s entries beside the truth’s moments, in time order', () => {
    const rows = model.sideBySide.map((r) => [r.at.slice(11, 16), r.truth ? 'truth' : 'team']);
    expect(rows).toEqual([
      ['10:00', 'truth'], // exposure starts (the story line at 10:00 is the same moment)
      ['10:05', 'truth'],
      ['10:20', 'team'],
      ['11:00', 'truth'],
      ['12:00', 'truth'], // story: payroll files downloaded
      ['13:00', 'truth'],
    ]);
    expect(model.sideBySide[2]!.team).toBe('T7 note by alice: Alert from GitHub secret scanning');
  });

  it('lists each runbook step with who, when and why, then the steps not reached', () => {
    const steps = model.runs[0]!.steps;
    expect(steps.slice(0, 2)).toMatchObject([
      {
        step: 'deactivate',
        what: `action manual-confirmed (deactivate-access-key ${LEAKED})`,
        who: 'bob',
        wallAt: at('10:50'),
      },
      { step: 'keyActivity', what: 'skipped', note: 'ran it by hand' },
    ]);
    expect(steps.slice(2).every((s) => s.what === 'not reached' && s.who === null)).toBe(true);
  });

  it('lays the overall score out on the cover and as the first row', () => {
    const doc = buildAfterActionDocument(model, 'abc');
    const cover = JSON.stringify(doc[0]);
    expect(cover).toContain(`Overall score: ${score.overall.score} / 100`);
    const rows = afterActionRows(model);
    expect(rows[0]).toMatchObject({ rowId: 'overall', score: String(score.overall.score) });
    expect(rows.filter((r) => r.section === 'metric')).toHaveLength(6);
  });
});
