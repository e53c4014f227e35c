// Evidence: bring logs in (files, folders, S3, the CloudTrail API) with live progress and a
// rejection report, see every source and what it cannot see, and browse the events. A running
// ingest survives leaving the tab (its progress is picked up again on return), and the events
// table refreshes every few seconds while it writes, without losing its place.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SourceSummary } from '../../src/shared/domain';
import { useAction, useJob, useOp } from '../api/hooks';
import { useIntent } from '../commands/workbench';
import { ErrorNote } from '../components/ErrorNote';
import { EventsTable } from '../components/EventsTable';
import { JobProgress } from '../components/ProgressBar';
import { count } from './findings/parts';

interface SourceReport {
  location: string;
  status: string;
  files: number;
  filesSkipped: number;
  recordsRead: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  rejections: { location: string; locator: number | null; reason: string }[];
  errors: string[];
  limitations: string | null;
}

function SourceCard({ s }: { s: SourceSummary }) {
  return (
    <li className="source" data-testid="source">
      <div className="row spread">
        <span className="mono ellipsis" title={s.location}>
          {s.kind} · {s.location}
        </span>
        <span className={`chip ${s.status === 'complete' ? '' : 'warn'}`}>{s.status}</span>
      </div>
      <div className="muted small">
        {count(s.filesByStatus.done, 'file')} read, {s.filesByStatus.rejected} rejected,{' '}
        {s.filesByStatus.failed} unreadable · {s.recordsRead.toLocaleString('en-US')} records,{' '}
        {s.inserted.toLocaleString('en-US')} new, {s.duplicates.toLocaleString('en-US')} duplicates,{' '}
        {s.rejected.toLocaleString('en-US')} rejected
      </div>
      {s.limitations ? <div className="warn-text small">Cannot see: {s.limitations}</div> : null}
      {s.firstRejections.length ? (
        <details>
          <summary>First rejections</summary>
          <ul className="small">
            {s.firstRejections.map((r, i) => (
              <li key={i}>
                <span className="mono">
                  {r.location}
                  {r.locator === null ? '' : ` #${r.locator}`}
                </span>
                : {r.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {s.errors.map((e) => (
        <div key={e} className="error-note small">
          {e}
        </div>
      ))}
    </li>
  );
}

export function EvidencePanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const start = useAction('ingest.start');
  const [startedId, setStartedId] = useState<string | null>(null);
  // An ingest started earlier (before the responder switched tabs) is still this tab's job.
  const jobs = useOp('jobs.list', { path }, path);
  const runningId =
    jobs.data?.jobs.filter((j) => j.kind === 'ingest' && j.status === 'running').at(-1)?.id ?? null;
  const jobId = startedId ?? runningId;
  const job = useJob(jobId);
  const sourcesBox = useRef<HTMLTextAreaElement>(null);
  const [sourcesText, setSourcesText] = useState('');
  const [kind, setKind] = useState<'auto' | 'cloudtrail' | 's3-access'>('auto');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [profile, setProfile] = useState('');
  const [region, setRegion] = useState('');
  const [lookupAttr, setLookupAttr] = useState('');
  const [version, setVersion] = useState(0);
  const live = useLiveRefresh(job);
  const sources = useOp(
    'sources.list',
    { path },
    `${path}:${version}:${job?.status ?? ''}:${live}`,
  );
  const finished = job && job.status !== 'running' ? job : null;
  const report = (finished?.result as { sources?: SourceReport[] } | null)?.sources ?? null;
  const running = job?.status === 'running';

  async function submit(e: FormEvent) {
    e.preventDefault();
    await ingest(
      sourcesText
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  async function ingest(list: string[]) {
    const eq = lookupAttr.indexOf('=');
    const j = await start.run({
      path,
      sources: list,
      kind,
      ...(from.trim() ? { from: from.trim() } : {}),
      ...(to.trim() ? { to: to.trim() } : {}),
      ...(profile.trim() ? { profile: profile.trim() } : {}),
      ...(region.trim() ? { region: region.trim() } : {}),
      ...(eq > 0
        ? {
            lookupAttribute: {
              key: lookupAttr.slice(0, eq) as 'AccessKeyId',
              value: lookupAttr.slice(eq + 1),
            },
          }
        : {}),
    });
    if (j) setStartedId(j.id);
  }

  useIntent('ingest', (i) => {
    if (i.source) setSourcesText(i.source);
    if (i.source && !running) void ingest([i.source]);
    else sourcesBox.current?.focus();
  });

  // When a job ends, refresh the lists it changed once.
  const [seenDone, setSeenDone] = useState<string | null>(null);
  if (finished && seenDone !== finished.id) {
    setSeenDone(finished.id);
    setVersion((v) => v + 1);
    onChange();
  }

  return (
    <div className="evidence">
      <div className="grid">
        <section className="panel" aria-labelledby="ingest-h">
          <h2 id="ingest-h">Add evidence</h2>
          <form className="form" onSubmit={(e) => void submit(e)} data-testid="ingest-form">
            <label>
              Sources, one per line: a log file, a folder (e.g. an AWSLogs/ tree),
              s3://bucket/prefix, or lookup-events:REGION
              <textarea
                ref={sourcesBox}
                name="sources"
                rows={3}
                value={sourcesText}
                onChange={(e) => setSourcesText(e.target.value)}
                placeholder="/evidence/AWSLogs&#10;s3://trail-bucket/AWSLogs/111122223333/CloudTrail/&#10;lookup-events:us-east-1"
              />
            </label>
            <div className="row wrap">
              <label>
                Kind
                <select
                  name="kind"
                  value={kind}
                  onChange={(e) => setKind(e.target.value as typeof kind)}
                >
                  <option value="auto">detect</option>
                  <option value="cloudtrail">CloudTrail</option>
                  <option value="s3-access">S3 server access logs</option>
                </select>
              </label>
              <label>
                From (files delivered)
                <input
                  name="from"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                  placeholder="2026-03-27T00:00:00Z"
                />
              </label>
              <label>
                To
                <input
                  name="to"
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  placeholder="2026-03-28T00:00:00Z"
                />
              </label>
            </div>
            <details>
              <summary>AWS access (S3 and the CloudTrail API)</summary>
              <div className="row wrap">
                <label>
                  Profile
                  <input
                    name="profile"
                    value={profile}
                    onChange={(e) => setProfile(e.target.value)}
                    placeholder="incident-response"
                  />
                </label>
                <label>
                  Region
                  <input
                    name="region"
                    value={region}
                    onChange={(e) => setRegion(e.target.value)}
                    placeholder="us-east-1"
                  />
                </label>
                <label>
                  LookupEvents filter
                  <input
                    name="lookupAttribute"
                    value={lookupAttr}
                    onChange={(e) => setLookupAttr(e.target.value)}
                    placeholder="AccessKeyId=AKIA…"
                  />
                </label>
              </div>
            </details>
            <button
              className="primary"
              type="submit"
              disabled={running || start.pending || !sourcesText.trim()}
            >
              {running ? 'Ingesting…' : 'Ingest'}
            </button>
            <ErrorNote error={start.error} />
          </form>
          {job ? <JobProgress job={job} /> : null}
          {finished?.status === 'failed' && finished.error ? (
            <div className="error-note" role="alert">
              <strong>{finished.error.message}</strong>
              {finished.error.hint ? <div className="hint">{finished.error.hint}</div> : null}
            </div>
          ) : null}
          {report ? (
            <div data-testid="ingest-report">
              {report.map((s) => (
                <div key={s.location} className="report">
                  <div className="mono ellipsis">{s.location}</div>
                  <div className="small">
                    {s.files} files
                    {s.filesSkipped ? ` (+${s.filesSkipped} already in the case)` : ''}:{' '}
                    {s.recordsRead} read, <strong>{s.inserted} new</strong>, {s.duplicates}{' '}
                    duplicates, {s.rejected} rejected
                  </div>
                  {s.rejections.slice(0, 5).map((r, i) => (
                    <div key={i} className="small warn-text">
                      {r.location.split('/').pop()}
                      {r.locator === null ? '' : ` #${r.locator}`}: {r.reason}
                    </div>
                  ))}
                  {s.errors.map((err) => (
                    <div key={err} className="small error-note">
                      {err}
                    </div>
                  ))}
                </div>
              ))}
            </div>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="sources-h">
          <h2 id="sources-h">Sources</h2>
          <ErrorNote error={sources.error} />
          {sources.data && sources.data.sources.length === 0 ? (
            <p className="muted">Nothing ingested yet.</p>
          ) : null}
          <ul className="sources" data-testid="sources">
            {sources.data?.sources.map((s) => (
              <SourceCard key={s.id} s={s} />
            ))}
          </ul>
        </section>
      </div>
      <EventsTable path={path} zone={zone} refreshKey={version} liveKey={live} />
    </div>
  );
}

/**
 * While an ingest runs, a number that goes up every few seconds when it has written new events:
 * the events table re-reads the rows in view then. Not on every progress message: each re-read
 * is a query over a table that is growing (and unindexed during a bulk ingest).
 */
function useLiveRefresh(job: { status: string; progress: unknown } | null): number {
  const [tick, setTick] = useState(0);
  const running = job?.status === 'running';
  const inserted = running ? ((job.progress as { inserted?: number } | null)?.inserted ?? 0) : 0;
  const latest = useRef({ inserted: 0, shown: 0 });
  useEffect(() => {
    latest.current.inserted = inserted;
  }, [inserted]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      const l = latest.current;
      if (l.inserted === l.shown) return;
      l.shown = l.inserted;
      setTick((n) => n + 1);
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running]);
  return tick;
}

const LIVE_REFRESH_MS = 4000;
