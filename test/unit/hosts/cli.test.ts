import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  CaseInfo,
  CaseSummary,
  TimelineEntry,
  VerifyReport,
} from '../../../src/shared/domain';
import { LATEST_SCHEMA_VERSION } from '../../../src/casefile/migrations';
import { cli, cliJson } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';

describe('cairn case create / info / note / verify', () => {
  it('works a case from the terminal with stable JSON', async () => {
    const path = join(freshDir(), 'a.cairn');
    const created = await cliJson<CaseSummary>([
      'case',
      'create',
      path,
      '--title',
      'Public bucket acme-exports',
      '--aware-at',
      '2026-03-28T00:30:00+01:00',
      '--tz',
      'Europe/Berlin',
      '--severity',
      'P2',
    ]);
    expect(created).toMatchObject({
      path,
      title: 'Public bucket acme-exports',
      severity: 'P2',
      status: 'open',
      timezone: 'Europe/Berlin',
      awareness: { at: '2026-03-27T23:30:00.000Z', setBy: 'test-responder', reason: null },
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(Object.keys(created).sort()).toEqual(
      [
        'awareness',
        'caseId',
        'createdAt',
        'createdBy',
        'createdWith',
        'path',
        'schemaVersion',
        'severity',
        'status',
        'timezone',
        'title',
      ].sort(),
    );

    const noted = await cliJson<TimelineEntry>([
      'note',
      path,
      'Researcher emailed security@',
      '--at',
      '2026-03-27T22:00:00Z',
      '--actor',
      'bob',
    ]);
    expect(noted).toMatchObject({
      kind: 'note',
      text: 'Researcher emailed security@',
      eventTime: '2026-03-27T22:00:00.000Z',
      actor: 'bob',
    });

    const info = await cliJson<CaseInfo>(['case', 'info', path]);
    expect(info.counts).toMatchObject({ timeline: 2, audit: 2, events: 0 });
    expect(info.auditHead?.seq).toBe(2);

    const human = await cli(['case', 'info', path]);
    expect(human.stdout).toContain(
      'Aware at  2026-03-27T23:30:00.000Z (2026-03-28 00:30:00 +01:00 Europe/Berlin), set by test-responder',
    );

    const verified = await cliJson<VerifyReport>(['verify', path]);
    expect(verified).toMatchObject({ ok: true, auditEntries: 2 });
  });

  it('joins the words of an unquoted note', async () => {
    const path = join(freshDir(), 'a.cairn');
    await cli(['case', 'create', path, '--title', 'x']);
    const r = await cliJson<TimelineEntry>(['note', path, 'key', 'deactivated', 'by', 'alice']);
    expect(r.text).toBe('key deactivated by alice');
  });
});

describe('CLI errors', () => {
  it('explains a usage mistake on stderr with exit 2 and the usage line', async () => {
    const r = await cli(['case', 'create', join(freshDir(), 'a.cairn')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cairn: --title: required\n/);
    expect(r.stderr).toContain('usage: cairn case create FILE --title TEXT');
  });

  it('names the flag a user typed when its value is wrong', async () => {
    const r = await cli([
      'case',
      'create',
      join(freshDir(), 'a.cairn'),
      '--title',
      'x',
      '--aware-at',
      'yesterday',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^cairn: --aware-at: "yesterday" is not an ISO-8601 time with a zone\n/,
    );
    const tz = await cli([
      'case',
      'create',
      join(freshDir(), 'a.cairn'),
      '--title',
      'x',
      '--tz',
      'CEST',
    ]);
    expect(tz.stderr).toMatch(/^cairn: --tz: "CEST" is not an IANA time zone/);
  });

  it('rejects an unknown flag and an unknown command', async () => {
    const flag = await cli(['case', 'info', 'x.cairn', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'/);
    const cmd = await cli(['frobnicate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command: frobnicate/);
  });

  it('reports a missing case file with exit 1, and as JSON on stderr with --json', async () => {
    const missing = join(freshDir(), 'missing.cairn');
    const r = await cli(['case', 'info', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `cairn: no such case file: ${missing}\n  check the path, or create a case with \`cairn case create\`\n`,
    );
    const j = await cli(['case', 'info', missing, '--json']);
    expect(JSON.parse(j.stderr)).toEqual({
      error: {
        code: 'CASE_NOT_FOUND',
        message: `no such case file: ${missing}`,
        hint: expect.any(String) as unknown,
      },
    });
    expect(j.stdout).toBe('');
  });

  it('refuses to create over an existing case', async () => {
    const path = join(freshDir(), 'a.cairn');
    expect((await cli(['case', 'create', path, '--title', 'x'])).code).toBe(0);
    const again = await cli(['case', 'create', path, '--title', 'y']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; Cairn never overwrites a case file');
  });

  it('prints help for the whole tool and for one command', async () => {
    const all = await cli(['--help']);
    expect(all.code).toBe(0);
    for (const c of ['case create', 'case info', 'note', 'verify']) expect(all.stdout).toContain(c);
    const one = await cli(['note', '--help']);
    expect(one.stdout).toContain('Usage: cairn note FILE TEXT... [--at ISO] [--json]');
  });
});
