// Export the timeline for counsel: format, period, redaction (on by default; turning it off warns
// and is recorded in the audit log), then a download link in a browser or the saved path. In the
// desktop app "Choose…" opens the system's save dialog; in a browser the path is typed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult } from '../../../src/shared/export';
import { useAction, useClient, useJob, useOp } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

/** "<case folder>/exports/<case>-<UTC stamp>.<format>", next to the case file. */
export function suggestedOut(casePath: string, format: ExportFormat, nowMs: number): string {
  const cut = Math.max(casePath.lastIndexOf('/'), casePath.lastIndexOf('\\'));
  const dir = cut >= 0 ? casePath.slice(0, cut) : '.';
  const sep = casePath.includes('\\') && !casePath.includes('/') ? '\\' : '/';
  const stem = casePath.slice(cut + 1).replace(/\.cairn$/i, '') || 'case';
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${dir}${sep}exports${sep}${stem}-${stamp}.${format}`;
}

export function ExportDialog({ path, onClose }: { path: string; onClose: () => void }) {
  const client = useClient();
  const start = useAction('export.timeline');
  const mark = useAction('redaction.mark');
  const marks = useOp('redaction.list', { path }, path);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [redact, setRedact] = useState(true);
  const [out, setOut] = useState(() => suggestedOut(path, 'pdf', Date.now()));
  const [outEdited, setOutEdited] = useState(false);
  const [markText, setMarkText] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const result = job?.status === 'done' ? (job.result as ExportResult) : null;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function chooseOut() {
    const picked = await client.desktop?.pickSavePath(
      out.trim() || suggestedOut(path, format, Date.now()),
    );
    if (picked) {
      setOut(picked);
      setOutEdited(true);
      // The format follows the chosen name when it names one.
      const ext = /\.([a-z]+)$/i.exec(picked)?.[1]?.toLowerCase();
      const f = EXPORT_FORMATS.find((x) => x === ext);
      if (f) setFormat(f);
    }
  }

  function chooseFormat(f: ExportFormat) {
    setFormat(f);
    if (!outEdited) setOut(suggestedOut(path, f, Date.now()));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const j = await start.run({
      path,
      format,
      out: out.trim(),
      redact,
      ...(from.trim() ? { from: from.trim() } : {}),
      ...(to.trim() ? { to: to.trim() } : {}),
    });
    if (j) setJobId(j.id);
  }

  async function addMark(e: FormEvent) {
    e.preventDefault();
    if (await mark.run({ path, value: markText, reason: 'marked in the export dialog' })) {
      setMarkText('');
      marks.reload();
    }
  }

  return (
    <section
      className="panel export-dialog"
      role="dialog"
      aria-label="Export"
      data-testid="export-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="row spread">
        <h2 ref={heading} tabIndex={-1}>
          Export the timeline
        </h2>
        <button type="button" className="quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="export-form">
        <div className="form inline">
          <label>
            Format
            <select
              name="format"
              value={format}
              onChange={(e) => chooseFormat(e.target.value as ExportFormat)}
            >
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            From (optional)
            <input
              name="from"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              placeholder="2026-03-27T00:00:00Z"
            />
          </label>
          <label>
            To (optional)
            <input
              name="to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              placeholder="2026-03-29T00:00:00Z"
            />
          </label>
        </div>
        <label>
          Save as (on this computer)
          <span className="row">
            <input
              name="out"
              className="mono"
              value={out}
              onChange={(e) => {
                setOut(e.target.value);
                setOutEdited(true);
              }}
            />
            {client.desktop ? (
              <button type="button" onClick={() => void chooseOut()} data-testid="export-choose">
                Choose…
              </button>
            ) : null}
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="redact"
            checked={redact}
            onChange={(e) => setRedact(e.target.checked)}
          />
          Redact secrets: session tokens, secret access keys, passwords and{' '}
          {marks.data?.marks.length ?? 0} marked string(s)
        </label>
        {!redact ? (
          <div className="error-note" role="alert" data-testid="unredacted-warning">
            <strong>This export will contain secrets in clear text.</strong> CloudTrail records
            session tokens in GetSessionToken and GetFederationToken responses. Creating an
            unredacted export is recorded in the case’s audit log with your name.
          </div>
        ) : null}
        <ErrorNote error={start.error} />
        <div className="row">
          <button
            className="primary"
            type="submit"
            disabled={start.pending || job?.status === 'running' || !out.trim()}
          >
            {redact ? 'Export' : 'Export without redaction'}
          </button>
          {job?.status === 'running' ? <span className="muted">Exporting…</span> : null}
        </div>
      </form>
      <form className="form inline mark-form" onSubmit={(e) => void addMark(e)}>
        <label className="grow">
          Also remove this text from redacted exports
          <input
            name="mark"
            value={markText}
            onChange={(e) => setMarkText(e.target.value)}
            placeholder="a customer's name, an account number"
          />
        </label>
        <button type="submit" disabled={mark.pending || markText.trim().length < 4}>
          Mark for redaction
        </button>
      </form>
      <ErrorNote error={mark.error} />
      {job?.status === 'failed' && job.error ? (
        <div className="error-note" role="alert">
          <strong>{job.error.message}</strong>
          {job.error.hint ? <div className="hint">{job.error.hint}</div> : null}
        </div>
      ) : null}
      {result ? (
        <div className="ok-note" data-testid="export-result">
          <strong>Exported {result.entries} entries</strong>
          {result.redacted ? ` (${result.redactions} value(s) redacted)` : ' WITHOUT redaction'}.
          <dl className="facts small">
            <dt>Saved to</dt>
            <dd className="mono" data-testid="export-path">
              {result.out}
            </dd>
            <dt>sha256</dt>
            <dd className="mono">{result.sha256}</dd>
            <dt>Manifest</dt>
            <dd className="mono">{result.manifestPath}</dd>
            <dt>Manifest sha256</dt>
            <dd className="mono" data-testid="export-manifest-hash">
              {result.manifestSha256}
            </dd>
          </dl>
          {client.exportDownloadUrl && jobId ? (
            <div className="row">
              <a
                className="button"
                href={client.exportDownloadUrl(jobId, 'file')}
                download
                data-testid="export-download"
              >
                Download {result.format.toUpperCase()}
              </a>
              <a className="button" href={client.exportDownloadUrl(jobId, 'manifest')} download>
                Download manifest
              </a>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
