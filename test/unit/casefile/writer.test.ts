import { describe, expect, it } from 'vitest';
import { auditHead, iterateAudit } from '../../../src/casefile/audit';
import { openCaseFile } from '../../../src/casefile/open';
import { appendTimeline } from '../../../src/casefile/repos/timeline';
import { newCase, testContext } from '../../helpers/case';

describe('the case writer', () => {
  it('commits a change and its audit entry together, with the writer’s clock and actor', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const entry = file.writer.write('timeline.note', 'alice', (w) => {
      const e = appendTimeline(w, { eventTimeMs: 5, kind: 'note', text: 'hello' });
      return { audit: { entry: e.id }, value: e };
    });
    const audit = [...iterateAudit(file.db)];
    expect(audit.at(-1)).toMatchObject({
      seq: entry.auditSeq,
      actor: 'alice',
      action: 'timeline.note',
      payload: `{"entry":${entry.id}}`,
    });
    expect(entry.recordedAt).toBe(new Date(audit.at(-1)!.atMs).toISOString());
  });

  it('rolls back both the change and the audit entry when the change fails', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    const file = ctx.cases.forWrite(c.path);
    const head = auditHead(file.db);
    expect(() =>
      file.writer.write('timeline.note', 'alice', (w) => {
        appendTimeline(w, { eventTimeMs: 5, kind: 'note', text: 'half done' });
        throw new Error('disk on fire');
      }),
    ).toThrow(/disk on fire/);
    expect(auditHead(file.db)).toEqual(head);
    expect(
      file.db.prepare("SELECT COUNT(*) AS n FROM timeline WHERE text = 'half done'").get(),
    ).toEqual({ n: 0 });
  });

  it('refuses to write through a read-only handle or without an actor', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    ctx.cases.closeAll();
    const ro = openCaseFile(c.path, { readonly: true });
    expect(() => ro.writer.write('x', 'alice', () => ({ audit: {}, value: 1 }))).toThrow(
      /opened read-only; cannot x/,
    );
    ro.close();
    const rw = openCaseFile(c.path);
    expect(() => rw.writer.write('x', ' ', () => ({ audit: {}, value: 1 }))).toThrow(
      /needs a named actor/,
    );
    rw.close();
  });
});
