// The events table pages the case by offset (query.run with `offset` and `count`): every page
// must hold the rows the whole answer holds at that place, oldest first, with names resolved,
// whatever the filter. (The page's ids are chosen before names are joined, which is what keeps
// a page at offset 1,000,000 fast; this checks it did not change what a page contains.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOp } from '../../../src/api';
import { newCase, testContext } from '../../helpers/case';
import { ingest } from '../../helpers/ingest';

const STRATUS = join(import.meta.dirname, '../../fixtures/data/stratus-red-team/detonation-logs');

/** Every record of the capture, read straight from its files. */
function records(): { eventID: string; eventTime: string; eventName: string }[] {
  return readdirSync(STRATUS)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const doc = JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as
        | { Records: { eventID: string; eventTime: string; eventName: string }[] }
        | { eventID: string; eventTime: string; eventName: string }[];
      return Array.isArray(doc) ? doc : doc.Records;
    });
}

describe('paging the events by offset', () => {
  it('gives, page after page, exactly the whole answer in time order', async () => {
    const ctx = testContext();
    const c = await newCase(ctx);
    await ingest(ctx, { path: c.path, sources: [STRATUS] });
    const raw = records();

    const filters: { eventNames?: string[] }[] = [
      {},
      { eventNames: ['AssumeRole', 'GetCallerIdentity', 'CreateUser'] },
    ];
    for (const filter of filters) {
      const expected = raw.filter(
        (r) => !filter.eventNames || filter.eventNames.includes(r.eventName),
      );
      const whole = await callOp(
        'query.run',
        { path: c.path, query: { ...filter, limit: 1000 }, count: true },
        ctx,
      );
      expect(whole.total).toBe(expected.length);
      expect(whole.rows.map((r) => r.eventId).sort()).toEqual(
        expected.map((r) => r.eventID).sort(),
      );
      const times = whole.rows.map((r) => Date.parse(r.eventTime));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const pages: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 7) {
        const page = await callOp(
          'query.run',
          { path: c.path, query: { ...filter, limit: 7 }, offset },
          ctx,
        );
        expect(page.rows.length).toBe(Math.min(7, expected.length - offset));
        pages.push(...page.rows.map((r) => `${r.eventId} ${r.eventName} ${r.eventTime}`));
      }
      expect(pages).toEqual(whole.rows.map((r) => `${r.eventId} ${r.eventName} ${r.eventTime}`));
      const past = await callOp(
        'query.run',
        { path: c.path, query: { ...filter, limit: 7 }, offset: expected.length },
        ctx,
      );
      expect(past.rows).toEqual([]);
    }
    ctx.cases.closeAll();
  });
});
