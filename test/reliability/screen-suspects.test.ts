import { describe, expect, it, vi } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { Evaluation } from '../../src/evaluate/evaluation.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { resolveOptions } from '../../src/evaluate/resolve-options.js';
import { entityOf, screenInto } from '../../src/evaluate/settle-facts.js';
import { standaloneBaseline } from '../../src/evaluate/standalone-baseline.js';
import { screenedLine } from '../../src/evaluate/suspect-batch.js';
import { duplicateIds, ownIdOf } from '../../src/ledger/normalize-ledger.js';
import { sourceRowOf } from '../../src/ledger/source-row.js';
import { boundLedger } from '../helpers/bound-ledger.js';
import { acceptanceLedgers, fixtureLedgers } from '../helpers/paths.js';

/**
 * A streamed ledger's search (settle-facts-in-batches.ts) first screens the suspect entities on
 * their suspect lines and those lines' persons' lines (settle-facts.ts screenInto), and reads
 * whole only the entities that pass. The screening must pass every entity the search settles
 * something in (else a streamed report would differ from `evaluate`'s; the byte-for-byte check is
 * stream-settle-batches.test.ts), and must let go of some, or it only costs a read.
 */
async function screened(ledger: { entities: unknown[]; lines: unknown[] }): Promise<{
  suspects: ReadonlySet<string>;
  search: ReadonlySet<string>;
  settled: ReadonlySet<string>;
  /** The suspect entities with a grouped suspect line (standaloneBaseline's GroupedBaseline). */
  grouped: ReadonlySet<string>;
}> {
  const { ruleSet, policy } = resolveOptions({});
  const { entities, lines } = ledger;
  const duplicates = duplicateIds(lines.map((item) => ownIdOf(item)));
  const evaluation = new Evaluation(entities, ruleSet, policy);
  for (const [index, item] of lines.entries()) evaluation.noteItem(item, index + 1, duplicates);
  for (const [index, item] of lines.entries()) {
    const prepared = evaluation.prepare(item, index + 1, duplicates);
    evaluation.observe(prepared instanceof Promise ? await prepared : prepared, item);
  }
  const { suspects, suspectRows, suspectPersons } = evaluation;
  const wanted = screenedLine(suspectRows, suspectPersons);
  const rows = lines
    .map((item, index) => ({ item, row: sourceRowOf(item) ?? index + 1 }))
    .filter(({ item, row }) => {
      const entity = entityOf(item);
      return suspects.has(entity) && wanted(row, entity, record(item).person);
    });
  const search = new Set<string>();
  const input = { entities, rows, suspects, suspectRows, duplicates, ruleSet, policy };
  await screenInto(search, input);
  const grouped = new Set<string>();
  for (const code of suspects) {
    const own = entities.filter((entity) => record(entity).code === code);
    const ownRows = rows.filter(({ item }) => entityOf(item) === code);
    const baseline = await standaloneBaseline(input, own, ownRows, () => undefined);
    if (baseline !== null && baseline !== 'none' && !(baseline instanceof Map)) grouped.add(code);
  }
  const report = await evaluate(ledger);
  const settled = new Set<string>();
  for (const line of report.lines)
    if ((line.unneededFacts ?? []).length > 0 && line.entity !== null) settled.add(line.entity);
  return { suspects, search, settled, grouped };
}

const record = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;

// The first evaluation lets go of an entity past the search's bound on its lines no measure takes
// (search-bound.ts). With `bound.off` it keeps every suspect, for the screening to be tried on them.
const bound = vi.hoisted(() => ({ off: false }));
vi.mock('../../src/evaluate/search-bound.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/evaluate/search-bound.js')>();
  class SearchBound extends actual.SearchBound {
    override note(...args: Parameters<InstanceType<typeof actual.SearchBound>['note']>): boolean {
      return bound.off || super.note(...args);
    }
  }
  return { SearchBound };
});

describe('screening the suspect entities of a streamed search', () => {
  it('passes every entity with a settled line, in committed and generated ledgers', async () => {
    let suspects = 0;
    let searched = 0;
    let settled = 0;
    const named = [...fixtureLedgers(), ...acceptanceLedgers()].map(({ ledger }) => ledger);
    const generated = [1, 2, 3].map((seed) => generateLedger(1500, seed));
    for (const ledger of [...named, ...generated]) {
      const found = await screened(ledger as { entities: unknown[]; lines: unknown[] });
      for (const code of found.settled) expect(found.search.has(code), code).toBe(true);
      for (const code of found.search) expect(found.suspects.has(code), code).toBe(true);
      suspects += found.suspects.size;
      searched += found.search.size;
      settled += found.settled.size;
    }
    // The ledgers do settle lines, and the screening lets most suspect entities go unread.
    expect(settled).toBeGreaterThan(0);
    expect(searched).toBeLessThan(suspects / 2);
  });

  it('lets go of an entity with a grouped suspect line when its other lines pass the bound', async () => {
    // The whole search would try no combination of either entity (settle-facts.ts): neither is read.
    const { entities, lines } = boundLedger();
    bound.off = true;
    try {
      const found = await screened({ entities, lines });
      expect([...found.suspects].sort()).toEqual(['022012', '442143']);
      expect([...found.grouped].sort()).toEqual(['022012', '442143']);
      expect(found.search.size).toBe(0);
      expect(found.settled.size).toBe(0);
    } finally {
      bound.off = false;
    }
    // The first evaluation already lets both go: the screening never sees them.
    const found = await screened({ entities, lines });
    expect(found.suspects.size).toBe(0);
  });
});
