// Long file: the first pass's notes and the second pass's checks of one warning read the same scopes.
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { Yen } from '../core/yen.js';
import { greater, plus, toYen, type Exact } from '../compute/exact.js';
import { PersonTally } from '../compute/person-tally.js';
import { selectFromTally } from '../compute/select-headcount.js';
import { sharesTermCap } from '../compute/term-history.js';
import { termKey } from '../compute/term-starts.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { Policy } from '../core/policy.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../schema/measure.js';
import type { ReportLine, ReportWarning } from '../schema/report.js';

/** The term key of an undetermined line that does not state it (its plan): it may be any term. */
const ANY = '\u0001';

/** Rows kept one by one per scope and year; past this, later lines join the last (a bound for a streamed ledger). */
const MAX_ROWS = 64;

/**
 * The undetermined lines of one cap scope in one fiscal year, in ledger order: their rows, and the
 * running sums through each of their positive amounts (what they could take of the cap first) and
 * of their negative amounts (戻入: what they could give back).
 */
interface Pending {
  readonly firstId: string;
  readonly rows: number[];
  readonly counts: number[];
  readonly up: Exact[];
  readonly down: Exact[];
}

/** The undetermined lines of one person in a headcount or per-person group: the first's id, Σ positive amounts. */
type PendingPersons = Map<string, { readonly id: string; up: Exact }>;

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/**
 * Undetermined lines that a measure would take, if their missing facts allowed, under the same cap,
 * headcount or per-person amount as lines it does take (docs/decisions.md §1.5, "Lines that wait on
 * an undetermined line"). An undetermined line counts under none of them: the lines in its scope
 * are computed as if it did not count, and could get another amount once its facts are filled in.
 * The first pass notes each such line under every scope it could count in; the second pass warns a
 * line whose amount those could change (SHARES_CAP_WITH_UNDETERMINED), so that nobody signs off an
 * amount that waits on another line. Held per scope and fiscal year (a few rows each), not per
 * line: a streamed ledger keeps it. It never changes an amount.
 */
export class UndeterminedClaims {
  /** Per cap scope (see scopeKey): per fiscal year, the undetermined lines that could count in it. */
  private readonly caps = new Map<string, Map<number, Pending>>();
  /** Per entity × measure × component × fiscal year (headcount, per-person amounts): their persons. */
  private readonly persons = new Map<string, PendingPersons>();

  constructor(
    private readonly fact: Fact,
    private readonly policy: Policy,
  ) {}

  /** First pass: an undetermined line (no measure took it), under each component it may meet. */
  observe(candidates: readonly Candidate[], line: LedgerLine): void {
    const keys = new Set<string>();
    for (const candidate of candidates) {
      if (candidate.status !== 'undetermined') continue;
      for (const { component } of candidate.unknown)
        this.note(candidate.measure, component, line, keys);
    }
  }

  /**
   * First pass: a line a measure took that its group will leave undetermined, because a fact one
   * of its caps needs is missing (`when`, `shareOf`, a term's plan): it counts in the scopes of the
   * others as an undetermined line does.
   */
  observeTaken(chosen: EligibleCandidate, line: LedgerLine): void {
    const waits = (chosen.component.caps ?? []).some(
      (cap) =>
        (cap.when !== undefined && this.fact(line, cap.when.fact) === MISSING) ||
        (cap.shareOf !== undefined && this.fact(line, cap.shareOf.fact) === MISSING) ||
        (cap.term?.keyFact !== undefined && this.fact(line, cap.term.keyFact) === MISSING),
    );
    if (waits) this.note(chosen.measure, chosen.component, line, new Set());
  }

