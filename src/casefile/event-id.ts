// CloudTrail eventIDs are lowercase UUIDs: stored as 16-byte blobs they take less than half the
// space of the text in the row and in the unique index. Anything else (hand-made or other tools'
// IDs, or an upper-case UUID) is stored as the text given, which never equals a blob in SQLite.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function storedEventId(id: string): Buffer | string {
  return UUID.test(id) ? Buffer.from(id.replace(/-/g, ''), 'hex') : id;
}

export function eventIdFromStored(v: Buffer | Uint8Array | string): string {
  if (typeof v === 'string') return v;
  const h = Buffer.from(v).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * What events_event_id indexes: the first four bytes of a UUID blob (random, so a prefix narrows
 * to about one row: a third of the index's size), or the whole text of any other ID (hand-made
 * IDs often share their first characters: "evt-0001", "evt-0002" …).
 */
export function eventIdKeySql(col: string): string {
  return `CASE WHEN typeof(${col}) = 'blob' THEN substr(${col}, 1, 4) ELSE ${col} END`;
}

/**
 * WHERE clause (over `events`, aliased as given) that finds a stored eventID through the index
 * events_event_id and then compares the whole ID, so two IDs sharing a prefix never match each
 * other. Bind eventIdParams(stored ID).
 */
export function eventIdMatch(alias = ''): string {
  const col = alias ? `${alias}.event_id` : 'event_id';
  return `${eventIdKeySql(col)} = ? AND ${col} = ?`;
}

/** The parameters of eventIdMatch for an ID in its stored form (storedEventId). */
export function eventIdParams(stored: Buffer | string): [Buffer | string, Buffer | string] {
  return [typeof stored === 'string' ? stored : stored.subarray(0, 4), stored];
}

const HEX: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) t[97 + i] = 10 + i;
  return t;
})();

/**
 * Writes the 16 bytes storedEventId would store for a canonical lowercase UUID into `out` at
 * `at` and returns true; returns false (writing nothing meaningful) for any other ID. The same
 * test as the UUID pattern above, without a regex or a hex string per ID.
 */
export function uuidBytesInto(id: string, out: Uint8Array, at: number): boolean {
  if (id.length !== 36) return false;
  let o = at;
  for (let i = 0; i < 36;) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== 45) return false;
      i++;
      continue;
    }
    const a = id.charCodeAt(i);
    const b = id.charCodeAt(i + 1);
    const hi = a < 128 ? HEX[a]! : -1;
    const lo = b < 128 ? HEX[b]! : -1;
    if (hi < 0 || lo < 0) return false;
    out[o++] = (hi << 4) | lo;
    i += 2;
  }
  return true;
}

/** FNV-1a over UTF-16 code units, two independent 32-bit lanes folded into 52 bits. */
export function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
