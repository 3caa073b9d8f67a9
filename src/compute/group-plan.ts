import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import type { Component } from '../schema/measure.js';
import { PersonTally } from './person-tally.js';
import { selectFromTally } from './select-headcount.js';
import { Yen } from './yen.js';

const NO_PERSONS: ReadonlySet<string> = new Set();

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
      readonly warnings: readonly { readonly code: string; readonly message: string }[];
    }
  | GroupVerdict;

/** Why a line of this component must name a person, or null when it need not. */
export function personRequirement(component: Component): string | null {
  if (component.headcount !== undefined) return `its headcount cap (${component.headcount.label})`;
  const personCap = component.caps?.find((cap) => cap.scope === 'person');
  if (personCap !== undefined) return `its per-person cap (${personCap.label})`;
  if (component.amount.method === 'per-person')
    return `its amount per person (${component.amount.unitAmount.label})`;
  return null;
}

/**
 * The first pass over one group (entity × fiscal year × measure × component): tallies persons, so
 * the headcount choice (decisions.md §1.5) and per-person amounts are known before any line of
 * the group is allocated. Lines that lack a required person are not observed (they are invalid).
 */
export class GroupObserver {
  /** Made only for components that count persons: a national ledger has many groups. */
  private readonly tally: PersonTally | null;

  constructor(private readonly component: Component) {
    this.tally =
      component.headcount !== undefined || component.amount.method === 'per-person'
        ? new PersonTally()
        : null;
  }

  observe(line: LedgerLine): void {
    if (this.tally !== null && line.person !== undefined) this.tally.add(line);
  }

  plan(policy: Policy): GroupPlan {
    const { headcount, amount } = this.component;
    let excluded: ReadonlySet<string> = NO_PERSONS;
    const warnings: { code: string; message: string }[] = [];
    const tally = this.tally;
    if (headcount !== undefined && tally !== null && tally.order.length > 0) {
      const selection = selectFromTally(tally, headcount.limit, policy.headcountSelection);
      if (selection.kind === 'over-selected') {
        return {
          kind: 'invalid',
          field: 'facts.selectedForHeadcount',
          expected: `at most ${headcount.limit} persons selected (${headcount.label})`,
          received: `${selection.count} persons selected`,
        };
      }
      if (selection.kind === 'needs-selection') {
        return {
          kind: 'undetermined',
          missing: ['selectedForHeadcount'],
          text: `${selection.count} persons exceed ${headcount.label}; policy headcountSelection "explicit" needs selectedForHeadcount`,
        };
      }
      excluded = selection.dropped;
      if (selection.defaulted) {
        warnings.push({
          code: 'HEADCOUNT_DEFAULT_SELECTION',
          message: `${headcount.label}: ${selection.persons.size + selection.dropped.size} persons and no selectedForHeadcount; the ${headcount.limit} with the largest totals count (${[...selection.persons].join(', ')}), not ${[...selection.dropped].join(', ')}`,
        });
      }
    }
    // Most groups neither count nor pay per person: they share one empty set.
    const positive = amount.method === 'per-person' ? new Set<string>() : null;
    // Caps clamp running totals into [0, limit]: a positive claimed total stays positive after
    // them unless some limit is 0.
    const capsKeepSign = (this.component.caps ?? []).every(
      (cap) => cap.limit !== null && cap.shareOf === undefined && new Yen(cap.limit).gt(0),
    );
    if (positive !== null && capsKeepSign && tally !== null) {
      for (const [person, total] of tally.totals) {
        if (total.gt(0) && !excluded.has(person)) positive.add(person);
      }
    }
    return { kind: 'allocate', excluded, positive: positive ?? NO_PERSONS, warnings };
  }
}
