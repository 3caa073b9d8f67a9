import type { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { RunningClamp } from './clamp-running.js';

/** A line of a cost type the cap deducts after it (A-02: 市町村負担金 a 都道府県 receives). */
export function isReceipt(cap: Cap, line: LedgerLine): boolean {
  return cap.deductAfter !== undefined && cap.deductAfter.costTypes.includes(line.costType);
}

/**
 * The receipts of one group deducted after a `person` cap (docs/decisions.md §1.4, A-02): with K
 * the person's capped cost total (known from the group's first pass) and R_j the person's running
 * receipts, receipt line j takes back clamp(R_j, K) − clamp(R_{j−1}, K), shown as a negative base.
 */
export class ReceiptDeductions {
  private readonly byPerson = new Map<string, RunningClamp>();

  constructor(private readonly capped: ReadonlyMap<string, Yen>) {}

  /** The receipt line's (negative) base and its `caps` entry. */
  deduct(cap: Cap, person: string, amount: Yen, zero: Yen): { base: Yen; note: CapNote } {
    const deduction = cap.deductAfter;
    if (deduction === undefined) throw new Error(`cap ${cap.id} deducts nothing`);
    let clamp = this.byPerson.get(person);
    if (clamp === undefined) {
      clamp = new RunningClamp(this.capped.get(person) ?? zero);
      this.byPerson.set(person, clamp);
    }
    const applied = clamp.next(amount);
    const base = applied.negated();
    return {
      base,
      note: {
        id: deduction.id,
        label: deduction.label,
        scope: 'person',
        limit: clamp.limit.toFixed(0),
        counted: base.toFixed(0),
        headroom: clamp.limit.minus(clamp.clamped).toFixed(0),
        binding: !applied.eq(amount),
      },
    };
  }
}
