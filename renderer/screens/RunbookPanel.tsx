// Runbooks: the run the responder is working, one step at a time, with every step's state down
// the side and the run's history below; or, with no run yet, the runbooks to start.
import { useRef, useState } from 'react';
import type { OpOutput } from '../../src/shared/contract';
import type { FactValue, RunStatus } from '../../src/shared/runbook';
import { useAction, useOp } from '../api/hooks';
import { useIntent } from '../commands/workbench';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import { FieldInput, fieldValue } from './runbook/FieldInput';
import { EvidenceGathered } from './runbook/EvidenceGathered';
import { StepView } from './runbook/StepView';
import './runbook/runbook.css';

type Runbooks = OpOutput<'runbook.list'>['runbooks'];

const MARK = { done: '✓', skipped: '↷', current: '▶', pending: '·' } as const;
const PHASE = {
  contain: 'Contain',
  scope: 'Scope',
  investigate: 'Investigate',
  notify: 'Notify',
  recover: 'Recover',
  close: 'Close',
} as const;

function StartRunbook({
  path,
  runbooks,
  initial,
  onStarted,
}: {
  path: string;
  runbooks: Runbooks;
  initial?: { runbook: string; facts: Record<string, unknown> };
  onStarted: (s: RunStatus) => void;
}) {
  const [id, setId] = useState(initial?.runbook ?? runbooks[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(initial?.facts ?? {})
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ),
  );
  const start = useAction('runbook.start');
  const rb = runbooks.find((r) => r.id === id);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!rb) return;
    const facts: Record<string, FactValue> = {};
    for (const f of rb.startFacts) {
      const v = fieldValue(f, values[f.id] ?? '');
      if (v !== undefined) facts[f.id] = v;
    }
    const s = await start.run({ path, runbook: rb.id, facts });
    if (s) onStarted(s);
  }
  return (
    <form className="form panel" onSubmit={(e) => void submit(e)} data-testid="runbook-start">
      <h2>Start a runbook</h2>
      <div className="runbook-choices" role="radiogroup" aria-label="Runbook">
        {runbooks.map((r) => (
          <label key={r.id} className={`choice ${r.id === id ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="runbook"
              value={r.id}
              checked={r.id === id}
              onChange={() => setId(r.id)}
            />
            <span>
              <strong>{r.title}</strong> <span className="muted small">v{r.version}</span>
              <br />
              <span className="muted">{r.summary}</span>
            </span>
          </label>
        ))}
      </div>
      {rb?.startFacts.map((f) => (
        <FieldInput
          key={`${rb.id}-${f.id}`}
          field={f}
          value={values[f.id] ?? ''}
          onChange={(v) => setValues((o) => ({ ...o, [f.id]: v }))}
        />
      ))}
      <ErrorNote error={start.error} />
      <div className="row">
        <button
          className="primary"
          type="submit"
          disabled={start.pending || !rb}
          data-testid="runbook-start-submit"
        >
          Start {rb?.title ?? ''}
        </button>
      </div>
    </form>
  );
}

function Steps({ run }: { run: RunStatus }) {
  return (
    <ol className="run-steps" aria-label="Steps">
      {run.steps.map((s, i) => {
        const head = s.phase !== run.steps[i - 1]?.phase ? PHASE[s.phase] : null;
        return (
          <li
            key={s.id}
            className={`run-step ${s.state}`}
            aria-current={s.state === 'current' ? 'step' : undefined}
            data-testid={`run-step-${s.id}`}
            data-state={s.state}
          >
            {head ? <div className="phase">{head}</div> : null}
            <span className="mark" aria-hidden="true">
              {MARK[s.state]}
            </span>{' '}
            {s.title}
            <span className="sr-only"> ({s.state})</span>
          </li>
        );
      })}
    </ol>
  );
}

function History({ run, zone }: { run: RunStatus; zone: string }) {
  return (
    <details className="run-history">
      <summary>History ({run.history.length})</summary>
      <table className="table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Step</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {run.history.map((h, i) => (
            <tr key={i}>
              <td>
                <Time iso={h.at} zone={zone} />
              </td>
              <td>{h.actor}</td>
              <td>{h.event.toLowerCase()}</td>
              <td className="mono small">
                {h.from ? `${h.from.split('.').pop()} → ` : ''}
                {h.to.split('.').pop()}
              </td>
              <td>{h.rationale ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function RunbookPanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const [nonce, setNonce] = useState(0);
  const runs = useOp('runbook.runs', { path }, `${path}|${nonce}`);
  const list = useOp('runbook.list', {}, 'runbooks');
  const [chosen, setChosen] = useState<number | null>(null);
  const [starting, setStarting] = useState<{
    runbook: string;
    facts: Record<string, unknown>;
  } | null>(null);
  const all = runs.data?.runs ?? [];
  const active = all.filter((r) => r.status === 'active');
  const runId = chosen ?? active[active.length - 1]?.runId ?? all[all.length - 1]?.runId ?? null;
  const status = useOp('runbook.status', { path, runId: runId ?? 1 }, `${path}|${runId}|${nonce}`);
  const changed = () => {
    setNonce((n) => n + 1);
    onChange();
  };
  const run = runId !== null ? status.data : undefined;
  const stepRef = useRef<HTMLDivElement>(null);

  useIntent('start-runbook', (i) => setStarting({ runbook: i.runbook, facts: {} }));
  // Once the run (or the lack of one) is known: focus the step card so the keys work from there.
  useIntent(
    'current-step',
    () => {
      setStarting(null);
      requestAnimationFrame(() => {
        const card =
          stepRef.current ??
          document.querySelector<HTMLElement>('[data-testid=runbook-start] input:checked');
        card?.scrollIntoView({ block: 'start' });
        card?.focus();
      });
    },
    runs.data !== undefined && (all.length === 0 || run !== undefined),
  );

  if (runs.data && list.data && (all.length === 0 || starting)) {
    return (
      <div className="runbook-start-wrap">
        <StartRunbook
          key={starting ? `${starting.runbook}:${JSON.stringify(starting.facts)}` : 'new'}
          path={path}
          runbooks={list.data.runbooks}
          {...(starting ? { initial: starting } : {})}
          onStarted={(s) => {
            setStarting(null);
            setChosen(s.runId);
            changed();
          }}
        />
        {starting ? (
          <button className="quiet" onClick={() => setStarting(null)}>
            Back to the run
          </button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="runbook-panel" data-testid="runbook-panel">
      <ErrorNote error={runs.error ?? list.error ?? (runId !== null ? status.error : undefined)} />
      <aside className="run-side">
        {/* Every run in full words: a select cut the longer titles off in this narrow column. */}
        <nav className="run-list" aria-label="Runs in this case" data-testid="run-list">
          {all.map((r) => (
            <button
              key={r.runId}
              type="button"
              className={r.runId === runId ? 'run-item current' : 'run-item'}
              aria-current={r.runId === runId ? 'true' : undefined}
              onClick={() => setChosen(r.runId)}
            >
              <span>
                #{r.runId} {r.title}
              </span>
              <span className="muted small">{r.status === 'done' ? 'finished' : r.stepTitle}</span>
            </button>
          ))}
        </nav>
        <button
          className="quiet"
          onClick={() => setStarting({ runbook: list.data?.runbooks[0]?.id ?? '', facts: {} })}
        >
          Start another runbook…
        </button>
        {run ? <Steps run={run} /> : null}
      </aside>
      <section className="run-main">
        {run ? (
          <>
            <header className="run-head">
              <h2>
                {run.runbook.title} <span className="muted small">v{run.runbook.version}</span>
              </h2>
              <span className="muted small">
                run #{run.runId}, started <Time iso={run.startedAt} zone={zone} inline /> by{' '}
                {run.startedBy}
              </span>
            </header>
            <div ref={stepRef} tabIndex={-1} className="step-focus" aria-label="Current step">
              <StepView
                key={`${run.runId}-${run.step.id}`}
                path={path}
                zone={zone}
                run={run}
                onStepped={changed}
                onHandover={(h) => setStarting(h)}
              />
            </div>
            <EvidenceGathered findings={run.context.findings} zone={zone} />
            <History run={run} zone={zone} />
          </>
        ) : (
          <p className="muted">{status.loading || runs.loading ? 'Loading the run…' : ''}</p>
        )}
      </section>
    </div>
  );
}
