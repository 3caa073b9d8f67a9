import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { greater, plus, type Exact } from '../compute/exact.js';
import { sharesTermCap } from '../compute/term-history.js';
import { termKey } from '../compute/term-starts.js';
import type { PersonTally } from '../compute/person-tally.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../schema/measure.js';
import type { ReportLine, ReportWarning } from '../schema/report.js';

/** The term key of an undetermined line that does not state it (its plan): it may be any term. */
const ANY = '\u0001';

/** The undetermined lines of one cap scope in one fiscal year. */
interface Pending {
  /** The first of them in ledger order: the warning names it. */
  readonly first: string;
  readonly firstRow: number;
  count: number;
  /** Σ of their positive amounts: what they could take of the cap before a later line. */
  up: Exact;
  /** Σ of their negative amounts (戻入): what they could give back. */
  down: Exact;
}

/** The persons of undetermined lines a headcount component could count, by person: the first line's id. */
type PendingPersons = Map<string, string>;

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/**
 * Undetermined lines that a measure would take, if their missing facts allowed, under the same cap
 * or headcount as lines it does take (docs/decisions.md §1.5, "Lines that wait on an undetermined line").
 * An undetermined line consumes no cap: the lines after it in the same scope are computed as if it
 * did not count, and would get less (or, for a 戻入, more) once its facts are filled in. The first
 * pass notes each such line under every scope it could count in; the second pass warns a line whose
 * amount those could change (SHARES_CAP_WITH_UNDETERMINED), so that nobody signs off an amount that
 * waits on another line. Held per scope and fiscal year, not per line: a streamed ledger keeps it.
 */
export class UndeterminedClaims {
  /** Per cap scope (see scopeKey): per fiscal year, the undetermined lines that could count in it. */
  private readonly caps = new Map<string, Map<number, Pending>>();
  /** Per entity × measure × component × fiscal year of a headcount: the persons of undetermined lines. */
  private readonly persons = new Map<string, PendingPersons>();

  constructor(private readonly fact: Fact) {}

  /** First pass: an undetermined line (no measure took it), under the caps of each component it may meet. */
  observe(candidates: readonly Candidate[], line: LedgerLine): void {
    for (const candidate of candidates) {
      if (candidate.status !== 'undetermined') continue;
      for (const { component } of candidate.unknown) this.note(candidate.measure, component, line);
    }
  }

  /**
   * Second pass: a line of a group that came out undetermined (a cap's fact is missing): it counts
   * for the lines after it in ledger order, which is all the second pass can still warn.
   */
  observeEmitted(measure: Measure, component: Component, line: LedgerLine): void {
    this.note(measure, component, line);
  }

  private note(measure: Measure, component: Component, line: LedgerLine): void {
    const { entity, fiscalYear, person } = line;
    // A receipt deducted after a cap (A-02) counts under no cap and no headcount: its deduction is
    // on its own line, and no other line's amount waits on it.
    if (component.caps?.some((cap) => cap.deductAfter?.costTypes.includes(line.costType)) === true)
      return;
    if (component.headcount !== undefined && person !== undefined) {
      const key = headcountKey(entity.code, measure, component, fiscalYear);
      let persons = this.persons.get(key);
      if (persons === undefined) this.persons.set(key, (persons = new Map<string, string>()));
      if (!persons.has(person)) persons.set(person, line.id);
    }
    for (const cap of component.caps ?? []) {
      if (cap.scope === 'line' || !this.mayCount(cap, line)) continue;
      const key = this.keyOfLine(measure, component, cap, line);
      if (key === null) continue;
      let years = this.caps.get(key);
      if (years === undefined) this.caps.set(key, (years = new Map<number, Pending>()));
      const pending = years.get(fiscalYear);
      const amount = line.amount;
      const negative = amount.startsWith('-');
      if (pending === undefined)
        years.set(fiscalYear, {
          first: line.id,
          firstRow: line.row,
          count: 1,
          up: negative ? 0 : plus(0, amount),
          down: negative ? plus(0, amount) : 0,
        });
      else {
        pending.count += 1;
        if (negative) pending.down = plus(pending.down, amount);
        else pending.up = plus(pending.up, amount);
      }
    }
  }

  /** Whether a cap restricted to some lines (`when`) may cover this one (a missing fact: it may). */
  private mayCount(cap: Cap, line: LedgerLine): boolean {
    if (cap.when === undefined) return true;
    const value = this.fact(line, cap.when.fact);
    if (value === MISSING) return true;
    const wanted = cap.when.in.map(String);
    return typeof value === 'object'
      ? value.some((item) => wanted.includes(item))
      : wanted.includes(String(value));
  }

  /** The scope key a line counts under for this cap; null when it counts under none (no person). */
  private keyOfLine(measure: Measure, component: Component, cap: Cap, line: LedgerLine) {
    if (cap.term !== undefined) {
      const term = termKey(cap, cap.term, line, { fact: this.fact });
      return scopeKey(
        line.entity.code,
        measure,
        component,
        cap,
        typeof term === 'string' ? term : ANY,
      );
    }
    if (cap.scope === 'person')
      return line.person === undefined
        ? null
        : scopeKey(line.entity.code, measure, component, cap, line.person);
    return scopeKey(line.entity.code, measure, component, cap, '');
  }

