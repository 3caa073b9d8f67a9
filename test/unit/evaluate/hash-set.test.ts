import { describe, expect, it } from 'vitest';
import { HashSet } from '../../../src/evaluate/hash-set.js';
import { hashId } from '../../../src/evaluate/id-hashes.js';

describe('HashSet', () => {
  it('holds what a Set holds, through growth, duplicates and the hash 0', () => {
    const set = new HashSet();
    const reference = new Set<number>();
    // Ids as a ledger's persons look, each added twice; 0 and 1 share a slot value by design.
    const hashes = [
      0,
      2 ** 53 - 1,
      0x200000,
      ...Array.from({ length: 5000 }, (_, i) => hashId(`390003\u0000m\u0000P${i}`)),
    ];
    for (const hash of [...hashes, ...hashes]) {
      set.add(hash);
      reference.add(hash);
    }
    expect(set.size).toBe(reference.size);
    for (const hash of hashes) expect(set.has(hash)).toBe(true);
    const absent = Array.from({ length: 5000 }, (_, i) => hashId(`390003\u0000m\u0000Q${i}`));
    expect(absent.filter((hash) => set.has(hash))).toEqual([]);
    expect(new HashSet().has(0)).toBe(false);
  });
});
