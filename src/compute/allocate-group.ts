import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import type { Component, Measure } from '../schema/measure.js';
import {
  AllocationRule,
  GroupAllocator,
  type Allocation,
  type GroupWarning,
} from './group-allocator.js';
import { personTallyFor, planGroup } from './group-plan.js';

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
  const allocator = new GroupAllocator(
    new AllocationRule(measure, component, first.entity, policy),
    planGroup(component, tally, policy),
  );
  const allocations = lines.map((line) => allocator.next(line));
  return { allocations, warnings: allocator.finish() };
}
