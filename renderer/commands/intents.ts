// What one part of the workbench can ask another to do (see workbench.ts). Plain types, with no
// React or screen imports, so the command registry that builds them is testable under Node.

/** The case tabs commands lead to (every one exists in CaseView's TABS). */
export type WorkTab =
  'overview' | 'runbook' | 'evidence' | 'findings' | 'timeline' | 'deadlines' | 'integrity';

export type AnalysisKind = 'key-activity' | 'enumeration' | 'bucket-exposure';

export type Intent =
  | { kind: 'open-finding'; findingId: number }
  | { kind: 'run-analysis'; analysis: AnalysisKind; value: string }
  | { kind: 'start-runbook'; runbook: string }
  | { kind: 'current-step' }
  | { kind: 'ingest'; source: string }
  | { kind: 'export' }
  | { kind: 'note'; text: string }
  | { kind: 'verify' };

export interface PendingIntent {
  seq: number;
  intent: Intent;
}
