// Every shipped runbook machine, stepped with xstate's pure transition functions: every step is
// reachable, every path ends in a final state, each decision option leads where the runbook says,
// and nothing moves without what the step requires (a rationale, a reason, a settled action, an
// elapsed timer).
import { initialTransition, transition, type AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { RUNBOOKS, type ShippedRunbook } from '../../../runbooks';
import { stepOf } from '../../../src/runbook/runtime';
import type { RunbookEvent, StepContent } from '../../../src/shared/runbook';
import type { RunbookMachine } from '../../../src/shared/runbook-machine';

const T0 = Date.UTC(2026, 2, 28, 9, 0, 0);

type Snap = ReturnType<typeof initialTransition<RunbookMachine>>[0];

function leaves(node: AnyStateNode): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length === 0 ? [node.key] : children.flatMap(leaves);
}

function start(rb: ShippedRunbook): Snap {
  return initialTransition(rb.machine, { facts: {} })[0];
}

function send(rb: ShippedRunbook, snap: Snap, event: RunbookEvent): Snap {
  return transition(rb.machine, snap, event)[0];
}

const here = (s: Snap): string => stepOf(s.value).step;

/** The moves a responder can make at a step, each with whether it must move the run. */
function moves(
  content: StepContent,
  snap: Snap,
  step: string,
): { event: RunbookEvent; moves: boolean }[] {
  const at = T0 + 60_000;
  const skip = {
    event: { type: 'SKIP', at, reason: 'not needed here' } as RunbookEvent,
    moves: content.kind !== 'decision' && content.kind !== 'input' && content.kind !== 'final',
  };
  const blankSkip = { event: { type: 'SKIP', at, reason: ' ' } as RunbookEvent, moves: false };
  switch (content.kind) {
    case 'instruction':
      return [
        {
          event: { type: 'COMPLETE', at, checked: content.checklist.map((_, i) => i) },
          moves: true,
        },
        skip,
        blankSkip,
      ];
    case 'input':
      return [{ event: { type: 'INPUT', at, values: {} }, moves: true }];
    case 'evidence':
      return [{ event: { type: 'EVIDENCE', at, findings: {} }, moves: true }, skip, blankSkip];
    case 'decision':
      return [
        ...content.options.map((o) => ({
          event: {
            type: 'DECIDE' as const,
            at,
            choice: o.id,
            rationale: `because of ${o.id}`,
          },
          moves: true,
        })),
        {
          event: { type: 'DECIDE', at, choice: content.options[0]!.id, rationale: '' },
          moves: false,
        },
        {
          event: { type: 'DECIDE', at, choice: 'no-such-option', rationale: 'a rationale' },
          moves: false,
        },
      ];
    case 'action':
      return [
        { event: { type: 'ACTION', at, outcome: 'done-verified' }, moves: true },
        { event: { type: 'ACTION', at, outcome: 'manual-confirmed' }, moves: true },
        { event: { type: 'ACTION', at, outcome: 'dry-run' }, moves: false },
        { event: { type: 'ACTION', at, outcome: 'failed' }, moves: false },
        skip,
        blankSkip,
      ];
    case 'timer': {
      const due = snap.context.timers[step];
      expect(due, `timer ${step} starts on entry`).toBe(snap.context.timers[step]);
      return [
        { event: { type: 'TIMER', at: due! - 1 }, moves: false },
        { event: { type: 'TIMER', at: due! }, moves: true },
        skip,
      ];
    }
    case 'final':
      return [];
  }
}

