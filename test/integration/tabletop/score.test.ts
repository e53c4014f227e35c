// A short leaked-key exercise played through the API as a team would: ingest, the runbook (with
// containment confirmed as done by hand), the analyses its evidence steps run, the awareness time
// and the facts, one notice. The score is checked against values worked out here from the
// truth, the runbook's own history and the findings (with the test's own CIDR check), never from
// the scoring code; then the after-action report in every format. A team that did nothing scores
// 0 with a reason for each metric.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnumerationResult } from '../../../src/analysis/enumeration';
import type { KeyActivity } from '../../../src/analysis/key/activity';
import { callOp } from '../../../src/api';
import type {
  ExerciseClockInput,
  ScoreMetric,
  TabletopReportResult,
  TabletopScore,
} from '../../../src/shared/ops/tabletop-score';
import type { RunStatus } from '../../../src/shared/runbook';
import { newCase, testContext } from '../../helpers/case';
import { cli, cliJson } from '../../helpers/cli';
import { fileScopedDir, freshDir } from '../../helpers/tmp';
import { generatedCase, inCidrs, type PlayedCase } from './scenario';

const MINUTE = 60_000;
let c: PlayedCase;
let clock: ExerciseClockInput;
let containedWallMs: number;
let run: RunStatus;
let score: TabletopScore;
let reportDir: string;

const metric = (id: ScoreMetric['id']): ScoreMetric => score.metrics.find((m) => m.id === id)!;

beforeAll(async () => {
  c = await generatedCase(
    fileScopedDir(),
    { scenario: 'leaked-key', seed: 3 },
    { actor: 'team-a' },
  );
  const { ctx, path, truth } = c;
  const leaked = truth.credentials.leaked[0]!;
  // The exercise starts now; the alert reaches the team 20 minutes (incident time) after the
  // first malicious use, and ten incident minutes pass per wall-clock second.
  const firstUse = Date.parse(truth.keyMoments.firstMaliciousUse.time);
  clock = { startedAtWallMs: ctx.clock(), simStartMs: firstUse + 20 * MINUTE, speed: 600 };

  run = await callOp(
    'runbook.start',
    { path, runbook: 'leaked-access-key', facts: { accessKeyId: leaked.accessKeyId } },
    ctx,
  );
  const step = async (request: Record<string, unknown>): Promise<RunStatus> => {
    const r = await callOp(
      'runbook.step',
      { path, runId: run.runId, step: run.step.id, request: request as never },
      ctx,
    );
    run = r.status;
    return run;
  };
  await step({ kind: 'input', values: { exposedAt: leaked.exposedAt } });
  await step({ kind: 'complete', checked: [0, 1] });
  await step({
    kind: 'act',
    mode: 'confirm-manual',
    note: 'priya deactivated it in the IAM console',
  });
  containedWallMs = Date.parse(run.history.at(-1)!.at);
  await step({ kind: 'evidence' });
  await step({
    kind: 'decide',
    choice: 'revoke',
    rationale: 'a federation token outlives the key',
  });
  await step({
    kind: 'act',
    mode: 'confirm-manual',
    note: 'priya attached AWSRevokeOlderSessions',
  });
  await step({ kind: 'skip', reason: 'the logs are historic: nothing to watch' });
  await step({ kind: 'evidence' });
  await step({
    kind: 'decide',
    choice: 'active-compromise',
    rationale: 'a backdoor user was created',
  });
  await step({ kind: 'complete', checked: [0, 1, 2] });
  await step({
    kind: 'input',
    values: { personalData: true, awareAt: new Date(clock.simStartMs).toISOString() },
  });
  await callOp(
    'deadlines.setFacts',
    { path, facts: truth.obligations.facts, reason: 'payroll files taken' },
    ctx,
  );
  await callOp(
    'deadlines.mark',
    {
      path,
      ruleId: truth.obligations.applicable[0]!.ruleId,
      notifiedAt: new Date(clock.simStartMs + 86_400_000).toISOString(),
      evidence: 'letters posted',
    },
    ctx,
  );
  score = await callOp('tabletop.score', { path, truth: c.truthPath, exerciseClock: clock }, ctx);
  reportDir = fileScopedDir('cairn-report-');
}, 180_000);

