// The ingest commands from a terminal: what they print, their stable JSON field names, exit codes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from '../../helpers/cli';
import { freshDir } from '../../helpers/tmp';
import { DATA } from './oracle';

describe('cairn ingest / events / s3-access / sources', () => {
  it('ingests, then lists with stable field names, oldest first', async () => {
    const path = join(freshDir(), 'c.cairn');
    await cliJson(['case', 'create', path, '--title', 'x']);
    const human = await cli([
      'ingest',
      path,
      join(DATA, 'stratus-red-team/detonation-logs/aws.persistence.iam-create-admin-user.json'),
      join(DATA, 's3-access'),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('records read 3, inserted 3, duplicates 0, rejected 0');
    expect(human.stdout).toContain('records read 10, inserted 10, duplicates 0, rejected 0');

    const ev = await cliJson<{ events: Record<string, unknown>[]; truncated: boolean }>([
      'events',
      path,
      '--event-name',
      'CreateUser',
      '--event-name',
      'AttachUserPolicy',
      '--event-name',
      'CreateAccessKey',
    ]);
    expect(ev.truncated).toBe(false);
    // All three happened in the same second; within a second the order is the file's.
    expect(ev.events.map((e) => e['eventName']).sort()).toEqual([
      'AttachUserPolicy',
      'CreateAccessKey',
      'CreateUser',
    ]);
    for (const k of [
      'eventId',
      'eventTime',
      'eventName',
      'eventSource',
      'awsRegion',
      'sourceIp',
      'principalArn',
      'principalType',
      'accessKeyId',
      'errorCode',
      'readOnly',
    ]) {
      expect(ev.events[0]).toHaveProperty(k);
    }
    const times = ev.events.map((e) => e['eventTime'] as string);
    expect([...times].sort()).toEqual(times);

    const byKey = await cliJson<{ events: { accessKeyId: string }[] }>([
      'events',
      path,
      '--access-key',
      ev.events[0]!['accessKeyId'] as string,
      '--limit',
      '2',
    ]);
    expect(byKey.events.length).toBeGreaterThan(0);
    expect(byKey.events.every((e) => e.accessKeyId === ev.events[0]!['accessKeyId'])).toBe(true);

    const s3 = await cliJson<{ lines: Record<string, unknown>[] }>([
      's3-access',
      path,
      '--requester',
      '-',
    ]);
    expect(s3.lines.length).toBeGreaterThan(0);
    for (const k of [
      'time',
      'bucket',
      'remoteIp',
      'requester',
      'requestId',
      'operation',
      'key',
      'httpStatus',
      'errorCode',
      'bytesSent',
      'objectSize',
      'userAgent',
      'authType',
      'accessKeyId',
    ]) {
      expect(s3.lines[0]).toHaveProperty(k);
    }
    expect(s3.lines.every((l) => l['requester'] === null)).toBe(true);

    const sources = await cli(['sources', path]);
    expect(sources.stdout).toMatch(
      /#1 files .*aws\.persistence\.iam-create-admin-user\.json {2}\(complete\)/,
    );
  });

  it('says nothing matches rather than printing an empty success', async () => {
    const path = join(freshDir(), 'c.cairn');
    await cliJson(['case', 'create', path, '--title', 'x']);
    expect((await cli(['events', path, '--access-key', 'AKIANOTHERE000000000'])).stdout).toBe(
      'No events match.\n',
    );
    expect((await cli(['sources', path])).stdout).toBe(
      'Nothing ingested yet: cairn ingest FILE SOURCE…\n',
    );
  });

  it('refuses bad flags with the flag named', async () => {
    const path = join(freshDir(), 'c.cairn');
    await cliJson(['case', 'create', path, '--title', 'x']);
    const kind = await cli(['ingest', path, DATA, '--kind', 'syslog']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/^cairn: --kind: /);
    const attr = await cli([
      'ingest',
      path,
      'lookup-events:us-east-1',
      '--lookup-attribute',
      'Color=blue',
    ]);
    expect(attr.code).toBe(2);
    expect(attr.stderr).toContain('--lookup-attribute: "Color=blue" is not KEY=VALUE');
    const from = await cli(['events', path, '--from', '2026-03-28']);
    expect(from.stderr).toMatch(/^cairn: --from: "2026-03-28" is not an ISO-8601 time with a zone/);
  });
});
