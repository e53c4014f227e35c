// One notification obligation: status, due time in UTC and the case's zone with a live
// countdown, who is notified, the citation with its as-of date and confidence, the explanation,
// and the two things a person records: the notice given (time + evidence) or a not-required
// decision (rationale required).
import { useState, type FormEvent } from 'react';
import type { DeadlineList, Obligation } from '../../../src/shared/deadlines';
import { useAction } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { countdownText, liveStatus, STATUS_TEXT } from './live';

type Mode = 'none' | 'mark' | 'decide';

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

function MarkForm({
  path,
  o,
  now,
  onDone,
}: {
  path: string;
  o: Obligation;
  /** The panel's now: the simulated clock's in a tabletop exercise. */
  now: number;
  onDone: () => void;
}) {
  const mark = useAction('deadlines.mark');
  const [at, setAt] = useState(() => isoMinute(now));
  const [evidence, setEvidence] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await mark.run({ path, ruleId: o.rule.id, notifiedAt: at.trim(), evidence });
    if (r) onDone();
  }
  return (
    <form className="form inline" onSubmit={(e) => void submit(e)} data-testid="mark-form">
      <label>
        Notified at (ISO, with zone)
        <input name="notifiedAt" value={at} onChange={(e) => setAt(e.target.value)} required />
      </label>
      <label className="grow">
        Evidence
        <input
          name="evidence"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          placeholder="Portal receipt number, email message id, letter reference"
          required
        />
      </label>
      <button className="primary" type="submit" disabled={mark.pending || !evidence.trim()}>
        Record notice
      </button>
      <ErrorNote error={mark.error} />
    </form>
  );
}

function DecideForm({ path, o, onDone }: { path: string; o: Obligation; onDone: () => void }) {
  const decide = useAction('deadlines.decide');
  const [rationale, setRationale] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await decide.run({ path, ruleId: o.rule.id, notRequired: true, rationale });
    if (r) onDone();
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="decide-form">
      <label>
        Why this notice is not owed (kept in the case and shown to counsel)
        <textarea
          name="rationale"
          rows={2}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
        />
      </label>
      <div className="row">
        <button className="primary" type="submit" disabled={decide.pending}>
          Decide not required
        </button>
        <span className="muted">A rationale is required.</span>
      </div>
      <ErrorNote error={decide.error} />
    </form>
  );
}

export function ClockCard({
  path,
  o,
  list,
  now,
  onChange,
}: {
  path: string;
  o: Obligation;
  list: DeadlineList;
  now: number;
  onChange: () => void;
}) {
  const [mode, setMode] = useState<Mode>('none');
  const status = liveStatus(o, now, list.settings);
  const clock = o.clock;
  const due = clock?.due;
  const left = due ? due.ms - now : null;
  const done = () => {
    setMode('none');
    onChange();
  };
  return (
    <article className={`clock status-${status}`} data-testid={`clock-${o.rule.id}`}>
      <header className="clock-head">
        <span className={`dl-status dl-${status}`}>{STATUS_TEXT[status]}</span>
        <h3>{o.rule.title}</h3>
        <code className="muted">{o.rule.id}</code>
      </header>
      <div className="clock-body">
        <div className="clock-due">
          {due && clock ? (
            <>
              <div className="muted">
                {clock.isLegalDeadline ? 'Due' : (clock.dueLabel ?? 'Internal target')}
              </div>
              <Time iso={due.iso} zone={list.caseZone} />
              {due.inJurisdictionZone !== due.inCaseZone ? (
                <div className="muted small">
                  {due.inJurisdictionZone} {clock.jurisdictionZone}
                </div>
              ) : null}
              {left !== null &&
              (o.status === 'open' || o.status === 'due_soon' || o.status === 'overdue') ? (
                <div
                  className={`countdown ${left < 0 ? 'bad' : ''}`}
                  data-testid="countdown"
                  role="timer"
                  aria-live="off"
                >
                  {left < 0 ? `overdue by ${countdownText(left)}` : `${countdownText(left)} left`}
                </div>
              ) : null}
            </>
          ) : (
            <div className="warn-text">
              Clock not started: waiting for {clock?.waitingFor ?? clock?.anchorLabel}
            </div>
          )}
        </div>
        <dl className="facts small">
          <dt>Notify</dt>
          <dd>{o.rule.notify.map((n) => n.name).join('; ')}</dd>
          <dt>Citation</dt>
          <dd>{o.rule.citation}</dd>
          <dt>Research</dt>
          <dd>
            as of {o.rule.asOf}; confidence{' '}
            <span className={`conf conf-${o.rule.confidence}`}>{o.rule.confidence}</span>
          </dd>
          {clock?.basis ? (
            <>
              <dt>Clock start</dt>
              <dd>
                {clock.start ? <Time iso={clock.start.iso} zone={list.caseZone} /> : null} (
                {clock.basis})
              </dd>
            </>
          ) : null}
          {o.notice ? (
            <>
              <dt>Notice</dt>
              <dd data-testid="notice">
                given <Time iso={o.notice.at} zone={list.caseZone} />
                {o.notice.onTime === false ? ' (late)' : o.notice.onTime ? ' (on time)' : ''};
                evidence: {o.notice.evidence} (recorded by {o.notice.recordedBy})
              </dd>
            </>
          ) : null}
          {o.decision ? (
            <>
              <dt>Decision</dt>
              <dd>
                not required, decided by {o.decision.decidedBy}: {o.decision.rationale}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      <details className="explain">
        <summary>Why this deadline (explanation, caveats)</summary>
        <p>{clock?.explanation}</p>
        {clock?.caveats.length ? (
          <ul>
            {clock.caveats.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
        <p className="muted">Research, not legal advice: confirm with counsel.</p>
      </details>
      {!o.notice && !o.decision ? (
        <div className="row">
          <button
            onClick={() => setMode(mode === 'mark' ? 'none' : 'mark')}
            aria-expanded={mode === 'mark'}
          >
            Mark notified…
          </button>
          <button
            className="quiet"
            onClick={() => setMode(mode === 'decide' ? 'none' : 'decide')}
            aria-expanded={mode === 'decide'}
          >
            Not required…
          </button>
        </div>
      ) : null}
      {mode === 'mark' ? <MarkForm path={path} o={o} now={now} onDone={done} /> : null}
      {mode === 'decide' ? <DecideForm path={path} o={o} onDone={done} /> : null}
    </article>
  );
}
