// Breach-notification deadlines: what the case owes, to whom, by when. Running clocks first with a
// live countdown; reminders as a banner when a reminder point passes (a browser page cannot rely
// on OS notifications; in Electron the main process should also raise a native notification);
// then the awareness time, the questions that decide which rules apply, the other clock starts,
// what is done, and what does not apply and why. Research, not legal advice.
import { useEffect, useState } from 'react';
import type { DeadlineList, Obligation } from '../../src/shared/deadlines';
import { useAction, useOp } from '../api/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import { ClockCard } from './deadlines/ClockCard';
import { isRunning, liveReminders, STATUS_TEXT, useNow } from './deadlines/live';
import { QuestionsForm } from './deadlines/QuestionsForm';
import { AnchorsForm, AwarenessForm } from './deadlines/StartForms';
import './deadlines/deadlines.css';
import { linkedExercise } from './tabletop/link';
import { liveSimMs, useExercise, useTicker } from './tabletop/use-exercise';

/** The list is re-read this often, so statuses and questions follow other hosts' changes. */
const REFRESH_MS = 60_000;

function useDismissed(path: string): [Set<string>, (key: string) => void] {
  const storageKey = `cairn.reminders.dismissed:${path}`;
  const [keys, setKeys] = useState<Set<string>>(() => {
    try {
      return new Set(JSON.parse(localStorage.getItem(storageKey) ?? '[]') as string[]);
    } catch {
      return new Set();
    }
  });
  const dismiss = (key: string) =>
    setKeys((old) => {
      const next = new Set(old).add(key);
      localStorage.setItem(storageKey, JSON.stringify([...next]));
      return next;
    });
  return [keys, dismiss];
}

