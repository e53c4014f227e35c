// A key's lineage as a tree: the key, the credentials and principals its calls created (session
// keys, new access keys, users, login profiles, roles), what those created in turn, and each
// credential's own calls. Keys made for a user the lineage created hang under that user, so
// "key → CreateUser backdoor → CreateAccessKey for backdoor → its calls" reads top to bottom.
import { Time } from '../../components/Time';
import { count } from './parts';
import type { CreatedView, DerivedView, KeyActivityView, KeyEventView } from './types';

const KIND_TEXT: Record<DerivedView['kind'] | CreatedView['kind'], string> = {
  'access-key': 'access key',
  session: 'session key',
  'federated-session': 'federated session',
  'assumed-role-session': 'assumed-role session',
  user: 'IAM user',
  'login-profile': 'console password',
  role: 'IAM role',
};

const SHOWN_CALLS = 50;

function Calls({ events, zone }: { events: KeyEventView[]; zone: string }) {
  if (events.length === 0) return null;
  return (
    <details className="lin-calls">
      <summary>
        {count(events.length, 'call')} in this finding
        {events.length > SHOWN_CALLS ? ` (first ${SHOWN_CALLS} shown)` : ''}
      </summary>
      <table className="table compact">
        <thead>
          <tr>
            <th>When</th>
            <th>Call</th>
            <th>From</th>
            <th>Region</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {events.slice(0, SHOWN_CALLS).map((e) => (
            <tr key={e.eventId}>
              <td>
                <Time iso={e.eventTime} zone={zone} />
              </td>
              <td className="mono">
                {e.eventName}
                {e.readOnly === false ? <span className="tag-write">write</span> : null}
              </td>
              <td className="mono">{e.sourceIp ?? '—'}</td>
              <td className="mono">{e.awsRegion ?? '—'}</td>
              <td className={e.errorCode ? 'warn-text' : 'muted'}>{e.errorCode ?? 'ok'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Usage({
  calls,
  first,
  last,
  zone,
}: {
  calls: number;
  first: string | null;
  last: string | null;
  zone: string;
}) {
  if (calls === 0) return <span className="muted">never used in the logs</span>;
  return (
    <span>
      {count(calls, 'call')}
      {first ? (
        <>
          , first <Time iso={first} zone={zone} inline />
        </>
      ) : null}
      {last && last !== first ? (
        <>
          , last <Time iso={last} zone={zone} inline />
        </>
      ) : null}
    </span>
  );
}

interface Tree {
  r: KeyActivityView;
  zone: string;
  lineageKeys: Set<string>;
}

const eventsOf = (t: Tree, key: string): KeyEventView[] =>
  t.r.events.filter((e) => e.accessKeyId === key);

/** A session credential that stays valid after the key itself was switched off. */
const outlives = (t: Tree, d: DerivedView): boolean =>
  d.kind !== 'access-key' &&
  t.r.deactivatedAt !== null &&
  (d.expiration === null || d.expiration > t.r.deactivatedAt);

function CredentialNode({ t, d }: { t: Tree; d: DerivedView }) {
  const { zone } = t;
  return (
    <li>
      <div className={`lin-node lin-${d.kind}`} data-testid="lineage-node" data-key={d.accessKeyId}>
        <span className="lin-kind">{KIND_TEXT[d.kind]}</span>{' '}
        <strong className="mono">{d.accessKeyId}</strong>
        {d.principal ? (
          <>
            {' '}
            acting as <span className="mono wrap-any">{d.principal}</span>
          </>
        ) : null}
        <div className="small">
          {d.createdBy ? (
            <>
              created by <span className="mono">{d.createdBy.eventName}</span> at{' '}
              <Time iso={d.createdBy.eventTime} zone={zone} />
            </>
          ) : (
            <span className="muted">
              issued by the same user (the call that created it is not in the logs)
            </span>
          )}
          {d.expiration ? (
            <>
              {' '}
              · valid until <Time iso={d.expiration} zone={zone} />
            </>
          ) : null}
        </div>
        <div className="small">
          <Usage calls={d.calls} first={d.firstUse} last={d.lastUse} zone={zone} />
        </div>
        {outlives(t, d) ? (
          <div className="small warn-text">
            Still valid after the key was deactivated: revoke its sessions.
          </div>
        ) : null}
      </div>
      <Calls events={eventsOf(t, d.accessKeyId)} zone={zone} />
      <Children t={t} of={d.accessKeyId} />
    </li>
  );
}

function Children({ t, of }: { t: Tree; of: string }) {
  const { r, zone } = t;
  const created = r.createdPrincipals.filter(
    (c) =>
      c.by.accessKeyId === of ||
      // Created by a credential outside the lineage's keys: show it under the root.
      (of === r.accessKeyId && (!c.by.accessKeyId || !t.lineageKeys.has(c.by.accessKeyId))),
  );
  const users = new Set(created.filter((c) => c.kind === 'user').map((c) => c.name));
  const derived = r.derivedCredentials.filter((d) => d.derivedFrom === of);
  const underUser = (d: DerivedView) =>
    d.kind === 'access-key' && d.principal !== null && users.has(d.principal);
  if (created.length === 0 && derived.length === 0) return null;
  return (
    <ul>
      {created.map((c) => (
        <li key={`${c.kind}:${c.name}:${c.by.eventId}`}>
          <div className={`lin-node lin-${c.kind}`} data-testid="lineage-node" data-key={c.name}>
            <span className="lin-kind">{KIND_TEXT[c.kind]}</span>{' '}
            <strong className="mono">{c.name}</strong>
            <div className="small">
              created by <span className="mono">{c.by.eventName}</span> at{' '}
              <Time iso={c.by.eventTime} zone={zone} />
              {c.by.sourceIp ? (
                <>
                  {' '}
                  from <span className="mono">{c.by.sourceIp}</span>
                </>
              ) : null}
            </div>
          </div>
          {c.kind === 'user' ? (
            <ul>
              {derived
                .filter((d) => underUser(d) && d.principal === c.name)
                .map((d) => (
                  <CredentialNode key={d.accessKeyId} t={t} d={d} />
                ))}
            </ul>
          ) : null}
        </li>
      ))}
      {derived
        .filter((d) => !underUser(d))
        .map((d) => (
          <CredentialNode key={d.accessKeyId} t={t} d={d} />
        ))}
    </ul>
  );
}

export function LineageTree({ r, zone }: { r: KeyActivityView; zone: string }) {
  const t: Tree = {
    r,
    zone,
    lineageKeys: new Set([r.accessKeyId, ...r.derivedCredentials.map((d) => d.accessKeyId)]),
  };
  const nothing = r.derivedCredentials.length === 0 && r.createdPrincipals.length === 0;
  return (
    <div className="lineage" data-testid="lineage-tree">
      <ul>
        <li>
          <div className="lin-node lin-root" data-testid="lineage-node" data-key={r.accessKeyId}>
            <span className="lin-kind">the key</span>{' '}
            <strong className="mono">{r.accessKeyId}</strong>
            {r.principals.length ? (
              <>
                {' '}
                acting as <span className="mono wrap-any">{r.principals.join(', ')}</span>
              </>
            ) : null}
            <div className="small">
              <Usage calls={r.calls} first={r.firstSeen} last={r.lastSeen} zone={zone} />
            </div>
          </div>
          <Calls events={eventsOf(t, r.accessKeyId)} zone={zone} />
          <Children t={t} of={r.accessKeyId} />
        </li>
      </ul>
      {nothing ? (
        <p className="muted small">
          The key created no other credentials, users or roles in the logs the case holds.
        </p>
      ) : null}
      {r.eventsTruncated ? (
        <p className="muted small">
          Calls listed per credential are the first 1,000 of the whole lineage; query the events for
          the rest.
        </p>
      ) : null}
    </div>
  );
}
