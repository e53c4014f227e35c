// Tabletop scoring: a team's case against the generator's truth.json, metric by metric.
export { toSim } from './clock';
export { readTruthFile } from './truth-file';
export { readParticipantCase } from './read-case';
export { scoreCase, type ScoreOptions } from './score';
export type {
  CaseDeadlines,
  CaseFinding,
  ParticipantCase,
  PinnedEvidence,
  RunRecord,
  RunStep,
  RunTransition,
} from './participant';
