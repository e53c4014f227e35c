// Benchmark: parse ~1 M realistic S3 server access log lines and compare with baselines measured
// in the same run on the same lines (timings drift between machines; ratios mostly do not).
// Run: npx tsx bench/s3-access-parse.ts [lines]

import { parseS3AccessBuffer, parseS3AccessLine, splitLines } from '../src/sources/s3-access';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const UNIQUE = Math.min(TOTAL, 100_000); // a pool reused in passes keeps memory modest

// Deterministic pseudo-random numbers (mulberry32) so every run parses the same lines.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
function hex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick('0123456789abcdef'.split(''));
  return s;
}
function upper(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
  return s;
}

const OWNER = hex(64);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  '"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"',
  '"aws-cli/2.15.0 Python/3.11.6 Linux/6.2.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp"',
  '"[aws-sdk-go/1.44.0 (go1.20; linux; amd64) S3Manager]"',
  '"curl/8.4.0"',
  '"python-requests/2.31.0 \\"scan\\" [bot]"',
  '"S3Console/0.4"',
];
const KEYS = [
  'exports/customers-2024.csv',
  'backups/db%20dump+final.sql.gz',
  'img/logo.png',
  'a/b/c/d.json',
];

function time(): string {
  const d = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const two = (n: number) => String(Math.floor(random() * n)).padStart(2, '0');
  return `[${d}/${pick(MONTHS)}/2024:${two(24)}:${two(60)}:${two(60)} +0000]`;
}
function ip(): string {
  return `${1 + Math.floor(random() * 223)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
}
function tail(count: 18 | 24 | 26 | 27, sig: string, auth: string): string {
  if (count === 18) return '';
  const base = ` ${upper(40)}= ${sig} ECDHE-RSA-AES128-GCM-SHA256 ${auth} bucket.s3.us-east-1.amazonaws.com TLSv1.2`;
  if (count === 24) return base;
  if (count === 26) return `${base} - -`;
  return `${base} - - us-east-1`;
}

function generateLine(): string {
  const kind = random();
  const count = pick([18, 24, 24, 26, 27] as const);
  const key = pick(KEYS);
  const head = `${OWNER} bucket ${time()}`;
  if (kind < 0.35) {
    // anonymous GET of a public object
    return `${head} ${ip()} - ${upper(16)} REST.GET.OBJECT ${key} "GET /${key} HTTP/1.1" 200 - ${Math.floor(random() * 1e7)} ${Math.floor(random() * 1e7)} ${Math.floor(random() * 500)} ${Math.floor(random() * 50)} "-" ${pick(AGENTS)} -${tail(count, '-', '-')}`;
  }
  if (kind < 0.55) {
    // SigV4 presigned download
    const cred = `AKIA${upper(16)}%2F20240206%2Fus-east-1%2Fs3%2Faws4_request`;
    return `${head} ${ip()} - ${upper(16)} REST.GET.OBJECT ${key} "GET /${key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${cred}&X-Amz-Date=20240206T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${hex(64)} HTTP/1.1" 200 - 52341 52341 40 12 "-" ${pick(AGENTS)} -${tail(count, 'SigV4', 'QueryString')}`;
  }
  if (kind < 0.6) {
    // SigV2 presigned download
    return `${head} ${ip()} - ${upper(16)} REST.GET.OBJECT ${key} "GET /${key}?AWSAccessKeyId=AKIA${upper(16)}&Expires=1707177600&Signature=abc%2Bdef%3D HTTP/1.1" 200 - 1024 1024 9 8 "-" ${pick(AGENTS)} -${tail(count, 'SigV2', 'QueryString')}`;
  }
  if (kind < 0.9) {
    // authenticated API call
    return `${head} ${ip()} arn:aws:sts::123456789012:assumed-role/Admin/session-${upper(6)} ${upper(16)} REST.PUT.OBJECT ${key} "PUT /${key} HTTP/1.1" 200 - - 4406583 41754 28 "-" ${pick(AGENTS)} -${tail(count, 'SigV4', 'AuthHeader')}`;
  }
  // internal records: unquoted -, status -, remote IP -
  return `${head} - svc:delivery.logs.amazonaws.com ${upper(16)} BATCH.DELETE.OBJECT ${key} - 204 - - 1234 - - - - ${upper(24)}${tail(count, '-', '-')}`;
}

const generated: string[] = [];
for (let i = 0; i < UNIQUE; i++) generated.push(generateLine());
// Real lines are decoded from a file buffer (flat strings); take the pool from one, too.
const buffer = Buffer.from(generated.join('\n') + '\n', 'utf8');
const pool = Array.from(splitLines(buffer), (slice) => slice.line);
const passes = Math.ceil(TOTAL / UNIQUE);

function run(name: string, fn: (line: string) => number): { name: string; perSecond: number } {
  let sink = 0;
  for (const line of pool) sink += fn(line); // warm-up: let the JIT settle first
  const started = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const line of pool) sink += fn(line);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink === -1) console.log('unreachable'); // keeps the work observable
  return { name, perSecond: (passes * UNIQUE) / seconds };
}

// A typical hand-written regex parser (the logstash S3_ACCESS_LOG idea), for a second reference.
const REGEX =
  /^(\S+) (\S+) \[([^\]]+)\] (\S+) (\S+) (\S+) (\S+) (\S+) ("(?:[^"\\]|\\.)*"|-) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) ("(?:[^"\\]|\\.)*"|-) ("(?:[^"\\]|\\.)*"|-) (\S+)(?: (.*))?$/;

let rejected = 0;
const results = [
  run('line.split(" ") baseline', (line) => line.split(' ').length),
  run('regex baseline', (line) => REGEX.exec(line)?.length ?? 0),
  run('parseS3AccessLine', (line) => {
    const r = parseS3AccessLine(line);
    if (!r.ok) rejected++;
    return r.ok ? r.record.fieldCount : 0;
  }),
];
if (rejected > 0) throw new Error(`generated lines were rejected: ${rejected}`);

// End to end over one buffer: split with byte offsets, decode, parse.
let parsed = 0;
const e2eStarted = process.hrtime.bigint();
for (let p = 0; p < passes; p++)
  for (const item of parseS3AccessBuffer(buffer)) if (item.result.ok) parsed++;
const e2eSeconds = Number(process.hrtime.bigint() - e2eStarted) / 1e9;

const baseline = results[0]!.perSecond;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `S3 access log parse: ${fmt(passes * UNIQUE)} lines (${fmt(UNIQUE)} distinct, ${passes} passes)`,
);
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(28)} ${fmt(r.perSecond).padStart(12)} lines/s   ${(r.perSecond / baseline).toFixed(2)}x split`,
  );
}
console.log(
  `  ${'split + parse (buffer)'.padEnd(28)} ${fmt(parsed / e2eSeconds).padStart(12)} lines/s   ${(parsed / e2eSeconds / baseline).toFixed(2)}x split   ${(buffer.length / 1e6).toFixed(1)} MB`,
);
