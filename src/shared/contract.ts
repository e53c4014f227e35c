// The API contract: every operation any host (CLI, web, Electron) can call, with the zod schema
// that validates its input at the boundary and the schema of what it returns. src/api implements
// exactly this map; hosts never call the engine any other way. Each domain declares its
// operations in src/shared/ops/; the names are listed once in op-names.ts, and `satisfies`
// below fails the build if the two ever differ.
import type { z } from 'zod';
import { OP_NAMES, type OpName } from './op-names';
import { analysisOps } from './ops/analysis';
import { analysisBucketOps } from './ops/analysis-bucket';
import { appOps } from './ops/app';
import { caseOps } from './ops/case';
import { coverageOps } from './ops/coverage';
import { deadlineOps } from './ops/deadlines';
import type { OpDef } from './ops/define';
import { evidenceOps } from './ops/evidence';
import { exportOps } from './ops/export';
import { queryOps } from './ops/query';
import { runbookOps } from './ops/runbook';
import { tabletopOps } from './ops/tabletop';
import { tabletopExerciseOps } from './ops/tabletop-exercise';
import { tabletopScoreOps } from './ops/tabletop-score';
import { timelineOps } from './ops/timeline';

export const contract = {
  ...analysisOps,
  ...analysisBucketOps,
  ...appOps,
  ...caseOps,
  ...coverageOps,
  ...deadlineOps,
  ...evidenceOps,
  ...exportOps,
  ...queryOps,
  ...runbookOps,
  ...tabletopOps,
  ...tabletopExerciseOps,
  ...tabletopScoreOps,
  ...timelineOps,
} as const satisfies Record<OpName, OpDef>;

export type Contract = typeof contract;
/** What a caller sends (defaults not yet applied). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;

export function isOpName(name: string): name is OpName {
  return (OP_NAMES as readonly string[]).includes(name);
}

export { OP_NAMES, type OpName };
export { LOOKUP_ATTRIBUTE_KEYS } from './ops/evidence';
