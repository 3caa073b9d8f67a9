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

/** Entries kept one by one per scope and year; past this, the last joins the one above it (a bound for a streamed ledger). */
const MAX_ROWS = 64;

/**
 * The undetermined lines of one cap scope in one fiscal year; the scope's other years follow by
 * `next`. Compact: a national ledger streamed under a capped heap holds a hundred thousand.
 */
interface Pending {
  readonly fiscalYear: number;
  /** The id of its first line in rows. */
  firstId: string;
  /**
   * Four values per undetermined line (or, past MAX_ROWS, several), in row order: its row, how many
   * lines, Σ positive amounts (what they could take of the cap first) and Σ negative amounts (戻入:
   * what they could give back). One array made to size, not an object per line.
   */
  entries: Exact[];
  /**
   * Read whatever the rows of the lines it may change (a term's years, the costs a receipt is
   * deducted after), or a line a measure took came below its lines in pass 1: kept after pass 1.
   */
  kept: boolean;
  next: Pending | null;
}

/** Values per entry of Pending.entries. */
const WIDTH = 4;

/**
 * The undetermined lines of one person in a headcount or per-person group: the first's id, Σ of
 * their amounts, and whether one selects the person for the headcount.
 */
type PendingPersons = Map<string, { readonly id: string; sum: Exact; selected: boolean }>;

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
  private caps = new Map<string, Pending>();
  /** Per entity × measure × component × fiscal year (headcount, per-person amounts): their persons. */
  private readonly persons = new Map<string, PendingPersons>();
  /** Term scopes an undetermined line states `priorCounted` for (the term's start may be its). */
  private readonly priorStated = new Set<string>();
  /** Rows of lines a measure took that the first pass noted as waiting (not noted again after). */
  private readonly waiting = new Set<number>();

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
    // Before the line is noted itself: it does not wait on itself.
    this.keepAbove(chosen, line);
    const waits = (chosen.component.caps ?? []).some(
      (cap) =>
        (cap.when !== undefined && this.fact(line, cap.when.fact) === MISSING) ||
        (cap.shareOf !== undefined && this.fact(line, cap.shareOf.fact) === MISSING) ||
        (cap.term?.keyFact !== undefined && this.fact(line, cap.term.keyFact) === MISSING),
    );
    if (!waits) return;
    this.waiting.add(line.row);
    this.note(chosen.measure, chosen.component, line, new Set());
  }

  /**
   * Second pass: a line a measure took whose group left it undetermined for a reason the first
   * pass cannot see (a 一般管理費 whose rate, or a direct cost's tax, is missing): it counts for
   * the lines below it.
   */
  observeEmitted(chosen: EligibleCandidate, line: LedgerLine): void {
    if (!this.waiting.has(line.row)) this.note(chosen.measure, chosen.component, line, new Set());
  }

  private note(measure: Measure, component: Component, line: LedgerLine, keys: Set<string>): void {
    const { entity, fiscalYear, person } = line;
    const caps = component.caps ?? [];
    // A receipt deducted after a cap (A-02) counts under no cap and no headcount: it counts only
    // for the person's later receipts, which take back what is left (receiptText).
    const deducting = caps.find(
      (cap) => cap.deductAfter?.costTypes.includes(line.costType) === true,
    );
    if (deducting !== undefined) {
      if (person === undefined) return;
      const key = scopeKey(entity.code, measure, component, deducting, `${RECEIPTS}${person}`);
      if (!keys.has(key)) {
        keys.add(key);
        // Every later receipt of the person reads it, whatever comes between.
        this.add(key, line, plus(0, line.amount), true);
      }
      return;
    }
    // What the line could count at most: its amount within each cap on it alone (a sub-cap).
    const amount = this.bounded(caps, line);
    // A 一般管理費 counts first under its own 上限 (made when its group opens, not in the rules).
    if (component.amount.method === 'overhead') {
      const key = overheadKey(entity.code, measure, component);
      if (!keys.has(key)) {
        keys.add(key);
        this.add(key, line, amount, false);
      }
    }
    if (
      person !== undefined &&
      (component.headcount !== undefined || component.amount.method === 'per-person')
    ) {
      const key = personsKey(entity.code, measure, component, fiscalYear);
      let persons = this.persons.get(key);
      if (persons === undefined)
        this.persons.set(
          key,
          (persons = new Map<string, { readonly id: string; sum: Exact; selected: boolean }>()),
        );
      const seen = persons.get(person);
      if (!keys.has(`${key}\u0000${person}`)) {
        keys.add(`${key}\u0000${person}`);
        const selected = line.facts.get('selectedForHeadcount') === true;
        if (seen === undefined) persons.set(person, { id: line.id, sum: amount, selected });
        else {
          seen.sum = plus(seen.sum, toYen(amount));
          seen.selected ||= selected;
        }
      }
    }
    for (const cap of caps) {
      if (cap.scope === 'line' || !this.mayCount(cap, line)) continue;
      const key = this.keyOfLine(measure, component, cap, line);
      // One line counts once in a scope, whichever components of it share the scope.
      if (key === null || keys.has(key)) continue;
      keys.add(key);
      // A term's later years read it whatever their rows; so do a person's receipts its costs.
      this.add(key, line, amount, cap.term !== undefined || cap.deductAfter !== undefined);
      // The term's prior amount is taken from the first line stating it: this one could be it.
      if (cap.term !== undefined && this.fact(line, cap.term.priorFact) !== MISSING)
        this.priorStated.add(key);
    }
  }

  /** Adds a line to its scope's year (see addEntry); `kept`: the year is read whatever the rows. */
  private add(key: string, line: LedgerLine, amount: Exact, kept: boolean): void {
    const first = this.caps.get(key);
    let pending = yearOf(first, line.fiscalYear);
    if (pending === undefined) {
      pending = {
        fiscalYear: line.fiscalYear,
        firstId: line.id,
        entries: [],
        kept,
        next: first ?? null,
      };
      this.caps.set(key, pending);
    }
    // Components of a rule set may share a measure-wide cap's id, one of them over a term.
    if (kept) pending.kept = true;
    addEntry(pending, line.id, line.row, amount);
  }

  /**
   * First pass: a line a measure took. The undetermined lines above it in its running caps' scopes
   * (the same fiscal year) may change its amount: they are kept after pass 1.
   */
  private keepAbove(chosen: EligibleCandidate, line: LedgerLine): void {
    if (this.caps.size === 0) return;
    const { measure, component } = chosen;
    const keep = (key: string | null): void => {
      const pending = key === null ? undefined : yearOf(this.caps.get(key), line.fiscalYear);
      if (pending !== undefined && (pending.entries[0] as number) < line.row) pending.kept = true;
    };
    for (const cap of component.caps ?? [])
      if (cap.scope !== 'line' && cap.term === undefined && cap.deductAfter === undefined)
        keep(this.keyOfLine(measure, component, cap, line));
    if (component.amount.method === 'overhead')
      keep(overheadKey(line.entity.code, measure, component));
  }

  /**
   * After pass 1 (the first line emitted): lets go of the years no line a measure took came below
   * in pass 1. Their lines can change no amount: a running cap's undetermined line changes only
   * the lines after it. A streamed ledger holds the rest through pass 2.
   */
  endFirstPass(): void {
    const caps = new Map<string, Pending>();
    for (const [key, first] of this.caps) {
      let kept: Pending | null = null;
      for (let pending: Pending | null = first; pending !== null; pending = pending.next)
        if (pending.kept) kept = { ...pending, next: kept };
      if (kept !== null) caps.set(key, kept);
    }
    this.caps = caps;
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
    const pending = this.persons.get(
      personsKey(line.entity.code, measure, component, line.fiscalYear),
    );
    if (pending === undefined) return null;
    const named = [...pending].slice(0, 3).map(([person, { id }]) => `${id}（${person}）`);
    const text = `判定保留の明細 ${named.join('、')}${pending.size > 3 ? ` ほか${pending.size - 3}人` : ''}が対象となれば、人数上限（${headcount.label}）の下で対象となる人が変わりうる`;
    // A line selecting its person (selectedForHeadcount) changes the choice whatever the amounts.
    if ([...pending.values()].some((entry) => entry.selected)) return text;
    // Persons chosen by selectedForHeadcount stay chosen: another would be chosen only by a flag.
    if (tally.selected.size > 0) return null;
    // The group's tally with the undetermined persons' amounts added (no one is selected by flag),
    // the newcomers placed before and after the others: ties go by first appearance, which the
    // undetermined lines' rows may put either way.
    const withPending = (newcomersFirst: boolean): PersonTally => {
      const counted = new PersonTally();
      const newcomers = [...pending].filter(([person]) => !tally.totals.has(person));
      if (newcomersFirst) for (const [person] of newcomers) counted.totals.set(person, 0);
      for (const [person, total] of tally.totals) counted.totals.set(person, total);
      for (const [person, { sum }] of pending)
        counted.totals.set(person, plus(counted.totals.get(person) ?? 0, toYen(sum)));
      return counted;
    };
    const choose = (of: PersonTally) =>
      selectFromTally(of, headcount.limit, this.policy.headcountSelection);
    const now = choose(tally);
    if (now.kind !== 'counted') return null;
    // Who counts could change (one counted now dropped, one dropped now counted), or the group
    // could need a choice it does not now.
    const displaced = [true, false].some((first) => {
      const then = choose(withPending(first));
      return (
        then.kind !== 'counted' ||
        [...now.persons].some((person) => !then.persons.has(person)) ||
        [...then.persons].some((person) => tally.totals.has(person) && !now.persons.has(person))
      );
    });
    return displaced ? text : null;
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
      headcount ??
      this.perPersonText(chosen, line, built) ??
      this.receiptText(chosen, line, built) ??
      (this.caps.size > 0 ? this.capText(measure, component, line, built) : null);
    if (text === null) return null;
    return {
      code: 'SHARES_CAP_WITH_UNDETERMINED',
      line: line.id,
      message: `明細 ${line.id}: ${measure.title}: ${text}。その明細の未入力の事実を入力して判定し直すこと`,
    };
  }

  /** A per-person amount (one unit a person, if the person's total is positive) that another line of the person decides. */
  private perPersonText(
    chosen: EligibleCandidate,
    line: LedgerLine,
    built: ReportLine,
  ): string | null {
    const { measure, component } = chosen;
    if (component.amount.method !== 'per-person' || line.person === undefined) return null;
    // A line that carries no unit because another line of the person does is told nothing.
    if (built.reasons.some((reason) => reason.code === 'AMOUNT_ON_FIRST_LINE')) return null;
    const pending = this.persons
      .get(personsKey(line.entity.code, measure, component, line.fiscalYear))
      ?.get(line.person);
    if (pending === undefined) return null;
    return `判定保留の明細 ${pending.id} が対象となれば、人物 ${line.person} の合計が変わり、1人あたりの額（${component.amount.unitAmount.label}）を算定するかが変わりうる`;
  }

  /**
   * A receipt deducted after a person cap (A-02): it takes back at most what is left of the
   * person's capped costs, which an undetermined cost (any row: the cap is known once all are
   * tallied) or an undetermined receipt above it could change.
   */
  private receiptText(
    chosen: EligibleCandidate,
    line: LedgerLine,
    built: ReportLine,
  ): string | null {
    const { measure, component } = chosen;
    const cap = component.caps?.find((candidate) =>
      candidate.deductAfter?.costTypes.includes(line.costType),
    );
    if (cap === undefined || line.person === undefined) return null;
    const code = line.entity.code;
    const note = built.caps.find((entry) => entry.id === cap.deductAfter?.id);
    const receipts = yearOf(
      this.caps.get(scopeKey(code, measure, component, cap, `${RECEIPTS}${line.person}`)),
      line.fiscalYear,
    );
    const above = receipts === undefined ? null : sumBefore(receipts, line.row);
    if (above !== null)
      return `判定保留の明細 ${above.named} が対象となれば、この受入額より先に控除されるため、この受入額の控除が変わりうる`;
    const costs = yearOf(
      this.caps.get(scopeKey(code, measure, component, cap, line.person)),
      line.fiscalYear,
    );
    const all = costs === undefined ? null : sumBefore(costs, Infinity);
    if (all === null) return null;
    // More costs matter only to a receipt the capped costs held back; fewer, to any.
    if (!greater(0, all.down) && note?.binding !== true) return null;
    return `判定保留の明細 ${all.named} が対象となれば、人物 ${line.person} の上限内の経費が変わり、この受入額の控除が変わりうる`;
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
      const overhead = cap === undefined && note.id === OVERHEAD_LIMIT;
      if (cap === undefined && !overhead) continue;
      const key = note.term?.key ?? (cap?.scope === 'person' ? (line.person ?? '') : '');
      const label = cap?.label ?? note.label;
      if (cap?.term !== undefined) {
        const code = line.entity.code;
        if (
          this.priorStated.has(scopeKey(code, measure, component, cap, key)) ||
          this.priorStated.has(scopeKey(code, measure, component, cap, ANY))
        )
          return `判定保留の明細が上限（${label}）の過年度算入額（${cap.term.priorFact}）を記載しており、それが対象となれば、この明細の額は変わりうる`;
      }
      const earlier =
        cap === undefined
          ? this.earlierIn([overheadKey(line.entity.code, measure, component)], false, line)
          : this.earlier(measure, component, cap, key, line);
      if (earlier === null) continue;
      const counted = plus(0, note.counted);
      const headroom = plus(0, note.headroom);
      // Where the scope stood before this line (clamped): limit − headroom − counted.
      const before = plus(
        plus(plus(0, note.limit), toYen(headroom).negated()),
        toYen(counted).negated(),
      );
      const limit = plus(0, note.limit);
      const changes =
        // Counted first, they would leave this line less room.
        (greater(earlier.up, headroom) && !toYen(counted).isZero()) ||
        // Or lift a running sum at or below 0, where this line's base counted nothing.
        // (Compared, not subtracted: under ROUND_FLOOR x − x is −0, which is negative.)
        (toYen(counted).isZero() && !greater(limit, headroom) && greater(earlier.up, 0)) ||
        // A 戻入 counted first gives room back under a cap that bound this line, or takes a
        // running sum below 0 that this line's base then fills.
        (greater(0, earlier.down) &&
          (note.binding || greater(0, plus(before, toYen(earlier.down))))) ||
        // A correction's own count depends on where the running sum stands.
        greater(0, counted);
      if (changes)
        return `判定保留の明細 ${earlier.named} が対象となれば、同じ上限（${label}）にこの明細より先に算入されるため、この明細の額は変わりうる`;
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
    const code = line.entity.code;
    const keys = [scopeKey(code, measure, component, cap, key)];
    if (cap.term !== undefined && key !== ANY)
      keys.push(scopeKey(code, measure, component, cap, ANY));
    return this.earlierIn(keys, cap.term !== undefined, line);
  }

  /** The undetermined lines of these scopes above this line (over a term: every earlier year's too). */
  private earlierIn(
    keys: readonly string[],
    term: boolean,
    line: LedgerLine,
  ): { up: Exact; down: Exact; named: string } | null {
    let up: Exact = 0;
    let down: Exact = 0;
    let count = 0;
    let first: { row: number; id: string } | null = null;
    for (const scope of keys) {
      for (let pending = this.caps.get(scope) ?? null; pending !== null; pending = pending.next) {
        const { fiscalYear } = pending;
        let found: ReturnType<typeof sumBefore>;
        if (fiscalYear === line.fiscalYear) found = sumBefore(pending, line.row);
        else if (term && fiscalYear < line.fiscalYear) found = sumBefore(pending, Infinity);
        else continue;
        if (found === null) continue;
        up = plus(up, toYen(found.up));
        down = plus(down, toYen(found.down));
        count += found.count;
        const row = pending.entries[0] as number;
        if (first === null || row < first.row) first = { row, id: pending.firstId };
      }
    }
    if (first === null) return null;
    return { up, down, named: count > 1 ? `${first.id} ほか${count - 1}件` : first.id };
  }
}

