// The facilitator's screen: create or open an exercise, then run it: the simulated clock ticking,
// pause / resume / advance / speed / end, the inject schedule with "inject now" and custom
// injects, how much evidence is out, the ground truth, the log, and at the end the score.
import { useState, type FormEvent } from 'react';
import type { OpInput } from '../../../src/shared/contract';
import type { FacilitatorView as View } from '../../../src/shared/ops/tabletop-exercise';
import { useAction } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { CreateExercise } from './CreateExercise';
import { ScorePanel } from './ScorePanel';
import { liveSimMs, simText, stateText, useExercise, useTicker } from './use-exercise';
import './tabletop.css';

const SPEEDS = [1, 10, 30, 60, 300, 900, 3600];

type Control = Omit<OpInput<'tabletop.exerciseControl'>, 'dir'>;

function Controls({
  view,
  busy,
  send,
}: {
  view: View;
  busy: boolean;
  send: (input: Control) => void;
}) {
  const [confirmEnd, setConfirmEnd] = useState(false);
  const s = view.clock.state;
  const live = s === 'running' || s === 'paused';
  return (
    <div className="row wrap exercise-controls">
      {s === 'ready' ? (
        <button
          className="primary"
          disabled={busy}
          onClick={() => send({ action: 'start' })}
          data-testid="ex-start"
        >
          Start the clock
        </button>
      ) : null}
      {s === 'running' ? (
        <button disabled={busy} onClick={() => send({ action: 'pause' })} data-testid="ex-pause">
          Pause
        </button>
      ) : null}
      {s === 'paused' ? (
        <button
          className="primary"
          disabled={busy}
          onClick={() => send({ action: 'resume' })}
          data-testid="ex-resume"
        >
          Resume
        </button>
      ) : null}
      {live ? (
        <button
          disabled={busy}
          onClick={() => send({ action: 'advance', minutes: 15 })}
          data-testid="ex-advance"
        >
          Advance 15 min
        </button>
      ) : null}
      {s !== 'ended' ? (
        <label className="row">
          Speed
          <select
            value={SPEEDS.includes(view.clock.speed) ? view.clock.speed : ''}
            disabled={busy}
            onChange={(e) => send({ action: 'speed', speed: Number(e.target.value) })}
            data-testid="ex-speed"
          >
            {SPEEDS.includes(view.clock.speed) ? null : (
              <option value="">×{view.clock.speed}</option>
            )}
            {SPEEDS.map((x) => (
              <option key={x} value={x}>
                ×{x}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {live && !confirmEnd ? (
        <button
          className="quiet"
          disabled={busy}
          onClick={() => setConfirmEnd(true)}
          data-testid="ex-end"
        >
          End exercise
        </button>
      ) : null}
      {live && confirmEnd ? (
        <span className="row">
          <strong className="warn-text">End for everyone? The clock stops for good.</strong>
          <button
            className="danger"
            disabled={busy}
            onClick={() => {
              setConfirmEnd(false);
              send({ action: 'end' });
            }}
            data-testid="ex-end-confirm"
          >
            End it
          </button>
          <button className="quiet" onClick={() => setConfirmEnd(false)}>
            Keep going
          </button>
        </span>
      ) : null}
    </div>
  );
}

function Schedule({
  view,
  busy,
  send,
}: {
  view: View;
  busy: boolean;
  send: (input: Control) => void;
}) {
  const live = view.clock.state === 'running' || view.clock.state === 'paused';
  const custom = view.injects.filter((i) => i.id.startsWith('custom-'));
  return (
    <table className="table exercise-schedule" data-testid="inject-schedule">
      <thead>
        <tr>
          <th>Simulated time</th>
          <th>From</th>
          <th>Inject</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {view.schedule.map((i) => (
          <tr key={i.id} data-testid={`inject-row-${i.id}`} data-status={i.status}>
            <td className="mono small">{simText(Date.parse(i.releasedAt ?? i.simTime))}</td>
            <td>{i.source}</td>
            <td>
              <strong>{i.title}</strong>
              <div className="small muted">{i.text}</div>
            </td>
            <td>
              {i.status === 'released' ? (
                <span className="chip ok">
                  {i.by === 'facilitator' ? 'released early' : 'released'}
                </span>
              ) : live ? (
                <button
                  disabled={busy}
                  onClick={() => send({ action: 'inject', inject: { id: i.id } })}
                  data-testid={`inject-now-${i.id}`}
                >
                  Inject now
                </button>
              ) : (
                <span className="chip">pending</span>
              )}
            </td>
          </tr>
        ))}
        {custom.map((i) => (
          <tr key={i.id} data-status="released">
            <td className="mono small">{simText(Date.parse(i.simTime))}</td>
            <td>{i.source}</td>
            <td>
              <strong>{i.title}</strong>
              <div className="small muted">{i.text}</div>
            </td>
            <td>
              <span className="chip ok">sent</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CustomInject({ busy, send }: { busy: boolean; send: (input: Control) => void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    send({
      action: 'inject',
      inject: { text: text.trim(), ...(title.trim() ? { title: title.trim() } : {}) },
    });
    setTitle('');
    setText('');
  }
  return (
    <form className="form inline" onSubmit={submit} data-testid="custom-inject-form">
      <label>
        Title
        <input
          name="injectTitle"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="The CEO calls"
        />
      </label>
      <label className="grow">
        Custom inject
        <input
          name="injectText"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Are we going to be in the news tomorrow?"
          required
        />
      </label>
      <button type="submit" disabled={busy || !text.trim()} data-testid="custom-inject-send">
        Send now
      </button>
    </form>
  );
}

function Truth({ view }: { view: View }) {
  const m = view.truth.keyMoments;
  const rows = [
    ['Exposure starts', m.exposureStart],
    ['First malicious use', m.firstMaliciousUse],
    ['Inflection point', m.inflectionPoint],
    ['Contained (in the logs)', m.containment],
  ] as const;
  return (
    <details className="panel" data-testid="exercise-truth">
      <summary>
        <strong>Ground truth</strong> <span className="muted small">(facilitator only)</span>
      </summary>
      <p>{view.truth.title}</p>
      <table className="table">
        <tbody>
          {rows.map(([label, x]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="mono small">
                {x ? simText(Date.parse(x.time)) : 'not in the logs: up to the team'}
              </td>
              <td className="small">{x?.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="small">
        {view.truth.story.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="small muted mono">{view.truthPath}</p>
    </details>
  );
}

function Running({ dir, onClose }: { dir: string; onClose: () => void }) {
  const ex = useExercise(dir, 'facilitator');
  const now = useTicker();
  const control = useAction('tabletop.exerciseControl');
  const send = (input: Control) => {
    void control.run({ dir, ...input }).then((v) => v && ex.accept(v));
  };
  const v = ex.view;
  if (!v) {
    return (
      <section className="panel">
        {ex.error ? <ErrorNote error={ex.error} /> : <p className="muted">Reading the exercise…</p>}
        <button className="quiet" onClick={onClose}>
          Another exercise
        </button>
      </section>
    );
  }
  const r = v.released;
  return (
    <div className="exercise-run">
      <section className="panel exercise-head">
        <div className="row spread wrap">
          <div>
            <h2>{v.title}</h2>
            <div className="muted small">
              {v.scenario}, seed {v.seed}, {v.events.toLocaleString('en-US')} records · created by{' '}
              {v.createdBy}
            </div>
          </div>
          <div className="exercise-bigclock">
            <span className="muted small">Simulated time</span>
            <span className="mono" data-testid="sim-clock">
              {simText(liveSimMs(v, ex.fetchedAt, now))}
            </span>
            <span
              className={`chip ${v.clock.state === 'running' ? 'ok' : 'warn'}`}
              data-testid="exercise-state"
            >
              {stateText(v)}
            </span>
          </div>
        </div>
        <Controls view={v} busy={control.pending} send={send} />
        <ErrorNote error={control.error ?? ex.error} />
      </section>
      <div className="grid">
        <section className="panel" aria-labelledby="ex-ev-h">
          <h2 id="ex-ev-h">Evidence released</h2>
          <p data-testid="released-count">
            <strong>{r.files}</strong> of {r.total} log files released (CloudTrail{' '}
            {r.cloudTrail.released}/{r.cloudTrail.total}, S3 access logs {r.s3Access.released}/
            {r.s3Access.total})
          </p>
          <p className="small muted">
            {v.clock.state === 'ended'
              ? 'The exercise has ended: nothing more is delivered.'
              : r.nextAt
                ? `Next file is delivered at ${simText(Date.parse(r.nextAt))}.`
                : 'Every file is out.'}
          </p>
          <p className="small">
            Participants link their case to{' '}
            <span className="mono" data-testid="exercise-dir">
              {v.dir}
            </span>
            , then ingest <span className="mono">{v.releasedDir}</span> from the banner.
          </p>
        </section>
        <section className="panel" aria-labelledby="ex-log-h">
          <h2 id="ex-log-h">Facilitator log</h2>
          {v.log.length === 0 ? <p className="muted">Nothing yet: start the clock.</p> : null}
          <ol className="small exercise-log" data-testid="exercise-log">
            {v.log.map((l) => (
              <li key={l.line}>
                <span className="mono">{simText(Date.parse(l.simTime))}</span> {l.detail}{' '}
                <span className="muted">({l.actor})</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section className="panel" aria-labelledby="ex-inj-h">
        <h2 id="ex-inj-h">Injects</h2>
        <Schedule view={v} busy={control.pending} send={send} />
        {v.clock.state === 'running' || v.clock.state === 'paused' ? (
          <CustomInject busy={control.pending} send={send} />
        ) : null}
      </section>
      <ScorePanel view={v} />
      <Truth view={v} />
      <button className="quiet" onClick={onClose}>
        Another exercise
      </button>
    </div>
  );
}

export function FacilitatorView({
  dir,
  onDir,
}: {
  dir: string | null;
  onDir: (dir: string) => void;
}) {
  return (
    <div className="tabletop" data-testid="facilitator-view">
      <header className="case-head">
        <h1>Tabletop exercise</h1>
        <p className="muted">
          A generated incident played out on a clock. Logs and injects reach the participants as
          simulated time passes; they work it in their own case with the normal runbooks.
        </p>
      </header>
      {dir ? (
        <Running key={dir} dir={dir} onClose={() => onDir('')} />
      ) : (
        <CreateExercise onOpen={onDir} />
      )}
    </div>
  );
}
