// Findings: the analyses recorded in the case. Bucket exposure here: name a bucket, run the
// analysis (recorded as a finding), and read the answer as a chart, its windows, the changes
// behind them and what the logs cannot show. Earlier runs can be shown again or re-run.
import { useState, type FormEvent } from 'react';
import { useAction, useOp } from '../api/hooks';
import { BucketExposureChart } from '../components/BucketExposureChart';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import {
  BucketExposureSchema,
  type BucketExposure,
  type BucketWindow,
} from '../../src/shared/ops/analysis-bucket';

const STATE_TEXT: Record<BucketExposure['state'], string> = {
  public: 'public at the last log record',
  possible: 'possibly public at the last log record',
  unknown: 'exposure unknown at the last log record',
  'not-public': 'not public at the last log record',
};

function duration(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
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
        <div className="muted mono">
          {x.topIps
            .slice(0, 3)
            .map((i) => `${i.ip} (${i.ipClass ?? '?'}) ×${i.requests}`)
            .join(' · ')}
        </div>
      ) : null}
    </span>
  );
}

function BucketResult({ r, zone }: { r: BucketExposure; zone: string }) {
  return (
    <div className="bucket-result" data-testid="bucket-result">
      <div className="row spread">
        <h2>
          s3://{r.bucket}{' '}
          <span
            className={`chip ${r.state === 'not-public' ? '' : 'warn'}`}
            data-testid="bucket-state"
          >
            {STATE_TEXT[r.state]}
          </span>
        </h2>
        {r.ownerAccountId ? <span className="muted">account {r.ownerAccountId}</span> : null}
      </div>
      <p data-testid="bucket-summary">{r.summary}</p>
      <BucketExposureChart result={r} />
      <h2 style={{ marginTop: '1rem' }}>Windows</h2>
      {r.windows.length === 0 ? (
        <p className="muted">No window in which the bucket was public can be shown.</p>
      ) : null}
      {r.windows.length ? (
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
                <td className="mono">
                  {w.openedBy
                    ? `${w.openedBy.eventName} by ${w.openedBy.principalArn ?? '?'}`
                    : '—'}
                  <div className="muted">{w.exposure.join('; ')}</div>
                </td>
                <td className="mono">
                  {w.closedBy
                    ? `${w.closedBy.eventName} by ${w.closedBy.principalArn ?? '?'}`
                    : '—'}
                </td>
                <td>
                  <Reads w={w} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 style={{ marginTop: '1rem' }}>Access-control changes</h2>
      {r.changes.length === 0 ? <p className="muted">None in the logs.</p> : null}
      {r.changes.length ? (
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
                <td className="mono">{c.event.eventName}</td>
                <td className="mono">{c.event.principalArn ?? '?'}</td>
                <td>{c.exposureAfter ?? (c.failed ? `failed: ${c.failed}` : 'no effect')}</td>
                <td className="text">{c.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 style={{ marginTop: '1rem' }}>What the logs cannot show</h2>
      <ul data-testid="bucket-caveats">
        {r.caveats.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

export function FindingsPanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const [bucket, setBucket] = useState('');
  const [shown, setShown] = useState<BucketExposure | null>(null);
  const [nonce, setNonce] = useState(0);
  const runs = useOp('findings.list', { path, kind: 'bucket-exposure' }, `${path}:${nonce}`);
  const analyse = useAction('analysis.bucketExposure');

  async function run(name: string) {
    const r = await analyse.run({ path, bucket: name });
    if (r) {
      setShown(r);
      setNonce((n) => n + 1);
      onChange();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (bucket.trim()) void run(bucket.trim());
  }

  const previous = (runs.data?.findings ?? [])
    .map((f) => ({ f, parsed: BucketExposureSchema.safeParse(f.result) }))
    .filter((x) => x.parsed.success);

  return (
    <section className="panel" data-testid="findings-panel">
      <h2>Bucket exposure</h2>
      <p className="muted">
        When was a bucket public, what opened and closed it, and who read it from outside meanwhile.
        Replayed from CloudTrail; reads from S3 access logs and data events. Each run is recorded as
        a finding.
      </p>
      <form className="form inline" onSubmit={submit} data-testid="bucket-form">
        <label className="grow">
          Bucket
          <input
            name="bucket"
            value={bucket}
            onChange={(e) => setBucket(e.target.value)}
            placeholder="acme-exports or s3://acme-exports"
            list="bucket-runs"
          />
        </label>
        <button className="primary" type="submit" disabled={analyse.pending || !bucket.trim()}>
          {analyse.pending ? 'Analysing…' : 'Analyse'}
        </button>
      </form>
      <datalist id="bucket-runs">
        {previous.map(({ f }) => (
          <option key={f.id} value={f.subject} />
        ))}
      </datalist>
      <ErrorNote error={analyse.error ?? runs.error} />
      {previous.length ? (
        <ul className="recent" data-testid="bucket-runs">
          {previous.map(({ f, parsed }) => (
            <li key={f.id}>
              <span className="grow">
                <strong>{f.title}</strong>{' '}
                <span className="muted">
                  finding #{f.id}, <Time iso={f.createdAt} zone={zone} /> by {f.actor}
                </span>
              </span>
              <button type="button" onClick={() => parsed.success && setShown(parsed.data)}>
                Show
              </button>
              <button type="button" onClick={() => void run(f.subject)} disabled={analyse.pending}>
                Re-run
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {shown ? <BucketResult r={shown} zone={zone} /> : null}
    </section>
  );
}
