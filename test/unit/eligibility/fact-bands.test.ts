import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOperators } from '../../../src/eligibility/decimal-operators.js';
import { FactBands } from '../../../src/eligibility/fact-bands.js';
import { evaluate } from '../../../src/index.js';
import type { ConditionLeaf } from '../../../src/schema/condition.js';
import type { Version } from '../../../src/schema/measure.js';

const cite = ['s'];
const ORDER = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
/** json-rules-engine's Operator evaluates through `evaluate`, which its type declarations omit. */
interface Evaluable {
  readonly name: string;
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}
const operators = new Map(
  (decimalOperators() as unknown as Evaluable[]).map((operator) => [operator.name, operator]),
);

function versionOf(leaves: readonly ConditionLeaf[]): Version {
  return {
    id: 'v',
    fiscalYears: { from: 2025, through: 2025, cite },
    conditions: { all: [...leaves] },
    components: [
      {
        id: 'c',
        title: 'c',
        conditions: { all: [] },
        amount: { method: 'none', outcome: 'ineligible', reason: 'r', cite },
      },
    ],
  } as unknown as Version;
}

const decimalText = fc
  .tuple(fc.integer({ min: -50, max: 50 }), fc.constantFrom('', '.0', '.5', '.25', '.999'))
  .map(([whole, fraction]) => `${String(whole)}${fraction}`);

const FACTS = {
  months: { type: 'number', label: 'months', scope: 'line' },
  kind: { type: 'enum', label: 'kind', scope: 'line' },
  count: { type: 'number', label: 'count', scope: 'line' },
} as const;

const LIST = {
  type: 'string-array' as const,
  label: 'list',
  scope: 'line' as const,
  values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  open: false,
};

describe('FactBands', () => {
  it('gives two values the same key only when every order condition on the fact agrees on them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ORDER), decimalText), { minLength: 1, maxLength: 5 }),
        decimalText,
        decimalText,
        (tests, a, b) => {
          const leaves = tests.map(([operator, value], index): ConditionLeaf => ({
            id: `l${String(index)}`,
            fact: 'months',
            operator,
            value,
            label: 'l',
            cite,
          }));
          const bands = new FactBands(FACTS, [versionOf(leaves)]);
          const outcomes = (value: string): boolean[] =>
            leaves.map((leaf) => {
              const operator = operators.get(leaf.operator);
              if (operator === undefined) throw new Error(leaf.operator);
              return operator.evaluate(value, leaf.value);
            });
          if (bands.keyOf('months', a) === bands.keyOf('months', b))
            expect(outcomes(a)).toEqual(outcomes(b));
          // And the bands are no coarser than the thresholds: equal numbers share a band.
          if (outcomes(a).join() !== outcomes(b).join())
            expect(bands.keyOf('months', a)).not.toBe(bands.keyOf('months', b));
        },
      ),
    );
  });

  it('keys by value a fact any condition tests otherwise than its kind allows', () => {
    const leaf = (id: string, fact: string, operator: ConditionLeaf['operator'], value: string) =>
      ({ id, fact, operator, value, label: id, cite }) satisfies ConditionLeaf;
    const bands = new FactBands(FACTS, [
      versionOf([leaf('a', 'count', 'greaterThan', '1'), leaf('b', 'kind', 'equal', 'x')]),
      versionOf([leaf('c', 'count', 'equal', '3')]),
      versionOf([leaf('d', 'months', 'lessThan', '6')]),
    ]);
    expect(bands.isBanded('count')).toBe(false);
    expect(bands.isBanded('kind')).toBe(true);
    expect(bands.isBanded('months')).toBe(true);
    expect(bands.keyOf('count', '4')).not.toBe(bands.keyOf('count', '5'));
    expect(bands.keyOf('months', '4')).toBe(bands.keyOf('months', '5'));
    // An enum tested only for named values: the unnamed ones read alike.
    expect(bands.keyOf('kind', 'y')).toBe(bands.keyOf('kind', 'z'));
    expect(bands.keyOf('kind', 'x')).not.toBe(bands.keyOf('kind', 'y'));
  });

  it('gives two enum values or lists the same key only when every condition on the fact agrees on them', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const someNames = fc.uniqueArray(fc.constantFrom(...names), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constantFrom('equal', 'notEqual'), fc.constantFrom(...names)),
            fc.tuple(fc.constantFrom('in', 'notIn'), someNames),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(
          fc.oneof(
            fc.tuple(fc.constantFrom('contains', 'doesNotContain'), fc.constantFrom(...names)),
            fc.tuple(fc.constant('containsAny'), someNames),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom(...names, 'f', 'g'),
        fc.constantFrom(...names, 'f', 'g'),
        fc.array(fc.constantFrom(...names, 'f', 'g'), { maxLength: 5 }),
        fc.array(fc.constantFrom(...names, 'f', 'g'), { maxLength: 5 }),
        (kindTests, listTests, a, b, listA, listB) => {
          const leaves = [
            ...kindTests.map(([operator, value], index) => ({
              id: `k${String(index)}`,
              fact: 'kind',
              operator,
              value,
              label: 'k',
              cite,
            })),
            ...listTests.map(([operator, value], index) => ({
              id: `l${String(index)}`,
              fact: 'list',
              operator,
              value,
              label: 'l',
              cite,
            })),
          ] as ConditionLeaf[];
          const bands = new FactBands({ ...FACTS, list: LIST }, [versionOf(leaves)]);
          const outcomes = (fact: string, value: string | string[]): boolean[] =>
            leaves
              .filter((leaf) => leaf.fact === fact)
              .map((leaf) => {
                const operator = operators.get(leaf.operator);
                if (operator === undefined) throw new Error(leaf.operator);
                return operator.evaluate(value, leaf.value);
              });
          if (bands.keyOf('kind', a) === bands.keyOf('kind', b))
            expect(outcomes('kind', a)).toEqual(outcomes('kind', b));
          if (bands.keyOf('list', listA) === bands.keyOf('list', listB))
            expect(outcomes('list', listA)).toEqual(outcomes('list', listB));
        },
      ),
    );
  });
});

