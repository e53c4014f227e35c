// Tabletop scoring: how a team's case compares with the generator's truth.json, metric by
// metric, and the after-action report built from it. The score shape is shared with the renderer.
import { z } from 'zod';
import { IsoInstant, JobStateSchema } from '../domain';
import { EXPORT_FORMATS } from '../export';
import { CasePath, op } from './define';
import { TABLETOP_SCENARIOS } from './tabletop';

/**
 * How a time recorded in the case (wall clock of the exercise) maps to the incident's simulated
 * time: sim = simStartMs + (wall − startedAtWallMs) × speed. When the exercise was paused or its
 * speed changed, `segments` (oldest first, as exercise mode keeps them) give the mapping piece by
 * piece: from wallFromMs on, sim = simFromMs + (wall − wallFromMs) × rate (rate 0 while paused).
 */
export const ExerciseClockInputSchema = z.object({
  startedAtWallMs: z.number().int(),
  simStartMs: z.number().int(),
  speed: z.number().positive('exerciseClock.speed: simulated seconds per wall second, above 0'),
  segments: z
    .array(
      z.object({
        wallFromMs: z.number().int(),
        simFromMs: z.number().int(),
        rate: z.number().min(0),
      }),
    )
    .optional(),
});
export type ExerciseClockInput = z.infer<typeof ExerciseClockInputSchema>;

export const SCORE_METRICS = [
  'containment',
  'exposure-window',
  'attacker-ips',
  'lineage',
  'deadlines',
  'steps-decisions',
] as const;
export type ScoreMetricId = (typeof SCORE_METRICS)[number];

/**
 * Weights of the overall score: a weighted mean of the metrics that apply to the scenario (a
 * metric that does not apply, such as lineage when the attacker derived no credential, is left
 * out and the other weights are scaled to add up again). Containment counts most: it is what
 * stops the harm; then how well the team bounded the exposure, who the attacker was, what the
 * attacker left behind, the legal clocks, and how the runbook was followed.
 */
export const SCORE_WEIGHTS: Readonly<Record<ScoreMetricId, number>> = {
  containment: 25,
  'exposure-window': 20,
  'attacker-ips': 15,
  lineage: 15,
  deadlines: 15,
  'steps-decisions': 10,
};

export const ScoreEvidenceSchema = z.object({
  findings: z.array(z.number().int()),
  timeline: z.array(z.number().int()),
  runs: z.array(z.number().int()),
  /** CloudTrail event IDs from the truth that the metric compares with. */
  events: z.array(z.string()),
});
export type ScoreEvidence = z.infer<typeof ScoreEvidenceSchema>;

const DataValue = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string())]);

export const ScoreMetricSchema = z.object({
  id: z.enum(SCORE_METRICS),
  title: z.string(),
  /** False when the scenario gives nothing to measure; left out of the overall score. */
  applicable: z.boolean(),
  /** The headline measure (minutes, a ratio, a count), null when the team's case has none. */
  value: z.number().nullable(),
  unit: z.enum(['minutes', 'ratio', 'count', 'percent']),
  /** The best value, or the value that earns full marks. */
  target: z.number().nullable(),
  targetText: z.string(),
  /** 0–100. */
  score: z.number().int().min(0).max(100),
  weight: z.number(),
  /** One sentence: what was measured, with the evidence. */
  explanation: z.string(),
  evidence: ScoreEvidenceSchema,
  /** The sub-measures behind the score, for tables (label → value as text). */
  parts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** The same sub-measures for machines (stable keys per metric). */
  data: z.record(z.string(), DataValue),
});
export type ScoreMetric = z.infer<typeof ScoreMetricSchema>;

export const TabletopScoreSchema = z.object({
  format: z.literal('cairn.tabletop.score'),
  version: z.literal(1),
  scenario: z.enum(TABLETOP_SCENARIOS),
  scenarioTitle: z.string(),
  seed: z.number().int(),
  case: z.object({ path: z.string(), caseId: z.string(), title: z.string() }),
  truthPath: z.string(),
  scoredAt: IsoInstant,
  exerciseClock: ExerciseClockInputSchema.nullable(),
  overall: z.object({
    score: z.number().int().min(0).max(100),
    /** The weights used, scaled over the metrics that apply. */
    weights: z.array(z.object({ metric: z.enum(SCORE_METRICS), weight: z.number() })),
    explanation: z.string(),
  }),
  metrics: z.array(ScoreMetricSchema),
});
export type TabletopScore = z.infer<typeof TabletopScoreSchema>;

/** What a finished `tabletop.report` job returns as its result. */
export const TabletopReportResultSchema = z.object({
  out: z.string(),
  manifestPath: z.string(),
  format: z.enum(EXPORT_FORMATS),
  sha256: z.string(),
  size: z.number().int(),
  manifestSha256: z.string(),
  redacted: z.boolean(),
  redactions: z.number().int(),
  overall: z.number().int(),
  /** The audit entry that recorded the report in the case. */
  auditSeq: z.number().int(),
});
export type TabletopReportResult = z.infer<typeof TabletopReportResultSchema>;

const TruthPath = z.string().trim().min(1, 'truth: give the path to the scenario’s truth.json');

export const tabletopScoreOps = {
  'tabletop.score': op({
    summary:
      'Score a team’s case against the scenario’s truth.json: containment time, exposure window, attacker addresses, lineage, deadlines, steps and decisions',
    writes: false,
    input: z.object({
      path: CasePath,
      truth: TruthPath,
      exerciseClock: ExerciseClockInputSchema.optional(),
    }),
    output: TabletopScoreSchema,
  }),
  'tabletop.report': op({
    summary:
      'Write the after-action report of a tabletop (score, each metric, what went well and what to improve, the team’s timeline beside the truth, the runbook steps) as PDF, HTML, CSV or JSON with a manifest (runs as a job; redacted; recorded in the audit log)',
    writes: true,
    input: z.object({
      path: CasePath,
      truth: TruthPath,
      format: z.enum(EXPORT_FORMATS, { error: 'format: one of pdf, html, csv, json' }),
      out: z.string().trim().min(1, 'out: give the file to write'),
      exerciseClock: ExerciseClockInputSchema.optional(),
      overwrite: z.boolean().default(false),
    }),
    output: JobStateSchema,
  }),
} as const;
