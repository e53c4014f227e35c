import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src/api';
import { contract, OP_NAMES } from '../../../src/shared/contract';

describe('the contract', () => {
  it('lists every operation once, with a handler and schemas', () => {
    expect(Object.keys(contract).sort()).toEqual([...OP_NAMES].sort());
    expect(new Set(OP_NAMES).size).toBe(OP_NAMES.length);
    expect(Object.keys(handlers).sort()).toEqual([...OP_NAMES].sort());
    for (const name of OP_NAMES) {
      expect(contract[name].summary.length).toBeGreaterThan(10);
      expect(typeof contract[name].input.safeParse).toBe('function');
    }
  });
});
