import type { WarningCode } from '../core/codes.js';
import type { Policy } from '../core/policy.js';
import type { Cap, Component } from '../schema/measure.js';
import { defaultSelectionText, needsSelectionText, overSelectedText } from './headcount-text.js';
import { greater, toYen } from './exact.js';
import { PersonTally } from './person-tally.js';
import { selectFromTally } from './select-headcount.js';
import { Yen } from '../core/yen.js';

const NO_PERSONS: ReadonlySet<string> = new Set();
const NO_TOTALS: ReadonlyMap<string, Yen> = new Map();

/** A line the group computation cannot allocate: invalid (a field is wrong) or undetermined. */
export type GroupVerdict =
  | {
      readonly kind: 'invalid';
      readonly field: string;
      readonly expected: string;
      readonly received: string;
    }
  | {
      readonly kind: 'undetermined';
      readonly missing: readonly string[];
      readonly text: string;
      /** FACT_MISSING unless said otherwise. */
      readonly code?: 'CAP_NOT_STATED' | 'CORRECTION_UNDER_LINE_CAP';
      /** Source ids to cite (the headcount cap's when absent). */
      readonly cite?: readonly string[];
    };

/** What the whole group decides for each of its lines, known only after seeing all of them. */
export type GroupPlan =
  | {
      readonly kind: 'allocate';
      /** Persons a headcount cap leaves out (their lines count 0). */
      readonly excluded: ReadonlySet<string>;
      /** For per-person amounts: the persons whose total is positive. */
      readonly positive: ReadonlySet<string>;
      /**
       * Under a cap with receipts deducted after it: each person's capped cost total,
       * min(max(Σ costs, 0), limit), which the person's receipts can take back at most.
       */
      readonly capped: ReadonlyMap<string, Yen>;
      readonly warnings: readonly { readonly code: WarningCode; readonly message: string }[];
    }
  | GroupVerdict;

/** Why a line of this component must name a person, or null when it need not. */
export function personRequirement(component: Component): string | null {
  if (component.headcount !== undefined) return `人数上限（${component.headcount.label}）`;
  const personCap = component.caps?.find((cap) => cap.scope === 'person');
  if (personCap !== undefined) return `1人ごとの上限（${personCap.label}）`;
  if (component.amount.method === 'per-person')
    return `1人あたりの額（${component.amount.unitAmount.label}）`;
  return null;
}

/** The plan of most groups: nobody left out, no per-person amounts, nothing to say. */
const PLAIN: GroupPlan = Object.freeze({
  kind: 'allocate',
  excluded: NO_PERSONS,
  positive: NO_PERSONS,
  capped: NO_TOTALS,
  warnings: Object.freeze([]),
});

/** The component's cap whose receipts are deducted after it, if any. */
export function deductingCap(component: Component): Cap | undefined {
  return component.caps?.find((cap) => cap.deductAfter !== undefined);
}

/**
 * What the first pass must tally for a group of this component (entity × fiscal year × measure ×
 * component): its persons, when the headcount choice (docs/decisions.md §1.5) or per-person amounts
 * depend on them; null for the many components that need nothing.
 */
export function personTallyFor(component: Component): PersonTally | null {
  const deducting = deductingCap(component);
  if (deducting?.deductAfter !== undefined)
    return new PersonTally(new Set(deducting.deductAfter.costTypes));
  return component.headcount !== undefined || component.amount.method === 'per-person'
    ? new PersonTally()
    : null;
}

/**
 * The group's plan once all its lines are tallied (lines that lack a required person are not
 * tallied: they are invalid).
 */
export function planGroup(
  component: Component,
  tally: PersonTally | null,
  policy: Policy,
): GroupPlan {
  const { headcount, amount } = component;
  if (tally === null) return PLAIN;
  let excluded: ReadonlySet<string> = NO_PERSONS;
  const warnings: { code: WarningCode; message: string }[] = [];
  if (headcount !== undefined && tally.totals.size > 0) {
    const selection = selectFromTally(tally, headcount.limit, policy.headcountSelection);
    if (selection.kind === 'over-selected') {
      return {
        kind: 'invalid',
        field: 'facts.selectedForHeadcount',
        ...overSelectedText(headcount.limit, headcount.label, selection.count),
      };
    }
    if (selection.kind === 'needs-selection') {
      return {
        kind: 'undetermined',
        missing: ['selectedForHeadcount'],
        text: needsSelectionText(selection.count, headcount.label),
      };
    }
    excluded = selection.dropped;
    if (selection.defaulted) {
      warnings.push({
        code: 'HEADCOUNT_DEFAULT_SELECTION',
        message: defaultSelectionText(
          headcount.label,
          selection.persons.size + selection.dropped.size,
          headcount.limit,
          [...selection.persons],
          [...selection.dropped],
        ),
      });
    }
  }
  // Most groups neither count nor pay per person: they share one empty set.
  const positive = amount.method === 'per-person' ? new Set<string>() : null;
  // Caps clamp running totals into [0, limit]: a positive claimed total stays positive after
  // them unless some limit is 0.
  const capsKeepSign = (component.caps ?? []).every(
    (cap) => cap.limit !== null && cap.shareOf === undefined && new Yen(cap.limit).gt(0),
  );
  if (positive !== null && capsKeepSign) {
    for (const [person, total] of tally.totals) {
      if (greater(total, 0) && !excluded.has(person)) positive.add(person);
    }
  }
  // A person's receipts are deducted from the person's capped costs, and from nothing more: the
  // capped total is clamp(Σ costs), the running clamp's last value, known once all are tallied.
  const deducting = deductingCap(component);
  let capped: Map<string, Yen> | null = null;
  if (deducting?.limit != null) {
    const limit = new Yen(deducting.limit);
    capped = new Map();
    for (const [person, total] of tally.totals)
      capped.set(person, Yen.min(Yen.max(toYen(total), 0), limit));
  }
  if (excluded.size === 0 && positive === null && capped === null && warnings.length === 0)
    return PLAIN;
  return {
    kind: 'allocate',
    excluded,
    positive: positive ?? NO_PERSONS,
    capped: capped ?? NO_TOTALS,
    warnings,
  };
}
