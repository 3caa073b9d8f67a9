import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import { ALLOCATION_TAX_KINDS, type Component, type Measure } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { apportion } from './apportion.js';
import { clampRunning } from './clamp-running.js';
import { selectHeadcount } from './select-headcount.js';
import { Yen } from './yen.js';

/** The result of the group computation for one line. */
export type Allocation =
  | {
      readonly kind: 'allocated';
      readonly base: Yen;
      readonly amount: Yen;
      /** 起債額, for local bonds. */
      readonly bond: Yen | null;
      readonly caps: readonly CapNote[];
      readonly headcountExcluded: boolean;
      /** The amount is zero because the entity receives no 交付税 (decisions.md §1.8). */
      readonly nonRecipient: boolean;
    }
  | {
      readonly kind: 'invalid';
      readonly field: string;
      readonly expected: string;
      readonly received: string;
    }
  | { readonly kind: 'undetermined'; readonly missing: readonly string[]; readonly text: string };

export interface GroupResult {
  readonly allocations: readonly Allocation[];
  readonly warnings: readonly {
    readonly code: string;
    readonly line: string | null;
    readonly message: string;
  }[];
}

function personRequirement(component: Component): string | null {
  if (component.headcount !== undefined) return `its headcount cap (${component.headcount.label})`;
  const personCap = component.caps?.find((cap) => cap.scope === 'person');
  if (personCap !== undefined) return `its per-person cap (${personCap.label})`;
  if (component.amount.method === 'per-person')
    return `its amount per person (${component.amount.unitAmount.label})`;
  return null;
}

/**
 * Computes base, amount (and bond) for the eligible lines of one group — entity × fiscal year ×
 * measure × component — in ledger order: headcount cap, caps, then the rate on the running total.
 */
