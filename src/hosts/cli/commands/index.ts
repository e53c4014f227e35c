import type { Command } from '../command';
import { analyzeEnumeration, analyzeKey, findings } from './analyze';
import { caseCreate, caseInfo, verify } from './case';
import { ingest } from './ingest';
import { events, s3Access, sources } from './listing';
import { note } from './note';
import { query } from './query';
import { caseSettings } from './settings';
import { web } from './web';

/** Every CLI command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  caseCreate,
  caseInfo,
  caseSettings,
  note,
  ingest,
  sources,
  events,
  s3Access,
  query,
  analyzeKey,
  analyzeEnumeration,
  findings,
  verify,
  web,
];
