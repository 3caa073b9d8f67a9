import { describe, expect, it } from 'vitest';
import { selectHeadcount } from '../../../src/compute/select-headcount.js';
import { line } from './build.js';

const selected = { selectedForHeadcount: true };

describe('selectHeadcount', () => {
  it('counts every person, without the default flag, when there are no more persons than the limit', () => {
    const result = selectHeadcount(
      [line('100', 'a'), line('900', 'b'), line('50', 'a')],
      2,
      'rank',
    );
    expect(result).toEqual({
      kind: 'counted',
      persons: new Set(['a', 'b']),
      dropped: new Set(),
      defaulted: false,
    });
  });

  it('counts every person under the explicit policy too when they fit the limit', () => {
    const result = selectHeadcount([line('100', 'a'), line('900', 'b')], 2, 'explicit');
    expect(result).toMatchObject({ kind: 'counted', defaulted: false });
  });

  it('counts exactly the persons selected on any of their lines, and drops the others', () => {
    const result = selectHeadcount(
      [line('900', 'a'), line('100', 'b'), line('50', 'b', selected), line('700', 'c')],
      1,
      'rank',
    );
    expect(result).toEqual({
      kind: 'counted',
      persons: new Set(['b']),
      dropped: new Set(['a', 'c']),
      defaulted: false,
    });
  });

  it('honours an explicit selection smaller than the limit, even when everyone would fit', () => {
    const result = selectHeadcount([line('100', 'a', selected), line('200', 'b')], 3, 'rank');
    expect(result).toEqual({
      kind: 'counted',
      persons: new Set(['a']),
      dropped: new Set(['b']),
      defaulted: false,
    });
  });

  it('uses an explicit selection under the explicit policy', () => {
    const result = selectHeadcount(
      [line('100', 'a'), line('200', 'b', selected), line('300', 'c')],
      1,
      'explicit',
    );
    expect(result).toMatchObject({ kind: 'counted', persons: new Set(['b']), defaulted: false });
  });

  it('does not read selectedForHeadcount false as a selection', () => {
    const result = selectHeadcount(
      [line('100', 'a', { selectedForHeadcount: false }), line('300', 'b')],
      1,
      'rank',
    );
    expect(result).toMatchObject({ kind: 'counted', persons: new Set(['b']), defaulted: true });
  });

  it('reports over-selection with the number of persons selected', () => {
    const result = selectHeadcount(
      [line('1', 'a', selected), line('2', 'b', selected), line('3', 'a', selected)],
      1,
      'rank',
    );
    expect(result).toEqual({ kind: 'over-selected', count: 2 });
  });

  it('accepts a selection of exactly the limit', () => {
    const result = selectHeadcount(
      [line('1', 'a', selected), line('2', 'b', selected), line('3', 'c')],
      2,
      'explicit',
    );
    expect(result).toMatchObject({ kind: 'counted', persons: new Set(['a', 'b']) });
  });

  it('ranks persons by their total over all their lines, corrections included, and flags the default', () => {
    const result = selectHeadcount(
      [line('500', 'a'), line('300', 'b'), line('-400', 'a'), line('200', 'c')],
      2,
      'rank',
    );
    // Totals: a 100, b 300, c 200.
    expect(result).toEqual({
      kind: 'counted',
      persons: new Set(['b', 'c']),
      dropped: new Set(['a']),
      defaulted: true,
    });
  });

  it('breaks ties by first appearance in the ledger', () => {
    const lines = [line('50', 'c'), line('100', 'b'), line('100', 'a'), line('50', 'd')];
    expect(selectHeadcount(lines, 1, 'rank')).toMatchObject({
      persons: new Set(['b']),
      dropped: new Set(['c', 'a', 'd']),
    });
    expect(selectHeadcount(lines, 3, 'rank')).toMatchObject({
      persons: new Set(['b', 'a', 'c']),
      dropped: new Set(['d']),
    });
    // A person's first appearance is their first line, whatever their later lines add.
    const split = selectHeadcount([line('60', 'y'), line('100', 'x'), line('40', 'y')], 1, 'rank');
    expect(split).toMatchObject({ persons: new Set(['y']), dropped: new Set(['x']) });
  });

  it('compares totals as decimals, not as text', () => {
    const result = selectHeadcount([line('9', 'a'), line('100', 'b')], 1, 'rank');
    expect(result).toMatchObject({ persons: new Set(['b']) });
  });

  it('leaves the choice open under the explicit policy when there are more persons than the limit', () => {
    const result = selectHeadcount(
      [line('1', 'a'), line('2', 'b'), line('3', 'c'), line('4', 'a')],
      2,
      'explicit',
    );
    expect(result).toEqual({ kind: 'needs-selection', count: 3 });
  });
});
