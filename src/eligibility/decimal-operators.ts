import { Operator } from 'json-rules-engine';
import { Yen } from '../core/yen.js';
import type { Operator as OperatorName } from '../schema/condition.js';
import { MISSING } from '../core/missing.js';

function toDecimal(value: unknown): InstanceType<typeof Yen> | null {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  return new Yen(value);
}

function compare(test: (sign: number) => boolean) {
  return (factValue: unknown, jsonValue: unknown): boolean => {
    const left = toDecimal(factValue);
    const right = toDecimal(jsonValue);
    if (left === null || right === null) return false;
    return test(left.cmp(right));
  };
}

function strings(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

const implementations: Record<OperatorName, (factValue: unknown, jsonValue: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => strings(b).includes(a),
  notIn: (a, b) => !strings(b).includes(a),
  contains: (a, b) => strings(a).includes(b),
  doesNotContain: (a, b) => !strings(a).includes(b),
  containsAny: (a, b) => strings(b).some((value) => strings(a).includes(value)),
  // json-rules-engine's built-ins compare with JS `<`, which orders Decimals and numeric strings
  // as text ('100' < '9'); these compare exactly.
  lessThan: compare((sign) => sign < 0),
  lessThanInclusive: compare((sign) => sign <= 0),
  greaterThan: compare((sign) => sign > 0),
  greaterThanInclusive: compare((sign) => sign >= 0),
};

/** One operator's test (fact value, rule value), as registered on the engines. */
export function operatorTest(
  name: OperatorName,
): (factValue: unknown, jsonValue: unknown) => boolean {
  return implementations[name];
}

/**
 * The operators registered on every engine, replacing the built-ins of the same names. Each is
 * false on a missing fact; the three-valued walk reads that leaf as unknown, not false.
 */
export function decimalOperators(): Operator[] {
  return Object.entries(implementations).map(
    ([name, test]) =>
      new Operator(name, (factValue: unknown, jsonValue: unknown) =>
        factValue === MISSING ? false : test(factValue, jsonValue),
      ),
  );
}
