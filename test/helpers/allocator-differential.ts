import { vi } from 'vitest';
import { GroupAllocator, type Allocation } from '../../src/compute/group-allocator.js';
import {
  referenceAllocate,
  type ReferenceAllocation,
  type ReferenceLine,
} from '../../src/compute/reference/reference-allocator.js';
import { ReferenceTerms } from '../../src/compute/reference/reference-terms.js';
import { MISSING, type FactValue, type Missing } from '../../src/core/missing.js';
import type { PolicyInput } from '../../src/core/policy.js';
import { builtinFact } from '../../src/eligibility/builtin-fact.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { Evaluation, type PreparedLine } from '../../src/evaluate/evaluation.js';
import { factValue } from '../../src/evaluate/line-assessor.js';
import { resolveOptions } from '../../src/evaluate/resolve-options.js';
import type { LedgerLine } from '../../src/ledger/normalize-ledger.js';
import type { Component } from '../../src/schema/measure.js';
import { Yen } from '../../src/core/yen.js';

/**
 * Differential check of the fast allocator against the reference (src/compute/reference/): runs
 * `evaluate`, records every line the evaluation emits and what GroupAllocator gave each, then
 * hands the lines measures took, per entity × fiscal year × measure in ledger order, to the
 * reference allocator.
 */

/** Yen as integer text, recursively: the values compared are what a report would show. */
export function plain(value: unknown): unknown {
  if (value instanceof Yen) return value.toFixed(0);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

export interface Compared {
  /** By row: [fast, reference]. */
  readonly allocations: Map<number, [unknown, unknown]>;
  /** Group warnings, sorted: [fast, reference]. */
  readonly warnings: [string[], string[]];
}

const GROUP_WARNINGS = new Set(['HEADCOUNT_DEFAULT_SELECTION', 'NEGATIVE_LINE_UNDER_BINDING_CAP']);

export async function compareAllocators(
  ledger: unknown,
  policyInput: PolicyInput | undefined,
): Promise<Compared> {
  const options = policyInput === undefined ? {} : { policy: policyInput };
  const { ruleSet, policy } = resolveOptions(options);
  const emit = vi.spyOn(Evaluation.prototype, 'emit');
  const next = vi.spyOn(GroupAllocator.prototype, 'next');
  const fast = new Map<number, Allocation>();
  let prepared: PreparedLine[];
  let report;
  try {
    report = await evaluate(ledger, options);
    // Read before mockRestore, which clears what the spies recorded. Only the evaluation that
    // gave the report counts: the search for missing facts that do not matter (settle-facts.ts)
    // evaluates some entities' lines on their own first. The report's evaluation emits last.
    const contexts = emit.mock.contexts;
    const final = contexts.at(-1);
    const start = emit.mock.invocationCallOrder[contexts.indexOf(final)] ?? 0;
    next.mock.calls.forEach(([line], index) => {
      const result = next.mock.results[index];
      if ((next.mock.invocationCallOrder[index] ?? 0) < start) return;
      if (result?.type === 'return') fast.set(line.row, result.value);
    });
    prepared = emit.mock.calls
      .filter((_call, index) => contexts[index] === final)
      .map(([line]) => line);
  } finally {
    emit.mockRestore();
    next.mockRestore();
  }

  const fact = (line: LedgerLine, id: string): FactValue | Missing => {
    const builtin = builtinFact(line, id);
    if (builtin !== undefined) return builtin;
    const definition = ruleSet.glossary.facts[id];
    return definition === undefined ? MISSING : factValue(line, id, definition);
  };
  // The lines measures took, per entity × fiscal year × measure, in ledger order.
  const byMeasure = new Map<string, ReferenceLine[]>();
  const undecided: PreparedLine[] = [];
  for (const line of prepared) {
    if (!line.entry.valid) continue;
    if (line.chosen === null) {
      if (line.candidates !== null) undecided.push(line);
      continue;
    }
    const { entity, fiscalYear } = line.entry.line;
    const key = JSON.stringify([entity.code, fiscalYear, line.chosen.measure.id]);
    const list = byMeasure.get(key) ?? [];
    list.push({
      line: line.entry.line,
      measure: line.chosen.measure,
      component: line.chosen.component,
    });
    byMeasure.set(key, list);
  }
  const reference = new Map<number, ReferenceAllocation>();
  const referenceWarnings: string[] = [];
  // Caps over a term carry their terms from one fiscal year to the next: years in ascending order.
  const terms = new ReferenceTerms([...byMeasure.values()].flat(), fact);
  const ordered = [...byMeasure.values()].sort(
    (a, b) => (a[0]?.line.fiscalYear ?? 0) - (b[0]?.line.fiscalYear ?? 0),
  );
  for (const lines of ordered) {
    const first = lines[0];
    if (first === undefined) continue;
    // Lines of this entity × FY no measure took that a component of this contract measure (chosen
    // by `wanted`) might still take.
    const openTo = (wanted: (componentId: string) => boolean): string[] =>
      undecided
        .filter(({ entry, candidates }) => {
          if (!entry.valid) return false;
          if (entry.line.entity.code !== first.line.entity.code) return false;
          if (entry.line.fiscalYear !== first.line.fiscalYear) return false;
          return (candidates ?? []).some(
            (candidate) =>
              candidate.status === 'undetermined' &&
              candidate.measure.id === first.measure.id &&
              candidate.measure.kind === 'contract-expense' &&
              candidate.version !== null &&
              candidate.unknown.some(
                ({ component }) => component.id !== undefined && wanted(component.id),
              ),
          );
        })
        .map(({ entry }) => entry.line.id);
    // Those a base component of this measure's 一般管理費 might take …
    const open = (overhead: Component): string[] => {
      const amount = overhead.amount;
      if (amount.method !== 'overhead') return [];
      return openTo((id) => amount.baseComponents.includes(id));
    };
    // … and those the 一般管理費 component itself might take.
    const openOwn = (overhead: Component): string[] => openTo((id) => id === overhead.id);
    const result = referenceAllocate({
      lines,
      undecided: open,
      undecidedOwn: openOwn,
      policy,
      fact,
      terms,
    });
    for (const [row, allocation] of result.allocations) reference.set(row, allocation);
    for (const { code, line, message } of result.warnings)
      referenceWarnings.push(JSON.stringify({ code, line, message }));
  }
  const allocations = new Map<number, [unknown, unknown]>();
  for (const row of new Set([...fast.keys(), ...reference.keys()]))
    allocations.set(row, [plain(fast.get(row)), plain(reference.get(row))]);
  const fastWarnings = report.warnings
    .filter((warning) => GROUP_WARNINGS.has(warning.code))
    .map((warning) =>
      JSON.stringify({ code: warning.code, line: warning.line, message: warning.message }),
    );
  return { allocations, warnings: [fastWarnings.sort(), referenceWarnings.sort()] };
}
