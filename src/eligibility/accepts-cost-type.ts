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

/**
 * Whether a component can take a line of this cost type: its and its version's conditions are not
 * false on the cost type alone (docs/decisions.md §4.12). Read from the rule data, so it holds for
 * a year without a version too (judged on the nearest version).
 */
export function acceptsCostType(version: Version, component: Component, costType: string): boolean {
  return verdict({ all: [version.conditions, component.conditions] }, costType) !== 'false';
}
