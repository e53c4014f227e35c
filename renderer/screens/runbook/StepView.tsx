// The current step of a run: why it matters, what to do, and the one control that takes it —
// a checklist, a form, the analyses to run, a decision with Cairn's suggestion and the evidence
// behind it, a containment action, or a timer. Every step but a decision can be skipped, with a
// reason that goes into the record.
import { useEffect, useState } from 'react';
import type { RunStatus, StepContent } from '../../../src/shared/runbook';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { ActionStep } from './ActionStep';
import { FindingLink } from './EvidenceGathered';
import { FieldInput, fieldValue } from './FieldInput';
import { useStep, type StepProps } from './use-step';

/** Instruction lines; shell commands are shown as code so they can be copied whole. */
function DoList({ lines }: { lines: string[] }) {
  return (
    <ol className="do-list">
      {lines.map((l, i) => {
        const m = /^(.*?)(aws [a-z0-9-]+ [^—;]*)(.*)$/.exec(l);
        return (
          <li key={i}>
            {m ? (
              <>
                {m[1]}
                <code className="cmd">{m[2]!.trim()}</code>
                {m[3]}
              </>
            ) : (
              l
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Checklist(props: StepProps & { content: Extract<StepContent, { kind: 'instruction' }> }) {
  const [checked, setChecked] = useState<number[]>([]);
  const { send, pending, error } = useStep(props);
  const all = props.content.checklist.length === checked.length;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ kind: 'complete', checked });
      }}
    >
      <fieldset className="checklist">
        <legend>Checklist</legend>
        {props.content.checklist.map((item, i) => (
          <label key={i} className="check">
            <input
              type="checkbox"
              checked={checked.includes(i)}
              onChange={(e) =>
                setChecked((c) => (e.target.checked ? [...c, i] : c.filter((x) => x !== i)))
              }
              data-testid={`check-${i}`}
            />
            {item}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={error} />
      <div className="row">
        <button
          className="primary"
          type="submit"
          disabled={!all || pending}
          data-testid="step-complete"
        >
          Done
        </button>
        {!all ? (
          <span className="muted small">Check every item, or skip the step with a reason.</span>
        ) : null}
      </div>
    </form>
  );
}

function InputForm(props: StepProps & { content: Extract<StepContent, { kind: 'input' }> }) {
  const known = props.run.context.facts;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      props.content.fields.map((f) => {
        const v = known[f.id];
        return [
          f.id,
          v === undefined || v === null
            ? ''
            : typeof v === 'boolean'
              ? v
                ? 'yes'
                : 'no'
              : String(v),
        ];
      }),
    ),
  );
  const { send, pending, error } = useStep(props);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const out: Record<string, string | number | boolean | null> = {};
        for (const f of props.content.fields) {
          const v = fieldValue(f, values[f.id] ?? '');
          if (v !== undefined) out[f.id] = v;
        }
        void send({ kind: 'input', values: out });
      }}
    >
      {props.content.fields.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          value={values[f.id] ?? ''}
          onChange={(v) => setValues((o) => ({ ...o, [f.id]: v }))}
        />
      ))}
      <ErrorNote error={error} />
      <div className="row">
        <button className="primary" type="submit" disabled={pending} data-testid="step-input">
          Save and continue
        </button>
      </div>
    </form>
  );
}

function Evidence(props: StepProps & { content: Extract<StepContent, { kind: 'evidence' }> }) {
  const { send, pending, error } = useStep(props);
  return (
    <div className="form">
      <p>
        Runs <strong>{props.content.analyses.map((a) => a.name).join(', ')}</strong> on the case’s
        evidence and records each result as a finding.
      </p>
      <p className="muted">Expect: {props.content.expects}</p>
      <ErrorNote error={error} />
      <div className="row">
        <button
          className="primary"
          disabled={pending}
          onClick={() => void send({ kind: 'evidence' })}
          data-testid="step-evidence"
        >
          {pending ? 'Running…' : 'Run the analyses'}
        </button>
      </div>
    </div>
  );
}

