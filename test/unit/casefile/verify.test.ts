import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { newCase, testContext } from '../../helpers/case';

async function caseWithNotes(
  n: number,
): Promise<{ path: string; ctx: ReturnType<typeof testContext> }> {
  const ctx = testContext();
  const c = await newCase(ctx, { awareAt: '2026-03-27T23:30:00Z' });
  for (let i = 1; i <= n; i++)
    await callOp('timeline.note', { path: c.path, text: `note ${i}` }, ctx);
  ctx.cases.closeAll();
  return { path: c.path, ctx };
}

describe('verify', () => {
  it('reports an untouched case as intact, with the chain head', async () => {
    const { path, ctx } = await caseWithNotes(3);
    const r = await callOp('case.verify', { path }, ctx);
    expect(r).toMatchObject({
      ok: true,
      auditEntries: 4,
      timelineEntries: 4,
      firstBroken: null,
      problems: [],
    });
    expect(r.auditHead?.seq).toBe(4);
  });

  it('names the audit row that was edited behind Cairn’s back', async () => {
    const { path, ctx } = await caseWithNotes(3);
    const db = new Database(path);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET actor = 'mallory' WHERE seq = 3").run();
    db.close();
    const r = await callOp('case.verify', { path }, ctx);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({
      seq: 3,
      reason: expect.stringMatching(
        /audit entry #3 \(timeline\.note, .*, by mallory\) does not match its hash/,
      ) as unknown,
    });
    expect(r.problems.map((p) => p.ref)).toEqual(['audit#3', 'audit_no_update']);
  });

  it('names a timeline row edited while its audit entry stayed intact', async () => {
    const { path, ctx } = await caseWithNotes(2);
    const db = new Database(path);
    db.exec('DROP TRIGGER timeline_no_update');
    db.prepare("UPDATE timeline SET text = 'nothing happened' WHERE text = 'note 2'").run();
    db.close();
    const r = await callOp('case.verify', { path }, ctx);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toBeNull();
    expect(r.problems[0]).toMatchObject({
      kind: 'timeline',
      message: expect.stringMatching(
        /timeline entry #3 differs from what audit entry #3 recorded/,
      ) as unknown,
    });
  });

  it('names a deleted audit entry', async () => {
    const { path, ctx } = await caseWithNotes(3);
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE seq = 2').run();
    db.close();
    const r = await callOp('case.verify', { path }, ctx);
    expect(r.firstBroken).toMatchObject({
      seq: 2,
      reason: expect.stringMatching(/#2 is missing/) as unknown,
    });
  });

  it('checks kept evidence files against their sha256', async () => {
    const { path, ctx } = await caseWithNotes(0);
    const db = new Database(path);
    const data = Buffer.from('{"Records":[]}');
    db.prepare(
      "INSERT INTO evidence_files (id, sha256, size, compression, chunks, added_at_ms) VALUES (1, '4b6b1fd0fd0b5e25e6c4a1cb3c0e4b1d0d5b2f1f3b1c3f7b2e4b4a0f3f1e2d3c', ?, 'none', 1, 0)",
    ).run(data.length);
    db.prepare('INSERT INTO evidence_chunks (file_id, seq, data) VALUES (1, 0, ?)').run(data);
    db.close();
    const r = await callOp('case.verify', { path }, ctx);
    expect(r.evidenceFiles).toEqual({ checked: 1, failed: 1 });
    expect(r.problems[0]?.message).toMatch(/evidence file #1 no longer matches its sha256/);
  });

  it('names event runs that no longer cover every event row exactly once', async () => {
    const { path, ctx } = await caseWithNotes(0);
    const db = new Database(path);
    const add = db.prepare(
      'INSERT INTO events (id, event_id, time_s, event_name, flags) VALUES (?, ?, 0, 1, 0)',
    );
    for (const id of [1, 2, 3]) add.run(id, `e-${id}`);
    db.exec(
      'INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index) VALUES (1, 3, 1, 1, 0)',
    );
    db.close();
    expect((await callOp('case.verify', { path }, ctx)).ok).toBe(true);

    const tampered = new Database(path);
    tampered.exec(
      'INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index) VALUES (3, 1, 1, 2, 0)',
    );
    tampered.close();
    const r = await callOp('case.verify', { path }, ctx);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({
        kind: 'database',
        ref: 'event_ranges',
        message: expect.stringMatching(/runs starting at rows 1 and 3 overlap/) as unknown,
      }),
    ]);

    // A row that no run covers.
    const other = await caseWithNotes(0);
    const db2 = new Database(other.path);
    db2.exec(
      `INSERT INTO events (id, event_id, time_s, event_name, flags) VALUES (1, 'e-1', 0, 1, 0), (2, 'e-2', 0, 1, 0);
       INSERT INTO event_ranges (first_row, row_count, source_id, file_id, first_index) VALUES (1, 1, 1, 1, 0);`,
    );
    db2.close();
    expect((await callOp('case.verify', { path: other.path }, other.ctx)).problems).toEqual([
      expect.objectContaining({
        ref: 'event_ranges',
        message:
          '2 events, but the event runs hold 1 rows of which 1 exist: the account, Region and source of some rows cannot be told',
      }),
    ]);
  });
});
