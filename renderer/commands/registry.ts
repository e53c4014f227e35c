// The commands the palette offers and the keyboard shortcuts run: one list, so the palette always
// shows the shortcut that does the same thing. Commands that act on a case are offered only
// inside one. A command with a `param` asks for one value first (an access key, a bucket, a path).
import type { Intent, WorkTab } from './intents';
import type { Shortcut } from './shortcuts';

export interface CommandParam {
  label: string;
  placeholder: string;
  /** May be left empty (e.g. enumeration over every principal). */
  optional?: boolean;
  /** A problem with the value in words, or null when it will do. */
  check?: (value: string) => string | null;
}

export interface Command {
  id: string;
  title: string;
  group: 'Go to' | 'Runbook' | 'Analyse' | 'Evidence' | 'Timeline' | 'Case' | 'Workbench';
  /** Other words it should be found by. */
  keywords?: string;
  shortcut?: Shortcut;
  param?: CommandParam;
  run: (value: string) => void;
}

export interface CaseTab<T extends string = string> {
  id: T;
  label: string;
  key: string;
}

/** T: the case's tab ids (WorkTab and any others the case view has). */
export interface CommandEnv<T extends string = WorkTab> {
  inCase: boolean;
  tabs: readonly CaseTab<T>[];
  runbooks: readonly { id: string; title: string; summary: string }[];
  theme: 'dark' | 'light';
  goTo: (tab: T | WorkTab, intent?: Intent) => void;
  home: () => void;
  toggleTheme: () => void;
}

const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "AKIA… [exposed-at]": the key, then optionally when it was exposed. */
export function parseKeyParam(value: string): { accessKeyId: string; exposedAt?: string } {
  const [key = '', at] = value.trim().split(/\s+/);
  return { accessKeyId: key.toUpperCase(), ...(at ? { exposedAt: at } : {}) };
}

function checkKeyParam(value: string): string | null {
  const { accessKeyId, exposedAt } = parseKeyParam(value);
  if (!ACCESS_KEY.test(accessKeyId)) return 'Give an access key ID (AKIA… or ASIA…).';
  if (exposedAt !== undefined && !INSTANT.test(exposedAt))
    return 'The exposure time must be an ISO time with a zone, e.g. 2026-03-27T20:00:00Z.';
  return null;
}

export function buildCommands<T extends string>(env: CommandEnv<T>): Command[] {
  const out: Command[] = [];
  const go = (tab: T | WorkTab, intent?: Intent) => () => env.goTo(tab, intent);
  if (env.inCase) {
    for (const t of env.tabs) {
      out.push({
        id: `tab:${t.id}`,
        title: `Go to ${t.label}`,
        group: 'Go to',
        keywords: 'tab',
        shortcut: { code: `Digit${t.key}`, alt: true },
        run: go(t.id),
      });
    }
  }
  out.push({
    id: 'home',
    title: 'All cases',
    group: 'Go to',
    keywords: 'home open recent close case',
    shortcut: { code: 'KeyH', alt: true },
    run: () => env.home(),
  });
  if (env.inCase) {
    out.push({
      id: 'runbook:current-step',
      title: 'Go to the runbook’s current step',
      group: 'Runbook',
      keywords: 'step next',
      shortcut: { code: 'KeyS', alt: true },
      run: go('runbook', { kind: 'current-step' }),
    });
    for (const r of env.runbooks) {
      out.push({
        id: `runbook:start:${r.id}`,
        title: `Start runbook: ${r.title}`,
        group: 'Runbook',
        keywords: r.summary,
        run: go('runbook', { kind: 'start-runbook', runbook: r.id }),
      });
    }
    out.push(
      {
        id: 'analyse:key-activity',
        title: 'Key activity and lineage…',
        group: 'Analyse',
        keywords: 'access key leaked credentials derived sessions findings',
        param: {
          label: 'Access key, then optionally when it was exposed',
          placeholder: 'AKIA… 2026-03-27T20:00:00Z',
          check: checkKeyParam,
        },
        run: (value) =>
          env.goTo('findings', { kind: 'run-analysis', analysis: 'key-activity', value }),
      },
      {
        id: 'analyse:enumeration',
        title: 'Enumeration sessions…',
        group: 'Analyse',
        keywords: 'recon reconnaissance probing inflection findings',
        param: {
          label: 'Principal ARN or access key (empty: every principal)',
          placeholder: 'arn:aws:iam::111122223333:user/ci or AKIA…',
          optional: true,
        },
        run: (value) =>
          env.goTo('findings', { kind: 'run-analysis', analysis: 'enumeration', value }),
      },
      {
        id: 'analyse:bucket-exposure',
        title: 'Bucket exposure…',
        group: 'Analyse',
        keywords: 's3 public bucket window findings',
        param: {
          label: 'Bucket',
          placeholder: 'acme-exports or s3://acme-exports',
          check: (v) => (v.trim() ? null : 'Give the bucket name.'),
        },
        run: (value) =>
          env.goTo('findings', { kind: 'run-analysis', analysis: 'bucket-exposure', value }),
      },
      {
        id: 'evidence:ingest',
        title: 'Ingest evidence…',
        group: 'Evidence',
        keywords: 'add logs cloudtrail s3 import load',
        shortcut: { code: 'KeyI', alt: true },
        param: {
          label: 'A log file, folder, s3://bucket/prefix or lookup-events:REGION (empty: the form)',
          placeholder: '/evidence/AWSLogs',
          optional: true,
        },
        run: (value) => env.goTo('evidence', { kind: 'ingest', source: value.trim() }),
      },
      {
        id: 'timeline:export',
        title: 'Export the timeline…',
        group: 'Timeline',
        keywords: 'pdf counsel report csv html json save',
        run: go('timeline', { kind: 'export' }),
      },
      {
        id: 'timeline:note',
        title: 'Add a note…',
        group: 'Timeline',
        keywords: 'write record comment',
        shortcut: { code: 'KeyN', alt: true },
        param: {
          label: 'Note (kept on the timeline with your name and the time)',
          placeholder: 'What happened, what you did, what you decided',
          check: (v) => (v.trim() ? null : 'Write the note first.'),
        },
        run: (value) => env.goTo('timeline', { kind: 'note', text: value.trim() }),
      },
      {
        id: 'case:verify',
        title: 'Verify the case',
        group: 'Case',
        keywords: 'integrity audit chain hash tamper',
        run: go('integrity', { kind: 'verify' }),
      },
    );
  }
  out.push({
    id: 'theme',
    title: env.theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme',
    group: 'Workbench',
    keywords: 'theme colour color dark light daylight night',
    run: () => env.toggleTheme(),
  });
  return out;
}
