// The tabletop generator: an organisation's routine activity for the whole window, streamed
// hour by hour (never held in memory), with a scenario's incident merged in by time; written as
// a CloudTrail trail tree and S3 server access logs, plus truth.json. The same seed and options
// give byte-identical output.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CairnError } from '../shared/errors';
import { parseInstant } from '../shared/time';
import { AccessLogWriter } from './access-log-writer';
import { BackgroundActivity, INTERNAL_CIDRS, makeOrg, type ActivitySink } from './background';
import { AsyncGzipSink } from './gzip-sink';
import { obligationsFor } from './obligations';
import { Rng } from './random';
import { hourlyQuotas } from './schedule';
import { SCENARIO_LIST } from './scenarios';
import type { IncidentItem } from './scenarios/incident';
import { TrailWriter } from './trail-writer';
import { SCENARIOS, type ScenarioId, type Truth } from './truth';

export const GENERATE_DEFAULTS = {
  events: 50_000,
  start: '2026-03-16T00:00:00Z',
  hours: 72,
} as const;

export interface GenerateOptions {
  scenario: ScenarioId;
  seed: number;
  /** An empty or new folder. */
  out: string;
  /** CloudTrail records in all (background plus incident); the incident is never cut. */
  events?: number;
  start?: string;
  hours?: number;
  /** Minutes from the first malicious use to containment; null: never contained; absent: from the seed. */
  containAfterMinutes?: number | null;
  persistence?: boolean;
  writes?: boolean;
  dataEvents?: boolean;
  gzipLevel?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: 'writing' | 'finishing';
  records: number;
  total: number;
  elapsedMs: number;
}

export interface GenerateSummary {
  scenario: ScenarioId;
  title: string;
  seed: number;
  out: string;
  truthPath: string;
  cloudTrailRoot: string;
  s3AccessLogRoot: string;
  window: { start: string; end: string };
  records: number;
  backgroundRecords: number;
  incidentRecords: number;
  trailFiles: number;
  trailBytes: number;
  accessLogLines: number;
  accessLogFiles: number;
  elapsedMs: number;
  recordsPerSecond: number;
}

const HOUR = 3_600_000;
const MAX_IN_FLIGHT = 6;

function checkOptions(o: GenerateOptions): void {
  if (!(SCENARIOS as readonly string[]).includes(o.scenario)) {
    throw new CairnError(
      'INVALID_INPUT',
      `scenario: "${o.scenario}" is not one of ${SCENARIOS.join(', ')}`,
    );
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new CairnError(
      'INVALID_INPUT',
      `seed: ${o.seed} is not a whole number from 0 to 4294967295`,
    );
  }
  const events = o.events ?? GENERATE_DEFAULTS.events;
  if (!Number.isInteger(events) || events < 0 || events > 1_000_000_000) {
    throw new CairnError(
      'INVALID_INPUT',
      `events: ${events} is not a whole number from 0 to 1000000000`,
    );
  }
  const hours = o.hours ?? GENERATE_DEFAULTS.hours;
  if (!Number.isInteger(hours) || hours < 12 || hours > 24 * 90) {
    throw new CairnError(
      'INVALID_INPUT',
      `hours: ${hours} is not a whole number from 12 to 2160`,
      'a scenario needs at least 12 hours to unfold',
    );
  }
  const c = o.containAfterMinutes;
  if (c !== undefined && c !== null && (!Number.isInteger(c) || c < 1)) {
    throw new CairnError(
      'INVALID_INPUT',
      `containAfterMinutes: ${c} is not a whole number of minutes (1 or more)`,
    );
  }
}

function prepareOut(out: string): string {
  const dir = resolve(out);
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    mkdirSync(dir, { recursive: true });
  }
  if (entries.length > 0) {
    throw new CairnError(
      'INVALID_INPUT',
      `out: ${dir} is not empty`,
      'give a new or empty folder: the generator never mixes its files with others',
    );
  }
  return dir;
}

