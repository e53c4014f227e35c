import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '../src/shared/domain';
import { useOp } from './api/hooks';
import { buildCommands, type Command } from './commands/registry';
import { matchesShortcut, shortcutLabel, PALETTE_SHORTCUTS } from './commands/shortcuts';
import { WorkbenchContext, type Intent, type PendingIntent } from './commands/workbench';
import { CommandPalette } from './components/CommandPalette';
import { CaseList } from './screens/CaseList';
import { CaseView, TABS, type TabId } from './screens/CaseView';
import { FacilitatorView } from './screens/tabletop/FacilitatorView';

type Theme = 'dark' | 'light';

function initialTheme(): Theme {
  const saved = localStorage.getItem('cairn.theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function caseFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('case');
}

/** ?tabletop=DIR opens the facilitator's screen on an exercise (empty: its create form). */
function tabletopFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('tabletop');
}

/** Ctrl+K or ⌘K (either, on any system), or Ctrl+Shift+P as in editors. */
function isPaletteKey(e: KeyboardEvent): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return false;
  return (e.code === 'KeyK' && !e.shiftKey) || (e.code === 'KeyP' && e.shiftKey);
}

/** Numbers each intent, so a panel runs each one once however often it renders. */
let intentSeq = 0;

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [casePath, setCasePath] = useState<string | null>(caseFromUrl);
  const [tabletop, setTabletop] = useState<string | null>(tabletopFromUrl);
  const [tab, setTab] = useState<TabId>('overview');
  const [pending, setPending] = useState<PendingIntent | null>(null);
  // The palette: closed, open on the list, or open on one command's question.
  const [palette, setPalette] = useState<{ start?: Command } | null>(null);
  const returnFocus = useRef<Element | null>(null);
  const runbooks = useOp('runbook.list', {}, 'runbooks');

  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    localStorage.setItem('cairn.theme', theme);
  }, [theme]);

  useEffect(() => {
    const onPop = () => {
      setCasePath(caseFromUrl());
      setTabletop(tabletopFromUrl());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const goTo = useCallback((t: TabId, intent?: Intent) => {
    setTab(t);
    if (intent) setPending({ seq: ++intentSeq, intent });
  }, []);
  const workbench = useMemo(
    () => ({
      goTo,
      pending,
      consume: (seq: number) => setPending((p) => (p?.seq === seq ? null : p)),
    }),
    [goTo, pending],
  );

  const commands = buildCommands({
    inCase: casePath !== null,
    tabs: TABS,
    runbooks: runbooks.data?.runbooks ?? [],
    theme,
    goTo,
    home: () => go(null),
    toggleTheme: () => setTheme((t) => (t === 'dark' ? 'light' : 'dark')),
  });

  function openPalette(start?: Command) {
    if (!palette) returnFocus.current = document.activeElement;
    setPalette(start ? { start } : {});
  }

  function closePalette(then?: () => void) {
    setPalette(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    // After focus is back, so a command that moves focus on purpose (a form it opens) wins.
    then?.();
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isPaletteKey(e)) {
        e.preventDefault();
        if (palette) closePalette();
        else openPalette();
        return;
      }
      if (palette || e.defaultPrevented) return;
      const c = commands.find((x) => x.shortcut && matchesShortcut(e, x.shortcut));
      if (!c) return;
      e.preventDefault();
      if (c.param) openPalette(c);
      else c.run('');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function go(path: string | null) {
    const url = path ? `?case=${encodeURIComponent(path)}` : window.location.pathname;
    history.pushState(null, '', url);
    setCasePath(path);
    setTabletop(null);
    setTab('overview');
    setPending(null);
  }

  function goTabletop(dir: string) {
    history.pushState(null, '', `?tabletop=${encodeURIComponent(dir)}`);
    setCasePath(null);
    setTabletop(dir);
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
          onClick={() => openPalette()}
          title="Every command, with its shortcut"
          data-testid="palette-open"
        >
          Commands <kbd>{shortcutLabel(PALETTE_SHORTCUTS[0]!)}</kbd>
        </button>
        <button
          className="quiet"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label="Switch between dark and light theme"
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <WorkbenchContext.Provider value={workbench}>
        {casePath ? (
          <CaseView key={casePath} path={casePath} tab={tab} onTab={setTab} />
        ) : tabletop !== null ? (
          <FacilitatorView dir={tabletop || null} onDir={goTabletop} />
        ) : (
          <CaseList onOpen={(c: CaseSummary) => go(c.path)} onTabletop={() => goTabletop('')} />
        )}
      </WorkbenchContext.Provider>
      {palette ? <CommandPalette commands={commands} {...palette} onClose={closePalette} /> : null}
    </div>
  );
}
