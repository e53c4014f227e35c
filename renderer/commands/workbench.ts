// How one part of the workbench asks another to do something: switch to a tab and hand it an
// intent ("open finding #12", "run key activity for AKIA…", "start this runbook"). The App holds
// the one pending intent; the panel that owns the work picks it up when it is on screen, so the
// palette, a runbook's evidence links and keyboard shortcuts all go through the same door.
import { createContext, useContext, useEffect, useRef } from 'react';
import type { TabId } from '../screens/CaseView';
import type { Intent, PendingIntent } from './intents';

export type { AnalysisKind, Intent, PendingIntent } from './intents';

export interface Workbench {
  /** Switches to a tab of the open case, optionally handing the panel an intent. */
  goTo(tab: TabId, intent?: Intent): void;
  pending: PendingIntent | null;
  consume(seq: number): void;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench | null {
  return useContext(WorkbenchContext);
}

/**
 * Calls `handler` once for each pending intent of this kind, when `ready` (e.g. the data the
 * handler needs has loaded). The intent is consumed, so a later visit to the tab does not redo it.
 */
export function useIntent<K extends Intent['kind']>(
  kind: K,
  handler: (intent: Extract<Intent, { kind: K }>) => void,
  ready = true,
): void {
  const wb = useContext(WorkbenchContext);
  const pending = wb?.pending ?? null;
  // React's development double-run of effects must not run the intent twice.
  const handled = useRef(new Set<number>());
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!wb || !pending || !ready || pending.intent.kind !== kind) return;
    if (handled.current.has(pending.seq)) return;
    handled.current.add(pending.seq);
    wb.consume(pending.seq);
    latest.current(pending.intent as Extract<Intent, { kind: K }>);
  }, [wb, pending, ready, kind]);
}