  private note(measure: Measure, component: Component, line: LedgerLine, keys: Set<string>): void {
    const { entity, fiscalYear, person } = line;
    const caps = component.caps ?? [];
    // A receipt deducted after a cap (A-02) counts under no cap and no headcount: it is the
    // receipt lines' own deduction that waits on the person's costs (warningOf).
    if (caps.some((cap) => cap.deductAfter?.costTypes.includes(line.costType) === true)) return;
    // What the line could count at most: its amount within each cap on it alone (a sub-cap).
    const amount = this.bounded(caps, line);
    if (
      person !== undefined &&
      (component.headcount !== undefined || component.amount.method === 'per-person')
    ) {
      const key = personsKey(entity.code, measure, component, fiscalYear);
      let persons = this.persons.get(key);
      if (persons === undefined)
        this.persons.set(key, (persons = new Map<string, { readonly id: string; up: Exact }>()));
      const seen = persons.get(person);
      if (!keys.has(`${key}\u0000${person}`)) {
        keys.add(`${key}\u0000${person}`);
        const up = greater(amount, 0) ? amount : 0;
        if (seen === undefined) persons.set(person, { id: line.id, up });
        else seen.up = plus(seen.up, toYen(up));
      }
    }
    for (const cap of caps) {
      if (cap.scope === 'line' || !this.mayCount(cap, line)) continue;
      const key = this.keyOfLine(measure, component, cap, line);
      // One line counts once in a scope, whichever components of it share the scope.
      if (key === null || keys.has(key)) continue;
      keys.add(key);
      let years = this.caps.get(key);
      if (years === undefined) this.caps.set(key, (years = new Map<number, Pending>()));
      add(years, fiscalYear, line, amount);
    }
  }

