import { describe, expect, it } from 'vitest';
import { quickFacts } from '../../../src/ledger/quick-facts.js';
import type { FactDefinition } from '../../../src/schema/glossary.js';

/** Line facts of the given types, as a glossary defines them (only scope and type are read here). */
function definitions(
  entries: readonly (readonly [string, 'boolean' | 'number'])[],
): Record<string, FactDefinition> {
  return Object.fromEntries(
    entries.map(([name, type]): [string, FactDefinition] => [
      name,
      { scope: 'line', type, label: name },
    ]),
  );
}

describe('quickFacts', () => {
  const glossary = definitions([
    ['a', 'boolean'],
    ['b', 'boolean'],
    ['n', 'number'],
  ]);

  it('gives each combination of boolean facts its own map, shared by the lines that repeat it', () => {
    const first = quickFacts({ a: true, b: false }, glossary);
    expect(first && [...first]).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(quickFacts({ a: true, b: false }, glossary)).toBe(first);
    expect(quickFacts({ a: true, b: true }, glossary)).not.toBe(first);
    expect([...(quickFacts({ a: true, b: true }, glossary) ?? [])]).toEqual([
      ['a', true],
      ['b', true],
    ]);
    // A prefix of a longer combination is a combination of its own.
    expect([...(quickFacts({ a: true }, glossary) ?? [])]).toEqual([['a', true]]);
    expect(quickFacts({}, glossary)?.size).toBe(0);
  });

  it('leaves to the parser a value that is not a boolean, and refuses a fact the glossary lacks', () => {
    expect([...(quickFacts({ a: true, n: 3 }, glossary) ?? [])]).toEqual([
      ['a', true],
      ['n', '3'],
    ]);
    expect(quickFacts({ a: true, unknown: true }, glossary)).toBeNull();
    expect(quickFacts({ a: 'yes' }, glossary)).toEqual(quickFacts({ a: 'yes' }, glossary));
  });

  it('stays right past its bound, when never-repeating names make it start again', () => {
    const names = Array.from({ length: 25_000 }, (_, index) => `f${index}`);
    const many = definitions(names.map((name) => [name, 'boolean'] as const));
    const kept = quickFacts({ f0: true }, many);
    for (const [index, name] of names.entries()) {
      const facts = quickFacts({ [name]: index % 2 === 0, f1: true }, many);
      expect(facts && [...facts]).toEqual(
        name === 'f1'
          ? [['f1', true]]
          : [
              [name, index % 2 === 0],
              ['f1', true],
            ],
      );
    }
    // Forgotten (the caches started again) and made anew, alike.
    const again = quickFacts({ f0: true }, many);
    expect(again).not.toBe(kept);
    expect(again && [...again]).toEqual([['f0', true]]);
    expect(kept && [...kept]).toEqual([['f0', true]]);
  });
});
