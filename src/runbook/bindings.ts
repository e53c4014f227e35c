// Step parameters bound from the run: a fact, a field of a finding's summary, or a fixed value.
// The fact `now` is the time of the step.
import type { Binding, RunbookContext } from '../shared/runbook';

export function resolveBindings(
  params: Record<string, Binding>,
  context: RunbookContext,
  nowMs: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, b] of Object.entries(params)) {
    if ('value' in b) out[k] = b.value;
    else if ('fact' in b)
      out[k] =
        b.fact === 'now' ? new Date(nowMs).toISOString() : (context.facts[b.fact] ?? undefined);
    else out[k] = context.findings[b.finding]?.summary[b.field];
  }
  return out;
}
