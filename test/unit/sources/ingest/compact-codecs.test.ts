// The compact encodings of migration 6 and the parser's shortcuts, each against a slower,
// independent way of getting the same answer.
import { describe, expect, it } from 'vitest';
import { hash52, storedEventId, uuidBytesInto } from '../../../../src/casefile/event-id';
import {
  decodeOffsets,
  decodePosting,
  encodeOffsets,
  encodePosting,
  ENC,
} from '../../../../src/casefile/postings';
import { normalizeRecord } from '../../../../src/sources/cloudtrail/normalize';
import { dataEventCode, EVENT_TEXT, packFile } from '../../../../src/sources/ingest/pack';
import type { ParsedFile } from '../../../../src/sources/ingest/types';

/** A small deterministic generator (tests never depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('postings encodings', () => {
  it('choose a bitmap only when it is smaller, and decode every posting to its rows', () => {
    const next = rng(7);
    for (const density of [0.001, 0.05, 0.2, 0.5, 0.9, 1]) {
      const offsets: number[] = [];
      for (let o = 0; o < 5000; o++) if (next() < density) offsets.push(o);
      if (offsets.length === 0) offsets.push(4999);
      const [enc, bytes] = encodePosting(offsets);
      const list = encodeOffsets(offsets);
      const bitmapBytes = Math.floor(offsets.at(-1)! / 8) + 1;
      expect(enc).toBe(bitmapBytes < list.length ? ENC.bitmap : ENC.list);
      expect(bytes.length).toBe(Math.min(bitmapBytes, list.length));
      expect(decodePosting(enc, bytes, [], 100)).toEqual(offsets.map((o) => o + 100));
    }
    // Dense terms take a bitmap: a Region on every row of a 5,000-row block costs 625 bytes.
    const all = Array.from({ length: 5000 }, (_, i) => i);
    expect(encodePosting(all)[0]).toBe(ENC.bitmap);
    expect(encodePosting(all)[1].length).toBe(625);
  });

  it('read postings written before migration 6 (varint lists, enc 0) as before', () => {
    const offsets = [0, 3, 4, 300, 70_000];
    expect(decodePosting(ENC.list, encodeOffsets(offsets))).toEqual(
      decodeOffsets(encodeOffsets(offsets)),
    );
    expect(decodePosting(0, Buffer.from([0x00, 0x03, 0x01]))).toEqual([0, 3, 4]);
    // The same bytes read as a bitmap mean other rows: the encoding is never guessed.
    expect(decodePosting(ENC.bitmap, Buffer.from([0x00, 0x03, 0x01]))).toEqual([8, 9, 16]);
  });
});

describe('eventIDs as the parser packs them', () => {
  it('give the 16 bytes storedEventId stores exactly when it stores bytes', () => {
    const ids = [
      '6e882b9d-2af8-4c67-b91f-aeac6a0e5e70',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '6E882B9D-2AF8-4C67-B91F-AEAC6A0E5E70', // upper case: kept as text
      '6e882b9d-2af8-4c67-b91f-aeac6a0e5e7', // too short
      '6e882b9d-2af8-4c67-b91f-aeac6a0e5e700',
      '6e882b9d2af8-4c67-b91f-aeac6a0e5e70-',
      '6e882b9d-2af8-4c67-b91f-aeac6a0e5e7g',
      '6e882b9d-2af8-4c67-b91f-aeac6a0e5e7\u0130',
      'evt-0001',
      '',
    ];
    const next = rng(3);
    for (let i = 0; i < 200; i++) {
      const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(next() * 16)]);
      ids.push(
        `${hex.slice(0, 8).join('')}-${hex.slice(8, 12).join('')}-${hex.slice(12, 16).join('')}-${hex.slice(16, 20).join('')}-${hex.slice(20).join('')}`,
      );
    }
    const out = new Uint8Array(32);
    for (const id of ids) {
      const stored = storedEventId(id);
      const isUuid = uuidBytesInto(id, out, 16);
      expect(isUuid).toBe(typeof stored !== 'string');
      if (isUuid) expect(Buffer.from(out.subarray(16))).toEqual(stored);
    }
  });

  it('carry each ID’s hash, stored bytes and text columns in EVENT_TEXT order', () => {
    const base = normalizeRecord({
      eventVersion: '1.08',
      eventID: '6e882b9d-2af8-4c67-b91f-aeac6a0e5e70',
      eventTime: '2026-03-20T01:02:03Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      awsRegion: 'eu-west-1',
      recipientAccountId: '111122223333',
      sourceIPAddress: '198.51.100.1',
      userAgent: 'aws-cli/2',
      errorCode: 'AccessDenied',
      eventCategory: 'Data',
      requestParameters: { bucketName: 'b', key: 'k' },
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/r/s',
        accessKeyId: 'ASIAEXAMPLE',
        sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/r' } },
      },
    });
    if (!base.ok) throw new Error(base.reason);
    const second = { ...base.event, eventId: 'hand-made-1', awsRegion: null, sourceIp: 'x' };
    const parsed = {
      events: [
        { event: base.event, locator: 0 },
        { event: second, locator: 1 },
      ],
    };
    const packed = packFile({ ...(parsed as unknown as ParsedFile), s3: [] }).events!;
    const T = EVENT_TEXT.length;
    for (const [r, e] of [base.event, second].entries()) {
      for (const [c, key] of EVENT_TEXT.entries()) {
        const local = packed.text[r * T + c]!;
        expect(local < 0 ? null : packed.dict[local]).toBe(e[key]);
      }
      expect(packed.idHashes[r]).toBe(hash52(e.eventId));
    }
    expect(packed.idIsUuid[0]).toBe(1);
    expect(packed.idIsUuid[1]).toBe(0);
    expect(Buffer.from(packed.idBytes.subarray(0, 16))).toEqual(storedEventId(base.event.eventId));
    expect(packed.nums[3]).toBe(1); // data event
  });
});

describe('the data_event code', () => {
  it('says data, undecided (the name decides) or not, as category and managementEvent do', () => {
    expect(dataEventCode('Data', true)).toBe(1);
    expect(dataEventCode('Data', null)).toBe(1);
    expect(dataEventCode(null, false)).toBe(1);
    expect(dataEventCode(null, true)).toBe(0);
    expect(dataEventCode(null, null)).toBe(0);
    expect(dataEventCode('Management', false)).toBeNaN();
    expect(dataEventCode('NetworkActivity', null)).toBeNaN();
    expect(dataEventCode('Insight', null)).toBeNaN();
  });
});

describe('event times', () => {
  it('read CloudTrail’s plain UTC form as Date.parse does, and odd forms as before', () => {
    const next = rng(11);
    const times: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(
        Date.UTC(1990, 0, 1) + next() * (Date.UTC(2060, 0, 1) - Date.UTC(1990, 0, 1)),
      );
      times.push(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    times.push(
      '2026-02-29T00:00:00Z', // no such day
      '2024-02-29T23:59:59Z',
      '2026-13-01T00:00:00Z',
      '2026-12-31T24:00:00Z',
      '2026-12-31T23:60:00Z',
      '0099-01-01T00:00:00Z',
      '0100-01-01T00:00:00Z',
      '2026-1-01T00:00:00Z0',
      '2026-03-20T01:02:03.456Z',
      '2026-03-20T01:02:03+02:00',
      '2026-03-20T01:02Z',
      '2026-03-20 01:02:03Z',
      '2026-03-20T01:02:03z',
    );
    for (const t of times) {
      const n = normalizeRecord({ eventID: 'e', eventName: 'X', eventSource: 'x', eventTime: t });
      const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
      const want = iso.test(t) && !Number.isNaN(Date.parse(t)) ? Date.parse(t) : null;
      if (want === null) expect(n.ok && !n.notes.length ? n.event.timeMs : null).toBeNull();
      else expect(n.ok ? n.event.timeMs : null).toBe(want);
    }
  });
});
