// Gathers the after-action report from a score, the team's case and the truth: what went well
// and what to improve (from the metrics), the team's timeline beside the truth's key moments in
// the incident's time, and each runbook step with who did it, when, and why. src/export lays it
// out and renders it.
import type { AfterActionModel, AfterActionRun, SideBySideRow } from '../../export/after-action';
import type { AuditHeadSchema } from '../../shared/domain';
import type { ExportFormat } from '../../shared/export';
import type {
  ExerciseClockInput,
  ScoreMetricId,
  TabletopScore,
} from '../../shared/ops/tabletop-score';
import type { Truth } from '../truth';
import { toSim } from './clock';
import { iso } from './metric';
import type { ParticipantCase, RunRecord } from './participant';
import type { z } from 'zod';

/** A metric at or above this went well; below it, the report says what to improve. */
export const WENT_WELL = 80;

const ADVICE: Record<ScoreMetricId, string> = {
  containment:
    'Contain first: deactivate the key, block public access or revoke the sessions as soon as the first malicious use is seen, then investigate.',
  'exposure-window':
    'Run the key activity or bucket exposure analysis with the exposure time, and check the window’s end against what closed it (and what outlived it).',
  'attacker-ips':
    'Set the organisation’s own ranges in the case settings so its addresses are not flagged, run the analyses on every credential involved, and pin attacker requests the analyses do not list.',
  lineage:
    'Run key activity on the leaked key and follow every credential it begot: keys and sessions the attacker created outlive the leaked key.',
  deadlines:
    'Set the awareness time as soon as personal data may be involved, record the facts that decide which rules apply, and mark each notice when it is given.',
  'steps-decisions':
    'Read the suggestion and the evidence behind it before deciding, and skip evidence and containment steps only for a reason that holds.',
};

const KEY_MOMENTS: [keyof Truth['keyMoments'], string][] = [
  ['exposureStart', 'Exposure starts'],
  ['firstMaliciousUse', 'First malicious use'],
  ['inflectionPoint', 'Inflection point'],
  ['containment', 'Contained in the logs'],
];

function review(score: TabletopScore): { wentWell: string[]; improve: string[] } {
  const counted = score.metrics.filter((m) => m.applicable);
  return {
    wentWell: counted
      .filter((m) => m.score >= WENT_WELL)
      .map((m) => `${m.title} (${m.score}/100): ${m.explanation}`),
    improve: counted
      .filter((m) => m.score < WENT_WELL)
      .map((m) => `${m.title} (${m.score}/100): ${m.explanation} ${ADVICE[m.id]}`),
  };
}

/** The truth's key moments and story, then the team's entries at the incident time they were recorded. */
function sideBySide(
  pc: ParticipantCase,
  truth: Truth,
  clock: ExerciseClockInput | null,
): SideBySideRow[] {
  const rows: (SideBySideRow & { ms: number; order: number })[] = [];
  const momentTimes = new Set<number>();
  for (const [key, label] of KEY_MOMENTS) {
    const m = truth.keyMoments[key];
    if (!m) continue;
    const ms = Date.parse(m.time);
    momentTimes.add(ms);
    rows.push({
      at: m.time,
      ms,
      order: 0,
      truth: `${label}: ${m.description || m.eventName}`,
      team: '',
      entryId: null,
    });
  }
  for (const line of truth.story) {
    const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z): (.*)$/.exec(line);
    if (!match) continue;
    const ms = Date.parse(match[1]!);
    if (momentTimes.has(ms)) continue;
    rows.push({ at: iso(ms), ms, order: 1, truth: match[2]!, team: '', entryId: null });
  }
  for (const e of pc.timeline) {
    const ms = toSim(Date.parse(e.recordedAt), clock);
    rows.push({
      at: iso(ms),
      ms,
      order: 2,
      truth: '',
      team: `T${e.id} ${e.kind} by ${e.actor}: ${e.text}`,
      entryId: e.id,
    });
  }
  return rows
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map(({ at, truth: t, team, entryId }) => ({ at, truth: t, team, entryId }));
}

function describeTransition(t: RunRecord['transitions'][number]): string {
  switch (t.event) {
    case 'COMPLETE':
      return 'done';
    case 'SKIP':
      return 'skipped';
    case 'DECIDE':
      return `decided ${t.choice ?? '?'}`;
    case 'ACTION':
      return `action ${t.outcome ?? '?'}${t.target ? ` (${t.target.kind} ${t.target.subject ?? ''})` : ''}`;
    case 'EVIDENCE':
      return 'evidence gathered';
    case 'INPUT':
      return 'facts entered';
    case 'TIMER':
      return 'waited';
    default:
      return t.event.toLowerCase();
  }
}

function runSteps(pc: ParticipantCase, clock: ExerciseClockInput | null): AfterActionRun[] {
  return pc.runs.map((run) => {
    const acted = run.transitions.filter((t) => t.event !== 'START');
    const title = (id: string) => run.steps.find((s) => s.id === id);
    const steps = acted.map((t) => ({
      step: t.step,
      title: title(t.step)?.title ?? t.step,
      phase: title(t.step)?.phase ?? '',
      what: describeTransition(t),
      who: t.actor,
      wallAt: iso(t.atMs),
      simAt: iso(toSim(t.atMs, clock)),
      note: t.rationale ?? '',
    }));
    const untouched = run.steps
      .filter((s) => s.state === 'pending' || s.state === 'current')
      .map((s) => ({
        step: s.id,
        title: s.title,
        phase: s.phase,
        what: s.state === 'current' ? 'current (not finished)' : 'not reached',
        who: null,
        wallAt: null,
        simAt: null,
        note: '',
      }));
    return {
      runId: run.runId,
      title: run.title,
      status: run.status,
      startedAt: iso(run.startedAtMs),
      startedBy: run.startedBy,
      steps: [...steps, ...untouched],
    };
  });
}

function clockText(clock: ExerciseClockInput | null): string {
  if (!clock)
    return 'Recorded times are compared with the incident as they are (no exercise clock was given).';
  return `Recorded (wall-clock) times are mapped to the incident's time: the exercise started at ${iso(clock.startedAtWallMs)} at incident time ${iso(clock.simStartMs)}, running ${clock.speed}× ${clock.segments?.length ? `(${clock.segments.length} clock segment(s) with pauses or speed changes)` : ''}`.trim();
}

export function buildAfterActionModel(
  pc: ParticipantCase,
  score: TabletopScore,
  truth: Truth,
  opts: {
    format: ExportFormat;
    preparedBy: string;
    nowMs: number;
    toolVersion: string;
    auditHead: z.infer<typeof AuditHeadSchema> | null;
  },
): AfterActionModel {
  const clock = score.exerciseClock;
  return {
    format: opts.format,
    case: { caseId: pc.caseId, title: pc.title, timezone: pc.timezone },
    scenario: {
      id: truth.scenario,
      title: truth.title,
      seed: truth.seed,
      truthFile: score.truthPath,
    },
    preparedBy: opts.preparedBy,
    preparedAt: iso(opts.nowMs),
    toolVersion: opts.toolVersion,
    clock: clockText(clock),
    score,
    ...review(score),
    sideBySide: sideBySide(pc, truth, clock),
    runs: runSteps(pc, clock),
    auditHead: opts.auditHead,
    redaction: { applied: true, marks: 0, replaced: 0 },
  };
}
