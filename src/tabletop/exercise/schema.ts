// What an exercise folder holds besides the generator's output: exercise.json (how it was made
// and its inject schedule, written once) and exercise-log.ndjson (the facilitator's actions, one
// JSON object a line, append-only). Both are validated on every read.
import { z } from 'zod';
import { IsoInstant } from '../../shared/domain';
import { TABLETOP_SCENARIOS } from '../../shared/ops/tabletop';
import { InjectSchema, MAX_ADVANCE_MINUTES, Speed } from '../../shared/ops/tabletop-exercise';

export const EXERCISE_FILE = 'exercise.json';
export const LOG_FILE = 'exercise-log.ndjson';
export const RELEASED_DIR = 'released';
export const TRUTH_FILE = 'truth.json';
export const LOGS_DIR = 'logs';

export const ExerciseFileSchema = z.object({
  format: z.literal('cairn.tabletop.exercise'),
  version: z.literal(1),
  createdAt: IsoInstant,
  createdBy: z.string(),
  scenario: z.enum(TABLETOP_SCENARIOS),
  title: z.string(),
  seed: z.number().int(),
  events: z.number().int(),
  hours: z.number().int(),
  containAfterMinutes: z.number().int().nullable(),
  /** The speed the clock starts at (the log may change it). */
  speed: Speed,
  /** Where the simulated clock starts, and where it stops: the last log file's delivery. */
  simStart: IsoInstant,
  simEnd: IsoInstant,
  injects: z.array(InjectSchema),
});
export type ExerciseFile = z.infer<typeof ExerciseFileSchema>;

const Base = { at: IsoInstant, actor: z.string().min(1) };

/** One line of exercise-log.ndjson. */
export const LogLineSchema = z.discriminatedUnion('action', [
  z.object({ ...Base, action: z.literal('start') }),
  z.object({ ...Base, action: z.literal('pause') }),
  z.object({ ...Base, action: z.literal('resume') }),
  z.object({
    ...Base,
    action: z.literal('advance'),
    minutes: z.number().int().min(1).max(MAX_ADVANCE_MINUTES),
  }),
  z.object({ ...Base, action: z.literal('speed'), speed: Speed }),
  z.object({
    ...Base,
    action: z.literal('inject'),
    injectId: z.string().min(1),
    /** Present for an inject the facilitator typed; absent when a scheduled one is released early. */
    custom: z.object({ source: z.string(), title: z.string(), text: z.string() }).optional(),
  }),
  z.object({ ...Base, action: z.literal('end') }),
]);
export type LogLine = z.infer<typeof LogLineSchema>;

/** A log line as the clock uses it: its line number (1-based) and wall time in ms. */
export type LogEntry = LogLine & { line: number; atMs: number };
