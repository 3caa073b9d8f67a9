import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { evaluateSplit, shardPositions } from '../../src/evaluate/evaluate-split.js';
import { prepareRuleSet } from '../../src/evaluate/prepared-rule-set.js';
import type { PolicyInput } from '../../src/core/policy.js';
import {
  acceptanceLedgers,
  fixtureLedgers,
  sampleLedger,
  type NamedLedger,
} from '../helpers/paths.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

/*
 * Issue 17, target 3: a ledger split by entity into shards, each evaluated on its own
 * (evaluate-shard.ts) and merged (merge-shards.ts), gives evaluate's report byte for byte — the
 * straightforward one-thread evaluate is the reference. Worker threads run the same shards
 * (test/reliability/evaluate-in-workers.test.ts).
 */

const CASES: NamedLedger[] = [...fixtureLedgers(), ...acceptanceLedgers(), sampleLedger()];

async function both(
  ledger: unknown,
  policy: Record<string, unknown> | undefined,
  counts: readonly number[],
): Promise<void> {
  const options = policy === undefined ? {} : { policy: policy as PolicyInput };
  const prepared = prepareRuleSet(undefined, options.policy);
  const reference = JSON.stringify(await evaluate(ledger, { prepared }), null, 2);
  for (const count of counts)
    expect(JSON.stringify(await evaluateSplit(ledger, { prepared }, count), null, 2)).toBe(
      reference,
    );
}

describe('evaluateSplit (shards by entity, merged) ≡ evaluate', () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    await both(entry.ledger, entry.policy, [1, 2, 3, 5]);
  });

  it.each([1, 7, 42])('bench ledger, seed %i (3,000 lines)', async (seed) => {
    await both(generateLedger(3_000, seed), undefined, [2, 3]);
  });

  it('bench ledger with a bond interest rate (bond schedules, their warnings)', async () => {
    await both(generateLedger(2_000, 5), { bondInterestRate: '0.01' }, [2, 3]);
  });

  it('generated ledgers (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, fc.integer({ min: 2, max: 4 }), async (ledger, count) => {
        await both(ledger, undefined, [count]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('not a ledger: evaluate reports it', async () => {
    await both({ lines: 'x' }, undefined, [2]);
    await both(null, undefined, [2]);
  });

  it('keeps an entity on one shard, every line once', () => {
    const items = [{ entity: 'a' }, { entity: 'b' }, { entity: 'a' }, { entity: 'c' }, {}];
    const shards = shardPositions(items, 2);
    expect(shards.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    for (const shard of shards) expect(shard.includes(1)).toBe(shard.includes(3));
  });
});
