// Tabletop exercise operations: a facilitator plays a generated incident out on a simulated
// clock (create, control, status); participants see only what has been released so far. The
// exercise lives in a folder: the generator's logs and truth.json, exercise.json (the schedule),
// exercise-log.ndjson (every facilitator action) and released/ (the logs delivered so far).
import { z } from 'zod';
import { IsoInstant, JobStateSchema } from '../domain';
import { op } from './define';
import { TABLETOP_SCENARIOS } from './tabletop';
import { ExerciseClockInputSchema } from './tabletop-score';

export const EXERCISE_ROLES = ['facilitator', 'participant'] as const;
export type ExerciseRole = (typeof EXERCISE_ROLES)[number];

export const EXERCISE_ACTIONS = [
  'start',
  'pause',
  'resume',
  'advance',
  'speed',
  'inject',
  'end',
] as const;
export type ExerciseAction = (typeof EXERCISE_ACTIONS)[number];

/** ready: created, clock not started; running; paused; ended (the clock stands still for good). */
export const EXERCISE_STATES = ['ready', 'running', 'paused', 'ended'] as const;
export type ExerciseState = (typeof EXERCISE_STATES)[number];

/** Simulated seconds per wall-clock second: 1 is real time, 60 is a simulated minute a second. */
export const MIN_SPEED = 1;
export const MAX_SPEED = 3600;
export const Speed = z
  .number()
  .min(MIN_SPEED, `speed: at least ${MIN_SPEED} (real time)`)
  .max(MAX_SPEED, `speed: at most ${MAX_SPEED} (a simulated hour a second)`);

/** Longest single "advance": a day of simulated time. */
export const MAX_ADVANCE_MINUTES = 24 * 60;

/** A scheduled inject: what reaches the team, from whom, at which simulated time. */
export const InjectSchema = z.object({
  id: z.string().min(1),
  simTime: IsoInstant,
  source: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
});
export type Inject = z.infer<typeof InjectSchema>;

/** An inject that has reached the team, with the simulated time it arrived. */
export const ReleasedInjectSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  text: z.string(),
  simTime: IsoInstant,
  /** schedule: its time came; facilitator: released early or typed by the facilitator. */
  by: z.enum(['schedule', 'facilitator']),
});
export type ReleasedInject = z.infer<typeof ReleasedInjectSchema>;

export const ExerciseClockSchema = z.object({
  state: z.enum(EXERCISE_STATES),
  simNow: IsoInstant,
  simStart: IsoInstant,
  speed: z.number(),
  startedAt: IsoInstant.nullable(),
  endedAt: IsoInstant.nullable(),
  /** True once the simulated clock has reached the end of the generated logs. */
  atEnd: z.boolean(),
});
export type ExerciseClock = z.infer<typeof ExerciseClockSchema>;

const ParticipantViewSchema = z.object({
  role: z.literal('participant'),
  dir: z.string(),
  /** Ingest this folder (again and again: files already in the case are skipped). */
  releasedDir: z.string(),
  wallNow: IsoInstant,
  clock: ExerciseClockSchema,
  /** Released injects, newest first. */
  injects: z.array(ReleasedInjectSchema),
  released: z.object({ files: z.number().int() }),
});

export const ExerciseLogEntryViewSchema = z.object({
  line: z.number().int(),
  at: IsoInstant,
  actor: z.string(),
  action: z.enum(EXERCISE_ACTIONS),
  simTime: IsoInstant,
  detail: z.string(),
});

const MomentView = z.object({ time: IsoInstant, description: z.string() }).nullable();

