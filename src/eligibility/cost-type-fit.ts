import { isLeaf, type Condition, type ConditionLeaf } from '../schema/condition.js';
import type { Component, Version } from '../schema/measure.js';
import type { Tri } from './tri.js';

/** A costType leaf on the line's cost type; every other leaf is unknown here. */
function leafVerdict(leaf: ConditionLeaf, costType: string): Tri {
  if (leaf.fact !== 'costType') return 'unknown';
  const { operator, value } = leaf;
  const listed = Array.isArray(value) ? value.includes(costType) : value === costType;
  if (operator === 'equal' || operator === 'in') return listed ? 'true' : 'false';
  if (operator === 'notEqual' || operator === 'notIn') return listed ? 'false' : 'true';
  return 'unknown';
}

/** The three-valued value of a condition tree when only the cost type is known. */
function verdict(condition: Condition, costType: string): Tri {
  if (isLeaf(condition)) return leafVerdict(condition, costType);
  if ('not' in condition) {
    const inner = verdict(condition.not, costType);
    return inner === 'unknown' ? inner : inner === 'true' ? 'false' : 'true';
  }
  const children = ('all' in condition ? condition.all : condition.any).map((child) =>
    verdict(child, costType),
  );
  const decisive = 'all' in condition ? 'false' : 'true';
  if (children.includes(decisive)) return decisive;
  if (children.includes('unknown')) return 'unknown';
  return decisive === 'false' ? 'true' : 'false';
}

/** Whether a condition tree tests the cost type at all. */
function testsCostType(condition: Condition): boolean {
  if (isLeaf(condition)) return condition.fact === 'costType';
  if ('not' in condition) return testsCostType(condition.not);
  return ('all' in condition ? condition.all : condition.any).some(testsCostType);
}

/**
 * How a component meets a line's cost type, from the rule data alone (docs/decisions.md §1.3):
 * `excluded` its conditions are false on the cost type alone, `named` a cost-type condition lets
 * it through, `open` no condition tests the cost type. Read from the rules, so it holds for a year
 * without a version too (judged on the nearest version).
 */
export function costTypeFit(
  version: Version,
  component: Component,
  costType: string,
): 'named' | 'open' | 'excluded' {
  const condition: Condition = { all: [version.conditions, component.conditions] };
  if (verdict(condition, costType) === 'false') return 'excluded';
  return testsCostType(condition) ? 'named' : 'open';
}
