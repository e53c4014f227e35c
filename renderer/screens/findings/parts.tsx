// Small pieces every analysis view uses: durations and sizes in words, an address with its class,
// one CloudTrail event in a line, a count table, the highlights and what the logs cannot show.
import { Time } from '../../components/Time';
import type { EventRefView } from './types';

export function duration(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * An identifier that may wrap only after its separators ("organizations.amazonaws.<wbr>com",
 * "Client.<wbr>UnauthorizedOperation"), never in the middle of a word.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[./:_-])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </>
  );
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Addresses from outside the organisation stand out; known-good ones stay quiet. */
const IP_TONE: Record<string, string> = {
  internal: 'ok',
  'aws-service': 'quiet',
  aws: 'warn',
  tor: 'bad',
  threat: 'bad',
  private: 'quiet',
  public: 'warn',
  unparseable: 'quiet',
};

export function IpClass({ cls }: { cls: string }) {
  return <span className={`ipclass tone-${IP_TONE[cls] ?? 'quiet'}`}>{cls}</span>;
}

/** One event: what, when, by whom, with which key, from where; the event ID to look it up. */
export function EventLine({ e, zone }: { e: EventRefView; zone: string }) {
  return (
    <div className="event-line">
      <strong className="mono">{e.eventName}</strong> <Time iso={e.eventTime} zone={zone} />
      <div className="small">
        by <span className="mono">{e.principalArn ?? 'an unknown principal'}</span>
        {e.accessKeyId ? (
          <>
            {' '}
            with <span className="mono">{e.accessKeyId}</span>
          </>
        ) : null}
        {e.sourceIp ? (
          <>
            {' '}
            from <span className="mono">{e.sourceIp}</span>
          </>
        ) : null}
      </div>
      <div className="small muted mono">event {e.eventId}</div>
    </div>
  );
}

/** A two-column table of names and call counts, longest first, with the rest summed up. */
export function CountTable({
  title,
  rows,
  limit = 8,
  wide = false,
  testId,
}: {
  title: string;
  rows: { name: string; calls: number }[];
  limit?: number;
  /** Two columns of the grid (long values such as user agents). */
  wide?: boolean;
  testId?: string;
}) {
  const sorted = [...rows].sort((a, b) => b.calls - a.calls);
  const rest = sorted.slice(limit).reduce((n, r) => n + r.calls, 0);
  return (
    <div className={wide ? 'count-table wide' : 'count-table'} data-testid={testId}>
      <h4>{title}</h4>
      {sorted.length === 0 ? <p className="muted small">None.</p> : null}
      <table className="table compact">
        <tbody>
          {sorted.slice(0, limit).map((r) => (
            <tr key={r.name}>
              <td className="mono wrap-word">
                <Breakable text={r.name} />
              </td>
              <td className="num">{r.calls.toLocaleString('en-US')}</td>
            </tr>
          ))}
          {rest ? (
            <tr>
              <td className="muted">{sorted.length - limit} more</td>
              <td className="num muted">{rest.toLocaleString('en-US')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

export function Highlights({
  items,
  zone,
}: {
  items: { at: string; text: string }[];
  zone: string;
}) {
  if (items.length === 0) return null;
  return (
    <ol className="highlights" data-testid="finding-highlights">
      {items.map((h, i) => (
        <li key={i}>
          <Time iso={h.at} zone={zone} />
          <span>{h.text}</span>
        </li>
      ))}
    </ol>
  );
}

export function Caveats({ items, testId }: { items: string[]; testId: string }) {
  return (
    <>
      <h3>What the logs cannot show</h3>
      {items.length === 0 ? <p className="muted">Nothing noted.</p> : null}
      <ul className="caveats" data-testid={testId}>
        {items.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </>
  );
}
