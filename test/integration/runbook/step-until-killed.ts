// A long-lived host that steps a run and is then killed (SIGKILL) by the test: it keeps the case
// open like the app does, prints a line after each committed step, and waits between steps.
import { callOp, createApiContext } from '../../../src/api';

const [path, runIdText] = process.argv.slice(2) as [string, string];
const ctx = createApiContext({ actor: 'killed-host' });
const runId = Number(runIdText);

for (;;) {
  const s = await callOp('runbook.status', { path, runId }, ctx);
  if (s.status === 'done') break;
  const c = s.step.content;
  const request =
    c.kind === 'instruction'
      ? { kind: 'complete' as const, checked: c.checklist.map((_, i) => i) }
      : c.kind === 'input'
        ? {
            kind: 'input' as const,
            values: c.fields.some((f) => f.id === 'personalData') ? { personalData: false } : {},
          }
        : c.kind === 'decision'
          ? {
              kind: 'decide' as const,
              choice: c.options[c.options.length - 1]!.id,
              rationale: 'scripted host',
            }
          : { kind: 'skip' as const, reason: 'scripted host' };
  await callOp('runbook.step', { path, runId, step: s.step.id, request }, ctx);
  process.stdout.write(`stepped ${s.step.id}\n`);
  await new Promise((r) => setTimeout(r, 150));
}
process.stdout.write('finished\n');
