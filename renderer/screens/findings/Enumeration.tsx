// Enumeration: reconnaissance sessions per principal, key and address, and the inflection point,
// the first successful write that turned looking around into compromise. The verdict and what to
// do lead; the thresholds that decided each session's class are stated, not implied.
import { Fragment, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { Caveats, count, EventLine, Highlights, IpClass } from './parts';
import type { EnumerationView as Result, SessionView } from './types';

export interface EnumerationParams {
  principalArn?: string;
  accessKeyId?: string;
}

/** "arn:…" is a principal; anything else is taken as an access key ID. */
export function enumerationParams(subject: string): EnumerationParams {
  const s = subject.trim();
  if (!s || s === '*') return {};
  return s.startsWith('arn:') ? { principalArn: s } : { accessKeyId: s.toUpperCase() };
}

export function EnumerationForm({
  pending,
  error,
  initial = '',
  onRun,
}: {
  pending: boolean;
  error: ApiError | undefined;
  initial?: string;
  onRun: (p: EnumerationParams) => void;
}) {
  const [subject, setSubject] = useState(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    onRun(enumerationParams(subject));
  }
  return (
    <form className="form analysis-form" onSubmit={submit} data-testid="enumeration-form">
      <h3>Enumeration sessions</h3>
      <p className="muted small">
        Who looked around the account, and the first write that turned it into compromise.
      </p>
      <label>
        Principal ARN or access key (optional: empty looks at everyone)
        <input
          name="subject"
          className="mono"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          placeholder="arn:aws:iam::111122223333:user/ci or AKIA…"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <div className="row">
        <button className="primary" type="submit" disabled={pending}>
          {pending ? 'Analysing…' : 'Analyse'}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

const VERDICT: Record<Result['verdict'], { text: string; tone: string }> = {
  'active-compromise': { text: 'active compromise', tone: 'bad' },
  probing: { text: 'probing', tone: 'warn' },
  recon: { text: 'reconnaissance', tone: 'warn' },
  'nothing-suspicious': { text: 'nothing crosses the thresholds', tone: 'ok' },
  'no-data': { text: 'no events to look at', tone: '' },
};

const CLASS_TONE: Record<SessionView['classification'], string> = {
  'active-compromise': 'bad',
  probing: 'warn',
  recon: 'warn',
  routine: '',
};

function Who({ s }: { s: SessionView }) {
  return (
    <>
      <div className="mono wrap-any">{s.principalArn ?? 'unknown principal'}</div>
      <div className="small">
        {s.accessKeyId ? <span className="mono">{s.accessKeyId}</span> : null}
        {s.accessKeyId && s.sourceIp ? ' · ' : null}
        {s.sourceIp ? (
          <>
            <span className="mono">{s.sourceIp}</span> <IpClass cls={s.ipClass} />
          </>
        ) : null}
      </div>
    </>
  );
}

export function EnumerationView({ r, zone }: { r: Result; zone: string }) {
  const v = VERDICT[r.verdict];
  const t = r.thresholds;
  const inflection = r.inflectionPoint;
  return (
    <div className="analysis-result" data-testid="enumeration-result">
      <div className="row spread wrap">
        <h2>
          Enumeration, {r.scope}{' '}
          <span className={`chip ${v.tone}`} data-testid="enumeration-verdict">
            {v.text}
          </span>
        </h2>
      </div>
      <p className="lead">{r.suggestion}</p>
      {inflection ? (
        <div className="inflection" data-testid="inflection">
          <div className="inflection-label">
            Inflection point: recon turned into compromise here (session {inflection.session + 1})
          </div>
          <EventLine e={inflection} zone={zone} />
        </div>
      ) : null}
      <p className="muted small" data-testid="enumeration-thresholds">
        Thresholds: a session ends after {t.sessionGapMinutes} min without a call. It is{' '}
        <strong>recon</strong> from {t.minDistinctApis} distinct read APIs over {t.minServices}{' '}
        services, <strong>probing</strong> from {t.minDenied} denied calls, and{' '}
        <strong>active compromise</strong> once a persistence or escalation write succeeds.
      </p>
      <Highlights items={r.highlights} zone={zone} />
      <h3>Sessions ({r.sessions.length})</h3>
      {r.sessions.length === 0 ? (
        <p className="muted">No session crosses a threshold.</p>
      ) : (
        <div className="table-wrap">
          <table className="table sessions" data-testid="enumeration-sessions">
            <thead>
              <tr>
                <th>#</th>
                <th>Who, with what, from where</th>
                <th>When</th>
                <th>Class</th>
                <th className="num">Calls</th>
                <th className="num">APIs</th>
                <th className="num">Services</th>
                <th className="num">Denied</th>
                <th>First write</th>
              </tr>
            </thead>
            <tbody>
              {r.sessions.map((s, i) => {
                const here = inflection?.session === i;
                return (
                  <Fragment key={`${s.principalArn}-${s.accessKeyId}-${s.sourceIp}-${s.start}`}>
                    <tr
                      className={here ? 'inflection-row' : ''}
                      data-testid="enumeration-session"
                      data-class={s.classification}
                    >
                      <td>{i + 1}</td>
                      <td>
                        <Who s={s} />
                      </td>
                      <td>
                        <Time iso={s.start} zone={zone} />
                        {s.end !== s.start ? (
                          <div className="small muted">
                            to <Time iso={s.end} zone="UTC" inline />
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <span className={`chip ${CLASS_TONE[s.classification]}`}>
                          {s.classification}
                        </span>
                      </td>
                      <td className="num">{s.calls.toLocaleString('en-US')}</td>
                      <td className="num">{s.distinctApis}</td>
                      <td className="num">{s.services}</td>
                      <td className="num">
                        {s.denied}
                        {s.denied ? (
                          <div className="small muted">{Math.round(s.deniedRatio * 100)} %</div>
                        ) : null}
                      </td>
                      <td>
                        {s.firstWrite ? (
                          <>
                            <span className="mono">{s.firstWrite.eventName}</span>
                            <div className="small">
                              <Time iso={s.firstWrite.eventTime} zone="UTC" />
                            </div>
                            {here ? (
                              <strong className="bad-text small">inflection point</strong>
                            ) : null}
                          </>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                    </tr>
                    <tr className={`session-apis ${here ? 'inflection-row' : ''}`}>
                      <td />
                      <td colSpan={8}>
                        <details>
                          <summary className="small">
                            Top APIs ({count(s.topApis.length, 'API')})
                          </summary>
                          <ul className="api-list small mono">
                            {s.topApis.map((a) => (
                              <li key={a.api}>
                                {a.api} ×{a.calls}
                                {a.denied ? (
                                  <span className="warn-text"> ({a.denied} denied)</span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Caveats items={r.caveats} testId="enumeration-caveats" />
    </div>
  );
}
