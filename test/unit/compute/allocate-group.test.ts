import { describe, expect, it } from 'vitest';
import { allocateGroup, type Allocation } from '../../../src/compute/allocate-group.js';
import type { Yen } from '../../../src/core/yen.js';
import type { Cap, Component } from '../../../src/schema/measure.js';
import {
  bondComponent,
  entity,
  line,
  measure,
  perPersonComponent,
  policy,
  rateComponent,
} from './build.js';

const cite = ['s'];
const entityCap = (limit: string): Cap => ({
  id: 'entity-cap',
  label: '1団体あたり上限',
  scope: 'entity',
  limit,
  cite,
});
const personCap = (limit: string): Cap => ({
  id: 'person-cap',
  label: '1人あたり上限',
  scope: 'person',
  limit,
  cite,
});
const headcount = (limit: number): NonNullable<Component['headcount']> => ({
  id: 'persons',
  label: '対象上限（1名分）',
  limit,
  cite,
});

type Allocated = Extract<Allocation, { kind: 'allocated' }>;

function allocated(allocation: Allocation | undefined): Allocated {
  if (allocation?.kind !== 'allocated')
    throw new Error(`expected an allocation, got ${JSON.stringify(allocation)}`);
  return allocation;
}

const yenText = (value: Yen | null): string | null => (value === null ? null : value.toFixed(0));

function summary(allocations: readonly Allocation[]): unknown[] {
  return allocations.map((allocation) =>
    allocation.kind === 'allocated'
      ? {
          base: yenText(allocation.base),
          amount: yenText(allocation.amount),
          bond: yenText(allocation.bond),
        }
      : allocation.kind,
  );
}

