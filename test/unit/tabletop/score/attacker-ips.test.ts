// Attacker address accuracy: truth's attackers are 15.0.0.1, 185.0.0.2 and 176.0.0.3.
import { describe, expect, it } from 'vitest';
import { scoreAttackerIps } from '../../../../src/tabletop/score/attacker-ips';
import { LEAKED, finding, leakedKeyTruth, teamCase } from './fixtures';

const truth = leakedKeyTruth();
const keyActivity = finding(3, 'key-activity', LEAKED, {
  accessKeyId: LEAKED,
  byIp: [{ ip: '198.51.100.77' }, { ip: '15.0.0.1' }, { ip: '185.0.0.2' }],
  events: [{ eventId: 'e1', sourceIp: 'iam.amazonaws.com' }],
});
const sweep = finding(4, 'enumeration', LEAKED, {
  sessions: [
    { sourceIp: '176.0.0.3', classification: 'active-compromise' },
    { sourceIp: '9.9.9.9', classification: 'routine' },
  ],
});
const classes = {
  '198.51.100.77': 'internal',
  '15.0.0.1': 'aws',
  '185.0.0.2': 'tor',
  '176.0.0.3': 'tor',
  '9.9.9.9': 'public',
  'iam.amazonaws.com': 'aws-service',
};

describe('attacker address accuracy', () => {
  it('scores 0 and says why when nothing names an address', () => {
    const m = scoreAttackerIps(teamCase(), truth);
    expect(m.score).toBe(0);
    expect(m.explanation).toMatch(/^No key activity, enumeration or bucket exposure finding/);
  });

  it('flags outside addresses of the key and of suspicious sessions, not internal ones or routine sessions', () => {
    const m = scoreAttackerIps(
      teamCase({ findings: [keyActivity, sweep], ipClass: classes }),
      truth,
    );
    expect(m).toMatchObject({ value: 1, score: 100 });
    expect(m.data).toMatchObject({ precision: 1, recall: 1, wrong: [], missed: [] });
    expect(m.evidence.findings).toEqual([3, 4]);
  });

  it('counts the organisation’s own address against precision when it was never marked internal', () => {
    // 4 flagged, 3 right: precision 0.75, recall 1, F1 = 1.5 / 1.75 = 0.857.
    const m = scoreAttackerIps(
      teamCase({
        findings: [keyActivity, sweep],
        ipClass: { ...classes, '198.51.100.77': 'public' },
      }),
      truth,
    );
    expect(m.value).toBeCloseTo(0.857, 3);
    expect(m.score).toBe(86);
    expect(m.explanation).toContain("not the attacker's: 198.51.100.77");
  });

  it('names what was missed with its role, and takes pinned evidence as flagged', () => {
    const only = scoreAttackerIps(teamCase({ findings: [keyActivity], ipClass: classes }), truth);
    // 2 of 3: precision 1, recall 2/3, F1 0.8.
    expect(only.score).toBe(80);
    expect(only.explanation).toContain('missed 176.0.0.3 (federated session)');
    const pinned = scoreAttackerIps(
      teamCase({
        findings: [keyActivity],
        ipClass: classes,
        pinned: [{ entryId: 21, type: 'event', id: 'e9', sourceIp: '176.0.0.3' }],
      }),
      truth,
    );
    expect(pinned.score).toBe(100);
    expect(pinned.evidence.timeline).toEqual([21]);
  });
});
