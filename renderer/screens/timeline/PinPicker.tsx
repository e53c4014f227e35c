// Find CloudTrail events by access key, principal or event name and pin one to the timeline.
// A small search on purpose: the full events table lives on the Evidence tab.
import { useState, type FormEvent } from 'react';
import type { EventRow } from '../../../src/shared/domain';
import { useAction, useClient } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';

const list = (text: string): string[] | undefined => {
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
};

export function PinPicker({
  path,
  zone,
  onPinned,
}: {
  path: string;
  zone: string;
  onPinned: () => void;
}) {
  const client = useClient();
  const pin = useAction('timeline.pin');
  const [filters, setFilters] = useState({ key: '', principal: '', name: '' });
  const [rows, setRows] = useState<EventRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [comment, setComment] = useState('');
  const [pinned, setPinned] = useState<Set<string>>(new Set());

  async function search(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await client.call('events.list', {
        path,
        accessKeyIds: list(filters.key),
        principalArns: list(filters.principal),
        eventNames: list(filters.name),
        limit: 50,
      });
      setRows(r.events);
      setMore(r.next !== null);
    } catch (err) {
      setError(
        err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) }),
      );
    }
  }

  async function pinRow(row: EventRow) {
    const entry = await pin.run({ path, id: row.eventId, ...(comment.trim() ? { comment } : {}) });
    if (entry) {
      setPinned((s) => new Set(s).add(row.eventId));
      onPinned();
    }
  }

  return (
    <section className="panel pin-picker" data-testid="pin-picker">
      <h2>Pin evidence</h2>
      <form className="form inline" onSubmit={(e) => void search(e)} data-testid="pin-search">
        <label>
          Access key
          <input
            name="accessKey"
            value={filters.key}
            onChange={(e) => setFilters({ ...filters, key: e.target.value })}
            placeholder="AKIA…, ASIA…"
          />
        </label>
        <label className="grow">
          Principal ARN
          <input
            name="principal"
            value={filters.principal}
            onChange={(e) => setFilters({ ...filters, principal: e.target.value })}
            placeholder="arn:aws:iam::123456789012:user/…"
          />
        </label>
        <label>
          Event name
          <input
            name="eventName"
            value={filters.name}
            onChange={(e) => setFilters({ ...filters, name: e.target.value })}
            placeholder="GetObject, CreateAccessKey"
          />
        </label>
        <button type="submit">Find events</button>
      </form>
      <ErrorNote error={error ?? pin.error} />
      {rows ? (
        <>
          <label className="comment">
            Comment for the pin (optional)
            <input
              name="pinComment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder="Why this record matters"
            />
          </label>
          <table className="table compact" data-testid="pin-events">
            <thead>
              <tr>
                <th>Time</th>
                <th>Event</th>
                <th>Principal</th>
                <th>Source IP</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.eventId} data-testid="event-row">
                  <td>
                    <Time iso={r.eventTime} zone={zone} />
                  </td>
                  <td>
                    {r.eventName}
                    {r.errorCode ? <span className="warn-text"> ({r.errorCode})</span> : null}
                    <div className="mono muted small">{r.eventId}</div>
                  </td>
                  <td className="mono small">{r.principalArn ?? '—'}</td>
                  <td className="mono small">{r.sourceIp ?? '—'}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void pinRow(r)}
                      disabled={pin.pending || pinned.has(r.eventId)}
                    >
                      {pinned.has(r.eventId) ? 'Pinned' : 'Pin'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="muted">No events match.</p> : null}
          {more ? <p className="muted small">Showing the first 50; narrow the filters.</p> : null}
        </>
      ) : null}
    </section>
  );
}
