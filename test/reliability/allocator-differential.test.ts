import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { allocateGroup } from '../../src/compute/allocate-group.js';
import { plainFact } from '../../src/compute/group-context.js';
import { referenceAllocate } from '../../src/compute/reference/reference-allocator.js';
import type { Cap, Component, MeasureKind } from '../../src/schema/measure.js';
import { compareAllocators, plain } from '../helpers/allocator-differential.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../helpers/paths.js';
import {
  bondComponent,
  entity,
  line,
  measure,
  perPersonComponent,
  policy,
  rateComponent,
} from '../unit/compute/build.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

/**
 * The fast allocator (GroupAllocator and its helpers) against the reference allocator
 * (src/compute/reference/): every line's base, amount, bond, caps and verdict, and the group
 * warnings, must be equal — over every fixture, acceptance and sample ledger, generated ledgers
 * over the bundled rules, and generated groups of generated components.
 */

async function expectSame(ledger: unknown, policyInput?: Record<string, unknown>): Promise<number> {
  const compared = await compareAllocators(ledger, policyInput);
  for (const [row, [fast, reference]] of compared.allocations)
    expect({ row, allocation: fast }).toEqual({ row, allocation: reference });
  expect(compared.warnings[0]).toEqual(compared.warnings[1]);
  return compared.allocations.size;
}

describe('fast allocator ≡ reference allocator', () => {
  const ledgers = [...fixtureLedgers(), ...acceptanceLedgers(), sampleLedger()];
  it.each(ledgers.map((named) => [named.name, named] as const))('%s', async (_name, named) => {
    await expectSame(named.ledger, named.policy);
  });

  it('allocates lines in the committed ledgers at all', async () => {
    let allocated = 0;
    for (const named of ledgers) allocated += await expectSame(named.ledger, named.policy);
    expect(allocated).toBeGreaterThan(100);
  });

  it('names the measure-wide cap whose running total a negative line is under (of two)', async () => {
    // 業務委託費限度額: 1億円, and 5,000万円 for a region selected before; 55M then −2M binds only the second.
    const facts = {
      itakuPlanBased: true,
      itakuPaidInContractPeriod: true,
      itakuVoucher: true,
      itakuConsumptionTax: '0',
      itakuStaffRegistered: true,
    };
    const code = '7000012050002';
    const ledger = {
      entities: [
        {
          code,
          name: '株式会社伴走H',
          kind: 'contractor',
          attributes: { itakuPreviouslySelectedRegion: true, itakuOverheadRate: '0.1' },
        },
      ],
      lines: [
        ['F1', '45000000'],
        ['F2', '10000000'],
        ['F3', '-2000000'],
      ].map(([id, amount]) => ({
        id,
        entity: code,
        fiscalYear: 2025,
        program: 'dx-taisei-kochiku',
        costType: 'itaku-jinkenhi',
        amount,
        facts,
      })),
    };
    await expectSame(ledger);
    const report = await evaluate(ledger);
    const warning = report.warnings.find((w) => w.code === 'NEGATIVE_LINE_UNDER_BINDING_CAP');
    expect(warning?.message).toContain('上限5,000万円');
    expect(warning?.message).toContain('limit 50000000');
  });

  it('over generated ledgers with the bundled rules', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        await expectSame(ledger);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('over generated groups: caps of every scope, headcounts, corrections, persons, fractions, bonds', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        expectSameGroup(group);
      }),
      {
        numRuns: 1000,
        seed: SEED,
      },
    );
  });
});

const cite = ['s'];

const capArb: fc.Arbitrary<Cap> = fc
  .record({
    scope: fc.constantFrom('entity', 'person', 'line', 'measure'),
    limit: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.integer({ min: 0, max: 40 }).map((hundreds) => String(hundreds * 100)),
      },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    when: fc.option(fc.constantFrom<(string | number)[][]>(['a'], ['a', 'b'], [1]), {
      nil: undefined,
    }),
    shareOf: fc.option(fc.constantFrom('0.5', '1/3', '2/3'), { nil: undefined }),
    onAmount: fc.constantFrom(false, false, true),
  })
  .map(({ scope, limit, when, shareOf, onAmount }) => ({
    id: `cap-${scope}${onAmount && scope === 'line' ? '-amount' : ''}`,
    label: `上限 ${scope}`,
    scope,
    // A cap on the amount (rate × base) of each line alone; kept on rate components only, below.
    ...(onAmount && scope === 'line' ? { on: 'amount' as const } : {}),
    limit,
    cite,
    ...(when === undefined ? {} : { when: { fact: 'kind', in: when } }),
    // A share of a fact on each line alone (the only way the rules use it).
    ...(shareOf === undefined || scope !== 'line'
      ? {}
      : {
          shareOf: { fact: 'projectCost', rate: { value: shareOf, label: '事業費の割合', cite } },
        }),
  }));