describe('lines whose numbers share a band', () => {
  const entity = {
    code: '392081',
    name: '宿毛市',
    kind: 'city',
    attributes: { sandaiToshiken: false },
  };
  const line = (id: string, months: number | string) => ({
    id,
    entity: '392081',
    fiscalYear: 2025,
    program: 'kigyojin',
    costType: 'kigyojin-contribution',
    amount: '1000000',
    person: id,
    claim: 'kigyojin-haken-tokko',
    facts: {
      kigyojinType: 'haken',
      kigyojinAffiliation: 'sandai-toshiken',
      kigyojinAgreement: true,
      kigyojinHalfMonthInArea: true,
      kigyojinPeriodMonths: months,
    },
  });

  it('each show their own value in the reasons that name it', async () => {
    // 37, 40 and 48 months all fail 「6か月以上3年以下」 the same way: one judgement, three values.
    const report = await evaluate({
      entities: [entity],
      lines: [line('A', 37), line('B', 40), line('C', '48.5'), line('D', 12), line('E', 3)],
    });
    const shown = (id: string) =>
      report.lines
        .find((reportLine) => reportLine.id === id)
        ?.reasons.filter((reason) => reason.fact === 'kigyojinPeriodMonths')
        .map((reason) => reason.actual);
    expect(shown('A')).toEqual(['37']);
    expect(shown('B')).toEqual(['40']);
    expect(shown('C')).toEqual(['48.5']);
    expect(shown('E')).toEqual(['3']);
    expect(report.lines.map((reportLine) => reportLine.status)).toEqual([
      'ineligible',
      'ineligible',
      'ineligible',
      'eligible',
      'ineligible',
    ]);
    // The reasons otherwise agree: same codes, conditions and citations.
    const strip = (id: string) =>
      report.lines
        .find((reportLine) => reportLine.id === id)
        ?.reasons.map((reason) => ({ ...reason, actual: null }));
    expect(strip('B')).toEqual(strip('A'));
  });
});
