// The names of every API operation. Kept apart from the contract so the Electron preload can
// expose one function per operation without bundling the schemas; contract.ts is checked
// against this list at compile time (`satisfies`), so the two cannot drift.
export const OP_NAMES = [
  'app.info',
  'app.recentCases',
  'app.forgetCase',
  'case.create',
  'case.open',
  'case.info',
  'case.verify',
  'case.settings',
  'timeline.note',
  'timeline.list',
  'ingest.start',
  'jobs.get',
  'jobs.list',
  'sources.list',
  'events.list',
  's3access.list',
  'query.run',
  'analysis.keyActivity',
  'analysis.enumeration',
  'findings.list',
] as const;

export type OpName = (typeof OP_NAMES)[number];
