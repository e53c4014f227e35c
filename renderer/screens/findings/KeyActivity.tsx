// Key activity: everything an access key did and the credentials it begot. The answer leads with
// the exposure window and why it runs from and to where it does, then the lineage tree, where
// the key was used from, its writes and errors, and what the logs cannot show.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { LineageTree } from './LineageTree';
import { Caveats, count, CountTable, duration, EventLine, Highlights, IpClass } from './parts';
import type { KeyActivityView } from './types';

export interface KeyActivityParams {
  accessKeyId: string;
  exposedAt?: string;
}

export function KeyActivityForm({
  pending,
  error,
  initial,
  suggestions,
  onRun,
}: {
  pending: boolean;
  error: ApiError | undefined;
  initial?: KeyActivityParams;
  suggestions: string[];
  onRun: (p: KeyActivityParams) => void;
}) {
  const [key, setKey] = useState(initial?.accessKeyId ?? '');
  const [exposedAt, setExposedAt] = useState(initial?.exposedAt ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    const k = key.trim().toUpperCase();
    if (k) onRun({ accessKeyId: k, ...(exposedAt.trim() ? { exposedAt: exposedAt.trim() } : {}) });
  }
  return (
    <form className="form analysis-form" onSubmit={submit} data-testid="key-form">
      <h3>Key activity and lineage</h3>
      <p className="muted small">
        What an access key did, from where, and every credential and user it created.
      </p>
      <label>
        Access key
        <input
          name="accessKeyId"
          className="mono"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="AKIA…"
          list="key-runs-list"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <datalist id="key-runs-list">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <label>
        Exposed at (optional; ISO with zone)
        <input
          name="exposedAt"
          value={exposedAt}
          onChange={(e) => setExposedAt(e.target.value)}
          placeholder="2026-03-27T20:00:00Z"
          autoComplete="off"
        />
      </label>
      <div className="row">
        <button className="primary" type="submit" disabled={pending || !key.trim()}>
          {pending ? 'Analysing…' : 'Analyse'}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

function Window({ r, zone }: { r: KeyActivityView; zone: string }) {
  const w = r.window;
  const open = w.end === null;
  const length = w.start && w.end ? duration(Date.parse(w.end) - Date.parse(w.start)) : null;
  return (
    <div className={`window-box ${open ? 'open' : 'closed'}`} data-testid="key-window">
      <div className="window-label">Exposure window</div>
      <div className="window-span">
        {w.start ? <Time iso={w.start} zone={zone} /> : <span className="muted">unknown</span>}
        <span className="arrow" aria-hidden="true">
          →
        </span>
        {w.end ? (
          <Time iso={w.end} zone={zone} />
        ) : (
          <strong className="bad-text">still open</strong>
        )}
        {length ? <span className="muted">({length})</span> : null}
      </div>
      <div className="window-basis" data-testid="key-window-basis">
        {w.basis}
      </div>
    </div>
  );
}

export function KeyActivityView({ r, zone }: { r: KeyActivityView; zone: string }) {
  const writesOk = r.writes.filter((w) => !w.errorCode).length;
  return (
    <div className="analysis-result" data-testid="key-result">
      <div className="row spread wrap">
        <h2>
          <span className="mono">{r.accessKeyId}</span>{' '}
          {!r.found ? (
            <span className="chip warn">not seen in the case</span>
          ) : r.deactivatedAt ? (
            <span className="chip ok">deactivated</span>
          ) : (
            <span className="chip bad">not deactivated in the logs</span>
          )}
        </h2>
      </div>
      {r.message ? <p className="lead">{r.message}</p> : null}
      <Window r={r} zone={zone} />
      {r.found ? (
        <dl className="facts key-facts" data-testid="key-facts">
          <dt>Calls</dt>
          <dd>
            {count(r.calls, 'call')} by the key
            {r.derivedCredentials.length
              ? `, plus ${count(
                  r.derivedCredentials.reduce((n, d) => n + d.calls, 0),
                  'call',
                )} by ${count(r.derivedCredentials.length, 'credential')} it created`
              : ''}
          </dd>
          <dt>First use</dt>
          <dd>{r.firstSeen ? <Time iso={r.firstSeen} zone={zone} /> : '—'}</dd>
          <dt>Last use</dt>
          <dd>{r.lastSeen ? <Time iso={r.lastSeen} zone={zone} /> : '—'}</dd>
          <dt>Deactivated</dt>
          <dd>
            {r.deactivatedBy ? (
              <EventLine e={r.deactivatedBy} zone={zone} />
            ) : (
              <span className="warn-text">not in the logs the case holds</span>
            )}
          </dd>
          <dt>Acting as</dt>
          <dd className="mono wrap-any">{r.principals.join(', ') || '—'}</dd>
          <dt>Writes</dt>
          <dd>
            {writesOk} succeeded, {r.writes.length - writesOk} refused
          </dd>
        </dl>
      ) : null}
      <Highlights items={r.highlights} zone={zone} />

      <h3>Lineage: what the key created, and what that did</h3>
      <LineageTree r={r} zone={zone} />

      {r.found ? (
        <>
          <h3>Where it was used from</h3>
          <div className="table-wrap">
            <table className="table" data-testid="key-by-ip">
              <thead>
                <tr>
                  <th>Source IP</th>
                  <th>Class</th>
                  <th className="num">Calls</th>
                  <th>First</th>
                  <th>Last</th>
                </tr>
              </thead>
              <tbody>
                {r.byIp.map((i) => (
                  <tr key={i.ip}>
                    <td className="mono">{i.ip}</td>
                    <td>
                      <IpClass cls={i.class} />
                    </td>
                    <td className="num">{i.calls.toLocaleString('en-US')}</td>
                    <td>
                      <Time iso={i.first} zone={zone} />
                    </td>
                    <td>
                      <Time iso={i.last} zone={zone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="count-grid">
            <CountTable
              title="Regions"
              rows={r.byRegion.map((x) => ({ name: x.region, calls: x.calls }))}
              testId="key-regions"
            />
            <CountTable
              title="Services"
              rows={r.byService.map((x) => ({ name: x.service, calls: x.calls }))}
              testId="key-services"
            />
            <CountTable
              title="User agents"
              rows={r.userAgents.map((x) => ({ name: x.userAgent, calls: x.calls }))}
              limit={5}
              wide
              testId="key-user-agents"
            />
            <CountTable
              title="Errors"
              rows={r.errors.map((x) => ({ name: x.errorCode, calls: x.calls }))}
              testId="key-errors"
            />
          </div>

          <h3>Writes by the key and what it created</h3>
          {r.writes.length === 0 ? <p className="muted">No writes.</p> : null}
          {r.writes.length ? (
            <div className="table-wrap">
              <table className="table" data-testid="key-writes">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Call</th>
                    <th>Key</th>
                    <th>By</th>
                    <th>Result</th>
                  </tr>
                </thead>
                <tbody>
                  {r.writes.map((w) => (
                    <tr key={w.eventId}>
                      <td>
                        <Time iso={w.eventTime} zone={zone} />
                      </td>
                      <td className="mono nowrap">{w.eventName}</td>
                      <td className="mono nowrap">{w.accessKeyId ?? '—'}</td>
                      <td className="mono wrap-any">{w.principalArn ?? '—'}</td>
                      <td>
                        {w.errorCode ? (
                          <span className="muted">refused: {w.errorCode}</span>
                        ) : (
                          <strong>succeeded</strong>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
      <Caveats items={r.caveats} testId="key-caveats" />
    </div>
  );
}
