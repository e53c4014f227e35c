// Generates a realistic trail tree of N records for benchmarks (the tabletop generator's
// background activity, written as CloudTrail delivers it).
import { makeOrg, routineRecord } from '../../src/tabletop/background';
import { Rng } from '../../src/tabletop/random';
import { TrailWriter } from '../../src/tabletop/trail-writer';

export interface GeneratedTrail {
  root: string;
  records: number;
  files: number;
  gzipBytes: number;
  /** An access key that appears in the data, for the jq baseline. */
  sampleAccessKey: string;
}

export function generateTrail(root: string, records: number, seed = 42): GeneratedTrail {
  const rng = new Rng(seed);
  const org = makeOrg(rng);
  const writer = new TrailWriter(root, rng, { gzipLevel: 6 });
  let t = Date.UTC(2026, 2, 20);
  let sampleAccessKey = '';
  for (let i = 0; i < records; i++) {
    t += rng.int(50, 400);
    const r = routineRecord(rng, org, t);
    const key = (r['userIdentity'] as { accessKeyId?: string }).accessKeyId;
    if (!sampleAccessKey && key?.startsWith('AKIA')) sampleAccessKey = key;
    writer.add(r);
  }
  writer.finish();
  return { root, records, files: writer.files, gzipBytes: writer.bytes, sampleAccessKey };
}
