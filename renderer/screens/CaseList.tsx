// Home: recent cases, a new case, or an existing case file by path.
import { useState, type FormEvent } from 'react';
import { useAction, useClient, useOp } from '../api/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import type { CaseSummary } from '../../src/shared/domain';
import { TabletopEntry } from './tabletop/TabletopEntry';

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'case'
  );
}

export function CaseList({
  onOpen,
  onTabletop,
}: {
  onOpen: (c: CaseSummary) => void;
  onTabletop?: () => void;
}) {
  const client = useClient();
  const info = useOp('app.info', {}, 'info');
  const recent = useOp('app.recentCases', {}, 'recent');
  const create = useAction('case.create');
  const open = useAction('case.open');
  const forget = useAction('app.forgetCase');
  const [title, setTitle] = useState('');
  const [path, setPath] = useState('');
  const [zone, setZone] = useState('UTC');
  const [awareAt, setAwareAt] = useState('');
  const [severity, setSeverity] = useState('');
  const [openPath, setOpenPath] = useState('');

  const dir = info.data?.defaultCaseDir ?? '';
  const suggested = dir ? `${dir}/${slug(title)}.cairn` : '';

  async function submitCreate(e: FormEvent) {
    e.preventDefault();
    const c = await create.run({
      path: path || suggested,
      title,
      timezone: zone,
      ...(awareAt.trim() ? { awareAt: awareAt.trim() } : {}),
      ...(severity ? { severity: severity as 'P1' | 'P2' | 'P3' | 'P4' } : {}),
    });
    if (c) onOpen(c);
  }

  async function openByPath(p: string) {
    const c = await open.run({ path: p });
    if (c) onOpen(c);
  }

  async function browseNew() {
    const p = await client.desktop?.pickNewCaseFile(`${slug(title)}.cairn`);
    if (p) setPath(p);
  }

  async function browseOpen() {
    const p = await client.desktop?.pickCaseFile();
    if (p) await openByPath(p);
  }

  return (
    <div className="home">
      <section className="panel" aria-labelledby="recent-h">
        <h2 id="recent-h">Recent cases</h2>
        {recent.data && recent.data.cases.length === 0 ? (
          <p className="muted">
            No cases yet on this machine. Create one, or open a case file someone handed you.
          </p>
        ) : null}
        <ul className="recent" data-testid="recent-cases">
          {recent.data?.cases.map((c) => (
            <li key={c.path}>
              <button className="link" disabled={!c.exists} onClick={() => void openByPath(c.path)}>
                <span className="title">{c.title}</span>
                <span className="path">{c.path}</span>
              </button>
              <span className="meta">
                {c.exists ? (
                  <>
                    opened <Time iso={c.openedAt} zone="UTC" />
                  </>
                ) : (
                  'file missing'
                )}
              </span>
              <button
                className="quiet"
                aria-label={`Forget ${c.title}`}
                onClick={() => void forget.run({ path: c.path }).then(() => recent.reload())}
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
        <ErrorNote error={recent.error ?? open.error} />
      </section>

      <section className="panel" aria-labelledby="new-h">
        <h2 id="new-h">New case</h2>
        <form onSubmit={(e) => void submitCreate(e)} className="form" data-testid="new-case-form">
          <label>
            Title
            <input
              required
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Leaked access key AKIA…"
              name="title"
            />
          </label>
          <label>
            Case file
            <span className="row">
              <input
                value={path}
                onChange={(e) => setPath(e.target.value)}
                placeholder={suggested || '/path/to/case.cairn'}
                name="path"
              />
              {client.desktop ? (
                <button type="button" onClick={() => void browseNew()}>
                  Choose…
                </button>
              ) : null}
            </span>
          </label>
          <label>
            Time zone the case reports in
            <select value={zone} onChange={(e) => setZone(e.target.value)} name="timezone">
              {ZONES.includes('UTC') ? null : <option value="UTC">UTC</option>}
              {ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <label>
            Aware at (optional; starts the notification clocks)
            <input
              value={awareAt}
              onChange={(e) => setAwareAt(e.target.value)}
              placeholder="2026-03-27T23:30:00Z"
              name="awareAt"
            />
          </label>
          <label>
            Severity
            <select value={severity} onChange={(e) => setSeverity(e.target.value)} name="severity">
              <option value="">Not set yet</option>
              <option value="P1">P1: confirmed unauthorised use, data or admin access</option>
              <option value="P2">P2: confirmed use, scope unclear; or exposed, no use yet</option>
              <option value="P3">P3: anomalous, unconfirmed</option>
              <option value="P4">P4: hygiene (stale or unused credential)</option>
            </select>
          </label>
          <button className="primary" type="submit" disabled={create.pending || !title.trim()}>
            Create case
          </button>
          <ErrorNote error={create.error} />
        </form>
      </section>

      <section className="panel" aria-labelledby="open-h">
        <h2 id="open-h">Open a case file</h2>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void openByPath(openPath);
          }}
        >
          <label>
            Path
            <span className="row">
              <input
                value={openPath}
                onChange={(e) => setOpenPath(e.target.value)}
                placeholder="/cases/acme.cairn"
                name="openPath"
              />
              {client.desktop ? (
                <button type="button" onClick={() => void browseOpen()}>
                  Browse…
                </button>
              ) : null}
            </span>
          </label>
          <button type="submit" disabled={open.pending || !openPath.trim()}>
            Open
          </button>
        </form>
      </section>
      {onTabletop ? <TabletopEntry onOpen={onTabletop} /> : null}
    </div>
  );
}
