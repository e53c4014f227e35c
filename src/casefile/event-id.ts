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
