import { describe, expect, it } from 'vitest';
import { closureOf, type RowLinks } from '../../../src/evaluate/evaluate-rows.js';

/** The lines the fast search re-evaluates: those tied to the changed ones by a measure or a person. */
describe('closureOf', () => {
  const links: Record<number, RowLinks[]> = {
    1: [{ measures: ['a'], persons: [] }],
    2: [{ measures: ['b'], persons: ['P'] }],
    3: [{ measures: ['c'], persons: ['P'] }],
    4: [{ measures: ['c', 'd'], persons: [] }],
    5: [{ measures: ['e'], persons: [] }],
    // A changed line judged two ways: measure f under one value, e under another.
    6: [
      { measures: ['f'], persons: [] },
      { measures: ['e'], persons: [] },
    ],
    7: [{ measures: [], persons: [] }],
  };
  const rows = Object.keys(links).map((row) => ({ item: null, row: Number(row) }));
  const of = (row: number): readonly RowLinks[] => links[row] ?? [];

  it('follows shared persons, then shared measures, transitively', () => {
    expect([...closureOf([2], rows, of)].sort()).toEqual([2, 3, 4]);
  });

  it('follows a measure the line takes under any value', () => {
    expect([...closureOf([6], rows, of)].sort()).toEqual([5, 6]);
  });

  it('keeps a line tied to nothing on its own', () => {
    expect([...closureOf([7], rows, of)]).toEqual([7]);
    expect([...closureOf([1], rows, of)]).toEqual([1]);
  });
});
