import type { WarningCode } from '../../core/codes.js';
import type { Policy } from '../../core/policy.js';
import { Yen } from '../../core/yen.js';
import type { LedgerLine } from '../../ledger/normalize-ledger.js';
import type { Component } from '../../schema/measure.js';
import { defaultSelectionText, needsSelectionText, overSelectedText } from '../headcount-text.js';
import { clamp } from './reference-arithmetic.js';
import type { ReferenceVerdict } from './reference-types.js';

/**
 * What a group (entity × fiscal year × measure × component) decides from all its lines before the
 * first is allocated: who a person-counting component needs, who counts under a headcount cap
 * (docs/decisions.md §1.5), and whose total is positive for per-person amounts.
 */
export interface ReferencePlan {
  /** Why a line must name a person, or null. */
  readonly needsPerson: string | null;
  /** A verdict for every line of the group (too many persons selected, or a selection needed). */
  readonly verdict: ReferenceVerdict | null;
  readonly excluded: ReadonlySet<string>;
  readonly positive: ReadonlySet<string>;
  /** Under a cap that deducts receipts after it: each person's min(max(Σ costs, 0), limit). */
  readonly capped: ReadonlyMap<string, Yen>;
  readonly warnings: readonly { readonly code: WarningCode; readonly message: string }[];
}

function personReason(component: Component): string | null {
  if (component.headcount !== undefined) return `人数上限（${component.headcount.label}）`;
  const cap = (component.caps ?? []).find((candidate) => candidate.scope === 'person');
  if (cap !== undefined) return `1人ごとの上限（${cap.label}）`;
  if (component.amount.method === 'per-person')
    return `1人あたりの額（${component.amount.unitAmount.label}）`;
  return null;
}

export function referencePlan(
  component: Component,
  lines: readonly LedgerLine[],
  policy: Policy,
): ReferencePlan {
  const needsPerson = personReason(component);
  const plan = {
    needsPerson,
    verdict: null,
    excluded: new Set<string>(),
    positive: new Set<string>(),
    capped: new Map<string, Yen>(),
    warnings: [] as { code: WarningCode; message: string }[],
  };
  // Receipts are no cost: a person's capped total is over the other lines only.
  const deducting = (component.caps ?? []).find((cap) => cap.deductAfter !== undefined);
  const receipts = deducting?.deductAfter?.costTypes ?? [];
  if (deducting?.deductAfter !== undefined && deducting.limit !== null) {
    for (const line of lines) {
      if (line.person === undefined || receipts.includes(line.costType)) continue;
      plan.capped.set(line.person, (plan.capped.get(line.person) ?? new Yen(0)).plus(line.amount));
    }
    const limit = new Yen(deducting.limit);
    for (const [person, total] of plan.capped) plan.capped.set(person, clamp(total, limit));
  }
  const { headcount, amount } = component;
  if (headcount === undefined && amount.method !== 'per-person') return plan;
  // Persons in order of first appearance, their claimed totals, and the ones selected.
  const totals = new Map<string, Yen>();
  const selected = new Set<string>();
  for (const line of lines) {
    // A receipt is no claimed cost: it neither ranks nor selects a person.
    if (line.person === undefined || receipts.includes(line.costType)) continue;
    totals.set(line.person, (totals.get(line.person) ?? new Yen(0)).plus(line.amount));
    if (line.facts.get('selectedForHeadcount') === true) selected.add(line.person);
  }
  const persons = [...totals.keys()];
  if (headcount !== undefined && persons.length > 0) {
    let counted: string[];
    if (selected.size > headcount.limit) {
      return {
        ...plan,
        verdict: {
          kind: 'invalid',
          field: 'facts.selectedForHeadcount',
          ...overSelectedText(headcount.limit, headcount.label, selected.size),
        },
      };
    } else if (selected.size > 0) {
      counted = persons.filter((person) => selected.has(person));
    } else if (persons.length <= headcount.limit) {
      counted = persons;
    } else if (policy.headcountSelection === 'explicit') {
      return {
        ...plan,
        verdict: {
          kind: 'undetermined',
          missing: ['selectedForHeadcount'],
          text: needsSelectionText(persons.length, headcount.label),
        },
      };
    } else {
      // The largest claimed totals count; equal totals by first appearance (a stable sort).
      counted = [...persons]
        .sort((a, b) => (totals.get(b) ?? new Yen(0)).cmp(totals.get(a) ?? new Yen(0)))
        .slice(0, headcount.limit);
      const dropped = persons.filter((person) => !counted.includes(person));
      plan.warnings.push({
        code: 'HEADCOUNT_DEFAULT_SELECTION',
        message: defaultSelectionText(
          headcount.label,
          persons.length,
          headcount.limit,
          counted,
          dropped,
        ),
      });
    }
    for (const person of persons) if (!counted.includes(person)) plan.excluded.add(person);
  }
  // A person's unit amount needs a positive total. Caps with stated positive limits keep a positive
  // claimed total positive; any other cap (0, not stated, a share of a fact) might not, and then
  // nobody is taken to be positive.
  const capsKeepSign = (component.caps ?? []).every(
    (cap) => cap.limit !== null && cap.shareOf === undefined && new Yen(cap.limit).gt(0),
  );
  if (amount.method === 'per-person' && capsKeepSign)
    for (const [person, total] of totals)
      if (total.gt(0) && !plan.excluded.has(person)) plan.positive.add(person);
  return plan;
}
