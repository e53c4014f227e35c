// One case: its facts, its timeline and its integrity, side by side with navigation.
import { useEffect, useState } from 'react';
import { useOp } from '../api/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import { DeadlinesPanel } from './DeadlinesPanel';
import { EvidencePanel } from './EvidencePanel';
import { FindingsPanel } from './FindingsPanel';
import { IntegrityPanel } from './IntegrityPanel';
import { Overview } from './Overview';
import { RunbookPanel } from './RunbookPanel';
import { ExerciseBanner } from './tabletop/ExerciseBanner';
import { TimelinePanel } from './TimelinePanel';

// In the order an incident is worked: the runbook drives, evidence and findings feed it, the
// timeline and the deadlines are what counsel reads, integrity proves the record.
export const TABS = [
  { id: 'overview', label: 'Overview', key: '1' },
  { id: 'runbook', label: 'Runbook', key: '2' },
  { id: 'evidence', label: 'Evidence', key: '3' },
  { id: 'findings', label: 'Findings', key: '4' },
  { id: 'timeline', label: 'Timeline', key: '5' },
  { id: 'deadlines', label: 'Deadlines', key: '6' },
  { id: 'integrity', label: 'Integrity', key: '7' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

export function CaseView({
  path,
  tab,
  onTab,
}: {
  path: string;
  tab: TabId;
  onTab: (t: TabId) => void;
}) {
  const info = useOp('case.info', { path }, path);
  const [changes, setChanges] = useState(0);
  const c = info.data;
  const refresh = () => {
    setChanges((n) => n + 1);
    info.reload();
  };
  // Focus on a tab follows the selected tab when a shortcut or the palette changes it, so the
  // focus ring never sits on a tab that is not shown.
  useEffect(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused.getAttribute('role') === 'tab')
      document.querySelector<HTMLElement>(`[data-testid="tab-${tab}"]`)?.focus();
  }, [tab]);

  return (
    <div className="case">
      <header className="case-head" data-testid="case-head">
        {c ? (
          <>
            <h1>{c.title}</h1>
            <div className="chips">
              <span className={`chip status-${c.status}`}>{c.status}</span>
              <span className="chip">{c.severity ?? 'severity not set'}</span>
              <span className="chip">zone {c.timezone}</span>
              <span className={`chip ${c.awareness ? '' : 'warn'}`}>
                {c.awareness ? (
                  <>
                    aware at <Time iso={c.awareness.at} zone={c.timezone} inline />
                  </>
                ) : (
                  'awareness not set'
                )}
              </span>
            </div>
          </>
        ) : (
          <h1>{info.loading ? 'Opening…' : 'Case'}</h1>
        )}
        <ErrorNote error={info.error} />
        {c ? <ExerciseBanner path={path} onChange={refresh} /> : null}
      </header>
      <nav className="tabs" role="tablist" aria-label="Case sections">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : ''}
            onClick={() => onTab(t.id)}
            title={`Alt+${t.key}`}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <main className="tab-body">
        {c && tab === 'overview' ? <Overview info={c} /> : null}
        {c && tab === 'runbook' ? (
          <RunbookPanel path={path} zone={c.timezone} onChange={refresh} />
        ) : null}
        {c && tab === 'evidence' ? (
          <EvidencePanel path={path} zone={c.timezone} onChange={refresh} />
        ) : null}
        {c && tab === 'timeline' ? (
          <TimelinePanel path={path} zone={c.timezone} onChange={refresh} />
        ) : null}
        {c && tab === 'integrity' ? <IntegrityPanel path={path} changes={changes} /> : null}
        {c && tab === 'deadlines' ? <DeadlinesPanel path={path} onChange={refresh} /> : null}
        {c && tab === 'findings' ? (
          <FindingsPanel path={path} zone={c.timezone} onChange={refresh} />
        ) : null}
      </main>
    </div>
  );
}

export const TAB_KEYS: Record<string, TabId> = Object.fromEntries(TABS.map((t) => [t.key, t.id]));
