// Time to containment: from the truth's first malicious use to the team's first containment
// action, in the incident's (simulated) time. A containment action is a runbook action step that
// settled (deactivate the key, block public access, revoke sessions, deny all) aimed at the
// truth's key, bucket or principal, or a timeline entry of kind action (not a runbook's) that
// says it contained. Times are those recorded in the case, converted with the exercise clock.
//
// Scale: contained within 60 minutes of the first malicious use scores 100, falling linearly to 0
// at 12 hours. With an exercise clock the team's time starts no earlier than the exercise did
// (nobody can act before the exercise starts).
import type { ExerciseClockInput, ScoreMetric } from '../../shared/ops/tabletop-score';
import { SETTLED_OUTCOMES } from '../../shared/runbook-machine';
import type { Truth } from '../truth';
import { MINUTE, minutesText, toSim } from './clock';
import { iso, linear, metric, missing, type MetricHead } from './metric';
import type { ParticipantCase } from './participant';
import { containmentSubjects } from './truth-view';

const FULL_MINUTES = 60;
const ZERO_MINUTES = 12 * 60;

const HEAD: MetricHead = {
  id: 'containment',
  title: 'Time to containment',
  unit: 'minutes',
  target: FULL_MINUTES,
  targetText: `contained within ${FULL_MINUTES} min of the first malicious use (0 points at ${ZERO_MINUTES / 60} h)`,
};

/** Words a timeline action entry uses when it records a containment done outside a runbook. */
const CONTAINED =
  /\b(deactivat\w*|disabl\w*|block(?:ed)? public access|revok\w*|den(?:y|ied) all|contain\w*)\b/i;

export interface ContainmentClaim {
  wallMs: number;
  simMs: number;
  how: string;
  runId: number | null;
  entryId: number | null;
  subject: string | null;
  /** False when it was aimed at something the truth does not name. */
  onTarget: boolean;
}

export function containmentClaims(
  pc: ParticipantCase,
  truth: Truth,
  clock: ExerciseClockInput | null,
): ContainmentClaim[] {
  const subjects = containmentSubjects(truth);
  const claims: ContainmentClaim[] = [];
  for (const run of pc.runs) {
    for (const t of run.transitions) {
      if (t.event !== 'ACTION' || !t.target || !t.outcome) continue;
      if (!(SETTLED_OUTCOMES as readonly string[]).includes(t.outcome)) continue;
      const step = run.steps.find((s) => s.id === t.step);
      claims.push({
        wallMs: t.atMs,
        simMs: toSim(t.atMs, clock),
        how: `run #${run.runId} step "${step?.title ?? t.step}" (${t.target.kind} ${t.target.subject ?? '?'}, ${t.outcome})`,
        runId: run.runId,
        entryId: t.timelineEntryId,
        subject: t.target.subject,
        onTarget: t.target.subject !== null && subjects.has(t.target.subject.toLowerCase()),
      });
    }
  }
  for (const e of pc.timeline) {
    if (e.kind !== 'action' || e.refs.some((r) => r.type === 'runbook')) continue;
    if (!CONTAINED.test(e.text)) continue;
    const wallMs = Date.parse(e.recordedAt);
    claims.push({
      wallMs,
      simMs: toSim(wallMs, clock),
      how: `timeline entry #${e.id} ("${e.text.slice(0, 80)}")`,
      runId: null,
      entryId: e.id,
      subject: null,
      onTarget: true,
    });
  }
  return claims.sort((a, b) => a.simMs - b.simMs);
}

export function scoreContainment(
  pc: ParticipantCase,
  truth: Truth,
  clock: ExerciseClockInput | null,
): ScoreMetric {
  const firstUseMs = Date.parse(truth.keyMoments.firstMaliciousUse.time);
  const fromMs = clock ? Math.max(firstUseMs, clock.simStartMs) : firstUseMs;
  const claims = containmentClaims(pc, truth, clock);
  const first = claims.find((c) => c.onTarget);
  const offTarget = claims.filter((c) => !c.onTarget);
  const scripted = truth.keyMoments.containment;
  const data = {
    firstMaliciousUse: truth.keyMoments.firstMaliciousUse.time,
    truthContainment: scripted?.time ?? null,
    offTarget: offTarget.map((c) => c.subject ?? c.how),
  };
  if (!first) {
    const why = offTarget.length
      ? `the only containment (${offTarget[0]!.how}) was aimed at ${offTarget[0]!.subject ?? 'something else'}, not at what the attacker used`
      : 'no runbook action step settled (deactivate key, block public access, revoke sessions) and no timeline action entry says it contained';
    return missing(HEAD, `Not contained: ${why}.`, { ...data, containedAt: null });
  }
  const minutes = Math.max(0, (first.simMs - fromMs) / MINUTE);
  const fromStart =
    clock === null ? null : Math.round((first.wallMs - clock.startedAtWallMs) / MINUTE);
  const since =
    fromMs === firstUseMs
      ? `the first malicious use at ${truth.keyMoments.firstMaliciousUse.time}`
      : `the exercise start (${iso(fromMs)}, after the first malicious use)`;
  return metric(HEAD, {
    value: Math.round(minutes),
    score: linear(minutes, FULL_MINUTES, ZERO_MINUTES) * 100,
    explanation: `Contained ${minutesText(minutes)} after ${since}: ${first.how}${first.entryId !== null ? `, timeline entry #${first.entryId}` : ''}.`,
    evidence: {
      timeline: first.entryId !== null ? [first.entryId] : [],
      runs: first.runId !== null ? [first.runId] : [],
      events: [truth.keyMoments.firstMaliciousUse.eventId, scripted?.eventId].filter(
        (x): x is string => typeof x === 'string',
      ),
    },
    parts: [
      ['First malicious use (truth)', truth.keyMoments.firstMaliciousUse.time],
      ['Team contained at (incident time)', iso(first.simMs)],
      ['Minutes to containment', minutesText(minutes)],
      ...(fromStart !== null
        ? ([['Minutes from exercise start (wall clock)', minutesText(fromStart)]] as [
            string,
            string,
          ][])
        : []),
      ['Contained in the logs (truth)', scripted?.time ?? 'never'],
    ],
    data: {
      ...data,
      containedAt: iso(first.simMs),
      containedAtWall: iso(first.wallMs),
      minutesFromExerciseStart: fromStart,
    },
  });
}
