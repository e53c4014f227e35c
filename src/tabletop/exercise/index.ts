// Tabletop exercise mode: a generated incident played out on a simulated clock with injects.
export { replayClock, simAt, refusal, type ClockState, type Segment } from './clock';
export { controlLine, type ControlRequest } from './control';
export { checkExerciseDir, createExercise, type CreateExerciseOptions } from './create';
export { controlExercise, exerciseStatus, loadExercise, releaseDue } from './exercise';
export { LEAD_MINUTES, scheduleInjects, simStartFor } from './injects';
export { deliveredAt, dueFiles, listLogFiles, releaseFiles, type LogFile } from './release';
export {
  EXERCISE_FILE,
  LOG_FILE,
  RELEASED_DIR,
  TRUTH_FILE,
  type ExerciseFile,
  type LogEntry,
  type LogLine,
} from './schema';
export { appendLog, readExercise, readLog, readTruth } from './store';
export { facilitatorView, participantView, type ExerciseSnapshot } from './views';
