// How a runbook run reads in a terminal: where it stands, what to do now, what Cairn suggests
// and why, and the exact command that takes the next step.
import type { FieldSpec, RunStatus, StepContent } from '../../../shared/runbook';

const PHASES: Record<StepContent['phase'], string> = {
  contain: 'Contain',
  scope: 'Scope',
  investigate: 'Investigate',
  notify: 'Notify',
  recover: 'Recover',
  close: 'Close',
};

/** A fact or parameter as text: objects as JSON, never "[object Object]". */
const show = (v: unknown): string =>
  typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

const MARK = { done: '✓', skipped: '↷', current: '▶', pending: '·' } as const;

function fieldLine(f: FieldSpec, known: unknown): string {
  const kind =
    f.kind === 'instant'
      ? 'ISO time with zone'
      : f.kind === 'boolean'
        ? 'yes/no'
        : f.kind === 'choice'
          ? (f.choices ?? []).map((c) => c.id).join('|')
          : f.kind;
  const have =
    known === undefined || known === null || known === '' ? '' : `  (known: ${show(known)})`;
  return `    --value ${f.id}=…  ${f.label} [${kind}${f.required ? ', required' : ''}]${f.setsAwareness ? ' — sets the case awareness time' : ''}${have}`;
}

/** The command that takes the current step, spelled out. */
function nextCommand(s: RunStatus, file: string): string[] {
  const c = s.step.content;
  const base = `cairn runbook do ${file} --run ${s.runId}`;
  switch (c.kind) {
    case 'instruction':
      return [`${base} complete --check all`, `${base} skip --reason "…"`];
    case 'input':
      return [`${base} input ${c.fields.map((f) => `--value ${f.id}=…`).join(' ')}`];
    case 'evidence':
      return [`${base} evidence`, `${base} skip --reason "…"`];
    case 'decision':
      return [
        `${base} decide --choice ${s.suggestion?.choice ?? c.options[0]?.id ?? '…'} --reason "…"`,
      ];
    case 'action':
      return [
        `cairn runbook plan ${file} --run ${s.runId}            (the exact calls, what breaks, how to undo)`,
        `${base} act --dry-run                     (records the command to run by hand)`,
        `${base} act --confirm [--profile P --region R]  (Cairn makes the change and reads it back)`,
        `${base} act --manual --note "…" [--verify]  (you ran it by hand)`,
        `${base} skip --reason "…"`,
      ];
    case 'timer':
      return [`${base} timer`, `${base} skip --reason "…"`];
    case 'final':
      return s.handover
        ? [
            `cairn runbook start ${file} ${s.handover.runbook} ${Object.entries(s.handover.facts)
              .filter(([, v]) => v !== undefined && v !== null)
              .map(([k, v]) => `--fact ${k}=${String(v)}`)
              .join(' ')}`,
          ]
        : [];
  }
}

export function runText(s: RunStatus, file: string): string {
  const c = s.step.content;
  const lines = [
    `Run #${s.runId}: ${s.runbook.title} v${s.runbook.version} — ${s.status === 'done' ? 'finished' : 'active'} (started ${s.startedAt} by ${s.startedBy})`,
  ];
  let phase = '';
  for (const st of s.steps) {
    if (st.phase !== phase) {
      phase = st.phase;
      lines.push(`  ${PHASES[st.phase]}`);
    }
    lines.push(`    ${MARK[st.state]} ${st.title}${st.state === 'current' ? '   ← now' : ''}`);
  }
  lines.push(
    '',
    `${s.status === 'done' ? 'Finished' : 'Now'}: ${c.title}  [${c.kind}, step ${s.step.id}]`,
    `  Why: ${c.why}`,
  );
  if (c.do.length) lines.push('  Do:', ...c.do.map((d, i) => `    ${i + 1}. ${d}`));
  switch (c.kind) {
    case 'instruction':
      lines.push('  Checklist:', ...c.checklist.map((x, i) => `    [${i}] ${x}`));
      break;
    case 'input':
      lines.push('  Fields:', ...c.fields.map((f) => fieldLine(f, s.context.facts[f.id])));
      break;
    case 'evidence':
      lines.push(`  Runs: ${c.analyses.map((a) => a.name).join(', ')}`, `  Expect: ${c.expects}`);
      break;
    case 'decision':
      lines.push(
        '  Options:',
        ...c.options.map((o) => `    ${o.id.padEnd(20)} ${o.label}: ${o.meaning}`),
      );
      if (s.suggestion) {
        lines.push(
          `  Cairn suggests: ${s.suggestion.choice} — ${s.suggestion.because}`,
          `    evidence: ${s.suggestion.evidence.map((e) => `finding #${e.findingId} (${e.analysis})`).join(', ')}`,
        );
      } else if (c.suggest) {
        lines.push('  No suggestion yet: the evidence it needs was not gathered (skipped?).');
      }
      break;
    case 'action': {
      lines.push(
        `  Action: ${c.action}`,
        ...Object.entries(s.actionParams ?? {}).map(
          ([k, v]) =>
            `    ${k} = ${v === undefined || v === null ? '(unknown: set it with --param)' : show(v)}`,
        ),
      );
      const last = s.context.actions[s.step.id];
      if (last)
        lines.push(
          `  Last attempt: ${last}${last === 'dry-run' || last === 'manual-required' || last === 'failed' ? ' — run the command by hand, then confirm with act --manual' : ''}`,
        );
      break;
    }
    case 'timer':
      lines.push(`  Due: ${s.timerDue ?? '—'}`, `  Then: ${c.recheck}`);
      break;
    case 'final':
      lines.push(`  ${c.summary}`);
      if (s.handover) lines.push(`  Hand over to the "${s.handover.runbook}" runbook.`);
      break;
  }
  const next = nextCommand(s, file);
  if (next.length && s.status !== 'done') lines.push('', 'Next:', ...next.map((n) => `  ${n}`));
  if (next.length && s.status === 'done') lines.push('', 'Then:', ...next.map((n) => `  ${n}`));
  return lines.join('\n');
}
