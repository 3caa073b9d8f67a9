import {
  AllocationRules,
  GroupAllocator,
  type CapScope,
  type GroupContext,
} from '../compute/group-allocator.js';
import { personTallyFor, planGroup } from '../compute/group-plan.js';
import { placeText } from '../compute/place-text.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import { allowedContext, overheadContext, OverheadTally } from '../compute/overhead.js';
import type { PersonTally } from '../compute/person-tally.js';
import { hasTermCap, sharesTermCap, TermHistory } from '../compute/term-history.js';
import type { FactValue, Missing } from '../core/missing.js';
import type { Policy } from '../core/policy.js';
import type { LedgerEntity, LedgerLine } from '../ledger/normalize-ledger.js';
import type { TotalsHolder } from '../report/totals-accumulator.js';
import type { Component, Measure } from '../schema/measure.js';
import type { ReportWarning } from '../schema/report.js';

/**
 * Lines of one entity × fiscal year × measure × component, allocated together. A national ledger
 * has hundreds of thousands: a group holds little, and closes after its last line.
 */
export interface Group extends TotalsHolder {
  readonly measure: Measure;
  readonly component: Component;
  readonly entity: LedgerEntity;
  readonly fiscalYear: number;
  /** Its place among the groups, in order of their first lines (its warnings keep that order). */
  readonly order: number;
  /** Row of its last line, noted in the first pass: the group closes once that line is emitted. */
  lastRow: number;
  /** Its persons, tallied in the first pass (only for components that count them). */
  tally: PersonTally | null;
  /** Made for its first line in the second pass, dropped when the group closes. */
  allocator: GroupAllocator | null;
  /** Made with the allocator: undetermined lines that could change who a headcount counts. */
  headcountRisk: string | null;
}

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/**
 * The open groups of one evaluation and what their allocators share: the allocation rules, the
 * scopes of measure-wide caps, and the direct costs each 一般管理費 component is computed on.
 */
export class GroupIndex {
  /** Open groups by measure id, component id and entity × fiscal year (see groupOf). */
  private readonly groups = new Map<string, Map<string, Map<number, Group>>>();
  /** Entity codes numbered for the index. */
  private readonly entityNumbers = new Map<string, number>();
  private count = 0;
  private readonly allocationRules: AllocationRules;
  /** Scopes of measure-wide caps, per entity × fiscal year × measure. */
  private readonly measureScopes = new Map<string, Map<string, CapScope>>();
  /** Tallied in the first pass (`observe`): what each 一般管理費 is computed on. */
  readonly overheads = new OverheadTally();
  /** Lines of components with caps over a term, per entity × measure (all years). */
  private readonly terms = new Map<string, TermHistory>();
  /** Scopes of caps over a term that components share, per entity × fiscal year × measure. */
  private readonly termScopes = new Map<string, Map<string, CapScope>>();
  /** The context of a group without measure-wide caps (its empty scopes map is never written). */
  private readonly plainContext: GroupContext;

  constructor(
    private readonly policy: Policy,
    private readonly fact: Fact,
  ) {
    this.allocationRules = new AllocationRules(policy);
    this.plainContext = {
      fact: (line, id) => fact(line, id),
      measureScopes: new Map(),
      extraCaps: [],
    };
  }

  /**
   * The group of entity × fiscal year × measure × component, found through maps keyed by the ids
   * and a number for entity × fiscal year (a key string per line costs more; a map per entity ×
   * measure × component, more memory). Groups are made in the order their first lines come, as
   * `open` gives them.
   */
  groupOf(chosen: EligibleCandidate, line: LedgerLine): Group {
    const { measure, component } = chosen;
    const byPlace = this.placesOf(measure.id, component.id ?? '');
    const place = this.placeOf(line.entity.code, line.fiscalYear);
    let group = byPlace.get(place);
    if (group === undefined) {
      group = {
        measure,
        component,
        entity: line.entity,
        fiscalYear: line.fiscalYear,
        order: this.count,
        lastRow: 0,
        tally: personTallyFor(component),
        allocator: null,
        headcountRisk: null,
        totalRow: -1,
      };
      this.count += 1;
      byPlace.set(place, group);
    }
    return group;
  }

  /** The open group of entity × fiscal year × measure × component, if there is one (none is made). */
  find(
    measureId: string,
    componentId: string,
    code: string,
    fiscalYear: number,
  ): Group | undefined {
    const number = this.entityNumbers.get(code);
    if (number === undefined) return undefined;
    return this.groups.get(measureId)?.get(componentId)?.get(place(number, fiscalYear));
  }

  /**
   * First pass: a line of a component with a cap over a term joins that term's history, which its
   * later fiscal years read (docs/decisions.md §1.4).
   */
  observeTerm(group: Group, line: LedgerLine): void {
    if (!hasTermCap(group.component)) return;
    this.termHistoryOf(group).add(line, group.measure, group.component);
  }

