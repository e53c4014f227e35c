// Acting on the current step of a run from the UI: the request goes with the step the responder
// saw, so a run that moved on meanwhile (another window, another responder) refuses it.
import type { OpInput } from '../../../src/shared/contract';
import type { RunStatus } from '../../../src/shared/runbook';
import { useAction } from '../../api/hooks';

type Request = OpInput<'runbook.step'>['request'];

export interface StepProps {
  path: string;
  zone: string;
  run: RunStatus;
  onStepped: () => void;
}

/** Sends a request for the current step; the run reloads when it lands. */
export function useStep({ path, run, onStepped }: StepProps) {
  const step = useAction('runbook.step');
  const send = async (request: Request) => {
    const r = await step.run({ path, runId: run.runId, step: run.step.id, request });
    if (r) onStepped();
    return r;
  };
  return { send, pending: step.pending, error: step.error };
}
