// What scoring reads from a team's case, as plain data: the findings, the runbook runs with every
// transition, the timeline, pinned evidence, the awareness time and the notification
// obligations. read-case.ts fills it from the case file; the metrics are pure functions of it
// and the truth, so they can be tested with cases written by hand.
import type { Obligation } from '../../shared/deadlines';
import type { TimelineEntry } from '../../shared/domain';
import type { ContainmentKind, FactValue, StepContent } from '../../shared/runbook';

export interface CaseFinding {
  id: number;
  kind: string;
  subject: string;
  title: string;
  /** When it was recorded (wall clock of the exercise). */
  createdAtMs: number;
  actor: string;
  result: unknown;
}

export interface RunStep {
  id: string;
  title: string;
  phase: StepContent['phase'];
  kind: StepContent['kind'];
  state: 'done' | 'skipped' | 'current' | 'pending';
  /** For an action step: the containment it performs. */
  action: ContainmentKind | null;
}

export interface RunTransition {
  /** The timeline entry written with it (same audit entry), when there is one. */
  timelineEntryId: number | null;
  /** When it was recorded (wall clock of the exercise). */
  atMs: number;
  actor: string;
  /** The machine event: START, COMPLETE, SKIP, INPUT, EVIDENCE, DECIDE, ACTION, TIMER. */
  event: string;
  /** The step acted on (the leaf state the run was in). */
  step: string;
  rationale: string | null;
  /** DECIDE: the option chosen. */
  choice: string | null;
  /** ACTION: the outcome (done-verified, manual-confirmed, dry-run, failed, …). */
  outcome: string | null;
  /** ACTION: what the containment was aimed at (key ID, bucket, user or role name). */
  target: { kind: ContainmentKind; subject: string | null } | null;
}

export interface RunRecord {
  runId: number;
  runbookId: string;
  title: string;
  status: 'active' | 'done';
  startedAtMs: number;
  startedBy: string;
  facts: Record<string, FactValue>;
  steps: RunStep[];
  transitions: RunTransition[];
}

export interface PinnedEvidence {
  entryId: number;
  type: 'event' | 's3_access';
  id: string;
  sourceIp: string | null;
}

export interface CaseDeadlines {
  /** Every rule's obligation on the team's own facts. */
  team: Obligation[];
  /**
   * Every rule's obligation on the truth's facts, with everything else the team recorded (its
   * awareness time, clock anchors, notices, decisions and settings): what the team's clocks
   * would say had its facts been right.
   */
  truthFacts: Obligation[];
}

export interface ParticipantCase {
  path: string;
  caseId: string;
  title: string;
  timezone: string;
  awareness: { atMs: number; setBy: string; reason: string | null; entryId: number | null } | null;
  /** Current findings (a re-run supersedes the earlier one). */
  findings: CaseFinding[];
  runs: RunRecord[];
  /** Current timeline entries (neither superseded nor withdrawn), in event-time order. */
  timeline: TimelineEntry[];
  pinned: PinnedEvidence[];
  /** The case's IP classifier's class for every address the findings and pins name. */
  ipClass: Record<string, string>;
  deadlines: CaseDeadlines | null;
}
