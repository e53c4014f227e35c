// A containment step: the exact AWS call is shown before anything runs, with what it breaks and
// how to undo it. The responder then records a dry run (the command to run by hand), lets Cairn
// make the change after confirming, or says it was done by hand (optionally read back from AWS).
import { useState } from 'react';
import type { StepContent } from '../../../src/shared/runbook';
import { useOp } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { useStep, type StepProps } from './use-step';

interface PlanView {
  title: string;
  why: string;
  lookups: { cli: string }[];
  changes: { service: string; operation: string; input: Record<string, unknown> }[];
  checks: { cli: string; expect: string }[];
  manualCommand: string;
  breaks: string[];
  undo: { summary: string; cli: string[] };
  notes: string[];
}

interface OutcomeView {
  status: string;
  message: string;
  hint?: string;
  manualCommand?: string;
  undo?: string;
}

function Copyable({ text, testId }: { text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copyable">
      <pre className="cmd" data-testid={testId}>
        {text}
      </pre>
      <button
        type="button"
        className="quiet small"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export function ActionStep(
  props: StepProps & { content: Extract<StepContent, { kind: 'action' }> },
) {
  const { run, path } = props;
  const [params, setParams] = useState<Record<string, string>>({});
  const [aws, setAws] = useState({ profile: '', region: '', endpoint: '' });
  const [reviewed, setReviewed] = useState(false);
  const [manual, setManual] = useState(false);
  const [note, setNote] = useState('');
  const [verify, setVerify] = useState(false);
  const [outcome, setOutcome] = useState<OutcomeView | null>(null);
  const overrides = Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
  const target = Object.fromEntries(
    Object.entries(aws)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
  const plan = useOp(
    'runbook.plan',
    { path, runId: run.runId, params: overrides, aws: target },
    `${run.runId}|${JSON.stringify(overrides)}|${JSON.stringify(target)}`,
  );
  const p = plan.data?.plan as PlanView | undefined;
  const { send, pending, error } = useStep(props);
  const last = run.context.actions[run.step.id];

  async function act(mode: 'dry-run' | 'execute' | 'confirm-manual') {
    const r = await send({
      kind: 'act',
      mode,
      confirm: mode === 'execute' && reviewed,
      params: overrides,
      aws: target,
      verify,
      ...(mode === 'confirm-manual' ? { note } : {}),
    });
    if (r?.outcome) setOutcome(r.outcome as unknown as OutcomeView);
  }

  return (
    <div className="form action-step">
      <fieldset className="params">
        <legend>Acts on</legend>
        {Object.entries(run.actionParams ?? {}).map(([k, v]) => (
          <label key={k} className="field inline-field">
            <span className="mono">{k}</span>
            <input
              value={
                params[k] ??
                (typeof v === 'object' || v === undefined
                  ? ''
                  : String(v as string | number | boolean))
              }
              onChange={(e) => setParams((o) => ({ ...o, [k]: e.target.value }))}
              placeholder={v === undefined || v === null ? 'unknown: fill it in' : ''}
              data-testid={`param-${k}`}
            />
          </label>
        ))}
      </fieldset>
      <details className="aws-target">
        <summary>AWS credentials and endpoint (standard credential chain if empty)</summary>
        <div className="form inline">
          {(['profile', 'region', 'endpoint'] as const).map((k) => (
            <label key={k}>
              {k}
              <input
                value={aws[k]}
                onChange={(e) => setAws((o) => ({ ...o, [k]: e.target.value }))}
                data-testid={`aws-${k}`}
              />
            </label>
          ))}
        </div>
      </details>
      <ErrorNote error={plan.error} />
      {p ? (
        <section className="plan" data-testid="plan">
          <h4>{p.title}</h4>
          <p className="muted">{p.why}</p>
          <div className="small muted">The change, exactly:</div>
          {p.changes.map((c, i) => (
            <pre key={i} className="cmd" data-testid="plan-call">
              {`${c.service}:${c.operation} ${JSON.stringify(c.input, null, 2)}`}
            </pre>
          ))}
          <div className="small muted">By hand:</div>
          <Copyable text={p.manualCommand} testId="manual-command" />
          {p.breaks.length ? (
            <>
              <div className="small muted">What stops working:</div>
              <ul>
                {p.breaks.map((b, i) => (
                  <li key={i}>{b}</li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="small muted">Undo: {p.undo.summary}</div>
          {p.notes.map((n, i) => (
            <p key={i} className="small muted">
              {n}
            </p>
          ))}
        </section>
      ) : null}
      {last ? (
        <p className={last === 'failed' ? 'warn-text' : 'muted'} data-testid="last-attempt">
          Last attempt: {last}
          {['dry-run', 'manual-required', 'failed'].includes(last)
            ? ' — run the command by hand, then confirm below.'
            : ''}
        </p>
      ) : null}
      {outcome ? (
        <div
          className={
            outcome.status.startsWith('done')
              ? 'ok-note'
              : outcome.status === 'dry-run'
                ? 'note'
                : 'error-note'
          }
          role="status"
          data-testid="outcome"
        >
          {/* A dry run's message says so itself. */}
          {outcome.status === 'dry-run' ? null : <strong>{outcome.status}: </strong>}
          {outcome.message}
          {outcome.hint ? <div className="hint">{outcome.hint}</div> : null}
          {outcome.undo ? <div className="small">Undo: {outcome.undo}</div> : null}
        </div>
      ) : null}
      <ErrorNote error={error} />
      {!manual ? (
        <div className="row wrap">
          <label className="check">
            <input
              type="checkbox"
              checked={reviewed}
              onChange={(e) => setReviewed(e.target.checked)}
              data-testid="reviewed"
            />{' '}
            I reviewed the call and what it breaks
          </label>
          <button
            className="primary"
            disabled={pending || !reviewed || !p}
            onClick={() => void act('execute')}
            data-testid="act-execute"
          >
            {pending ? 'Working…' : 'Make the change'}
          </button>
          <button
            disabled={pending || !p}
            onClick={() => void act('dry-run')}
            data-testid="act-dry-run"
          >
            Dry run (record the command)
          </button>
          <button className="quiet" onClick={() => setManual(true)} data-testid="act-manual-open">
            I did it by hand…
          </button>
        </div>
      ) : (
        <div className="form">
          <label className="field">
            Who ran it, where and when (kept in the record)
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="manual-note"
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} />{' '}
            Read the state back from AWS to confirm
          </label>
          <div className="row">
            <button
              className="primary"
              disabled={pending || note.trim().length < 3}
              onClick={() => void act('confirm-manual')}
              data-testid="act-manual"
            >
              Confirm it was done
            </button>
            <button className="quiet" onClick={() => setManual(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