describe('allocateGroup: rate', () => {
  it('applies the rate to the running total of the group (docs/decisions.md §1.6)', () => {
    const component = rateComponent('0.7');
    const { allocations, warnings } = allocateGroup(
      [line('1'), line('1'), line('1')],
      measure(component),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([
      { base: '1', amount: '0', bond: null },
      { base: '1', amount: '1', bond: null },
      { base: '1', amount: '1', bond: null },
    ]);
    expect(warnings).toEqual([]);
    for (const allocation of allocations) {
      expect(allocated(allocation)).toMatchObject({
        caps: [],
        headcountExcluded: false,
        nonRecipient: false,
      });
    }
  });

  it('rounds the running total down to the policy rounding unit', () => {
    const component = rateComponent('0.7');
    const { allocations } = allocateGroup(
      [line('600000'), line('634567')],
      measure(component),
      component,
      policy({ roundingUnit: '1000' }),
    );
    expect(summary(allocations)).toEqual([
      { base: '600000', amount: '420000', bond: null },
      { base: '634567', amount: '444000', bond: null },
    ]);
  });

  it('needs no person when neither a headcount, a person cap nor a per-person amount applies', () => {
    const component = rateComponent('0.7', { caps: [entityCap('1000000')] });
    const { allocations } = allocateGroup(
      [line('100'), line('200', 'p')],
      measure(component),
      component,
      policy(),
    );
    expect(allocations.map((a) => a.kind)).toEqual(['allocated', 'allocated']);
  });
});

describe('allocateGroup: lines without a person', () => {
  it.each([
    ['a headcount cap', rateComponent('0.7', { headcount: headcount(3) }), '人数上限'],
    ['a per-person cap', rateComponent('0.7', { caps: [personCap('20000000')] }), '1人ごとの上限'],
    ['a per-person amount', perPersonComponent('7800000'), '1人あたりの額'],
  ])('marks them invalid on the field "person" under %s', (_, component, why) => {
    const { allocations } = allocateGroup(
      [line('100', 'p'), line('200'), line('300', 'q')],
      measure(component),
      component,
      policy(),
    );
    expect(allocations[1]).toEqual({
      kind: 'invalid',
      field: 'person',
      expected: expect.stringContaining(why) as unknown,
      received: '未入力',
    });
    // The measure by its title (people read it), not its rule id.
    expect(allocations[1]).toMatchObject({
      expected: expect.stringContaining('人物ID（test measureの') as unknown,
    });
    expect(allocations[0]?.kind).toBe('allocated');
    expect(allocations[2]?.kind).toBe('allocated');
  });

  it('leaves them out of the group total', () => {
    const component = rateComponent('0.5', { caps: [personCap('1000')] });
    const { allocations } = allocateGroup(
      [line('1'), line('3', 'p'), line('1', 'p')],
      measure(component),
      component,
      policy(),
    );
    // Without the invalid line the running totals are 3 and 4: floor(1.5) = 1, floor(2) = 2.
    expect(summary(allocations)).toEqual([
      'invalid',
      { base: '3', amount: '1', bond: null },
      { base: '1', amount: '1', bond: null },
    ]);
  });
  it('handles a group in which no line has a person', () => {
    const component = rateComponent('0.7', { headcount: headcount(1) });
    const { allocations, warnings } = allocateGroup(
      [line('100'), line('200')],
      measure(component),
      component,
      policy(),
    );
    expect(allocations.map((a) => a.kind)).toEqual(['invalid', 'invalid']);
    expect(warnings).toEqual([]);
  });
});

describe('allocateGroup: caps', () => {
  it('consumes an entity cap in ledger order and notes counted, headroom and binding', () => {
    const component = rateComponent('0.7', { caps: [entityCap('1000000')] });
    const lines = [line('700000'), line('600000'), line('-400000'), line('200000')];
    const { allocations, warnings } = allocateGroup(lines, measure(component), component, policy());
    expect(summary(allocations)).toEqual([
      { base: '700000', amount: '490000', bond: null },
      { base: '300000', amount: '210000', bond: null },
      { base: '-100000', amount: '-70000', bond: null },
      { base: '100000', amount: '70000', bond: null },
    ]);
    const notes = allocations.map((a) => allocated(a).caps);
    const note = { id: 'entity-cap', label: '1団体あたり上限', scope: 'entity', limit: '1000000' };
    expect(notes).toEqual([
      [{ ...note, counted: '700000', headroom: '300000', binding: false }],
      [{ ...note, counted: '300000', headroom: '0', binding: true }],
      [{ ...note, counted: '-100000', headroom: '100000', binding: true }],
      [{ ...note, counted: '100000', headroom: '0', binding: true }],
    ]);
    // The correction met a cap that bound: a review is asked for (its line is named).
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'NEGATIVE_LINE_UNDER_BINDING_CAP',
        line: lines[2]?.id,
      }) as unknown,
    ]);
  });

  it('asks for no review when a negative line meets a cap that never bound', () => {
    const component = rateComponent('1', { caps: [entityCap('1000')] });
    const { allocations, warnings } = allocateGroup(
      [line('600'), line('-100'), line('400')],
      measure(component),
      component,
      policy(),
    );
    expect(warnings).toEqual([]);
    expect(summary(allocations)).toEqual([
      { base: '600', amount: '600', bond: null },
      { base: '-100', amount: '-100', bond: null },
      { base: '400', amount: '400', bond: null },
    ]);
  });

  it('reports a line that the cap leaves untouched as not binding, even at exactly the limit', () => {
    const component = rateComponent('1', { caps: [entityCap('1000')] });
    const { allocations } = allocateGroup(
      [line('400'), line('600'), line('0')],
      measure(component),
      component,
      policy(),
    );
    expect(allocations.map((a) => allocated(a).caps[0])).toMatchObject([
      { counted: '400', headroom: '600', binding: false },
      { counted: '600', headroom: '0', binding: false },
      { counted: '0', headroom: '0', binding: false },
    ]);
  });

  it('applies a person cap to each person separately', () => {
    const component = rateComponent('1', { caps: [personCap('1000')] });
    const { allocations } = allocateGroup(
      [line('800', 'a'), line('800', 'b'), line('800', 'a'), line('100', 'b')],
      measure(component),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([
      { base: '800', amount: '800', bond: null },
      { base: '800', amount: '800', bond: null },
      { base: '200', amount: '200', bond: null },
      { base: '100', amount: '100', bond: null },
    ]);
    expect(allocations.map((a) => allocated(a).caps[0]?.headroom)).toEqual([
      '200',
      '200',
      '0',
      '100',
    ]);
  });

  it('applies several caps one after the other, each noted on the line', () => {
    const component = rateComponent('1', { caps: [personCap('1000'), entityCap('1500')] });
    const { allocations } = allocateGroup(
      [line('1200', 'a'), line('900', 'b')],
      measure(component),
      component,
      policy(),
    );
    // Person caps: a 1000, b 900; then the entity cap: 1000 + 500.
    expect(summary(allocations)).toEqual([
      { base: '1000', amount: '1000', bond: null },
      { base: '500', amount: '500', bond: null },
    ]);
    expect(
      allocations.map((a) => allocated(a).caps.map((c) => [c.id, c.counted, c.binding])),
    ).toEqual([
      [
        ['person-cap', '1000', true],
        ['entity-cap', '1000', false],
      ],
      [
        ['person-cap', '900', false],
        ['entity-cap', '500', true],
      ],
    ]);
  });
});