  private termHistoryOf(group: Group): TermHistory {
    // One history per entity × measure: components carrying one cap count into one term.
    const key = `${group.entity.code}\u0000${group.measure.id}`;
    let history = this.terms.get(key);
    if (history === undefined) {
      history = new TermHistory(this.policy, this.fact);
      this.terms.set(key, history);
    }
    return history;
  }

  /** The term scopes a measure's groups of one entity × fiscal year share (group-context.ts). */
  private termScopesOf(group: Group): Map<string, CapScope> {
    const key = `${group.entity.code}\u0000${group.fiscalYear}\u0000${group.measure.id}`;
    let scopes = this.termScopes.get(key);
    if (scopes === undefined) {
      scopes = new Map();
      this.termScopes.set(key, scopes);
    }
    return scopes;
  }

  /** Drops a closed group from the index (its allocator is done; its totals row stays). */
  remove(group: Group): void {
    this.placesOf(group.measure.id, group.component.id ?? '').delete(
      this.placeOf(group.entity.code, group.fiscalYear),
    );
  }

  /** The groups not closed yet, in the order of their first lines. */
  open(): Group[] {
    const open: Group[] = [];
    for (const byComponent of this.groups.values())
      for (const byPlace of byComponent.values())
        for (const group of byPlace.values()) open.push(group);
    return open.sort((a, b) => a.order - b.order);
  }

  /** A group's warnings once it has seen its last line, prefixed with entity × FY × measure. */
  warningsOf(group: Group): ReportWarning[] {
    const prefix = placeText(group.entity, group.fiscalYear, group.measure);
    return (group.allocator?.finish() ?? []).map((warning) => ({
      code: warning.code,
      line: warning.line,
      message: `${prefix}: ${warning.message}`,
    }));
  }

  /** The allocator of a group, for its first line in the second pass. */
  allocatorOf(group: Group, line: LedgerLine): GroupAllocator {
    const { measure, component, entity } = group;
    const context = this.contextOf(group, line);
    const plan = planGroup(component, group.tally, this.policy);
    // The tally has served: the plan holds what the second pass needs of it.
    group.tally = null;
    return new GroupAllocator(this.allocationRules.of(measure, component, entity, context), plan);
  }

  /** What the group's allocator needs from the rest of the evaluation. */
  private contextOf(group: Group, line: LedgerLine): GroupContext {
    const { component } = group;
    const overhead = component.amount.method === 'overhead';
    // check-rules keeps caps over a term away from measure-wide caps and 一般管理費.
    if (hasTermCap(component))
      return {
        fact: this.fact,
        measureScopes: new Map(),
        extraCaps: [],
        terms: this.termHistoryOf(group).startsFor(group.fiscalYear),
        ...(sharesTermCap(group.measure, component)
          ? { termScopes: this.termScopesOf(group) }
          : {}),
      };
    // Most groups share one context: a national ledger has many groups.
    if (
      !overhead &&
      !(component.caps ?? []).some((cap) => cap.scope === 'measure' || cap.ofAllowed !== undefined)
    )
      return this.plainContext;
    const key = `${group.entity.code}\u0000${group.fiscalYear}\u0000${group.measure.id}`;
    let measureScopes = this.measureScopes.get(key);
    if (measureScopes === undefined) {
      measureScopes = new Map();
      this.measureScopes.set(key, measureScopes);
    }
    const base = { fact: this.fact, measureScopes, extraCaps: [] };
    if (overhead)
      return overheadContext(base, component, this.overheads.totals(key, component), line);
    // A cap on what the measure's 一般管理費 allows (its 消費税相当額, A-34).
    const allowedCap = (component.caps ?? []).find((cap) => cap.ofAllowed !== undefined);
    const target = group.measure.versions
      .find((version) => version.components.includes(component))
      ?.components.find(
        (other) =>
          allowedCap?.ofAllowed !== undefined &&
          other.id === allowedCap.ofAllowed.component &&
          other.amount.method === 'overhead',
      );
    if (allowedCap === undefined || target === undefined) return base;
    const direct = this.overheads.totals(key, target);
    return allowedContext(
      base,
      allowedCap,
      direct,
      overheadContext(base, target, direct, line),
      target,
    );
  }

  private placesOf(measureId: string, componentId: string): Map<number, Group> {
    let byComponent = this.groups.get(measureId);
    if (byComponent === undefined) {
      byComponent = new Map();
      this.groups.set(measureId, byComponent);
    }
    let byPlace = byComponent.get(componentId);
    if (byPlace === undefined) {
      byPlace = new Map();
      byComponent.set(componentId, byPlace);
    }
    return byPlace;
  }

  /** Entity × fiscal year as one number (a small integer for any real ledger). */
  private placeOf(code: string, fiscalYear: number): number {
    let number = this.entityNumbers.get(code);
    if (number === undefined) {
      number = this.entityNumbers.size;
      this.entityNumbers.set(code, number);
    }
    return place(number, fiscalYear);
  }
}

/**
 * Entity number × fiscal year as one number: fiscal years are 1900–2200, or a date's four-digit
 * year, so 16,384 years per entity never overlap.
 */
function place(entityNumber: number, fiscalYear: number): number {
  return entityNumber * 16_384 + fiscalYear;
}
