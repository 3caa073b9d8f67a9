import { Yen } from '../core/yen.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { ConditionLeaf } from '../schema/condition.js';
import { operatorTest } from './decimal-operators.js';

/** A leaf's test on its fact's value: what json-rules-engine's operator returns on that leaf. */
export type LeafTest = (value: FactValue | Missing) => boolean;

/** A number as the decimal operators read one, or null (decimal-operators.ts `toDecimal`). */
function decimalOf(value: unknown): InstanceType<typeof Yen> | null {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  return new Yen(value);
}

function compareWith(
  threshold: unknown,
  test: (sign: number) => boolean,
): (value: FactValue) => boolean {
  // The rule's side is parsed once here, not once per evaluation.
  const right = decimalOf(threshold);
  if (right === null) return () => false;
  return (value) => {
    const left = decimalOf(value);
    return left !== null && test(left.cmp(right));
  };
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The test with the rule's value prepared once (a Set for lists, a Decimal for thresholds). */
function prepared(leaf: ConditionLeaf): ((value: FactValue) => boolean) | null {
  const expected = leaf.value;
  switch (leaf.operator) {
    case 'lessThan':
      return compareWith(expected, (sign) => sign < 0);
    case 'lessThanInclusive':
      return compareWith(expected, (sign) => sign <= 0);
    case 'greaterThan':
      return compareWith(expected, (sign) => sign > 0);
    case 'greaterThanInclusive':
      return compareWith(expected, (sign) => sign >= 0);
    case 'in': {
      // Set#has and Array#includes both compare by SameValueZero.
      const set = new Set<unknown>(listOf(expected));
      return (value) => set.has(value);
    }
    case 'notIn': {
      const set = new Set<unknown>(listOf(expected));
      return (value) => !set.has(value);
    }
    case 'equal':
      return (value) => value === expected;
    case 'notEqual':
      return (value) => value !== expected;
    default:
      return null;
  }
}

/**
 * Compiles one condition leaf to a plain function, for the per-line path: the same answer as
 * json-rules-engine running the leaf with the operators of decimal-operators.ts — false on a
 * missing fact (the three-valued walk, explain-condition.ts, reads that leaf as unknown).
 * test/reliability/compiled-conditions.test.ts checks it against the engine on every bundled rule.
 */
export function compileLeaf(leaf: ConditionLeaf): LeafTest {
  const fast = prepared(leaf);
  if (fast !== null) return (value) => value !== MISSING && fast(value);
  const test = operatorTest(leaf.operator);
  const expected = leaf.value;
  return (value) => value !== MISSING && test(value, expected);
}
