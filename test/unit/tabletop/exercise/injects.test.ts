// Injects per scenario, timed from the generated truth: each expected time below is the truth's
// moment plus the delay written next to it, worked out here rather than taken from the code.
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleInjects, simStartFor } from '../../../../src/tabletop/exercise/injects';
import { readExercise } from '../../../../src/tabletop/exercise/store';
import type { Truth } from '../../../../src/tabletop/truth';
import { makeExercise, truthOf } from './fixture';

const MIN = 60_000;
const at = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * MIN).toISOString();

const truths: Record<string, Truth> = {};
const dirs: Record<string, string> = {};
beforeAll(async () => {
  for (const s of ['leaked-key', 'public-bucket', 'enumeration'] as const) {
    dirs[s] = await makeExercise(s, { seed: 11 });
    truths[s] = truthOf(dirs[s]);
  }
}, 90_000);

describe('inject schedules', () => {
  it('leaked key: GitHub, then AWS Health, the GuardDuty findings it earns, then counsel', () => {
    const t = truths['leaked-key']!;
    const key = t.credentials.leaked[0]!;
    const exposed = t.keyMoments.exposureStart.time;
    const expected = new Map<string, string>([
      ['github-secret-scanning', at(exposed, 7)],
      ['aws-health-exposed-key', at(exposed, 24)],
      ['counsel-awareness', at(exposed, 7 + 75)],
    ]);
    if (t.attacker.ips.some((i) => i.kind === 'tor'))
      expected.set('guardduty-tor-caller', at(t.keyMoments.firstMaliciousUse.time, 20));
    const created = t.credentials.createdPrincipals[0];
    if (created) expected.set('guardduty-persistence', at(created.createdBy.time, 30));
    const read = t.objectsRead[0];
    if (read) expected.set('guardduty-exfiltration', at(read.firstReadAt, 25));

    // This seed's incident has them all: Tor scanners, a backdoor user, payroll files read.
    expect(expected.size).toBe(6);
    const injects = scheduleInjects(t);
    expect(new Map(injects.map((i) => [i.id, i.simTime]))).toEqual(expected);
    expect(injects.map((i) => i.simTime)).toEqual(injects.map((i) => i.simTime).sort());
    expect(injects[0]!.text).toContain(key.accessKeyId);
  });

  it('public bucket: the researcher writes after the scanners arrive, naming the bucket', () => {
    const t = truths['public-bucket']!;
    const bucket = t.buckets[0]!.name;
    const injects = scheduleInjects(t);
    const email = injects.find((i) => i.id === 'researcher-email')!;
    expect(email.simTime).toBe(at(t.keyMoments.firstMaliciousUse.time, 30));
    expect(email.title).toBe(`Your S3 bucket ${bucket} is public`);
    expect(injects.find((i) => i.id === 'counsel-awareness')!.simTime).toBe(at(email.simTime, 75));
    if (t.objectsRead.length > 0 && t.keyMoments.inflectionPoint) {
      expect(injects.find((i) => i.id === 'customer-forum-post')!.simTime).toBe(
        at(t.keyMoments.inflectionPoint.time, 120),
      );
    }
  });

  it('enumeration: GuardDuty sees the sweep, then the credentials used off the instance', () => {
    const t = truths['enumeration']!;
    const first = t.keyMoments.firstMaliciousUse;
    const ip = t.attacker.ips.find((i) => i.ip === first.sourceIp)!;
    const injects = scheduleInjects(t);
    const recon = injects.find((i) => i.id === 'guardduty-recon')!;
    expect(recon.simTime).toBe(at(first.time, 15));
    expect(recon.title).toBe(
      ip.kind === 'tor'
        ? 'Finding (medium): Recon:IAMUser/TorIPCaller'
        : 'Finding (medium): Discovery:IAMUser/AnomalousBehavior',
    );
    const exfil = injects.find((i) => i.id === 'guardduty-instance-credentials')!;
    expect(exfil.simTime).toBe(at(first.time, 35));
    expect(exfil.text).toContain(ip.ip);
    expect(exfil.title.endsWith(ip.kind === 'aws-ec2' ? '.InsideAWS' : '.OutsideAWS')).toBe(true);
  });

  it('never times an inject before the incident began', () => {
    for (const t of Object.values(truths)) {
      for (const i of scheduleInjects(t)) {
        expect(Date.parse(i.simTime), `${t.scenario} ${i.id}`).toBeGreaterThan(
          Date.parse(t.keyMoments.exposureStart.time),
        );
      }
    }
  });

  it('starts the clock ten minutes before the first inject, and writes that into exercise.json', () => {
    for (const [s, t] of Object.entries(truths)) {
      const ex = readExercise(dirs[s]!);
      const first = scheduleInjects(t)[0]!;
      expect(ex.simStart).toBe(at(first.simTime, -10));
      expect(ex.injects).toEqual(scheduleInjects(t));
    }
  });

  it('never starts the clock before the logs begin', () => {
    const t = truths['leaked-key']!;
    const early = [{ ...scheduleInjects(t)[0]!, simTime: at(t.window.start, 3) }];
    expect(simStartFor(t, early)).toBe(Date.parse(t.window.start));
  });
});
