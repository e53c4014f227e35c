// Bucket exposure: name a bucket, and read when it was public as a chart, its windows, the
// access-control changes behind them, who read it from outside meanwhile and what the logs
// cannot show.
import { useState, type FormEvent } from 'react';
import type { BucketExposure, BucketWindow } from '../../../src/shared/ops/analysis-bucket';
import type { ApiError } from '../../api/client';
import { BucketExposureChart } from '../../components/BucketExposureChart';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { bytes, Caveats, duration, IpClass } from './parts';

const STATE_TEXT: Record<BucketExposure['state'], string> = {
  public: 'public at the last log record',
  possible: 'possibly public at the last log record',
  unknown: 'exposure unknown at the last log record',
  'not-public': 'not public at the last log record',
};

export function BucketForm({
  pending,
  error,
  initial = '',
  suggestions,
  onRun,
}: {
  pending: boolean;
  error: ApiError | undefined;
  initial?: string;
  suggestions: string[];
  onRun: (bucket: string) => void;
}) {
  const [bucket, setBucket] = useState(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (bucket.trim()) onRun(bucket.trim());
  }
  return (
    <form className="form analysis-form" onSubmit={submit} data-testid="bucket-form">
      <h3>Bucket exposure</h3>
      <p className="muted small">
        When was a bucket public, what opened and closed it, and who read it from outside meanwhile.
      </p>
      <label>
        Bucket
        <input
          name="bucket"
          value={bucket}
          onChange={(e) => setBucket(e.target.value)}
          placeholder="acme-exports or s3://acme-exports"
          list="bucket-runs-list"
          autoComplete="off"
        />
      </label>
      <datalist id="bucket-runs-list">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="row">
        <button className="primary" type="submit" disabled={pending || !bucket.trim()}>
          {pending ? 'Analysing…' : 'Analyse'}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

function Reads({ w }: { w: BucketWindow }) {
  const x = w.externalAccess;
  if (!x)
    return <span className="warn-text">not visible: no access logs or data events cover it</span>;
  return (
    <span>
      {x.requests} read(s) of {x.objects} object(s), {bytes(x.bytes)}, from {x.ips} address(es)
      {x.anonymous ? `; ${x.anonymous} anonymous` : ''}
      {x.denied ? `; ${x.denied} refused` : ''}
      {x.topIps.length ? (
        <span className="top-ips">
          {x.topIps.slice(0, 3).map((i) => (
            <span key={i.ip} className="small">
              <span className="mono">{i.ip}</span> <IpClass cls={i.ipClass ?? 'unparseable'} /> ×
              {i.requests}
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}

export function BucketExposureView({ r, zone }: { r: BucketExposure; zone: string }) {
  return (
    <div className="analysis-result bucket-result" data-testid="bucket-result">
      <div className="row spread wrap">
        <h2>
          <span className="mono">s3://{r.bucket}</span>{' '}
          <span
            className={`chip ${r.state === 'not-public' ? 'ok' : 'warn'}`}
            data-testid="bucket-state"
          >
            {STATE_TEXT[r.state]}
          </span>
        </h2>
        {r.ownerAccountId ? <span className="muted">account {r.ownerAccountId}</span> : null}
      </div>
      <p className="lead" data-testid="bucket-summary">
        {r.summary}
      </p>
      <BucketExposureChart result={r} />
      <h3>Windows</h3>
      {r.windows.length === 0 ? (
        <p className="muted">No window in which the bucket was public can be shown.</p>
      ) : null}
      {r.windows.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="bucket-windows">
            <thead>
              <tr>
                <th>#</th>
                <th>From</th>
                <th>To</th>
                <th>How long</th>
                <th>Opened by</th>
                <th>Closed by</th>
                <th>External reads</th>
              </tr>
            </thead>
            <tbody>
              {r.windows.map((w, i) => (
                <tr key={i}>
                  <td>
                    {i + 1}{' '}
                    <span className={`kind ${w.confidence === 'confirmed' ? 'kind-finding' : ''}`}>
                      {w.confidence}
                    </span>
                  </td>
                  <td>
                    {w.openStart ? (
                      <div className="warn-text">before the logs; first record</div>
                    ) : null}
                    <Time iso={w.start} zone={zone} />
                  </td>
                  <td>
                    {w.end ? (
                      <Time iso={w.end} zone={zone} />
                    ) : (
                      <strong className="warn-text">still open</strong>
                    )}
                  </td>
                  <td>
                    {w.end ? '' : 'at least '}
                    {duration(w.durationMs)}
                  </td>
                  <td>
                    {w.openedBy ? (
                      <>
                        <span className="mono">{w.openedBy.eventName}</span> by{' '}
                        <span className="mono wrap-any">{w.openedBy.principalArn ?? '?'}</span>
                      </>
                    ) : (
                      '—'
                    )}
                    <div className="muted small">{w.exposure.join('; ')}</div>
                  </td>
                  <td>
                    {w.closedBy ? (
                      <>
                        <span className="mono">{w.closedBy.eventName}</span> by{' '}
                        <span className="mono wrap-any">{w.closedBy.principalArn ?? '?'}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <Reads w={w} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>Access-control changes</h3>
      {r.changes.length === 0 ? <p className="muted">None in the logs.</p> : null}
      {r.changes.length ? (
        <div className="table-wrap">
          <table className="table" data-testid="bucket-changes">
            <thead>
              <tr>
                <th>When</th>
                <th>Call</th>
                <th>By</th>
                <th>After</th>
                <th>What it set</th>
              </tr>
            </thead>
            <tbody>
              {r.changes.map((c) => (
                <tr key={`${c.event.eventId}-${c.at}`}>
                  <td>
                    <Time iso={c.at} zone={zone} />
                  </td>
                  <td className="mono nowrap">{c.event.eventName}</td>
                  <td className="mono wrap-any">{c.event.principalArn ?? '?'}</td>
                  <td>{c.exposureAfter ?? (c.failed ? `failed: ${c.failed}` : 'no effect')}</td>
                  <td className="text">{c.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Caveats items={r.caveats} testId="bucket-caveats" />
    </div>
  );
}
