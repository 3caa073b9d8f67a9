import { MISSING, type FactValue, type Missing } from '../../core/missing.js';
import { Yen } from '../../core/yen.js';
import type { LedgerLine } from '../../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../../schema/measure.js';

/** A line with the measure and component that took it (as ReferenceLine). */
interface TakenLine {
  readonly line: LedgerLine;
  readonly measure: Measure;
  readonly component: Component;
}

/**
 * The terms of caps over a term (docs/decisions.md §1.4), written plainly: one running sum per
 * entity × measure × cap × term, carried from one call of the reference allocator to the next. The
 * components of a measure that carry the same cap (the マスタープラン's rate tiers) count into one
 * term: a plan's ¥20,000,000 is the plan's, whichever tier a line of it falls under. The caller hands the fiscal years of an entity × measure in ascending order; priorCounted
 * is read from all the lines, before any is allocated.
 */
export class ReferenceTerms {
  private readonly sums = new Map<string, Yen>();
  private readonly priors = new Map<string, Yen>();

  /** `lines`: every line measures took, all fiscal years. */
  constructor(
    lines: readonly TakenLine[],
    private readonly fact: (line: LedgerLine, id: string) => FactValue | Missing,
  ) {
    // The first line of each term that states priorCounted, in fiscal-year order, then ledger order.
    const ordered = [...lines].sort(
      (a, b) => a.line.fiscalYear - b.line.fiscalYear || a.line.row - b.line.row,
    );
    for (const { line, measure, component } of ordered)
      for (const cap of component.caps ?? []) {
        if (cap.term === undefined) continue;
        const key = this.keyOf(cap, line);
        if (key === null) continue;
        const id = this.idOf(line, measure, cap, key);
        const value = fact(line, cap.term.priorFact);
        if (!this.priors.has(id) && typeof value === 'string') this.priors.set(id, new Yen(value));
      }
  }

  /** The line's term of the cap: its person, or its value of the term's fact (null: missing). */
  keyOf(cap: Cap, line: LedgerLine): string | null {
    const keyFact = cap.term?.keyFact;
    if (keyFact === undefined) return line.person ?? '';
    const value = this.fact(line, keyFact);
    if (value === MISSING) return null;
    return typeof value === 'object' ? value.join(',') : String(value);
  }

  idOf(line: LedgerLine, measure: Measure, cap: Cap, key: string): string {
    return JSON.stringify([line.entity.code, measure.id, cap.id, key]);
  }

  prior(id: string): Yen | undefined {
    return this.priors.get(id);
  }

  /** The term's running sum so far: priorCounted, then every line counted under it. */
  sum(id: string): Yen {
    return this.sums.get(id) ?? this.priors.get(id) ?? new Yen(0);
  }

  set(id: string, sum: Yen): void {
    this.sums.set(id, sum);
  }
}
