const CHUNK = 1 << 20;

/**
 * 53-bit hashes of line ids, 8 bytes a line in fixed-size chunks (no doubling copies), to find the
 * ids a ledger may use twice without holding every id string. Equal hashes are only candidates:
 * the caller confirms them against the strings.
 */
export class IdHashes {
  private readonly chunks: Float64Array[] = [];
  private used = CHUNK;

  add(id: string): void {
    if (this.used === CHUNK) {
      this.chunks.push(new Float64Array(CHUNK));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk !== undefined) chunk[this.used] = hashId(id);
    this.used += 1;
  }

  /** Hashes that occur more than once: each chunk sorted in place, then merged. */
  repeated(): Set<number> {
    const sorted = this.chunks.map((chunk, index) =>
      (index === this.chunks.length - 1 ? chunk.subarray(0, this.used) : chunk).sort(),
    );
    const positions = sorted.map(() => 0);
    const repeated = new Set<number>();
    let previous: number | null = null;
    for (;;) {
      let best = -1;
      let bestValue = Infinity;
      sorted.forEach((chunk, index) => {
        const value = chunk[positions[index] ?? 0];
        if (value !== undefined && value < bestValue) {
          bestValue = value;
          best = index;
        }
      });
      if (best < 0) return repeated;
      positions[best] = (positions[best] ?? 0) + 1;
      if (bestValue === previous) repeated.add(bestValue);
      previous = bestValue;
    }
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
