import { conditionLeaves } from '../eligibility/explain-condition.js';
import { canonicalJson } from '../rules/canonical-json.js';
import { isLeaf, type Condition, type ConditionLeaf } from '../schema/condition.js';
import type { RuleChangeKind } from './rule-change.js';

/** A condition difference before it is placed in its measure, version and component. */
export interface ConditionDifference {
  readonly kind: RuleChangeKind;
  readonly id: string | null;
  /** Relative to the condition tree: `(advisory-duties).value`, `(structure)`. */
  readonly path: string;
  readonly what: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** What describeLeaf adds after a condition a line need not state (ifStated). */
export const IF_STATED = ' if stated';

/** What a leaf tests, e.g. `costType in ["compensation","outsourcing"]` (then IF_STATED if so). */
export function describeLeaf(leaf: ConditionLeaf): string {
  const test = `${leaf.fact} ${leaf.operator} ${canonicalJson(leaf.value)}`;
  return leaf.ifStated === true ? `${test}${IF_STATED}` : test;
}

/** The all/any/not tree with leaves reduced to their ids: `all(a, any(b, not(c)))`. */
function skeleton(condition: Condition): string {
  if (isLeaf(condition)) return condition.id;
  if ('not' in condition) return `not(${skeleton(condition.not)})`;
  const [name, children] = 'all' in condition ? ['all', condition.all] : ['any', condition.any];
  return `${name}(${children.map(skeleton).join(', ')})`;
}

/** The labels and citations of the groups, in tree order (leaves' own wording is compared per leaf). */
function groupWording(condition: Condition): unknown[] {
  if (isLeaf(condition)) return [];
  const own = { label: condition.label, cite: condition.cite };
  const children =
    'not' in condition ? [condition.not] : 'all' in condition ? condition.all : condition.any;
  return [own, ...children.flatMap(groupWording)];
}

const LEAF_WORDING = ['label', 'cite', 'assumptions', 'review'] as const;

function wordingValue(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : canonicalJson(value);
}

/**
 * The differences between two condition trees: leaves matched by id (what they test, then their
 * wording), then the shape of the tree around them.
 */
export function diffConditions(base: Condition, head: Condition): ConditionDifference[] {
  if (canonicalJson(base) === canonicalJson(head)) return [];
  const differences: ConditionDifference[] = [];
  const baseLeaves = new Map(conditionLeaves(base).map((leaf) => [leaf.id, leaf]));
  const headLeaves = new Map(conditionLeaves(head).map((leaf) => [leaf.id, leaf]));
  for (const [id, leaf] of baseLeaves) {
    const after = headLeaves.get(id);
    if (after === undefined) {
      differences.push({
        kind: 'condition-removed',
        id,
        path: `(${id})`,
        what: `condition ${id} removed (${describeLeaf(leaf)})`,
        before: describeLeaf(leaf),
        after: null,
      });
      continue;
    }
    if (describeLeaf(leaf) !== describeLeaf(after)) {
      differences.push({
        kind: 'condition',
        id,
        path: `(${id})`,
        what: `condition ${id} ${describeLeaf(leaf)} → ${describeLeaf(after)}`,
        before: describeLeaf(leaf),
        after: describeLeaf(after),
      });
    }
    for (const field of LEAF_WORDING) {
      const [was, now] = [wordingValue(leaf[field]), wordingValue(after[field])];
      if (was !== now) {
        differences.push({
          kind: 'text',
          id,
          path: `(${id}).${field}`,
          what: `condition ${id} ${field}`,
          before: was,
          after: now,
        });
      }
    }
  }
  for (const [id, leaf] of headLeaves) {
    if (baseLeaves.has(id)) continue;
    differences.push({
      kind: 'condition-added',
      id,
      path: `(${id})`,
      what: `condition ${id} added (${describeLeaf(leaf)})`,
      before: null,
      after: describeLeaf(leaf),
    });
  }
  const [shapeBefore, shapeAfter] = [skeleton(base), skeleton(head)];
  if (shapeBefore !== shapeAfter) {
    differences.push({
      kind: 'condition-structure',
      id: null,
      path: '(structure)',
      what: `conditions ${shapeBefore} → ${shapeAfter}`,
      before: shapeBefore,
      after: shapeAfter,
    });
  }
  const [wordingBefore, wordingAfter] = [
    canonicalJson(groupWording(base)),
    canonicalJson(groupWording(head)),
  ];
  if (shapeBefore === shapeAfter && wordingBefore !== wordingAfter) {
    differences.push({
      kind: 'text',
      id: null,
      path: '(groups)',
      what: 'condition group labels or citations',
      before: wordingBefore,
      after: wordingAfter,
    });
  }
  return differences;
}
