import { useEffect, useState } from 'react';
import type { CaseSummary } from '../src/shared/domain';
import { CaseList } from './screens/CaseList';
import { CaseView, TAB_KEYS, type TabId } from './screens/CaseView';

type Theme = 'dark' | 'light';

function initialTheme(): Theme {
  const saved = localStorage.getItem('cairn.theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function caseFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('case');
}

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [casePath, setCasePath] = useState<string | null>(caseFromUrl);
  const [tab, setTab] = useState<TabId>('overview');

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    localStorage.setItem('cairn.theme', theme);
  }, [theme]);

  useEffect(() => {
    const onPop = () => setCasePath(caseFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const t = TAB_KEYS[e.key];
      if (t && casePath) {
        e.preventDefault();
        setTab(t);
      } else if (e.key.toLowerCase() === 'h') {
        e.preventDefault();
        go(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function go(path: string | null) {
    const url = path ? `?case=${encodeURIComponent(path)}` : window.location.pathname;
    history.pushState(null, '', url);
    setCasePath(path);
    setTab('overview');
  }

  return (
    <div className="app">
      <header className="topbar">
        <button
          className="brand"
          onClick={() => go(null)}
          title="All cases (Alt+H)"
          data-testid="home"
        >
          Cairn
        </button>
        <span className="spacer" />
        <button
          className="quiet"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label="Switch between dark and light theme"
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      {casePath ? (
        <CaseView key={casePath} path={casePath} tab={tab} onTab={setTab} />
      ) : (
        <CaseList onOpen={(c: CaseSummary) => go(c.path)} />
      )}
    </div>
  );
}
