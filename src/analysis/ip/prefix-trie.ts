// A binary trie over address bits for longest-prefix matching. Nodes live in typed arrays
// (struct of arrays) rather than objects: a lookup is then a tight loop of integer loads, and
// the ~17,000 AWS prefixes plus ~1,700 Tor exits build in a few milliseconds.

import type { Cidr } from './cidr';
import { bitAt } from './cidr';

/** Values stored at one prefix on the path of a looked-up address. */
export interface TrieHit<T> {
  readonly length: number;
  readonly values: readonly T[];
}

export class PrefixTrie<T> {
  // Child node indexes; 0 means "no child" (the root, node 0, is never anyone's child).
  private zero = new Int32Array(1024);
  private one = new Int32Array(1024);
  private readonly values: (T[] | undefined)[] = [undefined];
  private nodeCount = 1;
  private readonly bits: number;

  constructor(bits: 32 | 128) {
    this.bits = bits;
  }

  get size(): number {
    return this.nodeCount;
  }

  insert(cidr: Cidr, value: T): void {
    if (cidr.length > this.bits)
      throw new RangeError(`prefix /${cidr.length} is longer than ${this.bits} bits`);
    let node = 0;
    for (let i = 0; i < cidr.length; i++) {
      const bit = bitAt(cidr.address.words, i);
      let next = (bit === 0 ? this.zero[node] : this.one[node]) ?? 0;
      if (next === 0) {
        next = this.addNode();
        // addNode may have replaced the arrays, so index them afresh.
        if (bit === 0) this.zero[node] = next;
        else this.one[node] = next;
      }
      node = next;
    }
    const existing = this.values[node];
    if (existing === undefined) this.values[node] = [value];
    else existing.push(value);
  }

  /** Every stored prefix that contains the address, shortest first. */
  lookup(words: readonly number[]): TrieHit<T>[] {
    const hits: TrieHit<T>[] = [];
    let node = 0;
    for (let depth = 0; ; depth++) {
      const values = this.values[node];
      if (values !== undefined) hits.push({ length: depth, values });
      if (depth === this.bits) break;
      const word = words[depth >>> 5] ?? 0;
      const bit = (word >>> (31 - (depth & 31))) & 1;
      node = (bit === 0 ? this.zero[node] : this.one[node]) ?? 0;
      if (node === 0) break;
    }
    return hits;
  }

  private addNode(): number {
    const index = this.nodeCount++;
    if (index >= this.zero.length) {
      const zero = new Int32Array(this.zero.length * 2);
      zero.set(this.zero);
      this.zero = zero;
      const one = new Int32Array(this.one.length * 2);
      one.set(this.one);
      this.one = one;
    }
    this.values.push(undefined);
    return index;
  }
}
