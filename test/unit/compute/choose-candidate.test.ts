import { describe, expect, it } from 'vitest';
import { chooseCandidate, type EligibleCandidate } from '../../../src/compute/choose-candidate.js';
import type { Component, Measure, MeasureKind } from '../../../src/schema/measure.js';
import { bondComponent, entity, line, measure, rateComponent } from './build.js';

function candidate(id: string, component: Component, kind: MeasureKind): EligibleCandidate {
  const taken: Measure = { ...measure(component, kind), id };
  const version = taken.versions[0];
  if (version === undefined) throw new Error('the built measure has a version');
  return {
    status: 'eligible',
    measure: taken,
    version,
    component,
    explanation: { value: 'true', decisive: [], missing: [] },
  };
}

describe('chooseCandidate (docs/decisions.md §1.7)', () => {
  // On 1,000,000: 0.9 × 0.5 → bond 900,000, amount 450,000; 0.75 × 0.6 → bond 750,000, amount
  // 450,000; 0.45 (no bond) → 450,000. Equal amounts: the larger bond wins, then rule order.
  const smallBond = candidate('a-small-bond', bondComponent('0.75', '0.6'), 'local-bond');
  const largeBond = candidate('b-large-bond', bondComponent('0.9', '0.5'), 'local-bond');
  const noBond = candidate('c-no-bond', rateComponent('0.45'), 'special-allocation-tax');

  it('gives equal amounts to the larger bond, whatever the rule order', () => {
    const chosen = chooseCandidate(line('1000000'), [noBond, smallBond, largeBond]);
    expect(chosen.chosen.measure.id).toBe('b-large-bond');
    expect(
      chosen.others.map((other) => [other.candidate.measure.id, other.amount.toFixed(0)]),
    ).toEqual([
      ['a-small-bond', '450000'],
      ['c-no-bond', '450000'],
    ]);
  });

  it('keeps rule order when amounts and bonds are equal', () => {
    const twin = candidate('d-twin', bondComponent('0.9', '0.5'), 'local-bond');
    expect(chooseCandidate(line('1000000'), [largeBond, twin]).chosen.measure.id).toBe(
      'b-large-bond',
    );
    expect(chooseCandidate(line('1000000'), [twin, largeBond]).chosen.measure.id).toBe('d-twin');
  });

  it('still gives a larger amount the line, whatever the bonds', () => {
    const richer = candidate('e-richer', rateComponent('0.46'), 'special-allocation-tax');
    expect(chooseCandidate(line('1000000'), [largeBond, richer]).chosen.measure.id).toBe(
      'e-richer',
    );
  });

  it('sends a negative line (a 戻入) where the same cost, positive, would go', () => {
    // On −1,000,000: 0.46 gives −460,000 and the bonds −450,000; ranked by their own amounts the
    // least negative (a bond) would take the correction of a cost the 0.46 measure took.
    const richer = candidate('e-richer', rateComponent('0.46'), 'special-allocation-tax');
    const chosen = chooseCandidate(line('-1000000'), [largeBond, richer, smallBond]);
    expect(chosen.chosen.measure.id).toBe('e-richer');
    // The alternatives keep their own (negative) amounts, in the same order as for the cost.
    expect(
      chosen.others.map((other) => [other.candidate.measure.id, other.amount.toFixed(0)]),
    ).toEqual([
      ['b-large-bond', '-450000'],
      ['a-small-bond', '-450000'],
    ]);
    expect(chooseCandidate(line('1000000'), [largeBond, richer, smallBond]).chosen.measure.id).toBe(
      'e-richer',
    );
  });

  it('compares bonds for a 不交付団体 too, whose amounts are all 0', () => {
    const on = entity({ nonRecipient: true });
    expect(
      chooseCandidate(line('1000000', undefined, {}, on), [smallBond, largeBond]).chosen.measure.id,
    ).toBe('b-large-bond');
  });
});
