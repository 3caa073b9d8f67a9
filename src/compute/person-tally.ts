import type { LedgerLine } from '../ledger/normalize-ledger.js';
import { plus, type Exact } from './exact.js';

/**
 * Persons of one group in order of first appearance (the map's own order), with their claimed
 * totals (exact numbers, see exact.ts) and selections.
 */
export class PersonTally {
  readonly totals = new Map<string, Exact>();
  /** Made by the first selectedForHeadcount: most groups have none. */
  private chosen: Set<string> | null = null;
  /** Receipts taken per person (made by the first: most groups have none). */
  private receipted: Map<string, Exact> | null = null;

  /** `receipts`: cost types deducted after a cap, which are no claimed cost. */
  constructor(private readonly receipts: ReadonlySet<string> | null = null) {}

  add(line: Pick<LedgerLine, 'person' | 'amount' | 'facts' | 'costType'>): void {
    const person = line.person ?? '';
    if (this.receipts?.has(line.costType) === true) {
      (this.receipted ??= new Map()).set(
        person,
        plus(this.receipted.get(person) ?? 0, line.amount),
      );
      return;
    }
    this.totals.set(person, plus(this.totals.get(person) ?? 0, line.amount));
    if (line.facts.get('selectedForHeadcount') === true) (this.chosen ??= new Set()).add(person);
  }

  /** Persons in order of first appearance. */
  get order(): string[] {
    return [...this.totals.keys()];
  }

  /** The receipts of the person taken so far (0 when none). */
  received(person: string): Exact {
    return this.receipted?.get(person) ?? 0;
  }

  get selected(): ReadonlySet<string> {
    return this.chosen ?? NONE;
  }
}

const NONE: ReadonlySet<string> = new Set();
