// eventIDs are indexed by a prefix (the first four bytes of a UUID) since migration 6, and rows
// reach the table several at a time: neither may merge two different events or miss a duplicate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFeed } from '../../../src/sources/feeds/local';
import { runIngest } from '../../../src/sources/ingest/runner';
import { lookupEvidence } from '../../../src/timeline/evidence';
import { newCase, testContext } from '../../helpers/case';
import { freshDir } from '../../helpers/tmp';

/** Two canonical UUIDs whose first 4 bytes (8 hex digits) are the same. */
const SAME_PREFIX = [
  '0badc0de-1111-4111-8111-111111111111',
  '0badc0de-2222-4222-8222-222222222222',
];

function record(eventID: string, minute: number, eventName = 'ListUsers'): object {
  return {
    eventVersion: '1.08',
    eventID,
    eventTime: new Date(Date.UTC(2026, 2, 20, 10, minute)).toISOString(),
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ana' },
  };
}

function writeTrail(dir: string, name: string, records: object[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), JSON.stringify({ Records: records }));
}

describe.each(['never', 'always'] as const)('eventIDs (bulk %s)', (bulk) => {
  it('keeps IDs that share the indexed prefix apart, and still finds each one again', async () => {
    const dir = freshDir();
    // 60 hand-made IDs with one long shared beginning, and two UUIDs sharing 4 bytes.
    const made = Array.from({ length: 60 }, (_, i) => `evt-shared-prefix-${i}`);
    writeTrail(join(dir, 'a'), '1.json', [
      ...SAME_PREFIX.map((id, i) => record(id, i)),
      ...made.map((id, i) => record(id, 10 + (i % 40))),
      // A copy of a record a few rows back (its row may not be in the table yet).
      record(made[55]!, 10 + (55 % 40)),
      // The same ID twice in one file, 30 rows apart: the second is a duplicate with other content.
      record(made[0]!, 55, 'DeleteUser'),
    ]);
    const ctx = testContext();
    const file = ctx.cases.forWrite((await newCase(ctx, { dir })).path);
    const first = await runIngest(file, [await localFeed(join(dir, 'a'), {})], {
      actor: 't',
      kind: 'auto',
      bulk,
      parserThreads: 0,
    });
    expect(first.sources[0]).toMatchObject({ inserted: 62, duplicates: 2 });
    expect(first.sources[0]!.notes.join('\n')).toContain(
      `eventID ${made[0]} is already in the case with different content (ListUsers at 2026-03-20T10:10:00.000Z, here DeleteUser at 2026-03-20T10:55:00.000Z)`,
    );

    // A second delivery repeats one of each kind and brings one new UUID with the same prefix.
    const third = '0badc0de-3333-4333-8333-333333333333';
    writeTrail(join(dir, 'b'), '2.json', [
      record(SAME_PREFIX[1]!, 1),
      record(made[59]!, 10 + (59 % 40)),
      record(third, 2),
    ]);
    const second = await runIngest(file, [await localFeed(join(dir, 'b'), {})], {
      actor: 't',
      kind: 'auto',
      bulk,
      parserThreads: 0,
    });
    expect(second.sources[0]).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(second.sources[0]!.notes).toEqual([]);

    for (const [i, id] of [...SAME_PREFIX, third].entries()) {
      const found = lookupEvidence(file.db, { type: 'event', id });
      expect(found.id).toBe(id);
      expect(found.time).toBe(new Date(Date.UTC(2026, 2, 20, 10, i)).toISOString());
    }
    expect(lookupEvidence(file.db, { type: 'event', id: made[0]! }).name).toBe('ListUsers');
    expect(lookupEvidence(file.db, { type: 'event', id: 'evt-shared-prefix-60' }).name).toBeNull();
    expect(
      file.db.prepare('SELECT COUNT(DISTINCT event_id), COUNT(*) FROM events').raw().get(),
    ).toEqual([63, 63]);
    ctx.cases.closeAll();
  });
});