const rateArb = fc.constantFrom('0.5', '0.7', '1', '2/3', '1/3', '0.333', '3/4');

const componentArb: fc.Arbitrary<Component> = fc
  .record({
    method: fc.constantFrom('rate', 'rate', 'bond', 'per-person'),
    rate: rateArb,
    tax: rateArb,
    unitAmount: fc.constantFrom('1000', '2500'),
    caps: fc.uniqueArray(capArb, { maxLength: 3, selector: (cap) => cap.id }),
    headcount: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ method, rate, tax, unitAmount, caps, headcount }) => {
    const base =
      method === 'bond'
        ? bondComponent(rate, tax)
        : method === 'per-person'
          ? perPersonComponent(unitAmount)
          : rateComponent(rate);
    const kept = method === 'rate' ? caps : caps.filter((cap) => cap.on !== 'amount');
    return {
      ...base,
      ...(kept.length === 0 ? {} : { caps: kept }),
      ...(headcount === undefined
        ? {}
        : { headcount: { id: 'headcount', label: `${headcount}人まで`, limit: headcount, cite } }),
    };
  });

const lineArb = fc.record({
  amount: fc.oneof(
    // Coarse amounts, so that persons tie and running totals cross limits.
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }).map((hundreds) => hundreds * 100) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }) },
    { weight: 2, arbitrary: fc.integer({ min: -15, max: 0 }).map((hundreds) => hundreds * 100) },
  ),
  person: fc.option(fc.constantFrom('P1', 'P2', 'P3', 'P4'), { nil: undefined, freq: 8 }),
  kind: fc.option(fc.constantFrom('a', 'b', '1'), { nil: undefined, freq: 8 }),
  projectCost: fc.option(fc.integer({ min: 0, max: 5000 }).map(String), {
    nil: undefined,
    freq: 8,
  }),
  selected: fc.constantFrom(false, false, false, true),
});

const groupArb = fc.record({
  component: componentArb,
  kind: fc.constantFrom<MeasureKind[]>(
    'special-allocation-tax',
    'national-subsidy',
    'local-bond',
    'contract-expense',
  ),
  on: fc.constantFrom({}, { nonRecipient: true }, { kind: 'special-ward' as const }),
  roundingUnit: fc.constantFrom('1', '1', '1000'),
  headcountSelection: fc.constantFrom<('rank' | 'explicit')[]>('rank', 'explicit'),
  lines: fc.array(lineArb, { maxLength: 16 }),
});

type GroupCase = typeof groupArb extends fc.Arbitrary<infer T> ? T : never;

function expectSameGroup(group: GroupCase): void {
  const on = entity(group.on);
  const lines = group.lines.map((spec) =>
    line(
      String(spec.amount),
      spec.person,
      {
        ...(spec.kind === undefined ? {} : { kind: spec.kind }),
        ...(spec.projectCost === undefined ? {} : { projectCost: spec.projectCost }),
        ...(spec.selected ? { selectedForHeadcount: true } : {}),
      },
      on,
    ),
  );
  const rules = policy({
    roundingUnit: group.roundingUnit,
    headcountSelection: group.headcountSelection,
  });
  const taken = measure(group.component, group.kind);
  const fast = allocateGroup(lines, taken, group.component, rules);
  const reference = referenceAllocate({
    lines: lines.map((entry) => ({ line: entry, measure: taken, component: group.component })),
    undecided: () => [],
    policy: rules,
    fact: plainFact,
  });
  const prefix = `${on.code} FY2025 ${taken.id}: `;
  expect(plain(fast.allocations)).toEqual(
    plain(lines.map((entry) => reference.allocations.get(entry.row))),
  );
  // Warnings in any order: the reference lists a measure-wide cap's after the group's own.
  const sorted = (list: readonly object[]): string[] => list.map((w) => JSON.stringify(w)).sort();
  expect(sorted(fast.warnings.map((w) => ({ ...w, message: prefix + w.message })))).toEqual(
    sorted(reference.warnings),
  );
}
