// The events table: filters sent to the engine, rows fetched a page at a time by offset, and only
// the rows in view rendered, so a million events scroll as smoothly as a hundred. Arrow keys move
// the selection; Enter shows the raw record. While evidence is still being written, `liveKey`
// goes up now and then: the pages in view and the count are read again in place (the old rows
// stay on screen until the new ones land), so the table answers during a long ingest.
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import type { EventRow } from '../../src/shared/domain';
import { IP_CLASSES } from '../../src/shared/query';
import { useClient } from '../api/hooks';
import { ApiError } from '../api/client';
import { ErrorNote } from './ErrorNote';
import { EventDetail } from './EventDetail';

const ROW = 30;
const PAGE = 200;
const VIEW = 480;

interface Filters {
  accessKeyId: string;
  principalArn: string;
  eventName: string;
  sourceIp: string;
  ipClass: string;
  from: string;
  to: string;
}

const EMPTY: Filters = {
  accessKeyId: '',
  principalArn: '',
  eventName: '',
  sourceIp: '',
  ipClass: '',
  from: '',
  to: '',
};

function toQuery(f: Filters): Record<string, unknown> {
  const list = (v: string): string[] | undefined => {
    const items = v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  };
  return {
    accessKeyIds: list(f.accessKeyId),
    principalArns: list(f.principalArn),
    eventNames: list(f.eventName),
    sourceIps: list(f.sourceIp),
    ipClasses: f.ipClass ? [f.ipClass] : undefined,
    from: f.from.trim() || undefined,
    to: f.to.trim() || undefined,
  };
}

