import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import type { Report } from '../../src/schema/report.js';
import { boundLedger } from '../helpers/bound-ledger.js';
import { contractorEntity, itakuLine } from '../helpers/itaku-ledger.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../helpers/paths.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

/**
 * The fast search of docs/decisions.md §4.1 (src/evaluate/settle-facts.ts: only the lines that can
 * tell combinations apart, only entities with a line that may be settled) against the reference
 * (src/evaluate/reference/reference-settle-facts.ts) searching every entity with a valid line, all
 * its lines per combination, none let go early for its bound (search-bound.ts): the reports must
 * be byte-identical.
 */

type Evaluate = (ledger: unknown, options?: Record<string, unknown>) => Promise<Report>;

async function fastEvaluate(): Promise<Evaluate> {
  vi.resetModules();
  vi.doUnmock('../../src/evaluate/settle-facts.js');
  vi.doUnmock('../../src/evaluate/may-lack-own-fact.js');
  vi.doUnmock('../../src/evaluate/search-bound.js');
  return (await import('../../src/evaluate/evaluate.js')).evaluate;
}

async function referenceEvaluate(): Promise<Evaluate> {
  vi.resetModules();
  // Every entity with a valid line is searched, by the reference search.
  vi.doMock('../../src/evaluate/may-lack-own-fact.js', () => ({
    mayLackOwnFact: (prepared: { entry: { valid: boolean } }) => prepared.entry.valid,
  }));
  // And none is let go before the search for being past its bound (search-bound.ts).
  vi.doMock('../../src/evaluate/search-bound.js', () => ({
    SearchBound: class {
      note(): boolean {
        return true;
      }
    },
  }));
  vi.doMock('../../src/evaluate/settle-facts.js', async () => {
    const reference = await import('../../src/evaluate/reference/reference-settle-facts.js');
    const settlement = await import('../../src/evaluate/fact-settlement.js');
    return {
      ...reference,
      entityOf: settlement.entityOf,
      FactSettlement: settlement.FactSettlement,
      settleFacts: reference.settleFactsReference,
    };
  });
  return (await import('../../src/evaluate/evaluate.js')).evaluate;
}

let fast: Evaluate | undefined;
let reference: Evaluate | undefined;

async function expectSame(ledger: unknown, policy?: Record<string, unknown>): Promise<Report> {
  fast ??= await fastEvaluate();
  reference ??= await referenceEvaluate();
  const options = policy === undefined ? {} : { policy };
  const a = await fast(ledger, options);
  const b = await reference(ledger, options);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  return a;
}

const settled = (report: Report): number =>
  report.lines.filter((line) => (line.unneededFacts ?? []).length > 0).length;

describe('fast search ≡ reference search (decisions.md §4.1)', () => {
  const ledgers = [...fixtureLedgers(), ...acceptanceLedgers(), sampleLedger()];
  it.each(ledgers.map((named) => [named.name, named] as const))('%s', async (_name, named) => {
    await expectSame(named.ledger, named.policy);
  });

  it('settles lines in the committed ledgers at all', async () => {
    let count = 0;
    for (const named of ledgers) count += settled(await expectSame(named.ledger, named.policy));
    expect(count).toBeGreaterThan(0);
  });

  it.each([1, 2, 3])('on a generated bench ledger of 1,500 lines, seed %i', async (seed) => {
    const report = await expectSame(generateLedger(1500, seed));
    expect(report.lines.filter((line) => line.status === 'undetermined').length).toBeGreaterThan(0);
  });

  it('where a grouped line may be settled and the other lines pass the bound', async () => {
    const report = await expectSame(boundLedger());
    expect(report.lines.filter((line) => line.status === 'undetermined').length).toBeGreaterThan(0);
  });

  it('over generated ledgers with the bundled rules', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        await expectSame(ledger);
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  it('over generated contractor ledgers, where facts are found not to matter', async () => {
    const ledgerOf = (previous: boolean | undefined, lines: [number, boolean, string][]) => ({
      entities: [
        contractorEntity(previous === undefined ? {} : { itakuPreviouslySelectedRegion: previous }),
      ],
      lines: lines.map(([millions, voucher, person], index) => ({
        ...itakuLine(
          `G${index + 1}`,
          index % 2 === 0 ? 'jinkenhi' : 'insatsu',
          `${millions}000000`,
          voucher,
        ),
        ...(person === '' ? {} : { person }),
      })),
    });
    let count = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<boolean | undefined>(undefined, undefined, true, false),
        fc.array(
          fc.tuple(
            fc.constantFrom(1, 5, 20, 45, 60),
            fc.constantFrom(true, true, false),
            fc.constantFrom('', '', 'P1'),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (previous, lines) => {
          count += settled(await expectSame(ledgerOf(previous, lines)));
        },
      ),
      { numRuns: 60, seed: SEED },
    );
    expect(count).toBeGreaterThan(5);
  });
});
