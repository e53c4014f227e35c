// What each role sees of an exercise. The participant view is built only from what has been
// released (the clock, released injects, the released-file count); it never reads the truth or
// the pending schedule, so it cannot leak them. The facilitator view adds both.
import type {
  ExerciseClock,
  FacilitatorView,
  ParticipantView,
  ReleasedInject,
} from '../../shared/ops/tabletop-exercise';
import type { Truth } from '../truth';
import { simAt, type ClockState } from './clock';
import { dueFiles, type LogFile } from './release';
import type { ExerciseFile, LogEntry } from './schema';

export interface ExerciseSnapshot {
  dir: string;
  releasedDir: string;
  exercise: ExerciseFile;
  entries: readonly LogEntry[];
  clock: ClockState;
  wallMs: number;
  files: readonly LogFile[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

function clockView(c: ClockState): ExerciseClock {
  return {
    state: c.state,
    simNow: iso(c.simMs),
    simStart: iso(c.simStartMs),
    speed: c.speed,
    startedAt: c.startedAtMs === null ? null : iso(c.startedAtMs),
    endedAt: c.endedAtMs === null ? null : iso(c.endedAtMs),
    atEnd: c.atEnd,
  };
}

/** Files due now: none before the start. */
export function releasedFiles(s: Pick<ExerciseSnapshot, 'clock' | 'files'>): LogFile[] {
  return s.clock.state === 'ready' ? [] : dueFiles(s.files, s.clock.simMs);
}

interface InjectRelease {
  simMs: number;
  by: ReleasedInject['by'];
}

/** When each scheduled inject was released (by the schedule or early), and the custom ones. */
function injectReleases(s: ExerciseSnapshot): {
  scheduled: Map<string, InjectRelease>;
  custom: ReleasedInject[];
} {
  const early = new Map<string, number>();
  const custom: ReleasedInject[] = [];
  for (const e of s.entries) {
    if (e.atMs > s.wallMs || e.action !== 'inject') continue;
    const simMs = simAt(s.clock, e.atMs);
    if (e.custom)
      custom.push({ id: e.injectId, ...e.custom, simTime: iso(simMs), by: 'facilitator' });
    else if (!early.has(e.injectId)) early.set(e.injectId, simMs);
  }
  const scheduled = new Map<string, InjectRelease>();
  if (s.clock.state === 'ready') return { scheduled, custom };
  for (const i of s.exercise.injects) {
    const dueMs = Date.parse(i.simTime);
    const earlyMs = early.get(i.id);
    if (earlyMs !== undefined && earlyMs < dueMs) {
      scheduled.set(i.id, { simMs: earlyMs, by: 'facilitator' });
    } else if (dueMs <= s.clock.simMs) scheduled.set(i.id, { simMs: dueMs, by: 'schedule' });
  }
  return { scheduled, custom };
}

/** Ids of the scheduled injects released so far. */
export function releasedInjectIds(s: ExerciseSnapshot): Set<string> {
  return new Set(injectReleases(s).scheduled.keys());
}

function releasedInjects(s: ExerciseSnapshot): ReleasedInject[] {
  const { scheduled, custom } = injectReleases(s);
  const out: ReleasedInject[] = [...custom];
  for (const i of s.exercise.injects) {
    const r = scheduled.get(i.id);
    if (r) {
      out.push({
        id: i.id,
        source: i.source,
        title: i.title,
        text: i.text,
        simTime: iso(r.simMs),
        by: r.by,
      });
    }
  }
  // Newest first; a stable order for injects released at the same simulated second.
  return out.sort((a, b) => (a.simTime < b.simTime ? 1 : a.simTime > b.simTime ? -1 : 0));
}

export function participantView(s: ExerciseSnapshot): ParticipantView {
  return {
    role: 'participant',
    dir: s.dir,
    releasedDir: s.releasedDir,
    wallNow: iso(s.wallMs),
    clock: clockView(s.clock),
    injects: releasedInjects(s),
    released: { files: releasedFiles(s).length },
  };
}

function describe(e: LogEntry, s: ExerciseSnapshot): string {
  switch (e.action) {
    case 'start':
      return 'clock started';
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'advance':
      return `advanced ${e.minutes} min`;
    case 'speed':
      return `speed ×${e.speed}`;
    case 'inject': {
      const title = e.custom?.title ?? s.exercise.injects.find((i) => i.id === e.injectId)?.title;
      return `inject released: ${title ?? e.injectId}`;
    }
    case 'end':
      return 'exercise ended';
  }
}

/** The clock as tabletop.score takes it: the start, the speed, and every segment. */
export function exerciseClock(c: ClockState): FacilitatorView['exerciseClock'] {
  const first = c.segments[0];
  if (c.startedAtMs === null || !first) return null;
  return {
    startedAtWallMs: c.startedAtMs,
    simStartMs: c.simStartMs,
    // The speed at the start (positive); later changes and pauses are in the segments.
    speed: first.rate > 0 ? first.rate : c.speed,
    segments: c.segments.map((g) => ({
      wallFromMs: g.wallFromMs,
      simFromMs: Math.round(g.simFromMs),
      rate: g.rate,
    })),
  };
}

const moment = (m: { time: string; description: string } | null) =>
  m ? { time: m.time, description: m.description } : null;

export function facilitatorView(
  s: ExerciseSnapshot,
  truth: Truth,
  truthPath: string,
): FacilitatorView {
  const base = participantView(s);
  const { scheduled } = injectReleases(s);
  const released = releasedFiles(s);
  const count = (kind: LogFile['kind'], list: readonly LogFile[]) =>
    list.filter((f) => f.kind === kind).length;
  const next = s.clock.state === 'ready' ? s.files[0] : s.files[released.length];
  const ex = s.exercise;
  return {
    ...base,
    role: 'facilitator',
    scenario: ex.scenario,
    title: ex.title,
    seed: ex.seed,
    events: ex.events,
    createdAt: ex.createdAt,
    createdBy: ex.createdBy,
    simEnd: ex.simEnd,
    truthPath,
    schedule: ex.injects.map((i) => {
      const r = scheduled.get(i.id);
      return {
        ...i,
        status: r ? ('released' as const) : ('pending' as const),
        releasedAt: r ? iso(r.simMs) : null,
        by: r ? r.by : null,
      };
    }),
    released: {
      files: released.length,
      total: s.files.length,
      cloudTrail: {
        released: count('cloudtrail', released),
        total: count('cloudtrail', s.files),
      },
      s3Access: { released: count('s3-access', released), total: count('s3-access', s.files) },
      nextAt: next ? iso(next.deliveredMs) : null,
    },
    truth: {
      title: truth.title,
      story: truth.story,
      keyMoments: {
        exposureStart: moment(truth.keyMoments.exposureStart),
        firstMaliciousUse: moment(truth.keyMoments.firstMaliciousUse),
        inflectionPoint: moment(truth.keyMoments.inflectionPoint),
        containment: moment(truth.keyMoments.containment),
      },
      leakedKeys: truth.credentials.leaked.map((k) => k.accessKeyId),
      attackerIps: truth.attacker.ips.map((i) => i.ip),
      buckets: truth.buckets.map((b) => b.name),
    },
    log: s.entries
      .filter((e) => e.atMs <= s.wallMs)
      .map((e) => ({
        line: e.line,
        at: e.at,
        actor: e.actor,
        action: e.action,
        simTime: iso(simAt(s.clock, e.atMs)),
        detail: describe(e, s),
      })),
    exerciseClock: exerciseClock(s.clock),
  };
}
