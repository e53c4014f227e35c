import { describe, expect, it } from 'vitest';
import {
  entryHash,
  findChainBreak,
  GENESIS_HASH,
  type AuditEntry,
} from '../../../src/casefile/audit';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const partial = {
      seq,
      atMs: 1_700_000_000_000 + seq,
      actor: 'a',
      action: 'x',
      payload: `{"n":${seq}}`,
      prevHash: prev,
    };
    const e = { ...partial, hash: entryHash(partial) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe('audit chain', () => {
  it('is intact when every entry hashes and links', () => {
    const entries = chain(5);
    const r = findChainBreak(entries);
    expect(r.brokenAt).toBeNull();
    expect(r.head).toEqual({ seq: 5, hash: entries[4]!.hash });
  });

  it('names the entry whose content changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, payload: '{"n":99}' };
    expect(findChainBreak(entries).brokenAt?.seq).toBe(3);
    expect(findChainBreak(entries).brokenAt?.reason).toMatch(
      /audit entry #3 .* does not match its hash/,
    );
  });

  it('names the first missing entry when one was removed', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(findChainBreak(entries).brokenAt).toMatchObject({
      seq: 2,
      reason: expect.stringMatching(/#2 is missing/) as unknown,
    });
  });

  it('catches an entry re-hashed to hide an edit, at the next link', () => {
    const entries = chain(4);
    const edited = { ...entries[1]!, payload: '{"n":42}' };
    entries[1] = { ...edited, hash: entryHash(edited) };
    expect(findChainBreak(entries).brokenAt).toMatchObject({
      seq: 3,
      reason: expect.stringMatching(/does not point to the hash/) as unknown,
    });
  });

  it('treats a payload that is not canonical JSON as tampering', () => {
    const entries = chain(2);
    const spaced = { ...entries[1]!, payload: '{ "n": 2 }' };
    entries[1] = { ...spaced, hash: entryHash(spaced) };
    expect(findChainBreak(entries).brokenAt?.seq).toBe(2);
  });
});
