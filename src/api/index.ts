// The one handler map behind every host, and the single entry point that validates input
// against the contract before any handler runs.
import { contract, type OpName, type OpOutput } from '../shared/contract';
import { CairnError } from '../shared/errors';
import type { ApiContext } from './context';
import { analysisHandlers } from './handlers/analysis';
import { analysisBucketHandlers } from './handlers/analysis-bucket';
import { appHandlers } from './handlers/app';
import { caseHandlers } from './handlers/case';
import { coverageHandlers } from './handlers/coverage';
import { deadlineHandlers } from './handlers/deadlines';
import { evidenceHandlers } from './handlers/evidence';
import { exportHandlers } from './handlers/export';
import { settingsHandlers } from './handlers/settings';
import { queryHandlers } from './handlers/query';
import { runbookHandlers } from './handlers/runbook';
import { tabletopHandlers } from './handlers/tabletop';
import { tabletopExerciseHandlers } from './handlers/tabletop-exercise';
import { tabletopScoreHandlers } from './handlers/tabletop-score';
import { timelineHandlers } from './handlers/timeline';
import type { Handler, Handlers } from './handlers/types';

export const handlers: Handlers = {
  ...analysisHandlers,
  ...analysisBucketHandlers,
  ...appHandlers,
  ...caseHandlers,
  ...coverageHandlers,
  ...deadlineHandlers,
  ...evidenceHandlers,
  ...exportHandlers,
  ...settingsHandlers,
  ...queryHandlers,
  ...runbookHandlers,
  ...tabletopHandlers,
  ...tabletopExerciseHandlers,
  ...tabletopScoreHandlers,
  ...timelineHandlers,
};

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** One line naming the field and what is wrong with it. */
export function describeIssues(op: string, issues: readonly IssueLike[]): string {
  const first = issues[0];
  if (!first) return `${op}: invalid input`;
  const field = first.path.map(String).join('.') || 'input';
  // zod's wording for an absent field is "Invalid input: expected string, received undefined".
  const text = /received undefined$/.test(first.message) ? 'required' : first.message;
  const msg = text.startsWith(`${field}:`) ? text : `${field}: ${text}`;
  return issues.length > 1
    ? `${op}: ${msg} (and ${issues.length - 1} more problem(s))`
    : `${op}: ${msg}`;
}

export async function callOp<K extends OpName>(
  name: K,
  rawInput: unknown,
  ctx: ApiContext,
): Promise<OpOutput<K>> {
  const parsed = contract[name].input.safeParse(rawInput);
  if (!parsed.success) {
    throw new CairnError('INVALID_INPUT', describeIssues(name, parsed.error.issues));
  }
  const handler = handlers[name] as Handler<K>;
  return await handler(parsed.data as Parameters<Handler<K>>[0], ctx);
}

export { createApiContext, type ApiContext } from './context';
