import { describe, expect, it } from 'vitest';
import { expectedAmong, nearest, termCandidates } from '../../../src/ledger/suggest.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';

/*
 * Issue 17: a ledger repeats its misspellings, so 「もしかして」 ranks each distinct unknown value
 * once per candidate list, and a glossary section's candidate list is built once.
 */
describe('nearest and termCandidates, memoised', () => {
  const costTypes = bundledRuleSet().glossary.costTypes;

  it('builds a glossary section’s candidate list once, frozen', () => {
    const list = termCandidates(costTypes);
    expect(termCandidates(costTypes)).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(list.map((candidate) => candidate.id)).toEqual(Object.keys(costTypes));
  });

  it('ranks a value once per list, with the answer a fresh list gives', () => {
    const list = termCandidates(costTypes);
    const first = nearest('consumable', list);
    expect(nearest('consumable', list)).toBe(first);
    const fresh = Object.entries(costTypes).map(([id, term]) => ({ id, label: term.label }));
    expect(nearest('consumable', fresh)).toEqual(first);
    expect(nearest('salry', list).guess?.id).toBe('salary');
    expect(Object.isFrozen(first.closest)).toBe(true);
  });

  it('gives expectedAmong’s text unchanged when asked again', () => {
    const list = termCandidates(costTypes);
    const once = expectedAmong('用語集の経費区分', 'salry', list);
    expect(expectedAmong('用語集の経費区分', 'salry', list)).toEqual(once);
    expect(once.hint).toContain('もしかして: salary');
  });
});