function orgIps(org: ReturnType<typeof makeOrg>): Set<string> {
  const ips = new Set<string>();
  for (const a of org.actors) {
    for (const ip of a.ips) ips.add(ip);
    const issuer = a.sessions?.issuer;
    if (issuer && issuer.kind !== 'service') ips.add(issuer.ip);
  }
  return ips;
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  checkOptions(options);
  const began = process.hrtime.bigint();
  const out = prepareOut(options.out);
  const { seed } = options;
  const startMs = parseInstant(options.start ?? GENERATE_DEFAULTS.start, 'start');
  const hours = options.hours ?? GENERATE_DEFAULTS.hours;
  const endMs = startMs + hours * HOUR;
  const events = options.events ?? GENERATE_DEFAULTS.events;
  const containAfterMinutes =
    options.containAfterMinutes === undefined
      ? Rng.derive(seed, 'containment').int(150, 420)
      : options.containAfterMinutes;
  const scenarioOptions = {
    containAfterMinutes,
    persistence: options.persistence ?? true,
    writes: options.writes ?? true,
    dataEvents: options.dataEvents ?? true,
  };

  const org = makeOrg(Rng.derive(seed, 'org'), {
    accounts: 3,
    regions: ['us-east-1', 'eu-west-1', 'us-west-2'],
  });
  const scenario = SCENARIO_LIST[options.scenario];
  const { incident, truth: told } = scenario.build({
    org,
    rng: Rng.derive(seed, 'incident'),
    startMs,
    endMs,
    options: scenarioOptions,
    orgIps: orgIps(org),
  });
  const items = incident.sorted();
  const incidentRecords = incident.cloudTrailCount();
  const backgroundTarget = Math.max(0, events - incidentRecords);
  const total = backgroundTarget + incidentRecords;

  const cloudTrailRoot = join(out, 'logs', 'cloudtrail');
  const s3AccessLogRoot = join(out, 'logs', 's3-access');
  const sink = new AsyncGzipSink(options.gzipLevel ?? 6);
  const trail = new TrailWriter(cloudTrailRoot, Rng.derive(seed, 'trail-files'), {
    maxSpanMs: 5 * 60_000,
    recordsPerFile: 2000,
    orgId: org.orgId,
    sink,
  });
  const access = new AccessLogWriter(s3AccessLogRoot, Rng.derive(seed, 'access-log-files'));
  const writeItem = (item: IncidentItem): void => {
    if (item.record) trail.add(item.record);
    if (item.access) access.add(item.access.bucket, item.timeMs, item.access.line);
  };
  const activitySink: ActivitySink = {
    record: (r) => trail.add(r),
    accessLog: (bucket, timeMs, line) => access.add(bucket, timeMs, line),
  };

  const activity = new BackgroundActivity(Rng.derive(seed, 'background'), org, startMs);
  const clock = Rng.derive(seed, 'background-times');
  const quotas = hourlyQuotas(startMs, hours, backgroundTarget);
  let next = 0;
  let background = 0;
  let lastReport = 0;
  const report = (phase: GenerateProgress['phase']): void =>
    options.onProgress?.({
      phase,
      records: trail.records,
      total,
      elapsedMs: Number(process.hrtime.bigint() - began) / 1e6,
    });
  for (let h = 0; h < hours; h++) {
    const quota = quotas[h]!;
    const hourStart = startMs + h * HOUR;
    const step = HOUR / Math.max(1, quota);
    let done = 0;
    let t = hourStart;
    while (done < quota) {
      t = Math.max(t, hourStart + Math.floor((done + clock.next()) * step));
      while (next < items.length && items[next]!.timeMs <= t) writeItem(items[next++]!);
      done += activity.tick(t, quota - done, activitySink);
      if (trail.records - lastReport >= 100_000) {
        lastReport = trail.records;
        report('writing');
      }
      if (sink.inFlight > MAX_IN_FLIGHT) await sink.drain(MAX_IN_FLIGHT / 2);
    }
    background += done;
  }
  while (next < items.length) writeItem(items[next++]!);
  report('finishing');
  trail.finish();
  access.finish();
  await sink.drain();

  const truth: Truth = {
    format: 'cairn.tabletop.truth',
    version: 1,
    scenario: options.scenario,
    title: told.title,
    seed,
    parameters: {
      events,
      start: new Date(startMs).toISOString(),
      hours,
      ...scenarioOptions,
    },
    window: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
    layout: {
      cloudTrail: 'logs/cloudtrail',
      s3AccessLogs: 'logs/s3-access',
      organizationId: org.orgId,
    },
    org: {
      accounts: org.accounts.map((id, i) => ({
        id,
        name: ['production', 'staging', 'shared-services'][i] ?? `account-${i + 1}`,
      })),
      regions: org.regions,
      victimAccount: org.accounts[0]!,
      internalCidrs: [...INTERNAL_CIDRS],
    },
    story: told.story,
    keyMoments: told.keyMoments,
    attacker: told.attacker,
    credentials: told.credentials,
    exposureWindows: told.exposureWindows,
    buckets: told.buckets,
    objectsRead: told.objectsRead,
    obligations: obligationsFor(told.facts),
    counts: {
      cloudTrailRecords: trail.records,
      backgroundRecords: background,
      incidentRecords,
      trailFiles: trail.files,
      accessLogLines: access.lines,
      accessLogFiles: access.files,
    },
  };
  const truthPath = join(out, 'truth.json');
  writeFileSync(truthPath, `${JSON.stringify(truth, null, 2)}\n`);
  const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
  return {
    scenario: options.scenario,
    title: told.title,
    seed,
    out,
    truthPath,
    cloudTrailRoot,
    s3AccessLogRoot,
    window: truth.window,
    records: trail.records,
    backgroundRecords: background,
    incidentRecords,
    trailFiles: trail.files,
    trailBytes: sink.bytes,
    accessLogLines: access.lines,
    accessLogFiles: access.files,
    elapsedMs: Math.round(elapsedMs),
    recordsPerSecond: Math.round(trail.records / Math.max(elapsedMs / 1000, 1e-3)),
  };
}
