import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { Policy } from '../core/policy.js';
import { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../schema/measure.js';
import { AllocationRule } from './allocation-rule.js';
import type { CapScope } from './cap-scope.js';
import { exact, type Exact } from './exact.js';
import { GroupAllocator } from './group-allocator.js';
import type { GroupContext } from './group-context.js';
import { personTallyFor, planGroup } from './group-plan.js';
import { termId, termKey, type TermStart, type TermStarts } from './term-starts.js';

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/** One fiscal year of a term's lines: the version's measure, and its lines in ledger order. */
interface TermYear {
  readonly measure: Measure;
  readonly lines: { readonly line: LedgerLine; readonly component: Component }[];
}

/** Whether a component has a cap over a term (docs/decisions.md §1.4). */
export function hasTermCap(component: Component): boolean {
  return (component.caps ?? []).some((cap) => cap.term !== undefined);
}

/**
 * Whether a component's cap over a term is carried by another component of its version too (the
 * マスタープラン's rate tiers all carry `masterplan-cap`): their groups then share the term's scope.
 */
export function sharesTermCap(measure: Measure, component: Component): boolean {
  const ids = new Set(
    (component.caps ?? []).filter((cap) => cap.term !== undefined).map((cap) => cap.id),
  );
  if (ids.size === 0) return false;
  const version = measure.versions.find((candidate) => candidate.components.includes(component));
  return (version?.components ?? []).some(
    (other) =>
      other !== component &&
      (other.caps ?? []).some((cap) => cap.term !== undefined && ids.has(cap.id)),
  );
}

/**
 * The lines of one entity × measure whose components' caps run over a term, every fiscal year of
 * them (the components carrying one cap count into one term: a マスタープラン's rate tiers) (docs/decisions.md §1.4): a term is consumed in fiscal-year order, then ledger order, whatever
 * order the ledger gives. The first pass adds the lines; then the first `startsFor(fy)` replays
 * every fiscal year once, to give where every term stands when each year opens (so each year's
 * group can be allocated on its own, in ledger order, as every other group is), and lets go of the
 * lines: on a streamed ledger of millions of lines they were tens of megabytes of a capped heap,
 * held through the whole second pass.
 */
export class TermHistory {
  private readonly years = new Map<number, TermYear>();
  /** Set by the first startsFor: every year's end and every prior are known, the lines are gone. */
  private settled = false;
  /** After each fiscal year replayed: the running sum of every term counted so far. */
  private readonly ends = new Map<number, ReadonlyMap<string, Exact>>();
  /** priorCounted of each term (cap id × key), from the first line that states it. */
  private priors: Map<string, Yen> | null = null;

  constructor(
    private readonly policy: Policy,
    private readonly fact: Fact,
  ) {}

  /** First pass: a line a component of the measure took, in ledger order. */
  add(line: LedgerLine, measure: Measure, component: Component): void {
    // Passes never interleave: every line is added before any group is allocated.
    if (this.settled) throw new Error('TermHistory: a line added after the terms were replayed');
    let year = this.years.get(line.fiscalYear);
    if (year === undefined) {
      year = { measure, lines: [] };
      this.years.set(line.fiscalYear, year);
    }
    year.lines.push({ line, component });
  }

  /** Where each term stands when `fiscalYear` opens (once asked, no line may be added). */
  startsFor(fiscalYear: number): TermStarts {
    if (!this.settled) this.settle();
    return this.startsOf(fiscalYear);
  }

  /** Replays every fiscal year and reads every prior, then drops the lines: nothing reads them again. */
  private settle(): void {
    // The last year's end is never asked for a group of a year with lines; replayed all the same,
    // so that no question can meet a year whose lines are gone.
    for (const year of [...this.years.keys()].sort((a, b) => a - b)) this.endOf(year);
    this.priorsOf();
    for (const year of this.years.values()) year.lines.length = 0;
    this.settled = true;
  }

  private startsOf(fiscalYear: number): TermStarts {
    const earlier = [...this.years.keys()]
      .filter((year) => year < fiscalYear)
      .sort((a, b) => a - b);
    const previous = earlier.at(-1);
    const sums = previous === undefined ? new Map<string, Exact>() : this.endOf(previous);
    return {
      start: (cap: Cap, key: string): TermStart => {
        const prior = this.priorOf(cap, key);
        return {
          sum: sums.get(termId(cap.id, key)) ?? (prior === undefined ? 0 : exact(prior)),
          prior: prior ?? new Yen(0),
          priorStated: prior !== undefined,
        };
      },
    };
  }

  /** The running sums of the terms after `fiscalYear`, its lines replayed from where it opened. */
  private endOf(fiscalYear: number): ReadonlyMap<string, Exact> {
    const done = this.ends.get(fiscalYear);
    if (done !== undefined) return done;
    const year = this.years.get(fiscalYear);
    const starts = this.startsOf(fiscalYear);
    const before = [...this.years.keys()]
      .filter((y) => y < fiscalYear)
      .sort((a, b) => a - b)
      .at(-1);
    const sums = new Map(before === undefined ? [] : this.endOf(before));
    if (year !== undefined && year.lines.length > 0) {
      // The year as its groups allocate it: a group per component, the lines in ledger order,
      // every term's scope shared by the groups.
      const termScopes = new Map<string, CapScope>();
      const context: GroupContext = {
        fact: this.fact,
        measureScopes: new Map(),
        extraCaps: [],
        terms: starts,
        termScopes,
      };
      const allocators = new Map<Component, GroupAllocator>();
      for (const component of new Set(year.lines.map((entry) => entry.component))) {
        const own = year.lines.filter((entry) => entry.component === component);
        const tally = personTallyFor(component);
        for (const { line } of own) if (line.person !== undefined) tally?.add(line);
        const first = own[0]?.line;
        if (first === undefined) continue;
        allocators.set(
          component,
          new GroupAllocator(
            new AllocationRule(year.measure, component, first.entity, this.policy, context),
            planGroup(component, tally, this.policy),
          ),
        );
      }
      for (const { line, component } of year.lines) allocators.get(component)?.next(line);
      for (const [id, scope] of termScopes) sums.set(id, scope.running);
    }
    this.ends.set(fiscalYear, sums);
    return sums;
  }

  /** priorCounted of a term: the first line of it (fiscal-year order, then ledger order) that states it. */
  private priorOf(cap: Cap, key: string): Yen | undefined {
    return this.priorsOf().get(termId(cap.id, key));
  }

  /** Every term's priorCounted, read from the lines once. */
  private priorsOf(): ReadonlyMap<string, Yen> {
    if (this.priors === null) {
      const priors = new Map<string, Yen>();
      for (const fiscalYear of [...this.years.keys()].sort((a, b) => a - b))
        for (const { line, component } of this.years.get(fiscalYear)?.lines ?? [])
          for (const termCap of component.caps ?? []) {
            const term = termCap.term;
            if (term === undefined) continue;
            const lineKey = termKey(termCap, term, line, { fact: this.fact });
            if (typeof lineKey !== 'string') continue;
            const id = termId(termCap.id, lineKey);
            const value = this.fact(line, term.priorFact);
            if (priors.has(id) || value === MISSING || typeof value !== 'string') continue;
            priors.set(id, new Yen(value));
          }
      this.priors = priors;
    }
    return this.priors;
  }
}
