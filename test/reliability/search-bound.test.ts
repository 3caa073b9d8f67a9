import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { Evaluation } from '../../src/evaluate/evaluation.js';
import { mayLackOwnFact } from '../../src/evaluate/may-lack-own-fact.js';
import { factDomainsOf } from '../../src/evaluate/prepared-rule-set.js';
import { evaluateRows } from '../../src/evaluate/reference/reference-evaluate-rows.js';
import {
  MAX_COMBINATIONS,
  variablesOf,
} from '../../src/evaluate/reference/reference-settle-facts.js';
import { resolveOptions } from '../../src/evaluate/resolve-options.js';
import { SearchBound } from '../../src/evaluate/search-bound.js';
import { entityOf } from '../../src/evaluate/settle-facts.js';
import { glossaryFact } from '../../src/evaluate/glossary-fact.js';
import { duplicateIds, ownIdOf } from '../../src/ledger/normalize-ledger.js';
import { boundLedger } from '../helpers/bound-ledger.js';
import { acceptanceLedgers, fixtureLedgers } from '../helpers/paths.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

/**
 * search-bound.ts lets an entity go before the search of decisions.md §4.1 when the lines noted in
 * the first evaluation give more than MAX_COMBINATIONS combinations of missing values. That must be
 * a lower bound: for every entity it lets go, the reference search's own variables (from the
 * reference baseline of all the entity's lines) have more combinations too, so the search would
 * have tried nothing. (settle-differential.test.ts checks the reports against a reference that
 * lets none go.)
 */
async function lettingGo(ledger: {
  entities: readonly unknown[];
  lines: readonly unknown[];
}): Promise<{ suspects: number; beyond: string[]; counts: Map<string, number> }> {
  const { ruleSet, policy } = resolveOptions({});
  const { entities, lines } = ledger;
  const domains = factDomainsOf(ruleSet);
  const fact = glossaryFact(ruleSet);
  const duplicates = duplicateIds(lines.map((item) => ownIdOf(item)));
  const evaluation = new Evaluation(entities, ruleSet, policy);
  const bound = new SearchBound(entities, domains);
  const suspects = new Set<string>();
  for (const [index, item] of lines.entries()) evaluation.noteItem(item, index + 1, duplicates);
  for (const [index, item] of lines.entries()) {
    const result = evaluation.prepare(item, index + 1, duplicates);
    const prepared = result instanceof Promise ? await result : result;
    if (!prepared.entry.valid || !mayLackOwnFact(prepared, fact, domains)) continue;
    suspects.add(prepared.entry.line.entity.code);
    bound.note(prepared, item);
  }
  const beyond = [...suspects].filter((code) => bound.isBeyond(code));
  const counts = new Map<string, number>();
  for (const code of beyond) {
    const own = entities.filter((entity) => (entity as { code?: unknown }).code === code);
    const rows = lines
      .map((item, index) => ({ item, row: index + 1 }))
      .filter(({ item }) => entityOf(item) === code);
    const baseline = await evaluateRows(own, rows, duplicates, ruleSet, policy);
    const { variables } = variablesOf(domains, own, rows, baseline);
    let count = 1;
    for (const variable of variables.values()) count *= variable.values.length;
    counts.set(code, count);
  }
  return { suspects: suspects.size, beyond, counts };
}

describe('the search bound of the first evaluation (search-bound.ts)', () => {
  it('lets go only of entities whose whole search is past the bound, and of many', async () => {
    const named = [...fixtureLedgers(), ...acceptanceLedgers()].map(({ ledger }) => ledger);
    // Small ledgers spread few lines over each entity: the 30,000-line one gives the bound work.
    const generated = [
      ...[1, 2, 3].map((seed) => generateLedger(1500, seed)),
      generateLedger(30_000, 1),
    ];
    let suspects = 0;
    let beyond = 0;
    for (const ledger of [...named, ...generated, boundLedger()]) {
      const found = await lettingGo(ledger as { entities: unknown[]; lines: unknown[] });
      for (const [code, count] of found.counts)
        expect(count, code).toBeGreaterThan(MAX_COMBINATIONS);
      suspects += found.suspects;
      beyond += found.beyond.length;
    }
    // Not vacuous: 46 of the 30,000-line ledger's suspect entities are past the bound, the two
    // of the bound ledger, a few of the small ones (1,671 of 1,700 on 1,000,000 lines).
    expect(beyond).toBeGreaterThan(45);
    expect(beyond).toBeLessThan(suspects);
  });

  it('lets go of the entities with a grouped suspect line past the bound', async () => {
    const found = await lettingGo(boundLedger());
    expect(found.beyond.sort()).toEqual(['022012', '442143']);
  });

  it('over generated ledgers with the bundled rules', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const found = await lettingGo(ledger);
        for (const [code, count] of found.counts)
          expect(count, code).toBeGreaterThan(MAX_COMBINATIONS);
      }),
      { numRuns: 40, seed: SEED },
    );
  });
});