describe.each(RUNBOOKS.map((rb) => [rb.info.id, rb] as const))('runbook %s', (_id, rb) => {
  it('has content for every step and a step for every content', () => {
    const states = leaves(rb.machine.root).sort();
    expect(states).toEqual(Object.keys(rb.info.steps).sort());
    expect(new Set(states).size).toBe(states.length);
  });

  it('reaches every step, ends every path in a final step, and refuses what a step does not allow', () => {
    const seen = new Set<string>();
    const finals = new Set<string>();
    const queue: Snap[] = [start(rb)];
    const visitedPaths = new Set<string>();
    while (queue.length) {
      const snap = queue.shift()!;
      const step = here(snap);
      const key = `${step}|${JSON.stringify(snap.context.decisions)}`;
      if (visitedPaths.has(key)) continue;
      visitedPaths.add(key);
      seen.add(step);
      const content = rb.info.steps[step]!;
      if (snap.status === 'done') {
        expect(content.kind, `${step} is final in the machine`).toBe('final');
        finals.add(step);
        continue;
      }
      expect(content.kind, `${step} is not final in the machine`).not.toBe('final');
      const options = moves(content, snap, step);
      expect(
        options.some((m) => m.moves),
        `${step} has a way forward`,
      ).toBe(true);
      for (const m of options) {
        const next = send(rb, snap, m.event);
        const moved = here(next) !== step || next.status === 'done';
        expect(moved, `${step} ${m.event.type} ${JSON.stringify(m.event)} moves=${m.moves}`).toBe(
          m.moves,
        );
        if (moved) queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(rb.info.steps).sort());
    expect(finals.size).toBeGreaterThan(0);
  });

  it('offers in each decision exactly the options its machine accepts', () => {
    for (const [id, content] of Object.entries(rb.info.steps)) {
      if (content.kind !== 'decision') continue;
      // Find a snapshot at this step by walking the first way forward from the start.
      const snap = walkTo(rb, id);
      for (const o of content.options) {
        const next = send(rb, snap, {
          type: 'DECIDE',
          at: T0,
          choice: o.id,
          rationale: 'a reason',
        });
        expect(here(next), `${id} → ${o.id}`).not.toBe(id);
        expect(next.context.decisions[id]).toBe(o.id);
      }
    }
  });
});

/** A snapshot at `target`, reached by breadth-first search over the responder's moves. */
function walkTo(rb: ShippedRunbook, target: string): Snap {
  const queue: Snap[] = [start(rb)];
  const seen = new Set<string>();
  while (queue.length) {
    const snap = queue.shift()!;
    const step = here(snap);
    if (step === target) return snap;
    if (seen.has(step) || snap.status === 'done') continue;
    seen.add(step);
    for (const m of moves(rb.info.steps[step]!, snap, step))
      if (m.moves) queue.push(send(rb, snap, m.event));
  }
  throw new Error(`${rb.info.id}: ${target} is unreachable`);
}

describe('branches', () => {
  const byId = (id: string) => RUNBOOKS.find((r) => r.info.id === id)!;
  const decide = (rb: ShippedRunbook, step: string, choice: string) =>
    here(
      send(rb, walkTo(rb, step), {
        type: 'DECIDE',
        at: T0,
        choice,
        rationale: 'the evidence says so',
      }),
    );

  it('leaked access key: revoke sessions or watch; compromise removes persistence, read-only goes to notify', () => {
    const rb = byId('leaked-access-key');
    expect(decide(rb, 'sessions', 'revoke')).toBe('revokeSessions');
    expect(decide(rb, 'sessions', 'none')).toBe('watch');
    expect(decide(rb, 'compromise', 'active-compromise')).toBe('removePersistence');
    expect(decide(rb, 'compromise', 'used-read-only')).toBe('personalData');
    expect(decide(rb, 'compromise', 'exposed-not-used')).toBe('personalData');
  });

  it('leaked access key: the watch timer is 30 minutes from entering the step', () => {
    const rb = byId('leaked-access-key');
    const atDecision = walkTo(rb, 'sessions');
    const watching = send(rb, atDecision, {
      type: 'DECIDE',
      at: T0 + 5_000,
      choice: 'none',
      rationale: 'no sessions',
    });
    expect(watching.context.timers['watch']).toBe(T0 + 5_000 + 30 * 60_000);
  });

  it('public bucket: block, already closed, or not ours; reads lead to what was read', () => {
    const rb = byId('public-bucket');
    expect(decide(rb, 'stillOpen', 'block')).toBe('blockPublicAccess');
    expect(decide(rb, 'stillOpen', 'already-closed')).toBe('coverage');
    expect(decide(rb, 'stillOpen', 'not-ours')).toBe('tellOwner');
    expect(decide(rb, 'accessed', 'external-reads')).toBe('whatWasRead');
    expect(decide(rb, 'accessed', 'cannot-tell')).toBe('whatWasRead');
    expect(decide(rb, 'accessed', 'no-external-reads')).toBe('cause');
    expect(decide(rb, 'cause', 'compromised-credential')).toBe('credential');
    expect(decide(rb, 'cause', 'misconfiguration')).toBe('personalData');
  });

  it('suspicious enumeration: benign closes, a user key hands over, a role session is revoked', () => {
    const rb = byId('suspicious-enumeration');
    expect(decide(rb, 'classify', 'benign')).toBe('benignClose');
    expect(decide(rb, 'classify', 'active-compromise')).toBe('credential');
    expect(decide(rb, 'classify', 'recon-only')).toBe('credential');
    expect(decide(rb, 'credential', 'user-key')).toBe('handover');
    expect(decide(rb, 'credential', 'role-session')).toBe('revokeRole');
    const handover = rb.info.steps['handover'];
    expect(handover?.kind === 'final' && handover.handover?.runbook).toBe('leaked-access-key');
  });

  it('an action step records an unsettled outcome and waits', () => {
    const rb = byId('leaked-access-key');
    const at = walkTo(rb, 'deactivate');
    const dry = send(rb, at, { type: 'ACTION', at: T0, outcome: 'dry-run' });
    expect(here(dry)).toBe('deactivate');
    expect(dry.context.actions['deactivate']).toBe('dry-run');
    const done = send(rb, dry, { type: 'ACTION', at: T0, outcome: 'manual-confirmed' });
    expect(here(done)).toBe('keyActivity');
  });

  it('the persisted snapshot restores to the same step and context', () => {
    const rb = byId('public-bucket');
    const snap = walkTo(rb, 'accessed');
    const restored = JSON.parse(JSON.stringify(snap)) as Snap;
    const next = send(rb, rb.machine.resolveState(restored), {
      type: 'DECIDE',
      at: T0,
      choice: 'cannot-tell',
      rationale: 'no logs',
    });
    expect(here(next)).toBe('whatWasRead');
  });
});
