// Ingest benchmark: generates a trail tree of N records (gzip, ~1000 records a file), then in
// the same run measures the baselines — a `zcat | jq` filter for one access key, and a plain
// gunzip + JSON.parse pass in Node — and Cairn's ingest, and prints the ratios.
//   npm run bench -- ingest [records] [large|delivery]
//     (default 200000 large; the target run is 1000000)
//   large:    ~1000 records a file, the reference layout;
//   delivery: CloudTrail's real cadence (a file per account and Region every five minutes, so
//             thousands of small files), from the tabletop generator's leaked-key scenario.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { callOp, createApiContext } from '../src/api';
import type { Db } from '../src/casefile/sqlite';
import { localFeed } from '../src/sources/feeds/local';
import { runIngest } from '../src/sources/ingest/runner';
import { generate } from '../src/tabletop/generate';
import { TruthSchema } from '../src/tabletop/truth';
import { generateTrail, type GeneratedTrail } from './lib/trail';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out.sort();
}

/** Bytes per table and index, largest first (SQLite's dbstat). */
function sizeBreakdown(db: Db): { name: string; bytes: number }[] {
  return db
    .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
    .all() as { name: string; bytes: number }[];
}

function seconds(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

export type TrailLayout = 'large' | 'delivery';

async function deliveryTrail(out: string, records: number): Promise<GeneratedTrail> {
  const summary = await generate({ scenario: 'leaked-key', seed: 42, out, events: records });
  const truth = TruthSchema.parse(JSON.parse(readFileSync(summary.truthPath, 'utf8')));
  return {
    root: summary.cloudTrailRoot,
    records: summary.records,
    files: summary.trailFiles,
    gzipBytes: summary.trailBytes,
    sampleAccessKey: truth.credentials.leaked[0]?.accessKeyId ?? '',
  };
}

export async function benchIngest(records: number, layout: TrailLayout = 'large'): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cairn-bench-ingest-'));
  try {
    console.log(`generating ${records.toLocaleString('en-US')} records (${layout} files)…`);
    const trail =
      layout === 'large'
        ? generateTrail(join(work, 'trail'), records)
        : await deliveryTrail(join(work, 'gen'), records);
    const all = files(trail.root);
    console.log(`  ${trail.files} files, ${(trail.gzipBytes / 1e6).toFixed(1)} MB gzip`);

    let parsed = 0;
    const tParse = seconds(() => {
      for (const f of all)
        parsed += (
          JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] }
        ).Records.length;
    });
    let tJq: number | null = null;
    try {
      tJq = seconds(() => {
        execFileSync(
          'sh',
          [
            '-c',
            `find "${trail.root}" -name '*.json.gz' -print0 | xargs -0 zcat | jq -c '.Records[] | select(.userIdentity.accessKeyId == "${trail.sampleAccessKey}")' > /dev/null`,
          ],
          { stdio: 'inherit' },
        );
      });
    } catch {
      console.log('  (jq baseline skipped: zcat/jq not available)');
    }

    const ctx = createApiContext({ actor: 'bench' });
    const c = await callOp(
      'case.create',
      { path: join(work, 'bench.cairn'), title: 'ingest bench' },
      ctx,
    );
    const file = ctx.cases.forWrite(c.path);
    const rssBefore = process.memoryUsage().rss;
    const t0 = process.hrtime.bigint();
    const report = await runIngest(file, [await localFeed(trail.root, {})], {
      actor: 'bench',
      kind: 'auto',
      bulk: process.env['BENCH_BULK'] === 'never' ? 'never' : 'always',
    });
    const tIngest = Number(process.hrtime.bigint() - t0) / 1e9;
    const breakdown = sizeBreakdown(file.db);
    ctx.cases.closeAll();
    const caseBytes = statSync(c.path).size;
    const s = report.sources[0]!;

    const rate = (n: number, t: number): string =>
      `${Math.round(n / t).toLocaleString('en-US')} records/s`;
    console.log('');
    console.log(
      `baseline gunzip+JSON.parse (Node, 1 core): ${tParse.toFixed(2)} s  ${rate(parsed, tParse)}`,
    );
    if (tJq !== null)
      console.log(
        `baseline zcat | jq (one access key):        ${tJq.toFixed(2)} s  ${rate(records, tJq)}`,
      );
    console.log(
      `cairn ingest (bulk=${report.bulk}):                 ${tIngest.toFixed(2)} s  ${rate(s.inserted, tIngest)}`,
    );
    console.log(`  inserted ${s.inserted}, duplicates ${s.duplicates}, rejected ${s.rejected}`);
    console.log('');
    console.log(
      `ratio ingest / gunzip+parse rate: ${(tParse / tIngest).toFixed(2)}  (target >= 0.60)`,
    );
    if (tJq !== null)
      console.log(`ratio ingest / jq time:           ${(tJq / tIngest).toFixed(2)}`);
    console.log(
      `case file / gzip input size:      ${(caseBytes / trail.gzipBytes).toFixed(2)}  (target <= 2.0)`,
    );
    console.log('  where the bytes are (bytes per inserted record):');
    for (const b of breakdown.slice(0, 8))
      console.log(`    ${b.name.padEnd(34)} ${(b.bytes / s.inserted).toFixed(1).padStart(6)}`);
    console.log(
      `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (rss before ingest ${(rssBefore / 1e6).toFixed(0)} MB)  (target < 1024 MB at 1M records)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
