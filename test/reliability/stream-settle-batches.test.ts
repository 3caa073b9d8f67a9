import { describe, expect, it } from 'vitest';
import { streamWithBudget } from '../helpers/stream-with-budget.js';
import { generateLedger } from '../../bench/generate-ledger.js';
import type { Report } from '../../src/schema/report.js';
import { screenBatch, screenedLine, suspectBatch } from '../../src/evaluate/suspect-batch.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { contractorEntity, itakuLine } from '../helpers/itaku-ledger.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../helpers/paths.js';

/**
 * A streamed ledger's search of docs/decisions.md §4.1 holds the suspect entities' lines a batch at
 * a time (settle-limits.ts MAX_HELD_ROWS; evaluate-stream.ts suspectBatch): whatever the batch
 * size, the report is `evaluate`'s byte for byte, and the search reads the file once more per batch.
 */

/** The ledger as a re-readable source that counts its passes. */
function counted(ledger: { entities: unknown[]; lines: unknown[] }): {
  source: { entities: unknown[]; lines: () => unknown[] };
  passes: () => number;
} {
  let passes = 0;
  return {
    source: {
      entities: ledger.entities,
      lines: () => {
        passes += 1;
        return ledger.lines;
      },
    },
    passes: () => passes,
  };
}

const settledCount = (report: Report): number =>
  report.lines.filter((line) => (line.unneededFacts ?? []).length > 0).length;

describe('streamed fact search in batches ≡ evaluate', () => {
  const named = [...fixtureLedgers(), ...acceptanceLedgers(), sampleLedger()];
  const generated = [1, 2, 3].map((seed) => ({
    name: `bench ledger 1,500 lines, seed ${seed}`,
    ledger: generateLedger(1500, seed),
    policy: undefined,
  }));

  it.each([1, 40, 100_000])('with at most %i held lines', async (budget) => {
    const stream = await streamWithBudget(budget);
    let settled = 0;
    for (const { name, ledger, policy } of [...named, ...generated]) {
      const typed = ledger as { entities: unknown[]; lines: unknown[] };
      const options = policy === undefined ? {} : { policy };
      const expected = await evaluate(typed, options);
      const actual = await stream(counted(typed).source, options);
      expect(JSON.stringify(actual), name).toBe(JSON.stringify(expected));
      settled += settledCount(expected);
    }
    // The search did settle lines in these ledgers: the batches carried its results.
    expect(settled).toBeGreaterThan(0);
  });

  it('keeps what every batch settled: two contractors whose lines settle', async () => {
    // Each contractor's lines stay under both 限度額 whatever its missing attribute says (the
    // ledger of test/unneeded-facts.test.ts), so each is settled, in its own batch at budget 1.
    const other = '7000012050002';
    const entities = [contractorEntity({}), { ...contractorEntity({}), code: other }];
    const lines = [
      itakuLine('G1', 'jinkenhi', '1000000', true),
      { ...itakuLine('H1', 'jinkenhi', '2000000', true), entity: other },
      itakuLine('G2', 'insatsu', '110000', true),
      { ...itakuLine('H2', 'insatsu', '220000', true), entity: other },
    ];
    const expected = await evaluate({ entities, lines });
    const settledEntities = new Set(
      expected.lines
        .filter((line) => (line.unneededFacts ?? []).length > 0)
        .map((line) => line.entity),
    );
    expect(settledEntities.size).toBe(2);
    for (const budget of [1, 3]) {
      const actual = await (await streamWithBudget(budget))(counted({ entities, lines }).source);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    }
  });

  it('reads the ledger once more for each batch, and holds one batch at a time', async () => {
    const ledger = generateLedger(1500, 2) as unknown as { entities: unknown[]; lines: unknown[] };
    const passesWith = async (budget: number): Promise<number> => {
      const run = counted(ledger);
      await (
        await streamWithBudget(budget)
      )(run.source);
      return run.passes();
    };
    const whole = await passesWith(100_000);
    const byFifty = await passesWith(50);
    const suspects = new Set(ledger.lines.map((line) => (line as { entity: string }).entity));
    // Each entity of this ledger has more than 50 lines: one batch per suspect entity.
    expect(byFifty).toBeGreaterThan(whole + 1);
    expect(byFifty - whole).toBeLessThanOrEqual(suspects.size);
  });
});

