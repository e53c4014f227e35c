// Candidate rows from the postings: the block-by-block intersection of several term filters, and
// the first page read from only the blocks that can hold it, compared with plain SQL over the
// events table on a generated incident whose files arrive in many blocks out of time order.
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseFile, type CaseFile } from '../../../src/casefile/open';
import { runCaseQuery } from '../../../src/query/casefile';
import { fileScopedDir } from '../../helpers/tmp';
import { generatedCase } from '../tabletop/scenario';

/** Row ids of the first `limit` events with every column = value, in time order, by plain SQL. */
function bySql(f: CaseFile, where: Record<string, string[]>, limit: number): number[] {
  const clauses = Object.entries(where).map(
    ([column, values]) =>
      `${column} IN (SELECT id FROM strings WHERE value IN (${values.map(() => '?').join(', ')}))`,
  );
  return f.db
    .prepare(
      `SELECT id FROM events WHERE ${clauses.join(' AND ')} ORDER BY time_ms, id LIMIT ${limit}`,
    )
    .pluck()
    .all(...Object.values(where).flat()) as number[];
}

/** The most frequent values of a column, most frequent first. */
function common(f: CaseFile, column: string, n: number): string[] {
  return f.db
    .prepare(
      `SELECT s.value FROM events e JOIN strings s ON s.id = e.${column}
       GROUP BY e.${column} ORDER BY COUNT(*) DESC, s.value LIMIT ${n}`,
    )
    .pluck()
    .all() as string[];
}

describe('candidate rows from the postings', () => {
  let f: CaseFile;
  beforeAll(async () => {
    const c = await generatedCase(fileScopedDir(), {
      scenario: 'leaked-key',
      seed: 5,
      events: 20_000,
    });
    c.ctx.cases.closeAll();
    f = openCaseFile(c.path, { readonly: true });
    const blocks = f.db
      .prepare("SELECT COUNT(*) FROM evidence_blocks WHERE table_name = 'events'")
      .pluck()
      .get() as number;
    expect(blocks).toBeGreaterThan(3);
  }, 180_000);

  it('give the first rows in time order, whatever the page size', () => {
    const keys = common(f, 'access_key_id', 6);
    const names = common(f, 'event_name', 8);
    const cases: Record<string, string[]>[] = [
      ...keys.map((k) => ({ access_key_id: [k] })),
      { access_key_id: keys.slice(0, 3) },
      { event_name: names.slice(0, 2) },
      { access_key_id: keys.slice(0, 2), event_name: names.slice(0, 4) },
      { event_name: [names[0]!], principal_arn: common(f, 'principal_arn', 2) },
    ];
    for (const where of cases)
      for (const limit of [1, 7, 100, 1000, 100_000]) {
        const rows = runCaseQuery(f.db, {
          ...(where['access_key_id'] ? { accessKeyIds: where['access_key_id'] } : {}),
          ...(where['event_name'] ? { eventNames: where['event_name'] } : {}),
          ...(where['principal_arn'] ? { principalArns: where['principal_arn'] } : {}),
          limit,
        }).rows.map((r) => r.rowId);
        expect(rows, `${JSON.stringify(where)} limit ${limit}`).toEqual(bySql(f, where, limit));
      }
  });

  it('page on from an offset as the full list does', () => {
    const [key] = common(f, 'access_key_id', 1);
    const all = bySql(f, { access_key_id: [key!] }, 1_000_000);
    expect(all.length).toBeGreaterThan(200);
    const page = runCaseQuery(f.db, { accessKeyIds: [key!], limit: 50 }, undefined, {
      offset: 150,
    }).rows.map((r) => r.rowId);
    expect(page).toEqual(all.slice(150, 200));
  });
});
