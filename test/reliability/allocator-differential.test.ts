import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { allocateGroup } from '../../src/compute/allocate-group.js';
import { AllocationRule } from '../../src/compute/allocation-rule.js';
import { GroupAllocator, type Allocation } from '../../src/compute/group-allocator.js';
import { plainFact } from '../../src/compute/group-context.js';
import { personTallyFor, planGroup } from '../../src/compute/group-plan.js';
import { referenceAllocate } from '../../src/compute/reference/reference-allocator.js';
import { ReferenceTerms } from '../../src/compute/reference/reference-terms.js';
import { TermHistory } from '../../src/compute/term-history.js';
import type { LedgerLine } from '../../src/ledger/normalize-ledger.js';
import type { Cap, Component, MeasureKind } from '../../src/schema/measure.js';
import { compareAllocators, plain } from '../helpers/allocator-differential.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../helpers/paths.js';
import { placeText } from '../../src/compute/place-text.js';
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
    expect(warning?.message).toContain('上限 50,000,000円');
    // A contract total has nothing to do with 市町村負担金, and the text is for people.
    expect(warning?.message).not.toMatch(/A-02|負担金|limit|negative/);
    expect(warning?.message).not.toContain('最大1億円');
  });

  it('deducts receipts after the person cap alike (A-02)', async () => {
    // Costs 25M and a 3M receipt for one person: max(0, min(25M, 20M) − 3M) = 17M → 11.9M.
    const facts = { employment: 'part-time', mainDutyMunicipalSupport: true };
    const ledger = {
      entities: [{ code: '390003', name: '高知県', kind: 'prefecture' }],
      lines: [
        ['R1', 'contribution-received', '3000000'],
        ['R2', 'compensation', '15000000'],
        ['R3', 'compensation', '10000000'],
      ].map(([id, costType, amount]) => ({
        id,
        entity: '390003',
        fiscalYear: 2025,
        program: 'municipal-dx-support',
        costType,
        amount,
        person: 'A',
        facts,
      })),
    };
    expect(await expectSame(ledger)).toBe(3);
    const report = await evaluate(ledger);
    expect(report.lines.map((l) => [l.base, l.amount])).toEqual([
      ['-3000000', '-2100000'],
      ['15000000', '10500000'],
      ['5000000', '3500000'],
    ]);
  });

  it('over generated ledgers with the bundled rules', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        await expectSame(ledger);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  // One plan's lines under several rate tiers (components) that carry one cap over a term: the
  // tiers share the plan's term (both allocators once kept a term per component).
  const masterplanArb = fc.array(
    fc.record({
      entity: fc.constantFrom('390003', '392081'),
      fiscalYear: fc.integer({ min: 2024, max: 2026 }),
      novel: fc.boolean(),
      planId: fc.constantFrom(1, 2),
      amount: fc.integer({ min: -3_000_000, max: 15_000_000 }),
    }),
    { minLength: 1, maxLength: 12 },
  );
  it('over generated マスタープラン ledgers: one plan under several rate tiers, negatives, years', async () => {
    await fc.assert(
      fc.asyncProperty(masterplanArb, async (specs) => {
        const entities = [
          { code: '390003', name: '高知県', kind: 'prefecture' },
          {
            code: '392081',
            name: '宿毛市',
            kind: 'city',
            attributes: { fiscalCapacityIndex: '0.3' },
          },
        ];
        const lines = specs.map((spec, index) => ({
          id: `M${index + 1}`,
          entity: spec.entity,
          fiscalYear: spec.fiscalYear,
          program: 'bunsan-energy',
          costType: 'bunsan-energy-masterplan',
          amount: String(spec.amount),
          facts: { bunsanEnergyHighlyNovel: spec.novel, planId: spec.planId },
        }));
        await expectSame({ entities, lines });
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('over generated terms: caps over a term across fiscal years, the years allocated in any order', () => {
    fc.assert(
      fc.property(termCaseArb, (termCase) => {
        expectSameTerms(termCase);
      }),
      { numRuns: 500, seed: SEED },
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
    deducts: fc.boolean(),
    // A cap over a term (docs/decisions.md §1.4): per person, or per plan for scope entity.
    term: fc.constantFrom(false, false, true),
    onAmount: fc.constantFrom(false, false, true),
  })
  .map(({ scope, limit, when, shareOf, deducts, term, onAmount }) => ({
    id: `cap-${scope}${term ? '-term' : ''}${onAmount && scope === 'line' ? '-amount' : ''}`,
    label: `上限 ${scope}`,
    scope,
    // A cap on the amount (rate × base) of each line alone; kept on rate components only, below.
    ...(onAmount && scope === 'line' ? { on: 'amount' as const } : {}),
    limit,
    cite,
    ...(term && (scope === 'person' || scope === 'entity')
      ? {
          term: {
            ...(scope === 'entity' ? { keyFact: 'plan' } : {}),
            priorFact: 'prior',
            priorAssumptions: ['A-60'],
            cite,
          },
        }
      : {}),
    ...(when === undefined ? {} : { when: { fact: 'kind', in: when } }),
    // Receipts deducted after a person cap: only on a stated limit without when or shareOf.
    // (Not with a term: the rules have no receipts under a cap over several years.)
    ...(deducts && !term && scope === 'person' && limit !== null && when === undefined
      ? {
          deductAfter: {
            id: 'receipts',
            label: '負担金の控除',
            costTypes: ['contribution-received'],
            cite,
          },
        }
      : {}),
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
  .map(({ method, rate, tax, unitAmount, caps: drawn, headcount }) => {
    // check-rules keeps caps over a term away from measure-wide caps.
    const caps = drawn.some((cap) => cap.term !== undefined)
      ? drawn.filter((cap) => cap.scope !== 'measure')
      : drawn;
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
  receipt: fc.constantFrom(false, false, false, true),
  plan: fc.option(fc.constantFrom('1', '2'), { nil: undefined, freq: 6 }),
  prior: fc.option(
    fc.constantFrom('0', '300', '1500', '5000').map((value) => value),
    { nil: undefined, freq: 2 },
  ),
  fiscalYear: fc.constantFrom(2024, 2025, 2026),
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

type LineSpec = GroupCase['lines'][number];

function lineOf(spec: LineSpec, on: ReturnType<typeof entity>): LedgerLine {
  const made = line(
    String(spec.amount),
    spec.person,
    {
      ...(spec.kind === undefined ? {} : { kind: spec.kind }),
      ...(spec.projectCost === undefined ? {} : { projectCost: spec.projectCost }),
      ...(spec.selected ? { selectedForHeadcount: true } : {}),
      ...(spec.plan === undefined ? {} : { plan: spec.plan }),
      ...(spec.prior === undefined ? {} : { prior: spec.prior }),
    },
    on,
  );
  return spec.receipt ? { ...made, costType: 'contribution-received' } : made;
}

const termCaseArb = fc.record({
  component: componentArb.filter((component) =>
    (component.caps ?? []).some((cap) => cap.term !== undefined),
  ),
  roundingUnit: fc.constantFrom('1', '1000'),
  lines: fc.array(lineArb, { maxLength: 20 }),
  // The order the fast path allocates the fiscal years in: a term must not depend on it.
  order: fc.constantFrom<('ascending' | 'descending' | 'middle-first')[]>(
    'ascending',
    'descending',
    'middle-first',
  ),
});

/**
 * Lines of one entity × measure × component over three fiscal years: the fast path allocates each
 * year's group on its own (in the order drawn) from TermHistory's starts, the reference allocates the
 * years in ascending order carrying ReferenceTerms.
 */
function expectSameTerms(
  termCase: typeof termCaseArb extends fc.Arbitrary<infer T> ? T : never,
): void {
  const on = entity();
  const lines = termCase.lines.map((spec) => ({
    ...lineOf(spec, on),
    fiscalYear: spec.fiscalYear,
  }));
  const rules = policy({ roundingUnit: termCase.roundingUnit });
  const { component } = termCase;
  const taken = measure(component, 'special-allocation-tax');
  const years = [...new Set(lines.map((entry) => entry.fiscalYear))].sort((a, b) => a - b);
  const history = new TermHistory(rules, plainFact);
  for (const entry of lines) history.add(entry, taken, component);
  const order =
    termCase.order === 'descending'
      ? [...years].reverse()
      : termCase.order === 'middle-first'
        ? [...years.slice(1), ...years.slice(0, 1)]
        : years;
  const fast = new Map<number, Allocation>();
  const fastWarnings: string[] = [];
  for (const year of order) {
    const own = lines.filter((entry) => entry.fiscalYear === year);
    const tally = personTallyFor(component);
    for (const entry of own) if (entry.person !== undefined) tally?.add(entry);
    const allocator = new GroupAllocator(
      new AllocationRule(taken, component, on, rules, {
        fact: plainFact,
        measureScopes: new Map(),
        extraCaps: [],
        terms: history.startsFor(year),
      }),
      planGroup(component, tally, rules),
    );
    for (const entry of own) fast.set(entry.row, allocator.next(entry));
    for (const warning of allocator.finish())
      fastWarnings.push(
        JSON.stringify({
          ...warning,
          message: `${placeText(on, year, taken)}: ${warning.message}`,
        }),
      );
  }
  // Its first startsFor replayed every year and let go of the lines: none may come after.
  const late = lines[0];
  if (late !== undefined)
    expect(() => {
      history.add(late, taken, component);
    }).toThrow(/after the terms were replayed/u);
  const terms = new ReferenceTerms(
    lines.map((entry) => ({ line: entry, measure: taken, component })),
    plainFact,
  );
  const reference = new Map<number, Allocation>();
  const referenceWarnings: string[] = [];
  for (const year of years) {
    const result = referenceAllocate({
      lines: lines
        .filter((entry) => entry.fiscalYear === year)
        .map((entry) => ({ line: entry, measure: taken, component })),
      undecided: () => [],
      policy: rules,
      fact: plainFact,
      terms,
    });
    for (const [row, allocation] of result.allocations) reference.set(row, allocation);
    for (const warning of result.warnings) referenceWarnings.push(JSON.stringify(warning));
  }
  expect(plain(lines.map((entry) => fast.get(entry.row)))).toEqual(
    plain(lines.map((entry) => reference.get(entry.row))),
  );
  expect(fastWarnings.sort()).toEqual(referenceWarnings.sort());
}

function expectSameGroup(group: GroupCase): void {
  const on = entity(group.on);
  const lines = group.lines.map((spec) => lineOf(spec, on));
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
  const prefix = `${placeText(on, 2025, taken)}: `;
  expect(plain(fast.allocations)).toEqual(
    plain(lines.map((entry) => reference.allocations.get(entry.row))),
  );
  // Warnings in any order: the reference lists a measure-wide cap's after the group's own.
  const sorted = (list: readonly object[]): string[] => list.map((w) => JSON.stringify(w)).sort();
  expect(sorted(fast.warnings.map((w) => ({ ...w, message: prefix + w.message })))).toEqual(
    sorted(reference.warnings),
  );
}