describe('a leaked-key exercise played through the API', () => {
  it('times the containment from the exercise start, through the exercise clock', async () => {
    // The alert came after the first use, so the clock starts with the exercise: incident minutes
    // = wall seconds × 600 / 60. The confirmation's time is the runbook's own history.
    const minutes = ((containedWallMs - clock.startedAtWallMs) / 1000) * 10;
    const m = metric('containment');
    expect(m.value).toBe(Math.round(minutes));
    expect(m.score).toBe(minutes <= 60 ? 100 : Math.round(100 * (1 - (minutes - 60) / 660)));
    const tl = await callOp('timeline.list', { path: c.path }, c.ctx);
    const entry = tl.entries.find(
      (e) => e.kind === 'action' && e.text.includes('· Deactivate the key now —'),
    );
    expect(m.evidence.timeline).toEqual([entry!.id]);
    expect(m.evidence.runs).toEqual([run.runId]);
    expect(m.data['minutesFromExerciseStart']).toBe(
      Math.round((containedWallMs - clock.startedAtWallMs) / MINUTE),
    );
  });

  it('takes the key activity window (exposure time to still open) as the team’s: it matches', () => {
    // truth: the key's window from the push, the backdoor key's never closed; the finding was run
    // with the exposure time as fact and sees the backdoor key still active.
    expect(c.truth.exposureWindows.some((w) => w.end === null)).toBe(true);
    const m = metric('exposure-window');
    expect(m).toMatchObject({ value: 1, score: 100 });
    expect(m.data).toMatchObject({
      teamStart: c.truth.credentials.leaked[0]!.exposedAt,
      teamEnd: null,
    });
  });

  it('scores the addresses the findings flag against the truth’s, as counted here', async () => {
    const { findings } = await callOp('findings.list', { path: c.path }, c.ctx);
    const internal = c.truth.org.internalCidrs;
    const flagged = new Set<string>();
    for (const f of findings) {
      if (f.kind === 'key-activity') {
        const r = f.result as KeyActivity;
        for (const ip of [...r.byIp.map((g) => g.ip), ...r.events.map((e) => e.sourceIp)])
          if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip) && !inCidrs(ip, internal)) flagged.add(ip);
      }
      if (f.kind === 'enumeration')
        for (const s of (f.result as EnumerationResult).sessions)
          if (s.classification !== 'routine' && s.sourceIp && !inCidrs(s.sourceIp, internal))
            flagged.add(s.sourceIp);
    }
    const truthIps = new Set(c.truth.attacker.ips.map((i) => i.ip));
    const hits = [...flagged].filter((ip) => truthIps.has(ip)).length;
    const p = hits / flagged.size;
    const r = hits / truthIps.size;
    const m = metric('attacker-ips');
    expect(m.data).toMatchObject({ precision: p, recall: r });
    expect(m.score).toBe(Math.round((200 * p * r) / (p + r)));
    expect(m.evidence.findings).toEqual(findings.map((f) => f.id).sort((a, b) => a - b));
  });

  it('finds the lineage the truth lists', () => {
    const total = c.truth.credentials.derived.length + c.truth.credentials.createdPrincipals.length;
    expect(total).toBe(3);
    expect(metric('lineage')).toMatchObject({ value: 3, target: 3, score: 100 });
  });

  it('scores the deadlines: awareness, the truth’s rules, their due times, one notice of four', () => {
    const owed = c.truth.obligations.applicable.length;
    expect(owed).toBe(4);
    const m = metric('deadlines');
    // 25 awareness + 25 rules (the truth's facts entered) + 25 due times + 25 × 1/4 notices.
    expect(m.score).toBe(Math.round(75 + 25 / owed));
    expect(m.data).toMatchObject({ applicableF1: 1, dueTimesRight: 1, noticesInTime: 1 / owed });
    expect(m.data['awareness']).toBe(new Date(clock.simStartMs).toISOString());
  });

  it('judges both decisions right and no evidence or containment step skipped', () => {
    const m = metric('steps-decisions');
    expect(m).toMatchObject({ value: 2, target: 2, score: 100 });
    expect(m.data['skipped']).toEqual(['watch: the logs are historic: nothing to watch']);
  });

  it('weighs the metrics into the overall score', () => {
    const weights = {
      containment: 25,
      'exposure-window': 20,
      'attacker-ips': 15,
      lineage: 15,
      deadlines: 15,
      'steps-decisions': 10,
    };
    const sum = score.metrics.reduce((n, m) => n + m.score * weights[m.id], 0);
    expect(score.overall.score).toBe(Math.round(sum / 100));
    expect(score.overall.score).toBeGreaterThan(80);
  });

  it('writes the after-action report in the four formats, recorded in the audit log and verifiable', async () => {
    const results: Record<string, TabletopReportResult> = {};
    for (const format of ['pdf', 'html', 'csv', 'json'] as const) {
      const job = await callOp(
        'tabletop.report',
        {
          path: c.path,
          truth: c.truthPath,
          format,
          out: join(reportDir, `aar.${format}`),
          exerciseClock: clock,
        },
        c.ctx,
      );
      const done = await c.ctx.jobs.wait(job.id);
      expect(done.error).toBeNull();
      results[format] = done.result as TabletopReportResult;
    }
    const overall = score.overall.score;
    const pdf = spawnSync('pdftotext', ['-layout', results['pdf']!.out, '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(pdf).toContain(`Overall score: ${overall} / 100`);
    expect(pdf).toContain('What went well');
    expect(pdf).toContain('The team’s timeline beside the truth');
    expect(pdf).toContain('the logs are historic: nothing to watch');
    const html = readFileSync(results['html']!.out, 'utf8');
    expect(html).toContain(`Overall score: ${overall} / 100`);
    const csv = readFileSync(results['csv']!.out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('rowId,section,item,at,value,target,score,detail');
    expect(csv[1]).toMatch(
      new RegExp(`^overall,overall,Overall score,,${overall},100,${overall},`),
    );
    const json = JSON.parse(readFileSync(results['json']!.out, 'utf8')) as {
      score: TabletopScore;
      rows: unknown[];
    };
    expect(json.score.overall.score).toBe(overall);
    const file = c.ctx.cases.forRead(c.path);
    const audited = file.db
      .prepare("SELECT seq, payload FROM audit WHERE action = 'tabletop.report' ORDER BY seq")
      .all() as { seq: number; payload: string }[];
    expect(audited.map((a) => a.seq)).toEqual(Object.values(results).map((r) => r.auditSeq));
    expect(JSON.parse(audited[0]!.payload)).toMatchObject({
      report: { format: 'pdf', sha256: results['pdf']!.sha256, redacted: true, overall },
    });
    for (const r of Object.values(results)) {
      const v = await callOp('export.verify', { file: r.out, casePath: c.path }, c.ctx);
      expect(v.problems).toEqual([]);
    }
  });

  it('keeps redaction on: a string marked in the case does not reach the report', async () => {
    await callOp(
      'redaction.mark',
      { path: c.path, value: 'priya deactivated it', reason: 'names stay in the case' },
      c.ctx,
    );
    const out = join(reportDir, 'redacted.json');
    const job = await callOp(
      'tabletop.report',
      { path: c.path, truth: c.truthPath, format: 'json', out },
      c.ctx,
    );
    const done = await c.ctx.jobs.wait(job.id);
    expect((done.result as TabletopReportResult).redactions).toBeGreaterThan(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('priya deactivated it');
    expect(text).toContain('[REDACTED:marked]');
  });
});

describe('a team that did nothing', () => {
  it('scores 0 on every metric, each saying what is missing', async () => {
    const dir = freshDir();
    const ctx = testContext();
    const { path } = await newCase(ctx, { dir });
    const s = await callOp('tabletop.score', { path, truth: c.truthPath }, ctx);
    expect(s.overall.score).toBe(0);
    expect(
      Object.fromEntries(
        s.metrics.map((m) => [m.id, [m.score, m.explanation.split(':')[0]!.split(';')[0]]]),
      ),
    ).toEqual({
      containment: [0, 'Not contained'],
      'exposure-window': [0, 'No exposure window in the case'],
      'attacker-ips': [
        0,
        'No key activity, enumeration or bucket exposure finding, and no pinned evidence, names an address.',
      ],
      lineage: [0, 'No key activity finding in the case'],
      deadlines: [0, 'Awareness never set'],
      'steps-decisions': [0, 'No runbook run in the case'],
    });
  });
});

describe('cairn tabletop score and report', () => {
  it('prints the metrics and the overall score, and the same as stable JSON', async () => {
    const human = await cli(['tabletop', 'score', c.path, '--truth', c.truthPath]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Metric\s+Value\s+Score\s+Weight$/m);
    expect(human.stdout).toMatch(/^Lineage completeness\s+3 of 3\s+100\s+15%$/m);
    expect(human.stdout).toMatch(/^Overall score: \d+ \/ 100$/m);
    const json = await cliJson<TabletopScore>([
      'tabletop',
      'score',
      c.path,
      '--truth',
      c.truthPath,
      '--json',
    ]);
    expect(json.format).toBe('cairn.tabletop.score');
    expect(json.metrics.map((m) => m.id)).toEqual(score.metrics.map((m) => m.id));
  });

  it('writes a report, refuses to overwrite it without --force', async () => {
    const out = join(freshDir(), 'aar.html');
    const r = await cliJson<TabletopReportResult>([
      'tabletop',
      'report',
      c.path,
      '--truth',
      c.truthPath,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(r.out).toBe(out);
    const again = await cli([
      'tabletop',
      'report',
      c.path,
      '--truth',
      c.truthPath,
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const forced = await cli([
      'tabletop',
      'report',
      c.path,
      '--truth',
      c.truthPath,
      '--format',
      'html',
      '--out',
      out,
      '--force',
    ]);
    expect(forced.code).toBe(0);
  });

  it('names the truth file and the field that is wrong, with exit code 2', async () => {
    const bad = join(freshDir(), 'truth.json');
    const truth = JSON.parse(readFileSync(c.truthPath, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    truth['keyMoments']!['firstMaliciousUse'] = { time: 7 };
    writeFileSync(bad, JSON.stringify(truth));
    const r = await cli(['tabletop', 'score', c.path, '--truth', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--truth: ${bad}: keyMoments.firstMaliciousUse.time:`);
    const missing = await cli(['tabletop', 'score', c.path]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--truth: required/);
    const absent = await cli([
      'tabletop',
      'score',
      c.path,
      '--truth',
      join(freshDir(), 'nope.json'),
    ]);
    expect(absent.stderr).toMatch(/nope\.json cannot be read \(no such file\)/);
  });
});

describe('a public-bucket case scored from its bucket exposure finding', () => {
  it('takes the window from when the bucket was known public, and names the readers it missed', async () => {
    const b = await generatedCase(freshDir(), { scenario: 'public-bucket', seed: 1 });
    const bucket = b.truth.buckets[0]!.name;
    const found = await callOp('analysis.bucketExposure', { path: b.path, bucket }, b.ctx);
    const s = await callOp('tabletop.score', { path: b.path, truth: b.truthPath }, b.ctx);
    const window = s.metrics.find((m) => m.id === 'exposure-window')!;
    expect(window).toMatchObject({ value: 1, score: 100 });
    expect(window.evidence.findings).toEqual([found.findingId]);
    // The readers are the attacker addresses that got data; the late scanners were refused after
    // the close and appear in no finding: recall = readers / all attacker addresses.
    const readers = new Set(b.truth.objectsRead.flatMap((o) => o.sourceIps));
    const late = b.truth.attacker.ips.filter((i) => !readers.has(i.ip));
    const ips = s.metrics.find((m) => m.id === 'attacker-ips')!;
    expect(ips.data).toMatchObject({
      precision: 1,
      recall: readers.size / b.truth.attacker.ips.length,
    });
    expect(late.length).toBeGreaterThan(0);
    expect(ips.explanation).toContain(`missed ${late[0]!.ip} (${late[0]!.role})`);
    expect(s.metrics.find((m) => m.id === 'lineage')!.applicable).toBe(false);
  }, 120_000);
});
