// Lineage completeness: truth has a backdoor key, a federation token and a created user.
import { describe, expect, it } from 'vitest';
import { scoreLineage } from '../../../../src/tabletop/score/lineage';
import {
  BACKDOOR,
  FEDERATED,
  LEAKED,
  finding,
  leakedKeyTruth,
  publicBucketTruth,
  teamCase,
} from './fixtures';

describe('lineage completeness', () => {
  it('is left out of the overall where the attacker derived and created nothing', () => {
    const m = scoreLineage(teamCase(), publicBucketTruth());
    expect(m.applicable).toBe(false);
    expect(m.explanation).toMatch(/derived no credential and created no principal/);
  });

  it('scores 0 and says why without a key activity finding', () => {
    const m = scoreLineage(teamCase(), leakedKeyTruth());
    expect(m).toMatchObject({ applicable: true, score: 0, target: 3 });
    expect(m.explanation).toMatch(/^No key activity finding in the case/);
  });

  it('counts each derived credential and created user found: 2 of 3 is 67', () => {
    const f = finding(6, 'key-activity', LEAKED, {
      accessKeyId: LEAKED,
      derivedCredentials: [{ accessKeyId: BACKDOOR, createdBy: { eventId: 'ev-createkey' } }],
      createdPrincipals: [
        { kind: 'user', name: 'aws-support-sync', by: { eventId: 'ev-createuser' } },
      ],
    });
    const m = scoreLineage(teamCase({ findings: [f] }), leakedKeyTruth());
    expect(m).toMatchObject({ value: 2, target: 3, score: 67 });
    expect(m.data).toMatchObject({ found: [BACKDOOR, 'aws-support-sync'], missed: [FEDERATED] });
    expect(m.explanation).toContain(`missed federation-token ${FEDERATED}`);
    expect(m.evidence.findings).toEqual([6]);
  });
});
