import { describe, expect, it } from 'vitest';
import { NumberColumn } from '../../../src/compute/number-column.js';

describe('NumberColumn', () => {
  it('keeps every row across the growing first chunk and the fixed chunks after it', () => {
    for (const make of [undefined, (n: number) => new Int32Array(n)]) {
      const column = new NumberColumn(make);
      const rows = [0, 1, 63, 64, 65, 127, 128, 1000, 16_383, 16_384, 16_385, 40_000, 5];
      rows.forEach((row, index) => {
        column.set(row, index + 1);
      });
      rows.forEach((row, index) => {
        expect(column.get(row)).toBe(index + 1);
      });
      // Rows never set read 0, below and beyond what was allocated.
      for (const row of [2, 62, 129, 16_382, 39_999, 40_001, 1_000_000])
        expect(column.get(row)).toBe(0);
    }
  });

  it('reads 0 before anything is set', () => {
    expect(new NumberColumn().get(0)).toBe(0);
    expect(new NumberColumn().get(20_000)).toBe(0);
  });
});
