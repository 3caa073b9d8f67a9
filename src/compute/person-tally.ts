import type { LedgerLine } from '../ledger/normalize-ledger.js';
import { Yen } from './yen.js';

/** Persons of one group in order of first appearance, with their claimed totals and selections. */
export class PersonTally {
  readonly order: string[] = [];
  readonly totals = new Map<string, Yen>();
  readonly selected = new Set<string>();

  add(line: Pick<LedgerLine, 'person' | 'amount' | 'facts'>): void {
    const person = line.person ?? '';
    const total = this.totals.get(person);
    if (total === undefined) this.order.push(person);
    this.totals.set(person, (total ?? new Yen(0)).plus(line.amount));
    if (line.facts.get('selectedForHeadcount') === true) this.selected.add(person);
  }
}
