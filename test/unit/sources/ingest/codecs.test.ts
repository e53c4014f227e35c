import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventIdFromStored, storedEventId } from '../../../../src/casefile/event-id';
import { migrate } from '../../../../src/casefile/migrate';
import { decodeOffsets, encodeOffsets } from '../../../../src/casefile/postings';
import { InMemoryEventIds } from '../../../../src/sources/ingest/dedupe';

describe('postings offsets', () => {
  it('round-trip through the delta varint encoding, large gaps included', () => {
    const offsets = [0, 1, 2, 130, 131, 20_000, 20_001, 2_000_000, 300_000_000];
    const buf = encodeOffsets(offsets);
    expect(buf.length).toBeLessThan(offsets.length * 3);
    expect(decodeOffsets(buf)).toEqual(offsets);
    expect(decodeOffsets(buf, [], 1000)).toEqual(offsets.map((o) => o + 1000));
  });
});

describe('stored event ids', () => {
  it('store canonical UUIDs as 16 bytes and anything else as given', () => {
    const uuid = '6e882b9d-2af8-4c67-b91f-aeac6a0e5e70';
    expect(storedEventId(uuid)).toEqual(Buffer.from('6e882b9d2af84c67b91faeac6a0e5e70', 'hex'));
    expect(eventIdFromStored(storedEventId(uuid))).toBe(uuid);
    expect(storedEventId('1')).toBe('1');
    expect(storedEventId(uuid.toUpperCase())).toBe(uuid.toUpperCase());
  });
});

describe('in-memory eventID table', () => {
  it('finds stored and added ids, never confuses different ids, and survives growth', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', {});
    db.prepare(
      'INSERT INTO events (id, event_id, time_s, event_name, flags) VALUES (7, ?, 0, 1, 0)',
    ).run(storedEventId('6e882b9d-2af8-4c67-b91f-aeac6a0e5e70'));
    const ids = new InMemoryEventIds(db, 4);
    expect(ids.find('6e882b9d-2af8-4c67-b91f-aeac6a0e5e70')).toBe(7);
    expect(ids.find('6e882b9d-2af8-4c67-b91f-aeac6a0e5e71')).toBeNull();
    const insert = db.prepare(
      'INSERT INTO events (id, event_id, time_s, event_name, flags) VALUES (?, ?, 0, 1, 0)',
    );
    for (let i = 100; i < 100 + 200_000; i++) {
      insert.run(i, `id-${i}`);
      ids.add(`id-${i}`, i);
    }
    for (const i of [100, 5000, 199_999]) expect(ids.find(`id-${i}`)).toBe(i);
    expect(ids.find('id-99')).toBeNull();
    // A hash entry whose row was rolled back is not taken for a duplicate.
    ids.add('ghost', 99_999_999);
    expect(ids.find('ghost')).toBeNull();
  });
});
