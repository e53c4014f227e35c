// Logs are released on the simulated clock: a file reaches released/ only when its delivery time
// (in its name) has come, which is after every record in it. The records are read here with a
// separate parse (gunzip + JSON, the access log's bracketed time) to check that rule on a real
// generated incident.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deliveredAt,
  dueFiles,
  listLogFiles,
  releaseFiles,
} from '../../../../src/tabletop/exercise/release';
import { copyExercise, makeExercise, truthOf } from './fixture';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function walk(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? walk(root, join(dir, e.name))
      : [relative(root, join(dir, e.name)).split(sep).join('/')],
  );
}

/** Every record time in a generated log file, by a parse of its own. */
function recordTimes(path: string): number[] {
  if (path.endsWith('.json.gz')) {
    const body = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as {
      Records: { eventTime: string }[];
    };
    return body.Records.map((r) => Date.parse(r.eventTime));
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\]/.exec(line);
      if (!m) throw new Error(`no time in ${line}`);
      const [, d, mon, y, h, mi, s] = m;
      return Date.UTC(Number(y), MONTHS.indexOf(mon!), Number(d), Number(h), Number(mi), Number(s));
    });
}

let dir: string;
beforeAll(async () => {
  dir = await makeExercise('leaked-key');
}, 60_000);

describe('the delivery time in a generated file name', () => {
  it('reads CloudTrail and S3 server access log names', () => {
    expect(
      deliveredAt('111122223333_CloudTrail_us-east-1_20260316T2147Z_AbCdEfGhIjKlMnOp.json.gz'),
    ).toEqual({ kind: 'cloudtrail', ms: Date.UTC(2026, 2, 16, 21, 47) });
    expect(deliveredAt('2026-03-16-23-16-41-528C31A122F8AAD7')).toEqual({
      kind: 's3-access',
      ms: Date.UTC(2026, 2, 16, 23, 16, 41),
    });
  });

  it('knows nothing of other names (digests, notes, other tools)', () => {
    expect(
      deliveredAt(
        '111122223333_CloudTrail-Digest_us-east-1_20260316T2147Z_AbCdEfGhIjKlMnOp.json.gz',
      ),
    ).toBeNull();
    expect(deliveredAt('2026-03-16-23-16-41-528c31a122f8aad7')).toBeNull();
    expect(deliveredAt('truth.json')).toBeNull();
  });
});

describe('releasing logs on the simulated clock', () => {
  it('names every generated file for a time after its newest record', () => {
    const { files, unrecognised } = listLogFiles(dir);
    expect(unrecognised).toEqual([]);
    expect(files.length).toBe(walk(join(dir, 'logs')).length);
    for (const f of files) {
      const newest = Math.max(...recordTimes(join(dir, 'logs', f.rel)));
      expect(newest, f.rel).toBeLessThan(f.deliveredMs);
    }
  });

  it('copies exactly the files whose whole window is past, and nothing from the future', () => {
    const ex = copyExercise(dir);
    const truth = truthOf(ex);
    const at = Date.parse(truth.keyMoments.exposureStart.time) + 60 * 60_000;
    const copied = releaseFiles(ex, dueFiles(listLogFiles(ex).files, at));
    const released = walk(join(ex, 'released'));
    expect(copied).toBe(released.length);
    expect(released.length).toBeGreaterThan(0);
    const times = released.flatMap((rel) => recordTimes(join(ex, 'released', rel)));
    expect(Math.max(...times)).toBeLessThanOrEqual(at);
    // Completeness: a record older than the longest delivery delay (S3: under an hour) is out.
    const all = walk(join(ex, 'logs'));
    const held = all.filter((rel) => !released.includes(rel));
    for (const rel of held) {
      const oldest = Math.min(...recordTimes(join(ex, 'logs', rel)));
      expect(oldest, rel).toBeGreaterThan(at - 60 * 60_000);
    }
    // Copies are byte-identical, under the same relative path.
    const one = released[0]!;
    expect(readFileSync(join(ex, 'released', one))).toEqual(readFileSync(join(ex, 'logs', one)));
  });

  it('copies each file once and leaves no temporary files behind', () => {
    const ex = copyExercise(dir);
    const files = listLogFiles(ex).files;
    const at = Number.MAX_SAFE_INTEGER;
    expect(releaseFiles(ex, dueFiles(files, at))).toBe(files.length);
    expect(releaseFiles(ex, dueFiles(files, at))).toBe(0);
    const names = walk(join(ex, 'released'));
    expect(names.length).toBe(files.length);
    expect(names.filter((n) => n.split('/').some((p) => p.startsWith('.')))).toEqual([]);
  });
});