/** Memoised: the Evidence tab re-renders on every progress message of a running ingest. */
export const EventsTable = memo(function EventsTable({
  path,
  zone,
  refreshKey,
  liveKey = 0,
}: {
  path: string;
  zone: string;
  refreshKey: number;
  /** Re-read what is in view (rows are being added) without starting again from the top. */
  liveKey?: number;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [scrollTop, setScrollTop] = useState(0);
  const [selection, setSelection] = useState({ key: '', index: 0 });
  const [detail, setDetail] = useState<number | null>(null);
  const loading = useRef(new Set<string>());
  const box = useRef<HTMLDivElement>(null);

  const query = useMemo(() => toQuery(filters), [filters]);
  // Everything fetched belongs to one (filters, evidence version) key; a new key starts afresh.
  const dataKey = `${JSON.stringify(query)}:${refreshKey}`;
  // Each page remembers the liveKey it was read at; the count too.
  const [data, setData] = useState<{
    key: string;
    pages: Map<number, { rows: EventRow[]; live: number }>;
    total: number | null;
    totalLive: number;
    error?: ApiError;
  }>({
    key: '',
    pages: new Map(),
    total: null,
    totalLive: 0,
  });
  const current =
    data.key === dataKey
      ? data
      : {
          key: dataKey,
          pages: new Map<number, { rows: EventRow[]; live: number }>(),
          total: null,
          totalLive: 0,
          error: undefined,
        };
  const { pages, total, error } = current;
  const selected = selection.key === dataKey ? selection.index : 0;
  const setSelected = (index: number): void => setSelection({ key: dataKey, index });

  const load = useCallback(
    (page: number, live: number, count: boolean) => {
      const tag = `${dataKey}:${page}:${live}`;
      if (loading.current.has(tag)) return;
      loading.current.add(tag);
      const merge = (patch: (old: typeof data) => Partial<typeof data>): void =>
        setData((old) => {
          const base =
            old.key === dataKey
              ? old
              : {
                  key: dataKey,
                  pages: new Map<number, { rows: EventRow[]; live: number }>(),
                  total: null,
                  totalLive: 0,
                };
          return { ...base, ...patch(base) };
        });
      client
        .call('query.run', {
          path,
          query: { ...query, limit: PAGE },
          offset: page * PAGE,
          count,
        })
        .then(
          (r) =>
            merge((old) => ({
              pages: new Map(old.pages).set(page, { rows: r.rows, live }),
              ...(r.total !== null ? { total: r.total, totalLive: live } : {}),
            })),
          (err: unknown) =>
            merge(() => ({
              error:
                err instanceof ApiError
                  ? err
                  : new ApiError({ code: 'INTERNAL', message: String(err) }),
            })),
        )
        .finally(() => loading.current.delete(tag));
    },
    [client, path, query, dataKey],
  );

  // A new filter or new evidence starts the table again from the top.
  useEffect(() => {
    box.current?.scrollTo({ top: 0 });
  }, [dataKey]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - 10);
  const last = Math.min((total ?? 0) - 1, Math.ceil((scrollTop + VIEW) / ROW) + 10);
  const top = Math.floor(first / PAGE);
  const countDue = total === null || current.totalLive !== liveKey;
  useEffect(() => {
    // The count comes with the top page in view: once, and again after each live refresh.
    if (!pages.has(0) && top !== 0) load(0, liveKey, false);
    for (let p = top; p <= Math.floor(Math.max(first, last) / PAGE); p++) {
      if (pages.get(p)?.live !== liveKey) load(p, liveKey, p === top && countDue);
      else if (p === top && countDue) load(p, liveKey, true);
    }
  }, [first, last, top, pages, load, liveKey, countDue]);

  const rowAt = (i: number): EventRow | undefined =>
    pages.get(Math.floor(i / PAGE))?.rows[i % PAGE];

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }

  function onKey(e: KeyboardEvent<HTMLDivElement>) {
    if (!total) return;
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(total - 1, selected + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, selected - 1);
    else if (e.key === 'PageDown') next = Math.min(total - 1, selected + Math.floor(VIEW / ROW));
    else if (e.key === 'PageUp') next = Math.max(0, selected - Math.floor(VIEW / ROW));
    else if (e.key === 'Enter') {
      // Without this the same key press would also press the detail's Close button once it has focus.
      e.preventDefault();
      const r = rowAt(selected);
      if (r) setDetail(r.rowId);
      return;
    } else return;
    e.preventDefault();
    setSelected(next);
    const el = box.current;
    if (el) {
      if (next * ROW < el.scrollTop) el.scrollTop = next * ROW;
      else if ((next + 1) * ROW > el.scrollTop + VIEW) el.scrollTop = (next + 1) * ROW - VIEW;
    }
  }

  const field = (name: keyof Filters, label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={name}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </label>
  );

  const rows = [];
  for (let i = first; i <= last; i++) {
    const r = rowAt(i);
    rows.push(
      <div
        key={i}
        className={`vrow ${i === selected ? 'selected' : ''}`}
        style={{ top: i * ROW }}
        onClick={() => {
          setSelected(i);
          if (r) setDetail(r.rowId);
        }}
        data-testid="event-row"
        data-index={i}
      >
        {r ? (
          <>
            <span className="c-time mono">
              {r.eventTime.replace('T', ' ').replace('.000Z', 'Z')}
            </span>
            <span className="c-name" title={r.eventName}>
              {r.eventName}
            </span>
            <span className="c-ip mono" title={r.sourceIp ?? ''}>
              {r.sourceIp ?? '—'}
            </span>
            <span className="c-who ellipsis" title={r.principalArn ?? ''}>
              {r.principalArn ?? '—'}
            </span>
            <span className="c-key mono" title={r.accessKeyId ?? ''}>
              {r.accessKeyId ?? ''}
            </span>
            <span className={`c-err ${r.errorCode ? 'warn-text' : ''}`}>{r.errorCode ?? ''}</span>
          </>
        ) : (
          <span className="muted">loading…</span>
        )}
      </div>,
    );
  }

  return (
    <section className="panel" aria-labelledby="events-h">
      <div className="row spread">
        <h2 id="events-h">Events</h2>
        <span className="muted" data-testid="events-count">
          {total === null
            ? 'counting…'
            : `${total.toLocaleString('en-US')} event${total === 1 ? '' : 's'}`}
        </span>
      </div>
      <form className="form inline filters" onSubmit={submit} data-testid="events-filters">
        {field('accessKeyId', 'Access key', 'AKIA…')}
        {field('principalArn', 'Principal ARN', 'arn:aws:iam::…')}
        {field('eventName', 'Event name', 'CreateUser, GetObject')}
        {field('sourceIp', 'Source IP', '203.0.113.7')}
        <label>
          IP class
          <select
            name="ipClass"
            value={draft.ipClass}
            onChange={(e) => setDraft({ ...draft, ipClass: e.target.value })}
          >
            <option value="">any</option>
            {IP_CLASSES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        {field('from', 'From', '2026-03-27T00:00:00Z')}
        {field('to', 'To', '2026-03-28T00:00:00Z')}
        <button type="submit" className="primary">
          Filter
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            setFilters(EMPTY);
          }}
        >
          Clear
        </button>
      </form>
      <ErrorNote error={error} />
      <div className="vhead">
        <span className="c-time">Time (UTC)</span>
        <span className="c-name">Event</span>
        <span className="c-ip">Source IP</span>
        <span className="c-who">Principal</span>
        <span className="c-key">Access key</span>
        <span className="c-err">Error</span>
      </div>
      <div
        className="vbox"
        ref={box}
        style={{ height: VIEW }}
        tabIndex={0}
        onKeyDown={onKey}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="events-table"
        aria-label="Events; arrow keys move, Enter shows the raw record"
      >
        <div style={{ height: (total ?? 0) * ROW, position: 'relative' }}>{rows}</div>
        {total === 0 ? (
          <p className="muted pad">No events match. Ingest evidence, or loosen the filters.</p>
        ) : null}
      </div>
      {detail !== null ? (
        <EventDetail path={path} rowId={detail} zone={zone} onClose={() => setDetail(null)} />
      ) : null}
    </section>
  );
});