  /**
   * The line's amount within its caps that hold one line alone (a `when` sub-cap it falls under,
   * a per-line limit): the most it can count in a wider scope. Negative amounts as they are.
   */
  private bounded(caps: readonly Cap[], line: LedgerLine): Exact {
    let bound = new Yen(line.amount);
    if (bound.isNegative()) return plus(0, bound);
    for (const cap of caps)
      if (
        cap.limit !== null &&
        cap.shareOf === undefined &&
        cap.on !== 'amount' &&
        cap.term === undefined &&
        (cap.scope === 'line' || cap.when !== undefined) &&
        this.mayCount(cap, line)
      )
        bound = Yen.min(bound, new Yen(cap.limit));
    return plus(0, bound);
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
  private keyOfLine(
    measure: Measure,
    component: Component,
    cap: Cap,
    line: LedgerLine,
  ): string | null {
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
   * When a headcount group opens (its tally complete): the undetermined lines whose persons, counted,
   * would change who the headcount counts (ranked by totals, or a choice the policy needs); null
   * when none could.
   */
  headcountRisk(
    measure: Measure,
    component: Component,
    line: LedgerLine,
    tally: PersonTally | null,
  ): string | null {
    const { headcount } = component;
    if (headcount === undefined || tally === null || this.persons.size === 0) return null;
    // Persons chosen by selectedForHeadcount stay chosen: another would be chosen only by a flag.
    if (tally.selected.size > 0) return null;
    const pending = this.persons.get(
      personsKey(line.entity.code, measure, component, line.fiscalYear),
    );
    if (pending === undefined) return null;
    // The group's tally with the undetermined persons' amounts added (no one is selected by flag),
    // the newcomers placed before and after the others: ties go by first appearance, which the
    // undetermined lines' rows may put either way.
    const withPending = (newcomersFirst: boolean): PersonTally => {
      const counted = new PersonTally();
      const newcomers = [...pending].filter(([person]) => !tally.totals.has(person));
      if (newcomersFirst) for (const [person] of newcomers) counted.totals.set(person, 0);
      for (const [person, total] of tally.totals) counted.totals.set(person, total);
      for (const [person, { up }] of pending)
        counted.totals.set(person, plus(counted.totals.get(person) ?? 0, toYen(up)));
      return counted;
    };
    const choose = (of: PersonTally) =>
      selectFromTally(of, headcount.limit, this.policy.headcountSelection);
    const now = choose(tally);
    if (now.kind !== 'counted') return null;
    // Who counts now could lose the place, or the group could need a choice it does not now.
    const displaced = [true, false].some((first) => {
      const then = choose(withPending(first));
      return (
        then.kind !== 'counted' || [...now.persons].some((person) => !then.persons.has(person))
      );
    });
    if (!displaced) return null;
    const named = [...pending].slice(0, 3).map(([person, { id }]) => `${id}（${person}）`);
    return `判定保留の明細 ${named.join('、')}${pending.size > 3 ? ` ほか${pending.size - 3}人` : ''}が対象となれば、人数上限（${headcount.label}）の下で対象となる人が変わりうる`;
  }

  /**
   * Second pass: the warning of an allocated line whose amount an undetermined line of one of its
   * scopes could change (earlier in the scope's order for a running cap), or null. `headcount` is
   * its group's headcountRisk.
   */
  warningOf(
    chosen: EligibleCandidate,
    line: LedgerLine,
    built: ReportLine,
    headcount: string | null,
  ): ReportWarning | null {
    if (built.status !== 'eligible') return null;
    // A 不交付団体's amount is 0 whatever the others do (a bond keeps its 起債額, which may move).
    if (built.bond == null && built.reasons.some((reason) => reason.code === 'NON_RECIPIENT'))
      return null;
    const { measure, component } = chosen;
    const text =
      (headcount !== null && !built.caps.some((note) => note.scope === 'headcount')
        ? headcount
        : null) ??
      this.perPersonText(chosen, line) ??
      this.receiptText(chosen, line) ??
      (this.caps.size > 0 ? this.capText(measure, component, line, built) : null);
    if (text === null) return null;
    return {
      code: 'SHARES_CAP_WITH_UNDETERMINED',
      line: line.id,
      message: `明細 ${line.id}: ${measure.title}: ${text}。その明細の未入力の事実を入力して判定し直すこと`,
    };
  }

  /** A per-person amount (one unit a person, if the person's total is positive) that another line of the person decides. */
  private perPersonText(chosen: EligibleCandidate, line: LedgerLine): string | null {
    const { measure, component } = chosen;
    if (component.amount.method !== 'per-person' || line.person === undefined) return null;
    const pending = this.persons
      .get(personsKey(line.entity.code, measure, component, line.fiscalYear))
      ?.get(line.person);
    if (pending === undefined) return null;
    return `判定保留の明細 ${pending.id} が対象となれば、人物 ${line.person} の合計が変わり、1人あたりの額（${component.amount.unitAmount.label}）を算定するかが変わりうる`;
  }

  /** A receipt deducted after a person cap (A-02): it takes back at most the person's capped costs, which an undetermined cost could change. */
  private receiptText(chosen: EligibleCandidate, line: LedgerLine): string | null {
    const { measure, component } = chosen;
    const cap = component.caps?.find((candidate) =>
      candidate.deductAfter?.costTypes.includes(line.costType),
    );
    if (cap === undefined || line.person === undefined) return null;
    const years = this.caps.get(scopeKey(line.entity.code, measure, component, cap, line.person));
    const pending = years?.get(line.fiscalYear);
    if (pending === undefined) return null;
    return `判定保留の明細 ${named(pending, pending.rows.length - 1)} が対象となれば、人物 ${line.person} の上限内の経費が変わり、この受入額の控除が変わりうる`;
  }

  /** A running cap of the line whose amount the undetermined lines before it could change. */
  private capText(
    measure: Measure,
    component: Component,
    line: LedgerLine,
    built: ReportLine,
  ): string | null {
    for (const note of built.caps) {
      if (note.scope === 'line' || note.scope === 'headcount') continue;
      const cap = component.caps?.find((candidate) => candidate.id === note.id);
      if (cap === undefined) continue;
      const key = note.term?.key ?? (cap.scope === 'person' ? (line.person ?? '') : '');
      const earlier = this.earlier(measure, component, cap, key, line);
      if (earlier === null) continue;
      const counted = plus(0, note.counted);
      const headroom = plus(0, note.headroom);
      // Where the scope stood before this line (clamped): limit − headroom − counted.
      const before = plus(
        plus(plus(0, note.limit), toYen(headroom).negated()),
        toYen(counted).negated(),
      );
      const changes =
        // Counted first, they would leave this line less room.
        (greater(earlier.up, headroom) && !toYen(counted).isZero()) ||
        // A 戻入 counted first gives room back under a cap that bound this line, or takes a
        // running sum below 0 that this line's base then fills.
        (greater(0, earlier.down) &&
          (note.binding || greater(0, plus(before, toYen(earlier.down))))) ||
        // A correction's own count depends on where the running sum stands.
        toYen(counted).isNegative();
      if (changes)
        return `判定保留の明細 ${earlier.named} が対象となれば、同じ上限（${cap.label}）にこの明細より先に算入されるため、この明細の額は変わりうる`;
    }
    return null;
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
    let count = 0;
    let first: { row: number; id: string } | null = null;
    const code = line.entity.code;
    const keys = [scopeKey(code, measure, component, cap, key)];
    if (cap.term !== undefined && key !== ANY)
      keys.push(scopeKey(code, measure, component, cap, ANY));
    for (const scope of keys) {
      const years = this.caps.get(scope);
      if (years === undefined) continue;
      for (const [fiscalYear, pending] of years) {
        // The same year: the lines above this one; for a term, every line of an earlier year.
        let last: number;
        if (fiscalYear === line.fiscalYear) last = lastBefore(pending.rows, line.row);
        else if (cap.term !== undefined && fiscalYear < line.fiscalYear)
          last = pending.rows.length - 1;
        else continue;
        if (last < 0) continue;
        up = plus(up, toYen(pending.up[last] ?? 0));
        down = plus(down, toYen(pending.down[last] ?? 0));
        count += pending.counts[last] ?? 0;
        const row = pending.rows[0] ?? 0;
        if (first === null || row < first.row) first = { row, id: pending.firstId };
      }
    }
    if (first === null) return null;
    return { up, down, named: count > 1 ? `${first.id} ほか${count - 1}件` : first.id };
  }
}

/** Adds a line to its scope's year, one row each up to MAX_ROWS, then into the last. */
function add(
  years: Map<number, Pending>,
  fiscalYear: number,
  line: LedgerLine,
  amount: Exact,
): void {
  const up = greater(amount, 0) ? amount : 0;
  const down = greater(0, amount) ? amount : 0;
  const pending = years.get(fiscalYear);
  if (pending === undefined) {
    years.set(fiscalYear, {
      firstId: line.id,
      rows: [line.row],
      counts: [1],
      up: [up],
      down: [down],
    });
    return;
  }
  const last = pending.rows.length - 1;
  const [sumUp, sumDown, count] = [
    pending.up[last] ?? 0,
    pending.down[last] ?? 0,
    pending.counts[last] ?? 0,
  ];
  if (pending.rows.length < MAX_ROWS) {
    pending.rows.push(line.row);
    pending.counts.push(count + 1);
    pending.up.push(plus(sumUp, toYen(up)));
    pending.down.push(plus(sumDown, toYen(down)));
  } else {
    // The last row now stands for later lines too: they count for lines below its first row.
    pending.counts[last] = count + 1;
    pending.up[last] = plus(sumUp, toYen(up));
    pending.down[last] = plus(sumDown, toYen(down));
  }
}

/** The index of the last row before `row` (rows ascending), or −1. */
function lastBefore(rows: readonly number[], row: number): number {
  let low = 0;
  let high = rows.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((rows[middle] ?? Infinity) < row) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function named(pending: Pending, last: number): string {
  const count = pending.counts[last] ?? 1;
  return count > 1 ? `${pending.firstId} ほか${count - 1}件` : pending.firstId;
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

function personsKey(
  entity: string,
  measure: Measure,
  component: Component,
  fiscalYear: number,
): string {
  return `${entity}\u0000${measure.id}\u0000${component.id ?? ''}\u0000${fiscalYear}`;
}
