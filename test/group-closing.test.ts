import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { CODES, cioLine, ledgerOf } from './helpers/ledger.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';

/** Four persons over a headcount cap of three: the group warns HEADCOUNT_DEFAULT_SELECTION. */
function crowded(prefix: string, overrides: Record<string, unknown>): Record<string, unknown>[] {
  return ['1000000', '3000000', '2000000', '2500000'].map((amount, index) =>
    cioLine(`${prefix}${index + 1}`, { person: `${prefix}P${index + 1}`, amount, ...overrides }),
  );
}

describe('groups closed after their last line', () => {
  // Group A (the city) comes first but ends last; group B (the town) opens and closes inside it.
  const a = crowded('A', {});
  const b = crowded('B', { entity: CODES.town });
  const lines = [a[0], a[1], ...b, a[2], a[3]];

  it('give their warnings in the order of groups, not of closing', async () => {
    const report = await evaluate(ledgerOf(lines));
    const selections = report.warnings
      .filter((warning) => warning.code === 'HEADCOUNT_DEFAULT_SELECTION')
      .map((warning) => /（(\d{6})）/.exec(warning.message)?.[1]);
    expect(selections).toEqual([CODES.city, CODES.town]);
    const { held, reread } = await streamedBothWays({ entities: ledgerOf(lines).entities, lines });
    expect(JSON.stringify(held)).toBe(JSON.stringify(report));
    expect(JSON.stringify(reread)).toBe(JSON.stringify(report));
  });

  it('keep their totals in the order of their first eligible lines', async () => {
    const report = await evaluate(ledgerOf(lines));
    expect(report.totals.map((total) => [total.entity, total.lines])).toEqual([
      [CODES.city, 4],
      [CODES.town, 4],
    ]);
  });
});
