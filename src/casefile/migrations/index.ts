// The ordered list of migrations. A case file's PRAGMA user_version is the number of the last
// one applied; LATEST_SCHEMA_VERSION is what this build of Cairn writes.
import { migration001 } from './001-core';
import { migration002 } from './002-ingest';
import { migration003 } from './003-deadlines';
import { migration004 } from './004-activity-summary';
import { migration005 } from './005-key-rollups';
import { migration006 } from './006-compact-events';
import { migration007 } from './007-session-gaps';
import { migration008 } from './008-evidence-packs';
import { migration009 } from './009-event-runs';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
];

/** The version of the last migration (numbers may skip one that another branch adds). */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
