// The runbook model shared by the runbook files (runbooks/*.ts), the runtime (src/runbook) and
// the UI. A runbook is an xstate v5 machine whose states are steps, plus the content of each step:
// what to do and why, what evidence to gather, which decision to make, which action to take.
// Machines are pure: every event carries its time (`at`), and everything that touches the case or
// AWS happens in the runtime, which then tells the machine what happened.

export type FactValue = string | number | boolean | null;

export interface FindingRef {
  findingId: number;
  /** A small summary the machine and the suggestions read (the full result is in the finding). */
  summary: Record<string, unknown>;
}

export interface RunbookContext {
  /** Facts given by the responder or learned from findings (access key, bucket, exposure time …). */
  facts: Record<string, FactValue>;
  /** The latest finding of each analysis the run gathered, by analysis name. */
  findings: Record<string, FindingRef>;
  /** Choices made at decision steps, by step. */
  decisions: Record<string, string>;
  /** When each timer step comes due (UTC ms), by step. */
  timers: Record<string, number>;
  /** Outcome of each action step, by step. */
  actions: Record<string, string>;
}

export type RunbookEvent =
  | { type: 'COMPLETE'; at: number; checked: number[] }
  | { type: 'SKIP'; at: number; reason: string }
  | { type: 'INPUT'; at: number; values: Record<string, FactValue> }
  | { type: 'EVIDENCE'; at: number; findings: Record<string, FindingRef> }
  | { type: 'DECIDE'; at: number; choice: string; rationale: string }
  | { type: 'ACTION'; at: number; outcome: string }
  | { type: 'TIMER'; at: number };

export type AnalysisName = 'keyActivity' | 'enumeration' | 'bucketExposure';

export type ContainmentKind =
  'deactivate-access-key' | 'block-public-access' | 'revoke-older-sessions' | 'deny-all';

/** A value taken from the run: a fact, or a field of a finding's summary. */
export type Binding =
  { fact: string } | { finding: AnalysisName; field: string } | { value: FactValue };

export interface FieldSpec {
  id: string;
  label: string;
  kind: 'text' | 'instant' | 'boolean' | 'number' | 'choice';
  required: boolean;
  help?: string;
  choices?: { id: string; label: string }[];
  /** An instant that starts the notification clocks: it sets the case's awareness time. */
  setsAwareness?: boolean;
}

interface StepBase {
  title: string;
  phase: 'contain' | 'scope' | 'investigate' | 'notify' | 'recover' | 'close';
  /** Why this step matters, in a sentence or two. */
  why: string;
  /** What to do, in order. */
  do: string[];
}

export type StepContent =
  | (StepBase & { kind: 'instruction'; checklist: string[] })
  | (StepBase & { kind: 'input'; fields: FieldSpec[] })
  | (StepBase & {
      kind: 'evidence';
      analyses: { name: AnalysisName; params: Record<string, Binding> }[];
      expects: string;
    })
  | (StepBase & {
      kind: 'decision';
      options: { id: string; label: string; meaning: string }[];
      /** A named suggestion the runtime computes from the run's findings. */
      suggest: string | null;
    })
  | (StepBase & { kind: 'action'; action: ContainmentKind; params: Record<string, Binding> })
  | (StepBase & { kind: 'timer'; minutes: number; recheck: string })
  | (StepBase & {
      kind: 'final';
      summary: string;
      handover?: { runbook: string; facts: Record<string, Binding> };
    });

export interface RunbookInfo {
  id: string;
  version: string;
  title: string;
  summary: string;
  /** What the responder is asked for when the run starts. */
  startFacts: FieldSpec[];
  /** Step content by state id (the leaf state's name). */
  steps: Record<string, StepContent>;
}

export interface Suggestion {
  choice: string;
  because: string;
  evidence: { findingId: number; analysis: string }[];
}

export interface StepState {
  id: string;
  title: string;
  phase: StepContent['phase'];
  kind: StepContent['kind'];
  state: 'done' | 'skipped' | 'current' | 'pending';
}

export interface RunStatus {
  runId: number;
  runbook: { id: string; version: string; title: string; summary: string };
  status: 'active' | 'done';
  startedAt: string;
  startedBy: string;
  step: { id: string; path: string; content: StepContent };
  context: RunbookContext;
  suggestion: Suggestion | null;
  /** For an action step: the parameters it will act on, bound from the run. */
  actionParams: Record<string, unknown> | null;
  /** For a timer step: when it comes due (ISO). */
  timerDue: string | null;
  steps: StepState[];
  history: {
    at: string;
    actor: string;
    event: string;
    from: string;
    to: string;
    rationale: string | null;
  }[];
  /** For a finished run that hands over to another runbook. */
  handover: { runbook: string; facts: Record<string, unknown> } | null;
}