/** The scope's year, if it has lines in it. */
function yearOf(first: Pending | undefined, fiscalYear: number): Pending | undefined {
  let pending = first;
  while (pending !== undefined && pending.fiscalYear !== fiscalYear)
    pending = pending.next ?? undefined;
  return pending;
}

/**
 * Adds a line's entry in row order. Past MAX_ROWS entries, the last entry joins the one above it
 * and counts from that entry's row on: a warning may come early, never late.
 */
function addEntry(pending: Pending, id: string, row: number, amount: Exact): void {
  const up = greater(amount, 0) ? amount : 0;
  const down = greater(0, amount) ? amount : 0;
  const { entries } = pending;
  // Lines come in row order, but the second pass adds some after the first pass's later rows.
  let at = entries.length;
  while (at > 0 && (entries[at - WIDTH] as number) > row) at -= WIDTH;
  // The year is named by its first line in rows (sumBefore counts from there).
  if (at === 0) pending.firstId = id;
  if (entries.length >= MAX_ROWS * WIDTH && at === entries.length) {
    // Full, and the line comes last (pass 1's order): it joins the entry above it.
    addTo(entries, at - WIDTH, 1, up, down);
    return;
  }
  // A new array of the exact size: a pushed array keeps room for 17 values.
  const grown = new Array<Exact>(entries.length + WIDTH);
  for (let index = 0; index < at; index += 1) grown[index] = entries[index] as Exact;
  grown[at] = row;
  grown[at + 1] = 1;
  grown[at + 2] = up;
  grown[at + 3] = down;
  for (let index = at; index < entries.length; index += 1)
    grown[index + WIDTH] = entries[index] as Exact;
  if (grown.length <= MAX_ROWS * WIDTH) {
    pending.entries = grown;
    return;
  }
  // Full: the last entry joins the one above it.
  const last = grown.length - WIDTH;
  addTo(
    grown,
    last - WIDTH,
    grown[last + 1] as number,
    grown[last + 2] as Exact,
    grown[last + 3] as Exact,
  );
  pending.entries = grown.slice(0, last);
}