export function allocateGroup(
  lines: readonly LedgerLine[],
  measure: Measure,
  component: Component,
  policy: Policy,
): GroupResult {
  const allocations: (Allocation | undefined)[] = lines.map(() => undefined);
  const warnings: { code: string; line: string | null; message: string }[] = [];
  const needsPerson = personRequirement(component);
  const members: number[] = [];
  lines.forEach((line, index) => {
    if (needsPerson !== null && line.person === undefined) {
      allocations[index] = {
        kind: 'invalid',
        field: 'person',
        expected: `a person id (${measure.id} requires it for ${needsPerson})`,
        received: 'nothing',
      };
    } else members.push(index);
  });

  // Headcount cap (decisions.md §1.5): who counts; the others' lines count 0.
  const excluded = new Set<number>();
  const headcountNotes = new Map<number, CapNote>();
  if (component.headcount !== undefined && members.length > 0) {
    const headcount = component.headcount;
    const selection = selectHeadcount(
      members.map((index) => lines[index] as LedgerLine),
      headcount.limit,
      policy.headcountSelection,
    );
    if (selection.kind === 'over-selected') {
      for (const index of members) {
        allocations[index] = {
          kind: 'invalid',
          field: 'facts.selectedForHeadcount',
          expected: `at most ${headcount.limit} persons selected (${headcount.label})`,
          received: `${selection.count} persons selected`,
        };
      }
      members.length = 0;
    } else if (selection.kind === 'needs-selection') {
      for (const index of members) {
        allocations[index] = {
          kind: 'undetermined',
          missing: ['selectedForHeadcount'],
          text: `${selection.count} persons exceed ${headcount.label}; policy headcountSelection "explicit" needs selectedForHeadcount`,
        };
      }
      members.length = 0;
    } else {
      if (selection.defaulted) {
        warnings.push({
          code: 'HEADCOUNT_DEFAULT_SELECTION',
          line: null,
          message: `${headcount.label}: ${selection.persons.size + selection.dropped.size} persons and no selectedForHeadcount; the ${headcount.limit} with the largest totals count (${[...selection.persons].join(', ')}), not ${[...selection.dropped].join(', ')}`,
        });
      }
      for (const index of members) {
        const person = lines[index]?.person ?? '';
        if (selection.persons.has(person)) continue;
        excluded.add(index);
        headcountNotes.set(index, {
          id: headcount.id,
          label: headcount.label,
          scope: 'headcount',
          limit: String(headcount.limit),
          counted: '0',
          headroom: '0',
          binding: true,
        });
      }
    }
  }

  // Amount caps in ledger order; a headcount-excluded line counts nothing under them.
  const counted = members.filter((index) => !excluded.has(index));
  const bases = new Map<number, Yen>(
    counted.map((index) => [index, new Yen(lines[index]?.amount ?? '0')]),
  );
  const capNotes = new Map<number, CapNote[]>(members.map((index) => [index, []]));
  for (const cap of component.caps ?? []) {
    const limit = new Yen(cap.limit);
    const scopes = new Map<string, number[]>();
    for (const index of counted) {
      const key = cap.scope === 'person' ? (lines[index]?.person ?? '') : '';
      scopes.set(key, [...(scopes.get(key) ?? []), index]);
    }
    for (const indices of scopes.values()) {
      const { counted: capped, after } = clampRunning(
        indices.map((index) => bases.get(index) ?? new Yen(0)),
        limit,
      );
      // A negative line under a cap that bound is a correction to the engine (§1.4), but if it is a
      // 負担金 received, A-02 deducts it after the cap: the result differs, so ask for a review.
      const negative = indices.find((index) => (bases.get(index) ?? new Yen(0)).isNegative());
      const running = indices.reduce((sum, index) => sum.plus(bases.get(index) ?? 0), new Yen(0));
      const peak = indices.reduce(
        (state, index) => {
          const next = state.sum.plus(bases.get(index) ?? 0);
          return { sum: next, max: Yen.max(state.max, next) };
        },
        { sum: new Yen(0), max: new Yen(0) },
      ).max;
      if (negative !== undefined && peak.gt(limit)) {
        const who =
          cap.scope === 'person' ? ` for person ${lines[indices[0] ?? 0]?.person ?? ''}` : '';
        warnings.push({
          code: 'NEGATIVE_LINE_UNDER_BINDING_CAP',
          line: lines[negative]?.id ?? null,
          message: `${cap.label}${who}: negative line ${lines[negative]?.id ?? ''} in a scope whose running total exceeded the limit (peak ${peak.toFixed(0)}, net ${running.toFixed(0)}, limit ${cap.limit}). As a correction it gives back headroom only below the limit (decisions.md §1.4); if it records 負担金 received from 市町村, A-02 deducts it after the cap instead. Check manually.`,
        });
      }
      indices.forEach((index, position) => {
        const before = bases.get(index) ?? new Yen(0);
        const now = capped[position] ?? new Yen(0);
        bases.set(index, now);
        capNotes.get(index)?.push({
          id: cap.id,
          label: cap.label,
          scope: cap.scope,
          limit: cap.limit,
          counted: now.toFixed(0),
          headroom: limit.minus(after[position] ?? limit).toFixed(0),
          binding: !now.eq(before),
        });
      });
    }
  }

  const unit = new Yen(policy.roundingUnit);
  const baseList = members.map((index) => bases.get(index) ?? new Yen(0));
  const method = component.amount;
  let amounts: Yen[];
  let bonds: Yen[] | null = null;
  if (method.method === 'rate') {
    amounts = apportion(baseList, new Yen(method.rate.value), unit);
  } else if (method.method === 'bond') {
    bonds = apportion(baseList, new Yen(method.allocationRate.value), new Yen(1));
    amounts = apportion(bonds, new Yen(method.taxMeasureRate.value), unit);
  } else {
    // Per person and fiscal year, on the person's first line, when the person's total is positive.
    const unitAmount = new Yen(method.unitAmount.value);
    const totals = new Map<string, Yen>();
    members.forEach((index, position) => {
      const person = lines[index]?.person ?? '';
      totals.set(person, (totals.get(person) ?? new Yen(0)).plus(baseList[position] ?? 0));
    });
    const carried = new Set<string>();
    amounts = members.map((index) => {
      const person = lines[index]?.person ?? '';
      if (carried.has(person) || !(totals.get(person) ?? new Yen(0)).gt(0)) return new Yen(0);
      carried.add(person);
      return unitAmount;
    });
  }

  const entity = lines[0]?.entity;
  const nonRecipient =
    entity !== undefined &&
    (entity.nonRecipient || entity.kind === 'special-ward') &&
    (ALLOCATION_TAX_KINDS.includes(measure.kind) || measure.kind === 'local-bond');
  members.forEach((index, position) => {
    const headcountNote = headcountNotes.get(index);
    allocations[index] = {
      kind: 'allocated',
      base: baseList[position] ?? new Yen(0),
      amount: nonRecipient ? new Yen(0) : (amounts[position] ?? new Yen(0)),
      bond: bonds === null ? null : (bonds[position] ?? new Yen(0)),
      caps: [
        ...(headcountNote === undefined ? [] : [headcountNote]),
        ...(capNotes.get(index) ?? []),
      ],
      headcountExcluded: excluded.has(index),
      nonRecipient,
    };
  });
  return {
    allocations: allocations.map((allocation) => {
      if (allocation === undefined) throw new Error('a line of the group was not allocated');
      return allocation;
    }),
    warnings,
  };
}
