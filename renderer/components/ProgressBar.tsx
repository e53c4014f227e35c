// A job's progress, for people: how far, how fast, and what it is doing now.
import type { JobState } from '../../src/shared/domain';

interface IngestProgressView {
  phase: string;
  files: number;
  filesSkipped: number;
  records: number;
  inserted: number;
  bytes: number;
  bytesTotal: number | null;
  elapsedMs: number;
  current: string | null;
}

function human(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

export function JobProgress({ job }: { job: JobState }) {
  const p = (job.progress ?? null) as IngestProgressView | null;
  const frac = p?.bytesTotal ? Math.min(1, p.bytes / p.bytesTotal) : null;
  const rate = p && p.elapsedMs > 0 ? Math.round((p.records / p.elapsedMs) * 1000) : 0;
  const phase =
    job.status !== 'running'
      ? job.status
      : p?.phase === 'indexing'
        ? 'building indexes'
        : p?.phase === 'listing'
          ? 'listing files'
          : 'reading';
  return (
    <div className="progress" data-testid="job-progress" aria-live="polite">
      <div className="row spread">
        <strong>{phase}</strong>
        <span className="muted">{frac === null ? '' : `${Math.round(frac * 100)} %`}</span>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={frac === null ? undefined : Math.round(frac * 100)}
      >
        <div
          className={`fill ${frac === null && job.status === 'running' ? 'indeterminate' : ''}`}
          style={{
            width: `${frac === null ? (job.status === 'running' ? 100 : 100) : Math.round(frac * 100)}%`,
          }}
        />
      </div>
      {p ? (
        <div className="muted small" data-testid="job-progress-numbers">
          {p.files} files, {human(p.records)} records, {human(p.inserted)} new, {human(rate)}/s
          {p.filesSkipped ? `, ${p.filesSkipped} already ingested` : ''}
          {p.current ? <div className="mono ellipsis">{p.current}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