/** Adds a count and amounts to the entry at `entry`. */
function addTo(entries: Exact[], entry: number, count: number, up: Exact, down: Exact): void {
  entries[entry + 1] = (entries[entry + 1] as number) + count;
  entries[entry + 2] = plus(entries[entry + 2] as Exact, up);
  entries[entry + 3] = plus(entries[entry + 3] as Exact, down);
}

/** The lines of a scope's year above `row`: their sums, count and names; null when none. */
function sumBefore(
  pending: Pending,
  row: number,
): { up: Exact; down: Exact; count: number; named: string } | null {
  let up: Exact = 0;
  let down: Exact = 0;
  let count = 0;
  const { entries } = pending;
  for (let at = 0; at < entries.length; at += WIDTH) {
    if ((entries[at] as number) >= row) break;
    count += entries[at + 1] as number;
    up = plus(up, entries[at + 2] as Exact);
    down = plus(down, entries[at + 3] as Exact);
  }
  if (count === 0) return null;
  return {
    up,
    down,
    count,
    named: count > 1 ? `${pending.firstId} ほか${count - 1}件` : pending.firstId,
  };
}

/** A receipt's scope key beside the person's costs under the cap it is deducted after. */
const RECEIPTS = '\u0002';

/** The 一般管理費 上限 the engine makes when the group opens (compute/overhead.ts). */
const OVERHEAD_LIMIT = 'overhead-limit';

