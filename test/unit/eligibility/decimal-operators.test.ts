import fc from 'fast-check';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { decimalOperators } from '../../../src/eligibility/decimal-operators.js';
import { MISSING } from '../../../src/core/missing.js';
import { OPERATORS, type Operator as OperatorName } from '../../../src/schema/condition.js';

/** json-rules-engine's Operator evaluates through `evaluate`, which its type declarations omit. */
interface Evaluable {
  readonly name: string;
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

const operators = decimalOperators() as unknown as Evaluable[];

function op(name: OperatorName): (factValue: unknown, jsonValue: unknown) => boolean {
  const found = operators.find((operator) => operator.name === name);
  if (found === undefined) throw new Error(`no operator ${name}`);
  return (factValue, jsonValue) => found.evaluate(factValue, jsonValue);
}

describe('decimalOperators', () => {
  it('provides exactly the operators a rule may use', () => {
    expect(operators.map((operator) => operator.name).sort()).toEqual([...OPERATORS].sort());
  });

  describe('numeric comparisons', () => {
    it.each([
      ['100', 'greaterThan', '9', true],
      ['9', 'lessThan', '100', true],
      ['100', 'lessThan', '9', false],
      ['1000000.5', 'greaterThan', '1000000', true],
      ['1000000', 'lessThan', '1000000.5', true],
      ['1000000.5', 'lessThanInclusive', '1000000', false],
      ['-5', 'lessThan', '-10', false],
      ['-10', 'lessThan', '-5', true],
      ['-1', 'greaterThan', '-2', true],
      ['-0.5', 'lessThan', '0', true],
      ['0', 'greaterThan', '-100', true],
      ['5', 'greaterThanInclusive', '5', true],
      ['5', 'lessThanInclusive', '5', true],
      ['5', 'greaterThan', '5', false],
      ['5', 'lessThan', '5', false],
      ['5.0', 'greaterThanInclusive', '5', true],
      ['5.00', 'lessThanInclusive', '5', true],
      ['4.99', 'greaterThanInclusive', '5', false],
      ['007', 'greaterThan', '6', true],
      ['999999999999999999999999', 'greaterThan', '999999999999999999999998', true],
    ] as const)('%s %s %s is %s', (fact, name, value, expected) => {
      expect(op(name)(fact, value)).toBe(expected);
    });

    it.each([
      ['a JS number fact', 100, '9'],
      ['a JS number value', '100', 9],
      ['JS numbers on both sides', 100, 9],
      ['a non-decimal string', 'abc', '9'],
      ['an exponent', '1e3', '9'],
      ['a leading plus', '+100', '9'],
      ['a leading dot', '.5', '0'],
      ['a trailing dot', '5.', '0'],
      ['thousands separators', '1,000', '9'],
      ['surrounding spaces', ' 100 ', '9'],
      ['an empty string', '', '-1'],
      ['a boolean', true, '0'],
      ['a list', ['100'], '9'],
      ['null', null, '0'],
      ['undefined', undefined, '0'],
    ])('is false for %s, in every direction', (_, fact, value) => {
      for (const name of [
        'lessThan',
        'lessThanInclusive',
        'greaterThan',
        'greaterThanInclusive',
      ] as const) {
        expect(op(name)(fact, value)).toBe(false);
        expect(op(name)(value, fact)).toBe(false);
      }
    });

    it('orders any two decimal strings as numbers', () => {
      // A decimal string with `scale` fraction digits: digits / 10^scale.
      const decimal = fc
        .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat({ max: 6 }))
        .map(([digits, scale]) => {
          const negative = digits < 0n;
          const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
          const whole = text.slice(0, text.length - scale);
          const fraction = text.slice(text.length - scale);
          return {
            text: `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`,
            digits,
            scale,
          };
        });
      fc.assert(
        fc.property(decimal, decimal, (a, b) => {
          const left = a.digits * 10n ** BigInt(6 - a.scale);
          const right = b.digits * 10n ** BigInt(6 - b.scale);
          expect(op('greaterThan')(a.text, b.text)).toBe(left > right);
          expect(op('greaterThanInclusive')(a.text, b.text)).toBe(left >= right);
          expect(op('lessThan')(a.text, b.text)).toBe(left < right);
          expect(op('lessThanInclusive')(a.text, b.text)).toBe(left <= right);
        }),
      );
    });
  });

  describe('equality and membership', () => {
    it('compares with equal and notEqual strictly', () => {
      expect(op('equal')(true, true)).toBe(true);
      expect(op('equal')('city', 'city')).toBe(true);
      expect(op('equal')(false, 'false')).toBe(false);
      expect(op('notEqual')('city', 'town')).toBe(true);
      expect(op('notEqual')(false, false)).toBe(false);
    });

    it('tests in and notIn against the condition list', () => {
      expect(op('in')('city', ['city', 'town'])).toBe(true);
      expect(op('in')('village', ['city', 'town'])).toBe(false);
      expect(op('notIn')('village', ['city', 'town'])).toBe(true);
      expect(op('notIn')('city', ['city', 'town'])).toBe(false);
    });

    it('treats a non-list condition value of in as matching nothing (no substring match)', () => {
      expect(op('in')('ci', 'city')).toBe(false);
      expect(op('notIn')('ci', 'city')).toBe(true);
    });

    it('tests contains and doesNotContain on list facts', () => {
      expect(op('contains')(['it-strategist', 'systems-auditor'], 'systems-auditor')).toBe(true);
      expect(op('contains')(['it-strategist'], 'systems-auditor')).toBe(false);
      expect(op('contains')([], 'x')).toBe(false);
      expect(op('doesNotContain')(['it-strategist'], 'systems-auditor')).toBe(true);
      expect(op('doesNotContain')(['systems-auditor'], 'systems-auditor')).toBe(false);
    });

    it('never matches substrings of a string fact with contains', () => {
      expect(op('contains')('it-strategist', 'strategist')).toBe(false);
      expect(op('doesNotContain')('it-strategist', 'strategist')).toBe(true);
    });

    it('tests containsAny for a shared element', () => {
      expect(op('containsAny')(['a', 'b'], ['c', 'b'])).toBe(true);
      expect(op('containsAny')(['a', 'b'], ['c', 'd'])).toBe(false);
      expect(op('containsAny')([], ['a'])).toBe(false);
      expect(op('containsAny')(['a'], [])).toBe(false);
      expect(op('containsAny')('abc', ['abc'])).toBe(false);
    });
  });

  it.each(OPERATORS)('%s is false on a missing fact, whatever it is compared with', (name) => {
    for (const value of ['0', '-1', '100', 'city', true, false, [], ['city'], ['a', 'b']]) {
      expect(op(name)(MISSING, value)).toBe(false);
    }
  });

  describe('registered on a json-rules-engine Engine', () => {
    async function fires(
      condition: TopLevelCondition,
      facts: Record<string, unknown>,
      withDecimalOperators = true,
    ): Promise<boolean> {
      const engine = new Engine([], { allowUndefinedFacts: false });
      if (withDecimalOperators)
        for (const operator of decimalOperators()) engine.addOperator(operator);
      engine.addRule({ conditions: condition, event: { type: 'matched' } });
      const { events } = await engine.run(facts);
      return events.length === 1;
    }

    it('replaces the built-in greaterThan, which compares numeric strings as text', async () => {
      const condition = { all: [{ fact: 'years', operator: 'greaterThan', value: '9' }] };
      expect(await fires(condition, { years: '100' }, false)).toBe(false); // the pitfall
      expect(await fires(condition, { years: '100' })).toBe(true);
      expect(await fires(condition, { years: '8' })).toBe(false);
    });

    it('replaces the inclusive comparisons and compares decimals exactly', async () => {
      const atLeast = {
        all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: '1000000' }],
      };
      expect(await fires(atLeast, { amount: '1000000.5' })).toBe(true);
      expect(await fires(atLeast, { amount: '1000000' })).toBe(true);
      expect(await fires(atLeast, { amount: '999999.99' })).toBe(false);
      const atMost = { all: [{ fact: 'amount', operator: 'lessThanInclusive', value: '-5' }] };
      expect(await fires(atMost, { amount: '-10' })).toBe(true);
      expect(await fires(atMost, { amount: '-4' })).toBe(false);
    });

    it('rejects JS numbers that the built-ins would accept', async () => {
      const condition = { all: [{ fact: 'years', operator: 'greaterThan', value: 4 }] };
      expect(await fires(condition, { years: 5 }, false)).toBe(true);
      expect(await fires(condition, { years: 5 })).toBe(false);
    });

    it('replaces the built-in in, which matches substrings of a string value', async () => {
      const condition = {
        all: [{ fact: 'entityKind', operator: 'in', value: 'designated-city' }],
      } as TopLevelCondition;
      expect(await fires(condition, { entityKind: 'city' }, false)).toBe(true); // the pitfall
      expect(await fires(condition, { entityKind: 'city' })).toBe(false);
      const list = { all: [{ fact: 'entityKind', operator: 'in', value: ['designated-city'] }] };
      expect(await fires(list, { entityKind: 'city' })).toBe(false);
      expect(await fires(list, { entityKind: 'designated-city' })).toBe(true);
    });

    it('reads the missing sentinel as not matching, even under negated operators', async () => {
      for (const [operator, value] of [
        ['notEqual', true],
        ['notIn', ['city']],
        ['doesNotContain', 'x'],
        ['lessThan', '5'],
      ] as const) {
        const condition = { all: [{ fact: 'f', operator, value: value as unknown }] };
        expect(await fires(condition as TopLevelCondition, { f: MISSING })).toBe(false);
      }
    });

    it('supports containsAny, which json-rules-engine does not provide', async () => {
      const condition = { any: [{ fact: 'exams', operator: 'containsAny', value: ['a', 'b'] }] };
      expect(await fires(condition, { exams: ['b'] })).toBe(true);
      expect(await fires(condition, { exams: ['c'] })).toBe(false);
    });
  });
});
