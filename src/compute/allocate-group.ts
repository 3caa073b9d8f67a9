import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import type { Component, Measure } from '../schema/measure.js';
import {
  AllocationRule,
  GroupAllocator,
  type Allocation,
  type GroupWarning,
} from './group-allocator.js';
import { plainFact } from './group-context.js';
import { personTallyFor, planGroup } from './group-plan.js';
import { hasTermCap, TermHistory } from './term-history.js';

export type { Allocation } from './group-allocator.js';

export interface GroupResult {
  readonly allocations: readonly Allocation[];
  readonly warnings: readonly GroupWarning[];
}

/**
 * Computes base, amount (and bond) for the eligible lines of one group — entity × fiscal year ×
 * measure × component — in ledger order: the two passes the evaluator makes, over one group.
 */
export function allocateGroup(
  lines: readonly LedgerLine[],
  measure: Measure,
  component: Component,
  policy: Policy,
): GroupResult {
  const tally = personTallyFor(component);
  for (const line of lines) if (line.person !== undefined) tally?.add(line);
  const first = lines[0];
  if (first === undefined) return { allocations: [], warnings: [] };
  // A cap over a term starts, in a group on its own, at the priorCounted its lines state.
  let terms: TermHistory | null = null;
  if (hasTermCap(component)) {
    terms = new TermHistory(policy, plainFact);
    for (const line of lines) terms.add(line, measure, component);
  }
  const context =
    terms === null
      ? undefined
      : {
          fact: plainFact,
          measureScopes: new Map(),
          extraCaps: [],
          terms: terms.startsFor(first.fiscalYear),
        };
  const allocator = new GroupAllocator(
    new AllocationRule(measure, component, first.entity, policy, context),
    planGroup(component, tally, policy),
  );
  const allocations = lines.map((line) => allocator.next(line));
  return { allocations, warnings: allocator.finish() };
}