function overheadKey(entity: string, measure: Measure, component: Component): string {
  return `${entity}\u0000${token(measure.id)}\u0000${token(component.id ?? '')}\u0000${OVERHEAD_LIMIT}\u0000`;
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
    cap.scope === 'measure' || (cap.term !== undefined && termShared(measure, component));
  return `${entity}\u0000${token(measure.id)}\u0000${shared ? '' : token(component.id ?? '')}\u0000${token(cap.id)}\u0000${key}`;
}

/** sharesTermCap, once per component: it is asked for every capped line of the second pass. */
function termShared(measure: Measure, component: Component): boolean {
  let shared = SHARED_TERMS.get(component);
  if (shared === undefined) {
    shared = sharesTermCap(measure, component);
    SHARED_TERMS.set(component, shared);
  }
  return shared;
}

const SHARED_TERMS = new WeakMap<Component, boolean>();

/**
 * A short stand-in for a rule id in the keys (a national ledger streamed under a capped heap holds
 * a hundred thousand of them): one per id of the rule set, so the table stays small.
 */
function token(id: string): string {
  let short = TOKENS.get(id);
  if (short === undefined) {
    short = TOKENS.size.toString(36);
    TOKENS.set(id, short);
  }
  return short;
}

const TOKENS = new Map<string, string>();

function personsKey(
  entity: string,
  measure: Measure,
  component: Component,
  fiscalYear: number,
): string {
  return `${entity}\u0000${token(measure.id)}\u0000${token(component.id ?? '')}\u0000${fiscalYear}`;
}
