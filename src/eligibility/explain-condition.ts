import { isLeaf, type Condition, type ConditionLeaf } from '../schema/condition.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { Tri } from './tri.js';

/**
 * A condition that decided an outcome: a leaf (and whether its fact was missing), or a `not` group.
 * The value a leaf saw is not kept: lines whose numbers fall in the same band share an explanation
 * (fact-bands.ts), so the report reads each line's own value.
 */
export type DecisiveCondition =
  | { readonly kind: 'leaf'; readonly leaf: ConditionLeaf; readonly missing: boolean }
  | { readonly kind: 'not'; readonly label: string; readonly cite: readonly string[] };

export interface Explanation {
  readonly value: Tri;
  /** The conditions that make `value` what it is (the failed ones when false, the unknown ones when unknown). */
  readonly decisive: readonly DecisiveCondition[];
  /** Facts whose absence makes the value unknown (empty unless unknown). */
  readonly missing: readonly string[];
}

function union<T>(parts: readonly (readonly T[])[]): T[] {
  return [...new Set(parts.flat())];
}

function combine(children: readonly Explanation[], want: Tri): Explanation {
  const picked = children.filter((child) => child.value === want);
  return {
    value: want,
    decisive: union(picked.map((child) => child.decisive)),
    missing: want === 'unknown' ? union(picked.map((child) => child.missing)).sort() : [],
  };
}

/**
 * Three-valued evaluation of a condition tree from json-rules-engine's leaf results
 * (docs/decisions.md §1.3): a leaf on a missing fact is unknown; `all` is false if any child is false,
 * else unknown if any is unknown; `any` is true if any child is true, else unknown if any is unknown.
 */
export function explainCondition(
  condition: Condition,
  leafResults: ReadonlyMap<string, boolean>,
  facts: ReadonlyMap<string, FactValue | Missing>,
): Explanation {
  if (isLeaf(condition)) {
    if ((facts.get(condition.fact) ?? MISSING) === MISSING) {
      return {
        value: 'unknown',
        decisive: [{ kind: 'leaf', leaf: condition, missing: true }],
        missing: [condition.fact],
      };
    }
    const result = leafResults.get(condition.id);
    if (result === undefined) throw new Error(`condition ${condition.id} was not evaluated`);
    return {
      value: result ? 'true' : 'false',
      decisive: [{ kind: 'leaf', leaf: condition, missing: false }],
      missing: [],
    };
  }
  if ('not' in condition) {
    const inner = explainCondition(condition.not, leafResults, facts);
    const node: DecisiveCondition = {
      kind: 'not',
      label: condition.label,
      cite: condition.cite ?? [],
    };
    if (inner.value === 'unknown')
      return { value: 'unknown', decisive: inner.decisive, missing: inner.missing };
    return { value: inner.value === 'true' ? 'false' : 'true', decisive: [node], missing: [] };
  }
  if ('all' in condition) {
    const children = condition.all.map((child) => explainCondition(child, leafResults, facts));
    if (children.some((child) => child.value === 'false')) return combine(children, 'false');
    if (children.some((child) => child.value === 'unknown')) return combine(children, 'unknown');
    return combine(children, 'true');
  }
  const children = condition.any.map((child) => explainCondition(child, leafResults, facts));
  if (children.some((child) => child.value === 'true')) return combine(children, 'true');
  if (children.some((child) => child.value === 'unknown')) return combine(children, 'unknown');
  return combine(children, 'false');
}

/** Every leaf of a condition tree, in order. */
export function conditionLeaves(condition: Condition): ConditionLeaf[] {
  if (isLeaf(condition)) return [condition];
  if ('not' in condition) return conditionLeaves(condition.not);
  return ('all' in condition ? condition.all : condition.any).flatMap(conditionLeaves);
}
