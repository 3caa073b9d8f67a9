/**
 * 53-bit hashes of line ids, kept in a growable Float64Array (8 bytes a line), to find the ids a
 * ledger may use twice without holding every id string. Equal hashes are only candidates: the
 * caller confirms them against the strings.
 */
export class IdHashes {
  private hashes = new Float64Array(1024);
  private size = 0;

  add(id: string): void {
    if (this.size === this.hashes.length) {
      const grown = new Float64Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.size] = hashId(id);
    this.size += 1;
  }

  /** Hashes that occur more than once. */
  repeated(): Set<number> {
    const sorted = this.hashes.slice(0, this.size).sort();
    const repeated = new Set<number>();
    for (let index = 1; index < sorted.length; index += 1) {
      if (sorted[index] === sorted[index - 1]) repeated.add(sorted[index] ?? 0);
    }
    return repeated;
  }
}

/** Two 32-bit FNV-1a variants combined into a 53-bit integer (exact in a double). */
export function hashId(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let index = 0; index < id.length; index += 1) {
    const code = id.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
