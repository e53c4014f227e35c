// The named guards and actions every runbook machine is built from. They are pure (each event
// carries its own time), so a machine can be stepped with xstate's transition() in tests and its
// snapshot persisted and restored anywhere. Runbook files import this and xstate only.
import {
  assign,
  setup,
  type AnyActorRef,
  type EventObject,
  type MetaObject,
  type ParameterizedObject,
  type ProvidedActor,
  type StateMachine,
  type StateSchema,
} from 'xstate';
import type { FactValue, FindingRef, RunbookContext, RunbookEvent } from './runbook';

/** Action outcomes that end an action step; any other outcome (dry-run, failed, manual-required) is recorded and the step waits. */
export const SETTLED_OUTCOMES = [
  'done-verified',
  'done-unverified',
  'manual-confirmed',
  'manual-verified',
] as const;

export const runbookSetup = setup({
  types: {
    context: {} as RunbookContext,
    events: {} as RunbookEvent,
    input: {} as { facts: Record<string, FactValue> },
  },
  guards: {
    /** A skip needs a reason a reviewer can read later. */
    hasReason: ({ event }) => event.type === 'SKIP' && event.reason.trim().length >= 3,
    /** A decision needs a rationale, and the choice must be this option. */
    chose: ({ event }, params: { option: string }) =>
      event.type === 'DECIDE' &&
      event.choice === params.option &&
      event.rationale.trim().length >= 3,
    /** The timer of this step has run out at the event's time. */
    timerElapsed: ({ context, event }, params: { step: string }) => {
      const due = context.timers[params.step];
      return due !== undefined && event.at >= due;
    },
    /** An action step ends only once done and verified, or confirmed done by hand. */
    actionSettled: ({ event }) =>
      event.type === 'ACTION' && (SETTLED_OUTCOMES as readonly string[]).includes(event.outcome),
    factIs: ({ context }, params: { fact: string; value: FactValue }) =>
      context.facts[params.fact] === params.value,
  },
  actions: {
    recordInput: assign({
      facts: ({ context, event }) =>
        event.type === 'INPUT' ? { ...context.facts, ...event.values } : context.facts,
    }),
    recordEvidence: assign({
      findings: ({ context, event }): Record<string, FindingRef> =>
        event.type === 'EVIDENCE' ? { ...context.findings, ...event.findings } : context.findings,
    }),
    recordDecision: assign({
      decisions: ({ context, event }, params: { step: string }) =>
        event.type === 'DECIDE'
          ? { ...context.decisions, [params.step]: event.choice }
          : context.decisions,
    }),
    recordAction: assign({
      actions: ({ context, event }, params: { step: string }) =>
        event.type === 'ACTION'
          ? { ...context.actions, [params.step]: event.outcome }
          : context.actions,
    }),
    startTimer: assign({
      timers: ({ context, event }, params: { step: string; minutes: number }) => ({
        ...context.timers,
        [params.step]: event.at + params.minutes * 60_000,
      }),
    }),
  },
});

/**
 * Any runbook machine: its context, events and input are the runbook model's; the rest (its
 * states, guards and actions) differ per runbook. (ReturnType of the generic createMachine
 * would be `any`, losing every check on the runtime's use of machines.)
 */
export type RunbookMachine = StateMachine<
  RunbookContext,
  RunbookEvent,
  Record<string, AnyActorRef | undefined>,
  ProvidedActor,
  ParameterizedObject,
  ParameterizedObject,
  string,
  // Each runbook has its own states; `matches()` takes them contravariantly, so no common
  // state-value type admits every machine. The runtime reads the value with stepOf() instead.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  any,
  string,
  { facts: Record<string, FactValue> },
  unknown,
  EventObject,
  MetaObject,
  StateSchema
>;

/** The context a run starts with. */
export function initialContext(facts: Record<string, FactValue>): RunbookContext {
  return { facts: { ...facts }, findings: {}, decisions: {}, timers: {}, actions: {} };
}

/** A skip to `target`, allowed with a reason. */
export const skipTo = (target: string) => ({ SKIP: { target, guard: 'hasReason' as const } });

/**
 * The transitions of an action step: a settled outcome moves on to `target`; any other outcome
 * (a dry run, a failure, a command left to run by hand) is recorded and the step waits for the
 * responder to confirm it was done. Skipping needs a reason.
 */
export const actionStep = (step: string, target: string) => ({
  ACTION: [
    {
      target,
      guard: 'actionSettled' as const,
      actions: { type: 'recordAction' as const, params: { step } },
    },
    { actions: { type: 'recordAction' as const, params: { step } } },
  ],
  ...skipTo(target),
});

/** The transition of a decision option: choosing `option` (with a rationale) goes to `target`. */
export const option = (step: string, opt: string, target: string) => ({
  guard: { type: 'chose' as const, params: { option: opt } },
  target,
  actions: { type: 'recordDecision' as const, params: { step } },
});