describe('allocateGroup: headcount', () => {
  it('counts the persons with the largest totals and gives the others 0 with a headcount note', () => {
    const component = rateComponent('0.7', {
      headcount: headcount(1),
      caps: [entityCap('100000000')],
    });
    const { allocations, warnings } = allocateGroup(
      [line('1000', 'a'), line('3000', 'b'), line('500', 'a')],
      measure(component),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([
      { base: '0', amount: '0', bond: null },
      { base: '3000', amount: '2100', bond: null },
      { base: '0', amount: '0', bond: null },
    ]);
    const excluded = allocated(allocations[0]);
    expect(excluded.headcountExcluded).toBe(true);
    // An excluded line counts nothing under the amount caps, so it carries only the headcount note.
    expect(excluded.caps).toEqual([
      {
        id: 'persons',
        label: '対象上限（1名分）',
        scope: 'headcount',
        limit: '1',
        counted: '0',
        headroom: '0',
        binding: true,
      },
    ]);
    expect(allocated(allocations[1]).headcountExcluded).toBe(false);
    expect(allocated(allocations[1]).caps.map((c) => c.id)).toEqual(['entity-cap']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'HEADCOUNT_DEFAULT_SELECTION', line: null });
    expect(warnings[0]?.message).toContain('対象上限（1名分）');
    expect(warnings[0]?.message).toMatch(/（人物 b）を算入し、人物 a は算入しない$/);
  });

  it('gives no warning when the persons fit the headcount', () => {
    const component = rateComponent('0.7', { headcount: headcount(2) });
    const { allocations, warnings } = allocateGroup(
      [line('1000', 'a'), line('3000', 'b')],
      measure(component),
      component,
      policy(),
    );
    expect(warnings).toEqual([]);
    expect(allocations.every((a) => !allocated(a).headcountExcluded)).toBe(true);
  });

  it('counts the selected persons without a warning', () => {
    const component = rateComponent('0.7', { headcount: headcount(1) });
    const { allocations, warnings } = allocateGroup(
      [line('1000', 'a', { selectedForHeadcount: true }), line('3000', 'b')],
      measure(component),
      component,
      policy(),
    );
    expect(warnings).toEqual([]);
    expect(summary(allocations)).toEqual([
      { base: '1000', amount: '700', bond: null },
      { base: '0', amount: '0', bond: null },
    ]);
  });

  it('makes every line of the group invalid when more persons are selected than the cap allows', () => {
    const component = rateComponent('0.7', { headcount: headcount(1) });
    const { allocations } = allocateGroup(
      [
        line('1', 'a', { selectedForHeadcount: true }),
        line('2', 'b', { selectedForHeadcount: true }),
        line('3', 'c'),
      ],
      measure(component),
      component,
      policy(),
    );
    for (const allocation of allocations) {
      expect(allocation).toEqual({
        kind: 'invalid',
        field: 'facts.selectedForHeadcount',
        expected: '選択は 1 人まで（対象上限（1名分））',
        received: '2 人を選択',
      });
    }
  });

  it('leaves the group undetermined under the explicit policy when persons exceed the cap', () => {
    const component = rateComponent('0.7', { headcount: headcount(1) });
    const { allocations, warnings } = allocateGroup(
      [line('1', 'a'), line('2', 'b')],
      measure(component),
      component,
      policy({ headcountSelection: 'explicit' }),
    );
    expect(warnings).toEqual([]);
    for (const allocation of allocations) {
      expect(allocation).toMatchObject({
        kind: 'undetermined',
        missing: ['selectedForHeadcount'],
        text: expect.stringContaining('explicit') as unknown,
      });
    }
  });

  it('keeps a line without a person invalid and ranks only the others', () => {
    const component = rateComponent('1', { headcount: headcount(1) });
    const { allocations } = allocateGroup(
      [line('9000'), line('10', 'a'), line('20', 'b')],
      measure(component),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([
      'invalid',
      { base: '0', amount: '0', bond: null },
      { base: '20', amount: '20', bond: null },
    ]);
  });
});

describe('allocateGroup: per person', () => {
  it('carries the unit amount on the first line of each person whose total is positive', () => {
    const component = perPersonComponent('7800000');
    const { allocations } = allocateGroup(
      [
        line('300', 'p1'),
        line('500', 'p1'),
        line('-100', 'p2'),
        line('100', 'p3'),
        line('-100', 'p3'),
        line('-100', 'p4'),
        line('500', 'p4'),
      ],
      measure(component, 'ordinary-allocation-tax-estimate'),
      component,
      policy(),
    );
    expect(allocations.map((a) => allocated(a).amount.toFixed(0))).toEqual([
      '7800000',
      '0',
      '0', // p2: total −100
      '0', // p3: total 0
      '0',
      '7800000', // p4: total 400, carried on the first line even though it is negative
      '0',
    ]);
    expect(allocations.map((a) => allocated(a).base.toFixed(0))).toEqual([
      '300',
      '500',
      '-100',
      '100',
      '-100',
      '-100',
      '500',
    ]);
  });

  it('does not round the unit amount to the policy unit', () => {
    const component = perPersonComponent('7812345');
    const { allocations } = allocateGroup(
      [line('1', 'p')],
      measure(component, 'ordinary-allocation-tax-estimate'),
      component,
      policy({ roundingUnit: '1000' }),
    );
    expect(allocated(allocations[0]).amount.toFixed(0)).toBe('7812345');
  });

  it('judges the person total after the person cap', () => {
    const component: Component = { ...perPersonComponent('100'), caps: [personCap('0')] };
    const { allocations } = allocateGroup(
      [line('500', 'p')],
      measure(component, 'ordinary-allocation-tax-estimate'),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([{ base: '0', amount: '0', bond: null }]);
  });
});

describe('allocateGroup: bond', () => {
  it('floors the bond on the running base and the amount on the running bond', () => {
    const component = bondComponent('0.9', '0.5');
    const { allocations } = allocateGroup(
      [line('333333'), line('333333'), line('333334')],
      measure(component, 'local-bond'),
      component,
      policy(),
    );
    // Bonds: floor(299,999.7) = 299,999; floor(599,999.4) = 599,999; 900,000.
    // Amounts: floor(149,999.5) = 149,999; floor(299,999.5) = 299,999; 450,000.
    expect(summary(allocations)).toEqual([
      { base: '333333', amount: '149999', bond: '299999' },
      { base: '333333', amount: '150000', bond: '300000' },
      { base: '333334', amount: '150001', bond: '300001' },
    ]);
  });

  it('rounds the bond to whole yen and only the amount to the policy unit', () => {
    const component = bondComponent('0.9', '0.5');
    const { allocations } = allocateGroup(
      [line('1000001')],
      measure(component, 'local-bond'),
      component,
      policy({ roundingUnit: '1000' }),
    );
    expect(summary(allocations)).toEqual([{ base: '1000001', amount: '450000', bond: '900000' }]);
  });
});

describe('allocateGroup: entities that receive no 交付税 (docs/decisions.md §1.8)', () => {
  it.each([
    ['a 不交付団体', entity({ nonRecipient: true })],
    ['a 特別区', entity({ kind: 'special-ward', code: '131016' })],
  ])('gives %s amount 0 on an allocation-tax measure, keeping the base', (_, on) => {
    const component = rateComponent('0.7');
    const { allocations } = allocateGroup(
      [line('1000', undefined, {}, on), line('2000', undefined, {}, on)],
      measure(component),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([
      { base: '1000', amount: '0', bond: null },
      { base: '2000', amount: '0', bond: null },
    ]);
    expect(allocations.every((a) => allocated(a).nonRecipient)).toBe(true);
  });

  it('zeroes the ordinary-allocation-tax estimate too', () => {
    const component = perPersonComponent('7800000');
    const on = entity({ nonRecipient: true, kind: 'prefecture', code: '130001' });
    const { allocations } = allocateGroup(
      [line('1', 'p', {}, on)],
      measure(component, 'ordinary-allocation-tax-estimate'),
      component,
      policy(),
    );
    expect(allocated(allocations[0])).toMatchObject({ nonRecipient: true });
    expect(allocated(allocations[0]).amount.toFixed(0)).toBe('0');
  });

  it('keeps the bond of a local bond and zeroes only its 交付税措置', () => {
    const component = bondComponent('0.9', '0.5');
    const on = entity({ nonRecipient: true });
    const { allocations } = allocateGroup(
      [line('1000000', undefined, {}, on)],
      measure(component, 'local-bond'),
      component,
      policy(),
    );
    expect(summary(allocations)).toEqual([{ base: '1000000', amount: '0', bond: '900000' }]);
    expect(allocated(allocations[0]).nonRecipient).toBe(true);
  });

  it.each(['national-subsidy', 'contract-expense'] as const)(
    'does not zero a %s measure',
    (kind) => {
      const component = rateComponent('0.5');
      const on = entity({ nonRecipient: true });
      const { allocations } = allocateGroup(
        [line('1000', undefined, {}, on)],
        measure(component, kind),
        component,
        policy(),
      );
      expect(summary(allocations)).toEqual([{ base: '1000', amount: '500', bond: null }]);
      expect(allocated(allocations[0]).nonRecipient).toBe(false);
    },
  );
});