const FacilitatorViewSchema = ParticipantViewSchema.extend({
  role: z.literal('facilitator'),
  scenario: z.enum(TABLETOP_SCENARIOS),
  title: z.string(),
  seed: z.number().int(),
  events: z.number().int(),
  createdAt: IsoInstant,
  createdBy: z.string(),
  simEnd: IsoInstant,
  truthPath: z.string(),
  schedule: z.array(
    InjectSchema.extend({
      status: z.enum(['released', 'pending']),
      releasedAt: IsoInstant.nullable(),
      by: z.enum(['schedule', 'facilitator']).nullable(),
    }),
  ),
  released: z.object({
    files: z.number().int(),
    total: z.number().int(),
    cloudTrail: z.object({ released: z.number().int(), total: z.number().int() }),
    s3Access: z.object({ released: z.number().int(), total: z.number().int() }),
    /** When the next log file is delivered (simulated time); null when all are out. */
    nextAt: IsoInstant.nullable(),
  }),
  truth: z.object({
    title: z.string(),
    story: z.array(z.string()),
    keyMoments: z.object({
      exposureStart: MomentView,
      firstMaliciousUse: MomentView,
      inflectionPoint: MomentView,
      containment: MomentView,
    }),
    leakedKeys: z.array(z.string()),
    attackerIps: z.array(z.string()),
    buckets: z.array(z.string()),
  }),
  log: z.array(ExerciseLogEntryViewSchema),
  /**
   * Wall → simulated time, to place what participants did (recorded in wall time) on the
   * incident's clock: pass it to tabletop.score and tabletop.report. Null before the start.
   */
  exerciseClock: ExerciseClockInputSchema.nullable(),
});

export const ExerciseViewSchema = z.discriminatedUnion('role', [
  ParticipantViewSchema,
  FacilitatorViewSchema,
]);
export type ExerciseView = z.infer<typeof ExerciseViewSchema>;
export type ParticipantView = z.infer<typeof ParticipantViewSchema>;
export type FacilitatorView = z.infer<typeof FacilitatorViewSchema>;

/** What a finished `tabletop.exerciseCreate` job returns. */
export const ExerciseCreatedSchema = z.object({
  dir: z.string(),
  scenario: z.enum(TABLETOP_SCENARIOS),
  title: z.string(),
  simStart: IsoInstant,
  simEnd: IsoInstant,
  injects: z.number().int(),
  logFiles: z.number().int(),
  records: z.number().int(),
});
export type ExerciseCreated = z.infer<typeof ExerciseCreatedSchema>;

const Dir = z.string().min(1, 'dir: give the exercise folder');

export const tabletopExerciseOps = {
  'tabletop.exerciseCreate': op({
    summary:
      'Create a tabletop exercise in a new or empty folder: generate the incident, schedule its injects (runs as a job; start it with tabletop.exerciseControl)',
    writes: false,
    input: z.object({
      dir: Dir,
      scenario: z.enum(TABLETOP_SCENARIOS),
      seed: z.number().int().min(0).max(4294967295),
      events: z.number().int().min(0).max(1_000_000_000).optional(),
      hours: z.number().int().min(12).max(2160).optional(),
      speed: Speed.default(1),
      /** Minutes from first malicious use until the logs show a containment; null (default): the team contains. */
      containAfterMinutes: z.number().int().min(1).nullable().default(null),
    }),
    output: JobStateSchema,
  }),
  'tabletop.exerciseStatus': op({
    summary:
      'The exercise now: simulated clock, released injects and logs (releases what is due); the facilitator view adds the schedule and the truth',
    writes: false,
    input: z.object({ dir: Dir, role: z.enum(EXERCISE_ROLES).default('participant') }),
    output: ExerciseViewSchema,
  }),
  'tabletop.exerciseControl': op({
    summary:
      'Facilitator: start, pause, resume, advance the clock, change its speed, release an inject now, or end the exercise',
    writes: false,
    input: z.object({
      dir: Dir,
      action: z.enum(EXERCISE_ACTIONS),
      minutes: z.number().int().min(1).max(MAX_ADVANCE_MINUTES).optional(),
      speed: Speed.optional(),
      /** A scheduled inject's id to release now, or a custom inject's text (and title). */
      inject: z
        .object({
          id: z.string().min(1).optional(),
          title: z.string().trim().min(1).max(200).optional(),
          text: z.string().trim().min(1).max(4000).optional(),
        })
        .optional(),
    }),
    output: ExerciseViewSchema,
  }),
} as const;