/** Seven lines of entities A, B and C, for the batch readers. */
const LINES = [
  { entity: 'A', id: '1' },
  { entity: 'B', id: '2' },
  { entity: 'A', id: '3' },
  { entity: 'C', id: '4' },
  { entity: 'B', id: '5' },
  { entity: 'C', id: '6' },
  { entity: 'C', id: '7' },
];

describe('suspectBatch', () => {
  const lines = LINES;
  const linesOf = new Map([
    ['A', 2],
    ['B', 2],
    ['C', 3],
  ]);

  it('takes the pending entities, in order, that fit the budget, with all their lines', async () => {
    const batch = await suspectBatch(() => lines, new Set(['A', 'B', 'C']), linesOf, 4);
    expect([...batch.entities]).toEqual(['A', 'B']);
    expect(batch.rows.map(({ row }) => row)).toEqual([1, 2, 3, 5]);
  });

  it('passes over an entity that does not fit for a later one that does', async () => {
    const batch = await suspectBatch(() => lines, new Set(['A', 'C', 'B']), linesOf, 4);
    expect([...batch.entities]).toEqual(['A', 'B']);
  });

  it('takes one entity larger than the budget on its own', async () => {
    const batch = await suspectBatch(() => lines, new Set(['C', 'A']), linesOf, 1);
    expect([...batch.entities]).toEqual(['C']);
    expect(batch.rows.map(({ item }) => (item as { id: string }).id)).toEqual(['4', '6', '7']);
  });
});

describe('screenBatch', () => {
  // The screening wants lines 1, 3, 4, 5, 6 and 7 (not 2: each line's id is its row).
  const lines = LINES;
  const wanted = (row: number): boolean => row !== 2;
  const ids = (batch: { rows: { item: unknown }[] }): string[] =>
    batch.rows.map(({ item }) => (item as { id: string }).id);

  it('holds only the wanted lines of the pending entities, each with its row', async () => {
    const batch = await screenBatch(() => lines, new Set(['A', 'B']), wanted, 10);
    expect([...batch.entities]).toEqual(['A', 'B']);
    expect(batch.rows.map(({ row }) => row)).toEqual([1, 3, 5]);
  });

  it('lets go of the entity holding most when the budget is passed, never the first', async () => {
    // After line 6 C holds 2 of the 5 held lines (budget 4): C goes; A and B stay whole.
    const batch = await screenBatch(() => lines, new Set(['A', 'B', 'C']), wanted, 4);
    expect([...batch.entities]).toEqual(['A', 'B']);
    expect(ids(batch)).toEqual(['1', '3', '5']);
    // The first pending entity is kept whatever its size: all the others go.
    const alone = await screenBatch(() => lines, new Set(['C', 'A', 'B']), wanted, 1);
    expect([...alone.entities]).toEqual(['C']);
    expect(ids(alone)).toEqual(['4', '6', '7']);
  });

  it('wants a suspect row, and the lines of a suspect person in its NFKC form', () => {
    const wants = screenedLine(new Set([2]), new Set(['A\u0000P1']));
    expect(wants(2, 'B', 'Q')).toBe(true);
    expect(wants(5, 'A', 'P1')).toBe(true);
    // Full-width "Ｐ１" is read as "P1" (read-line.ts), so it is that person's line.
    expect(wants(6, 'A', 'Ｐ１')).toBe(true);
    expect(wants(7, 'B', 'P1')).toBe(false);
    expect(wants(8, 'A', 'P2')).toBe(false);
    expect(wants(9, 'A', undefined)).toBe(false);
    expect(wants(10, 'A', 1)).toBe(false);
  });
});

describe('settleFactsInBatches', () => {
  it('refuses a batch that takes no pending entity, rather than read the file forever', async () => {
    const { resolveOptions } = await import('../../src/evaluate/resolve-options.js');
    const { settleFactsInBatches } = await import('../../src/evaluate/settle-facts-in-batches.js');
    const { ruleSet, policy } = resolveOptions({});
    const input = {
      entities: [],
      suspects: new Set(['392081']),
      duplicates: new Set<string>(),
      ruleSet,
      policy,
    };
    await expect(
      settleFactsInBatches(input, () =>
        Promise.resolve({ rows: [], entities: new Set(['other']) }),
      ),
    ).rejects.toThrow(/took no pending entity/u);
  });
});
