// One event and its raw record exactly as kept, with where it came from: the answer to "show me
// the log line behind this row".
import { useEffect, useRef } from 'react';
import { useOp } from '../api/hooks';
import { ErrorNote } from './ErrorNote';
import { Time } from './Time';

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

export function EventDetail({
  path,
  rowId,
  zone,
  onClose,
}: {
  path: string;
  rowId: number;
  zone: string;
  onClose: () => void;
}) {
  const r = useOp('events.raw', { path, rowId }, `${path}:${rowId}`);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [rowId]);
  const e = r.data?.event;
  return (
    <div
      className="drawer"
      role="dialog"
      aria-label="Event detail"
      data-testid="event-detail"
      onKeyDown={(k) => k.key === 'Escape' && onClose()}
    >
      <div className="row spread">
        <h3>{e ? `${e.eventName} ${e.errorCode ? `(failed: ${e.errorCode})` : ''}` : 'Event'}</h3>
        <button ref={closeRef} onClick={onClose} aria-label="Close (Esc)">
          Close
        </button>
      </div>
      <ErrorNote error={r.error} />
      {e && r.data ? (
        <>
          <dl className="facts">
            <dt>When</dt>
            <dd>
              <Time iso={e.eventTime} zone={zone} />
            </dd>
            <dt>Who</dt>
            <dd className="mono">{e.principalArn ?? '—'}</dd>
            <dt>Access key</dt>
            <dd className="mono">{e.accessKeyId ?? '—'}</dd>
            <dt>From</dt>
            <dd className="mono">
              {e.sourceIp ?? '—'} · {e.userAgent ?? ''}
            </dd>
            <dt>Event ID</dt>
            <dd className="mono">{e.eventId}</dd>
            <dt>Evidence</dt>
            <dd className="mono">
              {r.data.file.location} (record {e.provenance.recordIndex}, file sha256{' '}
              {r.data.file.sha256.slice(0, 16)}…, record sha256 {r.data.rawSha256.slice(0, 16)}…)
            </dd>
          </dl>
          <pre className="raw" data-testid="event-raw">
            {pretty(r.data.raw)}
          </pre>
        </>
      ) : null}
    </div>
  );
}
