import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { entityText } from '../compute/place-text.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';

type FactOf = (line: LedgerLine, id: string) => FactValue | Missing;

function keyOf(chosen: EligibleCandidate, line: LedgerLine): string | null {
  if (chosen.version.personClass === undefined || line.person === undefined) return null;
  return `${chosen.measure.id}\u0000${line.entity.code}\u0000${line.fiscalYear}\u0000${line.person}`;
}

/**
 * The classes (a version's `personClass` fact, e.g. 専任・兼任) each person was taken in, per
 * measure × entity × fiscal year: tallied on the first pass, so every line of a person booked in
 * two classes gets PERSON_CLASS_CONFLICT on the second (docs/decisions.md §3.3). Each class has its
 * own per-person cap, so such a person is counted under both: someone must check the booking.
 */
export class PersonClasses {
  /**
   * The class of each key, or its classes once a second is seen: a Set per person would be most
   * of this map's memory on a national ledger, where nearly every person has one class.
   */
  private seen = new Map<string, string | Set<string>>();

  constructor(private readonly fact: FactOf) {}

  /** First pass: the class a line taken by `chosen` states. */
  observe(chosen: EligibleCandidate, line: LedgerLine): void {
    const key = keyOf(chosen, line);
    if (key === null) return;
    const value = this.fact(line, chosen.version.personClass?.fact ?? '');
    if (value === MISSING) return;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const classes = this.seen.get(key);
    if (classes === undefined) this.seen.set(key, text);
    else if (typeof classes !== 'string') classes.add(text);
    else if (classes !== text) this.seen.set(key, new Set([classes, text]));
  }

  /** After pass 1: lets go of the persons taken in one class (they are warned of nothing). */
  endFirstPass(): void {
    const seen = new Map<string, string | Set<string>>();
    for (const [key, classes] of this.seen) if (typeof classes !== 'string') seen.set(key, classes);
    this.seen = seen;
  }

  /** Second pass: the warning of a line whose person was taken in several classes, else null. */
  warningOf(chosen: EligibleCandidate, line: LedgerLine): ReportWarning | null {
    const key = keyOf(chosen, line);
    const classes = key === null ? undefined : this.seen.get(key);
    const personClass = chosen.version.personClass;
    // A single class is kept as its text: no conflict.
    if (classes === undefined || typeof classes === 'string' || personClass === undefined)
      return null;
    return {
      code: 'PERSON_CLASS_CONFLICT',
      line: line.id,
      message: `明細 ${line.id}: ${chosen.measure.title}: 人物 ${line.person ?? ''} が ${entityText(line.entity)} FY${line.fiscalYear} に${personClass.label}の複数の区分（${[...classes].sort().join('、')}）で計上されています。区分ごとの1人あたり上限がそれぞれ適用されたため、計上を確認してください`,
    };
  }
}
