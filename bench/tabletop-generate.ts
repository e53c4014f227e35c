// Tabletop generator benchmark: generates N CloudTrail records (a full scenario: background,
// incident, trail tree, access logs, truth.json) and compares its rate with a baseline measured
// in the same run: JSON.stringify of one fixed realistic record plus gzip in files of 2000.
//   npm run bench -- tabletop-generate [records] [scenario]   (default 1000000 leaked-key;
//   the target run is 10000000: "10 M records generate in minutes, not hours")
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from '../src/tabletop/generate';
import { SCENARIOS, type ScenarioId } from '../src/tabletop/truth';

/** A real-shaped record (the Stratus GetFederationToken capture's size and nesting). */
const FIXED_RECORD = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAN7SEM6PEVTNQR8M4',
    arn: 'arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user',
    accountId: '742491224508',
    accessKeyId: 'AKIA6V1GNZTT65XQH36M',
    userName: 'stratus-red-team-user-federation-user',
  },
  eventTime: '2024-11-30T08:43:18Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'GetCallerIdentity',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.10',
  userAgent:
    'aws-sdk-go-v2/1.32.3 os/linux lang/go#1.23.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.26.2',
  requestParameters: null,
  responseElements: null,
  requestID: '037be419-9e9f-42e0-a38f-2a5d2ae1ce65',
  eventID: '91529247-c4c4-4793-afc8-d70bbcfe9d19',
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '742491224508',
  eventCategory: 'Management',
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'sts.us-east-1.amazonaws.com',
  },
};

function baseline(records: number): { perSecond: number; bytes: number } {
  const started = process.hrtime.bigint();
  let bytes = 0;
  let batch: string[] = [];
  for (let i = 0; i < records; i++) {
    batch.push(JSON.stringify(FIXED_RECORD));
    if (batch.length === 2000) {
      bytes += gzipSync(`{"Records":[${batch.join(',')}]}`, { level: 6 }).length;
      batch = [];
    }
  }
  if (batch.length) bytes += gzipSync(`{"Records":[${batch.join(',')}]}`, { level: 6 }).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: records / seconds, bytes };
}

export async function benchTabletopGenerate(records: number, scenario: ScenarioId): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cairn-bench-tabletop-'));
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  try {
    // The baseline runs on as many records as the generator (capped: it is only a rate).
    const base = baseline(Math.min(records, 2_000_000));
    console.log(`generating ${fmt(records)} records (${scenario}, seed 1)…`);
    const started = process.hrtime.bigint();
    let lastShown = 0;
    const s = await generate({
      scenario,
      seed: 1,
      out: join(work, 'out'),
      events: records,
      // Enough hours that files are full-sized, as a busy organisation's trail is.
      hours: Math.max(24, Math.min(24 * 30, Math.ceil(records / 150_000))),
      onProgress: (p) => {
        if (p.records - lastShown >= 1_000_000) {
          lastShown = p.records;
          console.log(`  ${fmt(p.records)} records, ${fmt((p.records / p.elapsedMs) * 1000)}/s`);
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = s.records / seconds;
    console.log('');
    console.log(`baseline JSON.stringify + gzip (fixed record): ${fmt(base.perSecond)} records/s`);
    console.log(
      `tabletop generate:                             ${fmt(rate)} records/s  (${seconds.toFixed(1)} s for ${fmt(s.records)})`,
    );
    console.log(
      `  ${fmt(s.trailFiles)} trail files, ${(s.trailBytes / 1e6).toFixed(1)} MB gzip; ${fmt(s.accessLogLines)} access-log lines`,
    );
    console.log(`ratio generate / baseline rate: ${(rate / base.perSecond).toFixed(2)}`);
    console.log(
      `projected for 10,000,000 records: ${(10_000_000 / rate / 60).toFixed(1)} min  (target: minutes, not hours)`,
    );
    console.log(
      `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (streams: never holds the records)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function parseScenario(s: string | undefined): ScenarioId {
  const id = s ?? 'leaked-key';
  if (!(SCENARIOS as readonly string[]).includes(id)) {
    throw new Error(`scenario must be one of ${SCENARIOS.join(', ')}`);
  }
  return id as ScenarioId;
}
