import type { Command } from '../command';
import { analyzeEnumeration, analyzeKey, findings } from './analyze';
import { analyzeBucket } from './analyze-bucket';
import { caseCreate, caseInfo, verify } from './case';
import { coverage } from './coverage';
import { DEADLINE_COMMANDS } from './deadlines';
import { exportTimeline, verifyExportCommand } from './export';
import { ingest } from './ingest';
import { events, s3Access, sources } from './listing';
import { note } from './note';
import { query } from './query';
import { RUNBOOK_COMMANDS } from './runbook';
import { caseSettings } from './settings';
import { tabletopGenerate } from './tabletop';
import { TABLETOP_EXERCISE_COMMANDS } from './tabletop-exercise';
import { TABLETOP_SCORE_COMMANDS } from './tabletop-score';
import { annotate, correct, pin, redact, timeline, unpin } from './timeline';
import { web } from './web';

/** Every CLI command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  caseCreate,
  caseInfo,
  caseSettings,
  note,
  timeline,
  pin,
  unpin,
  annotate,
  correct,
  redact,
  ingest,
  sources,
  events,
  s3Access,
  query,
  analyzeKey,
  analyzeEnumeration,
  analyzeBucket,
  findings,
  coverage,
  ...RUNBOOK_COMMANDS,
  ...DEADLINE_COMMANDS,
  verify,
  exportTimeline,
  verifyExportCommand,
  tabletopGenerate,
  ...TABLETOP_EXERCISE_COMMANDS,
  ...TABLETOP_SCORE_COMMANDS,
  web,
];
