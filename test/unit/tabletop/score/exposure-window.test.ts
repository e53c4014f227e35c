// Exposure window accuracy. The leaked-key truth's window is the union of its credential windows:
// 10:00 until open (the backdoor key is never turned off), i.e. until the logs end at 24:00.
import { describe, expect, it } from 'vitest';
import { scoreExposureWindow } from '../../../../src/tabletop/score/exposure-window';
import {
  LEAKED,
  at,
  finding,
  leakedKeyRun,
  leakedKeyTruth,
  publicBucketTruth,
  teamCase,
} from './fixtures';

const keyFinding = (start: string, end: string | null) =>
  finding(5, 'key-activity', LEAKED, { accessKeyId: LEAKED, window: { start, end } });

describe('exposure window accuracy', () => {
  it('scores 0 and says why when the case has no window', () => {
    const m = scoreExposureWindow(teamCase(), leakedKeyTruth());
    expect(m).toMatchObject({ score: 0, value: null });
    expect(m.explanation).toMatch(/^No exposure window in the case/);
  });

  it('gives full marks to the key activity window that matches, open end and all', () => {
    const m = scoreExposureWindow(
      teamCase({ findings: [keyFinding(at('10:00'), null)] }),
      leakedKeyTruth(),
    );
    expect(m).toMatchObject({ value: 1, score: 100 });
    expect(m.evidence.findings).toEqual([5]);
    expect(m.data).toMatchObject({ startErrorMinutes: 0, endErrorMinutes: 0, overlap: 1 });
  });

  it('weighs the overlap, the start and the end: a window closed at the deactivation misses the backdoor', () => {
    // Team 10:30–13:00 against truth 10:00–24:00: overlap 2.5 h / 14 h = 0.1786; start 30 min
    // off = 1 − 29/59 = 0.5085 of its quarter; end 11 h off = 0. 50 × 0.1786 + 25 × 0.5085 = 21.6.
    const m = scoreExposureWindow(
      teamCase({ findings: [keyFinding(at('10:30'), at('13:00'))] }),
      leakedKeyTruth(),
    );
    expect(m.value).toBeCloseTo(0.179, 3);
    expect(m.score).toBe(22);
    expect(m.data).toMatchObject({ startErrorMinutes: 30, endErrorMinutes: -660 });
  });

  it('takes a run’s exposedAt when there is no finding, and scores only the start', () => {
    const run = leakedKeyRun({ facts: { accessKeyId: LEAKED, exposedAt: at('10:00') } });
    const m = scoreExposureWindow(teamCase({ runs: [run] }), leakedKeyTruth());
    expect(m).toMatchObject({ value: null, score: 25 });
    expect(m.explanation).toMatch(/Only a start is recorded \(run #1's exposedAt fact\)/);
  });

  it('reads a bucket exposure finding from when the bucket was known public', () => {
    const result = {
      bucket: 'exports-eu',
      windows: [{ start: at('08:04'), publicFrom: at('08:07'), end: at('11:10') }],
    };
    const m = scoreExposureWindow(
      teamCase({ findings: [finding(9, 'bucket-exposure', 'exports-eu', result)] }),
      publicBucketTruth(),
    );
    expect(m).toMatchObject({ value: 1, score: 100 });
    // A finding about another bucket does not count.
    const other = { ...result, bucket: 'someone-elses' };
    expect(
      scoreExposureWindow(
        teamCase({ findings: [finding(9, 'bucket-exposure', 'someone-elses', other)] }),
        publicBucketTruth(),
      ).score,
    ).toBe(0);
  });
});
