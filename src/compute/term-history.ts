import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { Policy } from '../core/policy.js';
import { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../schema/measure.js';
import { AllocationRule } from './allocation-rule.js';
import { exact, type Exact } from './exact.js';
import { GroupAllocator } from './group-allocator.js';
import type { GroupContext } from './group-context.js';
import { personTallyFor, planGroup } from './group-plan.js';
import { termId, termKey, type TermStart, type TermStarts } from './term-starts.js';

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/** One fiscal year of a term's lines: the version's measure and component, and its lines in ledger order. */
interface TermYear {
  readonly measure: Measure;
  readonly component: Component;
  readonly lines: LedgerLine[];
}

/** Whether a component has a cap over a term (docs/decisions.md §1.4). */
export function hasTermCap(component: Component): boolean {
  return (component.caps ?? []).some((cap) => cap.term !== undefined);
}

/**
 * The lines of one entity × measure × component whose caps run over a term, every fiscal year of
 * them (docs/decisions.md §1.4): a term is consumed in fiscal-year order, then ledger order, whatever
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

  /** First pass: a line this component took, in ledger order. */
  add(line: LedgerLine, measure: Measure, component: Component): void {
    // Passes never interleave: every line is added before any group is allocated.
    if (this.settled) throw new Error('TermHistory: a line added after the terms were replayed');
    let year = this.years.get(line.fiscalYear);
    if (year === undefined) {
      year = { measure, component, lines: [] };
      this.years.set(line.fiscalYear, year);
    }
    year.lines.push(line);
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
    const first = year?.lines[0];
    if (year !== undefined && first !== undefined) {
      const tally = personTallyFor(year.component);
      for (const line of year.lines) if (line.person !== undefined) tally?.add(line);
      const context: GroupContext = {
        fact: this.fact,
        measureScopes: new Map(),
        extraCaps: [],
        terms: starts,
      };
      const allocator = new GroupAllocator(
        new AllocationRule(year.measure, year.component, first.entity, this.policy, context),
        planGroup(year.component, tally, this.policy),
      );
      for (const line of year.lines) allocator.next(line);
      for (const [id, sum] of allocator.termSums()) sums.set(id, sum);
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
      for (const fiscalYear of [...this.years.keys()].sort((a, b) => a - b)) {
        const year = this.years.get(fiscalYear);
        for (const termCap of year?.component.caps ?? []) {
          const term = termCap.term;
          if (term === undefined) continue;
          for (const line of year?.lines ?? []) {
            const lineKey = termKey(termCap, term, line, { fact: this.fact });
            if (typeof lineKey !== 'string') continue;
            const id = termId(termCap.id, lineKey);
            const value = this.fact(line, term.priorFact);
            if (priors.has(id) || value === MISSING || typeof value !== 'string') continue;
            priors.set(id, new Yen(value));
          }
        }
      }
      this.priors = priors;
    }
    return this.priors;
  }
}