function Decision(props: StepProps & { content: Extract<StepContent, { kind: 'decision' }> }) {
  const s = props.run.suggestion;
  const [choice, setChoice] = useState(s?.choice ?? '');
  const [rationale, setRationale] = useState('');
  const { send, pending, error } = useStep(props);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ kind: 'decide', choice, rationale });
      }}
    >
      {s ? (
        <div className="suggestion" data-testid="suggestion">
          <strong>
            Cairn suggests:{' '}
            {props.content.options.find((o) => o.id === s.choice)?.label ?? s.choice}
          </strong>
          <div>{s.because}</div>
          <div className="small muted" data-testid="suggestion-evidence">
            Evidence:{' '}
            {s.evidence.map((e, i) => (
              <span key={e.findingId}>
                {i ? ', ' : ''}
                <FindingLink id={e.findingId} label={`finding #${e.findingId}`} /> ({e.analysis})
              </span>
            ))}
          </div>
        </div>
      ) : props.content.suggest ? (
        <p className="muted">No suggestion: the evidence it needs was not gathered.</p>
      ) : null}
      <div className="runbook-choices" role="radiogroup" aria-label="Options">
        {props.content.options.map((o) => (
          <label key={o.id} className={`choice ${o.id === choice ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="option"
              value={o.id}
              checked={o.id === choice}
              onChange={() => setChoice(o.id)}
              data-testid={`option-${o.id}`}
            />
            <span>
              <strong>{o.label}</strong>
              {s?.choice === o.id ? <span className="chip small">suggested</span> : null}
              <br />
              <span className="muted">{o.meaning}</span>
            </span>
          </label>
        ))}
      </div>
      <label className="field">
        Your rationale (kept in the record with your name)
        <textarea
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          rows={3}
          required
          data-testid="rationale"
        />
      </label>
      <ErrorNote error={error} />
      <div className="row">
        <button
          className="primary"
          type="submit"
          disabled={pending || !choice || rationale.trim().length < 3}
          data-testid="step-decide"
        >
          Decide
        </button>
      </div>
    </form>
  );
}

function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function Timer(props: StepProps & { content: Extract<StepContent, { kind: 'timer' }> }) {
  const now = useNow(1000);
  const { send, pending, error } = useStep(props);
  const due = props.run.timerDue ? Date.parse(props.run.timerDue) : null;
  const left = due === null ? 0 : Math.max(0, due - now);
  const mins = Math.floor(left / 60_000);
  const secs = Math.floor((left % 60_000) / 1000);
  return (
    <div className="form">
      <p>
        Due {props.run.timerDue ? <Time iso={props.run.timerDue} zone={props.zone} /> : '—'}{' '}
        <strong className="countdown" data-testid="timer-left">
          {left > 0 ? `in ${mins}:${String(secs).padStart(2, '0')}` : 'now'}
        </strong>
      </p>
      <p className="muted">Then: {props.content.recheck}</p>
      <ErrorNote error={error} />
      <div className="row">
        <button
          className="primary"
          disabled={pending || left > 0}
          onClick={() => void send({ kind: 'timer' })}
          data-testid="step-timer"
        >
          Re-checked: continue
        </button>
      </div>
    </div>
  );
}

function Final({
  run,
  onHandover,
}: {
  run: RunStatus;
  onHandover: (h: { runbook: string; facts: Record<string, unknown> }) => void;
}) {
  const c = run.step.content;
  return (
    <div className="form">
      {c.kind === 'final' ? <p>{c.summary}</p> : null}
      {run.handover ? (
        <div className="row">
          <button
            className="primary"
            onClick={() => onHandover(run.handover!)}
            data-testid="handover"
          >
            Continue with the {run.handover.runbook} runbook
          </button>
          <span className="muted small">
            {Object.entries(run.handover.facts)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(', ')}
          </span>
        </div>
      ) : null}
    </div>
  );
}

function Skip(props: StepProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { send, pending, error } = useStep(props);
  if (!open) {
    return (
      <button className="quiet" onClick={() => setOpen(true)} data-testid="step-skip-open">
        Skip this step…
      </button>
    );
  }
  return (
    <form
      className="form skip"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ kind: 'skip', reason });
      }}
    >
      <label className="field">
        Why skip it? (kept in the record)
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          data-testid="skip-reason"
        />
      </label>
      <ErrorNote error={error} />
      <div className="row">
        <button
          type="submit"
          disabled={pending || reason.trim().length < 3}
          data-testid="step-skip"
        >
          Skip
        </button>
        <button type="button" className="quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function StepView(
  props: StepProps & {
    onHandover: (h: { runbook: string; facts: Record<string, unknown> }) => void;
  },
) {
  const c = props.run.step.content;
  const done = props.run.status === 'done';
  return (
    <article
      className={`step-card step-kind-${c.kind}`}
      data-testid="step-card"
      data-step={props.run.step.id}
    >
      <header>
        <span className="chip small">{c.phase}</span> <span className="chip small">{c.kind}</span>
        <h3 data-testid="step-title">{c.title}</h3>
      </header>
      <p className="why">{c.why}</p>
      {c.do.length ? <DoList lines={c.do} /> : null}
      {c.kind === 'instruction' ? <Checklist {...props} content={c} /> : null}
      {c.kind === 'input' ? <InputForm {...props} content={c} /> : null}
      {c.kind === 'evidence' ? <Evidence {...props} content={c} /> : null}
      {c.kind === 'decision' ? <Decision {...props} content={c} /> : null}
      {c.kind === 'action' ? <ActionStep {...props} content={c} /> : null}
      {c.kind === 'timer' ? <Timer {...props} content={c} /> : null}
      {c.kind === 'final' ? <Final run={props.run} onHandover={props.onHandover} /> : null}
      {!done && c.kind !== 'decision' && c.kind !== 'input' && c.kind !== 'final' ? (
        <Skip {...props} />
      ) : null}
    </article>
  );
}