function ReminderBanner({ list, now, path }: { list: DeadlineList; now: number; path: string }) {
  const [dismissed, dismiss] = useDismissed(path);
  const due = liveReminders(list, now).filter((r) => !dismissed.has(r.key));
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '');
    document.title = due.length > 0 ? `(${due.length}) ${base}` : base;
  }, [due.length]);
  if (due.length === 0) return null;
  return (
    <div className="reminders" role="alert" data-testid="reminder-banner">
      {due.map((r) => (
        <div key={r.key} className={`reminder ${r.overdue ? 'overdue' : ''}`}>
          <span>{r.message}</span>
          <button
            className="quiet"
            onClick={() => dismiss(r.key)}
            aria-label={`Dismiss: ${r.message}`}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

function DoneList({
  path,
  list,
  onChange,
}: {
  path: string;
  list: DeadlineList;
  onChange: () => void;
}) {
  const mark = useAction('deadlines.mark');
  const decide = useAction('deadlines.decide');
  const [reason, setReason] = useState('');
  const done = list.obligations.filter((o) => o.notice ?? o.decision);
  if (done.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  async function withdraw(o: Obligation) {
    const r = o.notice
      ? await mark.run({ path, ruleId: o.rule.id, undo: true, reason })
      : await decide.run({ path, ruleId: o.rule.id, notRequired: false, rationale: reason });
    if (r) {
      setReason('');
      onChange();
    }
  }
  return (
    <div data-testid="done-list">
      <table className="table">
        <thead>
          <tr>
            <th>Status</th>
            <th>Obligation</th>
            <th>Record</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {done.map((o) => (
            <tr key={o.rule.id}>
              <td>
                <span className={`dl-status dl-${o.status}`}>{STATUS_TEXT[o.status]}</span>
              </td>
              <td>
                {o.rule.title} <code className="muted">{o.rule.id}</code>
              </td>
              <td>
                {o.notice ? (
                  <>
                    <div>
                      Given <Time iso={o.notice.at} zone={list.caseZone} />
                      {o.notice.onTime === false ? ' (late)' : o.notice.onTime ? ' (on time)' : ''}
                    </div>
                    <div>Evidence: {o.notice.evidence}</div>
                  </>
                ) : (
                  `Not required: ${o.decision?.rationale ?? ''} (by ${o.decision?.decidedBy ?? ''})`
                )}
              </td>
              <td>
                <button
                  className="quiet"
                  onClick={() => void withdraw(o)}
                  disabled={!reason.trim()}
                >
                  Withdraw
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="form">
        Reason for withdrawing a record (required to withdraw)
        <input name="withdrawReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ErrorNote error={mark.error ?? decide.error} />
    </div>
  );
}

/**
 * Now for the clocks: the wall clock, or the simulated clock of the tabletop exercise the case is
 * linked to (its awareness time and notices are on the incident's clock, not today's).
 */
function useDeadlineNow(path: string): { now: number; simulated: boolean; key: string } {
  const wall = useNow(1000);
  const exercise = useExercise(linkedExercise(path), 'participant');
  const tick = useTicker();
  if (!exercise.view || exercise.view.clock.state === 'ready')
    return { now: wall, simulated: false, key: path };
  // Statuses come from the host: ask again every 10 s of wall time with the simulated now.
  return {
    now: liveSimMs(exercise.view, exercise.fetchedAt, tick),
    simulated: true,
    key: `${path}|${Math.floor(tick / 10_000)}`,
  };
}

export function DeadlinesPanel({ path, onChange }: { path: string; onChange: () => void }) {
  const { now, simulated, key } = useDeadlineNow(path);
  const list = useOp(
    'deadlines.list',
    simulated ? { path, now: new Date(now).toISOString() } : { path },
    key,
  );
  const { reload } = list;
  useEffect(() => {
    const id = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(id);
  }, [reload]);
  const refresh = () => {
    reload();
    onChange();
  };
  const data = list.data;
  if (!data) {
    return (
      <div data-testid="deadlines-panel">
        {list.loading ? <p className="muted">Computing the notification clocks…</p> : null}
        <ErrorNote error={list.error} />
      </div>
    );
  }
  const running = data.obligations.filter(isRunning);
  const waiting = data.obligations.filter((o) => o.status === 'waiting');
  const notApplicable = data.obligations.filter((o) => o.status === 'not_applicable');
  const c = data.counts;
  return (
    <div className="deadlines" data-testid="deadlines-panel">
      <ReminderBanner list={data} now={now} path={path} />
      {simulated ? (
        <p className="muted small" role="note" data-testid="deadlines-simulated">
          Tabletop exercise: clocks run on the incident’s simulated time, now{' '}
          <Time iso={new Date(now).toISOString()} zone={data.caseZone} inline />.
        </p>
      ) : null}
      <p className="disclaimer" role="note">
        <strong>Research, not legal advice: confirm with counsel.</strong> Rules as researched (
        {data.ruleSet.researchCompiled}); each clock shows its citation, as-of date and confidence.
      </p>
      <ErrorNote error={list.error} />
      <p className="counts muted" data-testid="deadline-counts">
        {c.overdue} overdue · {c.due_soon} due soon · {c.open} open · {c.waiting} waiting for a
        start · {c.needs_answer} need an answer · {c.met + c.late} notified · {c.not_required} not
        required · {c.not_applicable} not applicable
      </p>

      {!data.awareness ? (
        <section className="panel">
          <h2>Awareness time</h2>
          <AwarenessForm path={path} list={data} onChange={refresh} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="dl-running">
        <h2 id="dl-running">Clocks running ({running.length}), the one due first on top</h2>
        {running.length === 0 ? (
          <p className="muted">
            No clock is running. Answer the questions below and record when the clocks start.
          </p>
        ) : null}
        <div className="clocks" data-testid="clocks">
          {running.map((o) => (
            <ClockCard key={o.rule.id} path={path} o={o} list={data} now={now} onChange={refresh} />
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby="dl-questions">
        <h2 id="dl-questions">Needs an answer ({data.questions.length})</h2>
        <QuestionsForm path={path} list={data} now={now} onChange={refresh} />
      </section>

      {waiting.length > 0 ? (
        <section className="panel" aria-labelledby="dl-waiting">
          <h2 id="dl-waiting">Applies, clock not started ({waiting.length})</h2>
          <div className="clocks">
            {waiting.map((o) => (
              <ClockCard
                key={o.rule.id}
                path={path}
                o={o}
                list={data}
                now={now}
                onChange={refresh}
              />
            ))}
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="dl-starts">
        <h2 id="dl-starts">When the clocks start</h2>
        {data.awareness ? <AwarenessForm path={path} list={data} onChange={refresh} /> : null}
        <AnchorsForm path={path} list={data} onChange={refresh} />
      </section>

      <section className="panel" aria-labelledby="dl-done">
        <h2 id="dl-done">Notified or decided</h2>
        <DoneList path={path} list={data} onChange={refresh} />
      </section>

      <details className="panel" data-testid="not-applicable">
        <summary>Not applicable ({notApplicable.length}) and why</summary>
        <ul className="na-list">
          {notApplicable.map((o) => (
            <li key={o.rule.id}>
              <code>{o.rule.id}</code> {o.rule.title}: {o.notApplicableReason}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
