// The command palette's pure parts: fuzzy matching and ranking, and which commands are offered
// where. (The palette itself is exercised in a browser by test/e2e/workbench.e2e.test.ts.)
import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from '../../../renderer/commands/fuzzy';
import { buildCommands, parseKeyParam, type CommandEnv } from '../../../renderer/commands/registry';

const TITLES = [
  'Go to Overview',
  'Go to Findings',
  'Add a note…',
  'Key activity and lineage…',
  'Take a note',
  'Start runbook: Leaked access key',
];

describe('fuzzy matching', () => {
  it('matches every query word as an ordered subsequence, case-insensitively', () => {
    expect(fuzzyMatch('fnd', 'Go to Findings')?.positions).toEqual([6, 8, 9]);
    expect(fuzzyMatch('FIND', 'Go to Findings')).not.toBeNull();
    expect(fuzzyMatch('dnf', 'Go to Findings')).toBeNull();
    expect(fuzzyMatch('go zz', 'Go to Findings')).toBeNull();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('ranks word starts and runs above scattered letters', () => {
    const ranked = fuzzyFilter('ka', TITLES, (t) => t).map((r) => r.item);
    expect(ranked[0]).toBe('Key activity and lineage…');
    expect(ranked).toContain('Take a note');
    // Equal scores keep the list's order.
    expect(fuzzyFilter('note', TITLES, (t) => t).map((r) => r.item)).toEqual([
      'Add a note…',
      'Take a note',
    ]);
  });

  it('finds words in any order', () => {
    expect(fuzzyFilter('leaked start', TITLES, (t) => t).map((r) => r.item)).toEqual([
      'Start runbook: Leaked access key',
    ]);
  });

  it('finds by keyword prefixes only, after every title match', () => {
    const items = [
      { title: 'Verify the case', extra: 'integrity audit chain' },
      { title: 'Go to Integrity', extra: 'tab' },
      { title: 'Export the timeline…', extra: 'pdf counsel report' },
    ];
    const r = fuzzyFilter(
      'integ',
      items,
      (i) => i.title,
      (i) => i.extra,
    ).map((x) => x.item.title);
    expect(r).toEqual(['Go to Integrity', 'Verify the case']);
    // Scattered letters in the keywords do not count.
    expect(
      fuzzyFilter(
        'pnl',
        items,
        (i) => i.title,
        (i) => i.extra,
      ),
    ).toEqual([]);
    expect(
      fuzzyFilter(
        'counsel',
        items,
        (i) => i.title,
        (i) => i.extra,
      )[0]?.item.title,
    ).toBe('Export the timeline…');
  });
});

function env(inCase: boolean): CommandEnv {
  return {
    inCase,
    tabs: [
      { id: 'overview', label: 'Overview', key: '1' },
      { id: 'findings', label: 'Findings', key: '4' },
    ],
    runbooks: [{ id: 'leaked-access-key', title: 'Leaked access key', summary: '' }],
    theme: 'dark',
    goTo: () => undefined,
    home: () => undefined,
    toggleTheme: () => undefined,
  };
}

describe('the command list', () => {
  it('offers case commands only inside a case', () => {
    expect(buildCommands(env(false)).map((c) => c.id)).toEqual(['home', 'theme']);
    const ids = buildCommands(env(true)).map((c) => c.id);
    for (const id of [
      'tab:overview',
      'tab:findings',
      'runbook:start:leaked-access-key',
      'runbook:current-step',
      'analyse:key-activity',
      'analyse:enumeration',
      'analyse:bucket-exposure',
      'evidence:ingest',
      'timeline:export',
      'timeline:note',
      'case:verify',
    ])
      expect(ids).toContain(id);
  });

  it('gives every shortcut to one command only', () => {
    const keys = buildCommands(env(true))
      .filter((c) => c.shortcut)
      .map((c) => JSON.stringify(c.shortcut));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('hands the chosen tab and intent to the workbench', () => {
    const calls: unknown[] = [];
    const e = { ...env(true), goTo: (...a: unknown[]) => void calls.push(a) };
    const byId = (id: string) => buildCommands(e).find((c) => c.id === id)!;
    byId('tab:findings').run('');
    byId('analyse:key-activity').run('akiaexample1234567 2026-03-27T20:00:00Z');
    byId('timeline:note').run('  called the account owner  ');
    expect(calls).toEqual([
      ['findings', undefined],
      [
        'findings',
        {
          kind: 'run-analysis',
          analysis: 'key-activity',
          value: 'akiaexample1234567 2026-03-27T20:00:00Z',
        },
      ],
      ['timeline', { kind: 'note', text: 'called the account owner' }],
    ]);
  });

  it('checks an access key and its exposure time before running', () => {
    const check = buildCommands(env(true)).find((c) => c.id === 'analyse:key-activity')!.param!
      .check!;
    expect(check('AKIAOZUDECYXYM4ONAN4')).toBeNull();
    expect(check('akiaozudecyxym4onan4 2024-08-01T13:00:00Z')).toBeNull();
    expect(check('not-a-key')).toMatch(/access key ID/);
    expect(check('AKIAOZUDECYXYM4ONAN4 yesterday')).toMatch(/ISO time with a zone/);
    expect(parseKeyParam(' akiaozudecyxym4onan4  2024-08-01T13:00:00Z ')).toEqual({
      accessKeyId: 'AKIAOZUDECYXYM4ONAN4',
      exposedAt: '2024-08-01T13:00:00Z',
    });
  });
});
