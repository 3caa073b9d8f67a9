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
  | {
      readonly kind: 'not';
      readonly label: string;
      readonly cite: readonly string[];
      /** Whether its leaves all test a choice (see isChoice): which failed `any` branch was aimed at. */
      readonly onChoice: boolean;
    };

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
 * (docs/decisions.md §1.3): a leaf on a missing fact is unknown (true if marked `ifStated`); `all`
 * is false if any child is false, else unknown if any is unknown; `any` is true if any child is
 * true, else unknown if any is unknown.
 */
export function explainCondition(
  condition: Condition,
  leafResults: ReadonlyMap<string, boolean>,
  facts: ReadonlyMap<string, FactValue | Missing>,
): Explanation {
  if (isLeaf(condition)) {
    if ((facts.get(condition.fact) ?? MISSING) === MISSING) {
      // Blank, a condition the line need not state holds; on no evidence, so it decides nothing.
      if (condition.ifStated === true) return { value: 'true', decisive: [], missing: [] };
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
      onChoice: conditionLeaves(condition.not).every(isChoice),
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
  // Every branch failed. A branch that failed only on a choice the line states (its cost type, the
  // kind of traveller) is one the line never aimed at: the branches it did aim at come first, so
  // that the reason shown first is the condition that decided it (docs/decisions.md §1.3
  // "Reasons that help"): 片道100km for a staff trip of 99.9 km, not 「委員等の旅費であること」.
  const aimed = children.filter((child) => !onlyChoices(child));
  return combine(aimed.length === 0 ? children : [...aimed, ...children], 'false');
}

/** Whether every condition that failed a branch tests a choice. */
function onlyChoices(explanation: Explanation): boolean {
  return explanation.decisive.every((decisive) =>
    decisive.kind === 'leaf' ? isChoice(decisive.leaf) : decisive.onChoice,
  );
}

/**
 * A test of which one of named values a fact is (a cost type, a column, a class, an entity code):
 * equality on text. Not a flag (true/false) and not a comparison of numbers, which the rules write
 * as greaterThan/lessThan: every equality the rules test on digits is a code (団体コード).
 */
function isChoice(leaf: ConditionLeaf): boolean {
  return CHOICE_OPERATORS.has(leaf.operator) && typeof leaf.value !== 'boolean';
}

const CHOICE_OPERATORS: ReadonlySet<string> = new Set(['equal', 'notEqual', 'in', 'notIn']);

/** Every leaf of a condition tree, in order. */
export function conditionLeaves(condition: Condition): ConditionLeaf[] {
  if (isLeaf(condition)) return [condition];
  if ('not' in condition) return conditionLeaves(condition.not);
  return ('all' in condition ? condition.all : condition.any).flatMap(conditionLeaves);
}