  /**
   * When a headcount group opens (its tally is complete): the undetermined lines whose persons
   * would push it over its limit, so that who counts could change; null when none could.
   */
  headcountRisk(
    measure: Measure,
    component: Component,
    line: LedgerLine,
    tally: PersonTally | null,
  ): string | null {
    const { headcount } = component;
    if (headcount === undefined || tally === null || this.persons.size === 0) return null;
    // Persons chosen by selectedForHeadcount stay chosen: a newcomer would be chosen only by a flag.
    if (tally.selected.size > 0) return null;
    const pending = this.persons.get(
      headcountKey(line.entity.code, measure, component, line.fiscalYear),
    );
    if (pending === undefined) return null;
    const newcomers = [...pending].filter(([person]) => !tally.totals.has(person));
    if (newcomers.length === 0 || tally.totals.size + newcomers.length <= headcount.limit)
      return null;
    const named = newcomers.slice(0, 3).map(([person, id]) => `${id}（${person}）`);
    return `判定保留の明細 ${named.join('、')}${newcomers.length > 3 ? ` ほか${newcomers.length - 3}人` : ''}が対象となれば、人数上限（${headcount.label}）を超え、対象となる人が変わりうる`;
  }

  /**
   * Second pass: the warning of an allocated line whose amount an earlier undetermined line in one
   * of its cap scopes could change, or null. `headcount` is its group's headcountRisk.
   */
  warningOf(
    measure: Measure,
    component: Component,
    line: LedgerLine,
    built: ReportLine,
    headcount: string | null,
  ): ReportWarning | null {
    if (built.status !== 'eligible') return null;
    const texts: string[] = [];
    if (headcount !== null && !built.caps.some((note) => note.scope === 'headcount'))
      texts.push(headcount);
    if (this.caps.size > 0)
      for (const note of built.caps) {
        if (note.scope === 'line' || note.scope === 'headcount') continue;
        const cap = component.caps?.find((candidate) => candidate.id === note.id);
        if (cap === undefined) continue;
        const key = note.term?.key ?? (cap.scope === 'person' ? (line.person ?? '') : '');
        const earlier = this.earlier(measure, component, cap, key, line);
        if (earlier === null) continue;
        const counted = greater(plus(0, note.counted), 0);
        if (counted && greater(earlier.up, plus(0, note.headroom))) {
          texts.push(
            `判定保留の明細 ${earlier.named} が対象となれば、同じ上限（${cap.label}）をこの明細より先に使うため、この明細の額は減りうる`,
          );
          break;
        }
        if (note.binding && greater(0, earlier.down)) {
          texts.push(
            `判定保留の明細 ${earlier.named}（戻入）が対象となれば、上限（${cap.label}）に空きができ、この明細の額は増えうる`,
          );
          break;
        }
      }
    if (texts.length === 0) return null;
    return {
      code: 'SHARES_CAP_WITH_UNDETERMINED',
      line: line.id,
      message: `明細 ${line.id}: ${measure.title}: ${texts.join('。')}。その明細の未入力の事実を入力して判定し直すこと`,
    };
  }

  /** The undetermined lines counted before this line under one cap scope (its term: earlier years too). */
  private earlier(
    measure: Measure,
    component: Component,
    cap: Cap,
    key: string,
    line: LedgerLine,
  ): { up: Exact; down: Exact; named: string } | null {
    let up: Exact = 0;
    let down: Exact = 0;
    let first: Pending | null = null;
    let count = 0;
    const code = line.entity.code;
    const keys = [scopeKey(code, measure, component, cap, key)];
    if (cap.term !== undefined && key !== ANY)
      keys.push(scopeKey(code, measure, component, cap, ANY));
    for (const scope of keys) {
      const years = this.caps.get(scope);
      if (years === undefined) continue;
      for (const [fiscalYear, pending] of years) {
        const before =
          fiscalYear === line.fiscalYear
            ? pending.firstRow < line.row
            : cap.term !== undefined && fiscalYear < line.fiscalYear;
        if (!before) continue;
        up = plus(up, pending.up);
        down = plus(down, pending.down);
        count += pending.count;
        if (first === null || pending.firstRow < first.firstRow) first = pending;
      }
    }
    if (first === null) return null;
    return { up, down, named: count > 1 ? `${first.first} ほか${count - 1}件` : first.first };
  }
}

/**
 * A cap's scope: entity × measure × component × cap × person or term (a measure-wide cap, and a
 * term the components share, without the component), fiscal years apart.
 */
function scopeKey(
  entity: string,
  measure: Measure,
  component: Component,
  cap: Cap,
  key: string,
): string {
  const shared =
    cap.scope === 'measure' || (cap.term !== undefined && sharesTermCap(measure, component));
  return `${entity}\u0000${measure.id}\u0000${shared ? '' : (component.id ?? '')}\u0000${cap.id}\u0000${key}`;
}

function headcountKey(
  entity: string,
  measure: Measure,
  component: Component,
  fiscalYear: number,
): string {
  return `${entity}\u0000${measure.id}\u0000${component.id ?? ''}\u0000${fiscalYear}`;
}
