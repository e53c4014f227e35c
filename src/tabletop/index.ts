// The tabletop generator's public API: generate a scenario (logs plus truth.json), run it as a
// job on a worker thread, and read the truth back with its schema.
export {
  GENERATE_DEFAULTS,
  generate,
  type GenerateOptions,
  type GenerateProgress,
  type GenerateSummary,
} from './generate';
export { runGenerateWorker, type GenerateJobParams } from './job';
export { SCENARIOS, TruthSchema, type Moment, type ScenarioId, type Truth } from './truth';
