// The unified timeline over a case built from real logs: pins resolve to the exact log record
// (its line and sha256 computed here from the file as published), corrections and unpins
// supersede instead of editing, and finding highlights join the same ordered view.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callOp, type ApiContext } from '../../../src/api';
import { recordFinding } from '../../../src/casefile/repos/findings';
import type { UnifiedEntry } from '../../../src/shared/timeline';
import { newCase, testContext } from '../../helpers/case';
import { cli, cliJson } from '../../helpers/cli';
import { ingest } from '../../helpers/ingest';
import { fileScopedDir } from '../../helpers/tmp';

const DATA = join(import.meta.dirname, '../../fixtures/data');
const OTRF = join(DATA, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
const lines = readFileSync(OTRF, 'utf8').split('\n');
const getObject = lines
  .map((text, i) => ({ text, line: i + 1 }))
  .find((l) => l.text.includes('"eventName":"GetObject"'))!;
const record = JSON.parse(getObject.text) as { eventID: string; '@timestamp': string };

let ctx: ApiContext;
let path: string;
beforeAll(async () => {
  ctx = testContext();
  path = (await newCase(ctx, { dir: fileScopedDir(), timezone: 'Europe/Berlin' })).path;
  await ingest(ctx, { path, sources: [OTRF] });
});

const unified = async (includeHistory = false): Promise<UnifiedEntry[]> =>
  (await callOp('timeline.unified', { path, includeHistory, hashEvidence: true }, ctx)).entries;

describe('pinning evidence', () => {
  it('places the pin at the event’s time and traces it to its line and bytes', async () => {
    const pin = await callOp(
      'timeline.pin',
      { path, id: record.eventID, comment: 'object read with the stolen role' },
      ctx,
    );
    expect(pin).toMatchObject({ kind: 'evidence', eventTime: record['@timestamp'] });
    expect(pin.text).toMatch(/^GetObject by .* — object read with the stolen role$/);
    const entry = (await unified()).find((e) => e.timelineId === pin.id)!;
    expect(entry.evidence).toHaveLength(1);
    expect(entry.evidence[0]).toMatchObject({
      type: 'event',
      id: record.eventID,
      found: true,
      time: record['@timestamp'],
      recordSha256: createHash('sha256').update(getObject.text).digest('hex'),
      provenance: {
        fileLocation: OTRF,
        locatorKind: 'line',
        locator: getObject.line,
        fileSha256: createHash('sha256').update(readFileSync(OTRF)).digest('hex'),
      },
    });
  });

  it('refuses to pin the same record twice, or one that is not in the case', async () => {
    await expect(callOp('timeline.pin', { path, id: record.eventID }, ctx)).rejects.toThrow(
      /already pinned as #\d+/,
    );
    await expect(
      callOp('timeline.pin', { path, id: '00000000-0000-0000-0000-000000000000' }, ctx),
    ).rejects.toThrow(/is not in the case/);
  });

  it('unpins with a new entry that withdraws the pin and keeps the reason', async () => {
    const pinned = (await unified()).find((e) => e.kind === 'evidence')!;
    const un = await callOp(
      'timeline.unpin',
      { path, id: pinned.timelineId!, reason: 'pinned the wrong read' },
      ctx,
    );
    expect(un).toMatchObject({ retracted: true, supersedes: pinned.timelineId });
    expect((await unified()).some((e) => e.kind === 'evidence')).toBe(false);
    const history = await unified(true);
    expect(history.find((e) => e.timelineId === pinned.timelineId)).toMatchObject({
      status: 'superseded',
      supersededBy: un.id,
    });
    expect(history.find((e) => e.timelineId === un.id)).toMatchObject({
      status: 'retracted',
      reason: 'pinned the wrong read',
    });
    // The record can be pinned again once the old pin is withdrawn.
    await callOp('timeline.pin', { path, id: record.eventID }, ctx);
  });
});

describe('notes, annotations and corrections', () => {
  it('corrects by superseding, never in place, and names the successor when asked twice', async () => {
    const note = await callOp(
      'timeline.note',
      { path, text: 'Key used from 198.51.100.7', at: '2020-09-14T01:00:00Z' },
      ctx,
    );
    const fixed = await callOp(
      'timeline.correct',
      { path, id: note.id, text: 'Key used from 198.51.100.8', reason: 'typo in the address' },
      ctx,
    );
    expect(fixed).toMatchObject({ supersedes: note.id, eventTime: note.eventTime, kind: 'note' });
    const current = await unified();
    expect(current.find((e) => e.timelineId === note.id)).toBeUndefined();
    expect(current.find((e) => e.timelineId === fixed.id)).toMatchObject({
      reason: 'typo in the address',
      text: 'Key used from 198.51.100.8',
    });
    await expect(
      callOp('timeline.correct', { path, id: note.id, text: 'x', reason: 'again' }, ctx),
    ).rejects.toThrow(`superseded by #${fixed.id}`);
    await expect(
      callOp('timeline.correct', { path, id: fixed.id, reason: 'nothing changes' }, ctx),
    ).rejects.toThrow(/changes neither the text nor the time/);
  });

  it('moves an entry in time with a correction of its time alone', async () => {
    const note = await callOp(
      'timeline.note',
      { path, text: 'Exfiltration noticed', at: '2020-09-14T03:00:00Z' },
      ctx,
    );
    const moved = await callOp(
      'timeline.correct',
      { path, id: note.id, at: '2020-09-14T02:00:00+01:00', reason: 'zone was wrong' },
      ctx,
    );
    expect(moved).toMatchObject({ eventTime: '2020-09-14T01:00:00.000Z', text: note.text });
  });

  it('annotates an entry at that entry’s time', async () => {
    const pin = (await unified()).find((e) => e.kind === 'evidence')!;
    const a = await callOp(
      'timeline.annotate',
      { path, id: pin.timelineId!, text: 'Confirmed with the bucket owner' },
      ctx,
    );
    const entry = (await unified()).find((e) => e.timelineId === a.id)!;
    expect(entry).toMatchObject({
      kind: 'note',
      annotates: pin.timelineId,
      eventTime: pin.eventTime,
    });
  });

  it('keeps every change verifiable against the audit log', async () => {
    const report = await callOp('case.verify', { path }, ctx);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('finding highlights', () => {
  it('shows the moments a finding names as finding entries, in event-time order', async () => {
    const file = ctx.cases.forWrite(path);
    const finding = file.writer.write('analysis.test', ctx.actor, (w) => {
      const r = recordFinding(w, {
        kind: 'exposure-window',
        subject: 'role/mordor',
        title: 'Stolen instance credentials used from outside',
        params: {},
        engine: 'casefile',
        query: 'SELECT 1',
        result: {
          highlights: [
            {
              at: '2020-09-14T00:44:23Z',
              text: 'Exposure window opened',
              refs: [{ type: 'event', id: record.eventID }],
            },
            { at: 'not a time', text: 'ignored' },
            { at: '2020-09-14T01:13:20Z', text: 'Exposure window closed' },
          ],
        },
      });
      return { audit: { finding: r.audit }, value: r.finding };
    });
    const entries = await unified();
    const moments = entries.filter((e) => e.findingId === finding.id);
    expect(moments.map((m) => [m.key, m.kind, m.eventTime, m.text])).toEqual([
      [`F${finding.id}.0`, 'finding', '2020-09-14T00:44:23.000Z', 'Exposure window opened'],
      [`F${finding.id}.2`, 'finding', '2020-09-14T01:13:20.000Z', 'Exposure window closed'],
    ]);
    expect(moments[0]!.evidence[0]).toMatchObject({ id: record.eventID, found: true });
    const times = entries.map((e) => e.eventTime);
    expect(times).toEqual([...times].sort());
  });

  it('lists the unified timeline from the CLI, with the history on request', async () => {
    const now = await cliJson<{ entries: UnifiedEntry[] }>(['timeline', path]);
    const all = await cliJson<{ entries: UnifiedEntry[] }>(['timeline', path, '--history']);
    expect(all.entries.length).toBeGreaterThan(now.entries.length);
    expect(now.entries.every((e) => e.status === 'current')).toBe(true);
    const bad = await cli(['correct', path, 'twelve', '--reason', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ENTRY: "twelve" is not a timeline entry');
  });
});
