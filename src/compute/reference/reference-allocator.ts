// Long file: the reference allocation reads top to bottom as one algorithm, each cap kind beside the others.
import type { FactValue, Missing } from '../../core/missing.js';
import type { Policy } from '../../core/policy.js';
import { Yen } from '../../core/yen.js';
import type { LedgerLine } from '../../ledger/normalize-ledger.js';
import {
  ALLOCATION_TAX_KINDS,
  type Cap,
  type Component,
  type Measure,
} from '../../schema/measure.js';
import type { CapNote } from '../../schema/report.js';
import { clamp, floorRate, floorRatePlus } from './reference-arithmetic.js';
import { referenceAmountHeld } from './reference-amount-cap.js';
import { referenceLimit } from './reference-limit.js';
import { referenceDerivedCap } from './reference-overhead.js';
import { referencePlan } from './reference-plan.js';
import { ReferenceTerms } from './reference-terms.js';
import { RunningScope, scopeWarnings } from './running-scope.js';
import type { ReferenceAllocation, ReferenceWarning } from './reference-types.js';
import { placeText } from '../place-text.js';
import { personNeededText } from '../headcount-text.js';

export type { ReferenceAllocation, ReferenceWarning } from './reference-types.js';

/** A line a measure took, with the component that took it. */
export interface ReferenceLine {
  readonly line: LedgerLine;
  readonly measure: Measure;
  readonly component: Component;
}

export interface ReferenceInput {
  /** The lines of one entity × fiscal year × measure, in ledger order. */
  readonly lines: readonly ReferenceLine[];
  /** Ids of lines no measure took that a base component of this measure's 一般管理費 may still take. */
  readonly undecided: (overhead: Component) => readonly string[];
  /** Ids of lines no measure took that this 一般管理費 component may still take itself (none if absent). */
  readonly undecidedOwn?: (overhead: Component) => readonly string[];
  readonly policy: Policy;
  /** A line's fact as the evaluation reads it (glossary defaults applied). */
  readonly fact: (line: LedgerLine, id: string) => FactValue | Missing;
  /**
   * The terms of caps over a term, carried across calls: give the fiscal years of an entity ×
   * measure in ascending order. Absent, the terms start at the priorCounted of these lines.
   */
  readonly terms?: ReferenceTerms;
}

export interface ReferenceResult {
  /** By the line's row. */
  readonly allocations: ReadonlyMap<number, ReferenceAllocation>;
  readonly warnings: readonly ReferenceWarning[];
}

/**
 * The reference allocator: the engine's allocation rules (docs/decisions.md §1.4–§1.8,
 * docs/engine.md step 7) written plainly over the lines of one entity × fiscal year × measure,
 * with Yen throughout and no caches. Each component's lines form a group; caps with scope
 * `measure` run across the groups in ledger order. The fast path (group-allocator.ts and its
 * helpers) must give the same results; test/unit/compute/reference-allocator.test.ts checks it.
 */
export function referenceAllocate(input: ReferenceInput): ReferenceResult {
  const { lines, policy, fact } = input;
  const terms = input.terms ?? new ReferenceTerms(lines, fact);
  const allocations = new Map<number, ReferenceAllocation>();
  const warnings: ReferenceWarning[] = [];
  const first = lines[0];
  if (first === undefined) return { allocations, warnings };
  const { measure } = first;
  const prefix = placeText(first.line.entity, first.line.fiscalYear, measure);
  const entity = first.line.entity;
  const nonRecipient =
    (entity.nonRecipient || entity.kind === 'special-ward') &&
    (ALLOCATION_TAX_KINDS.includes(measure.kind) || measure.kind === 'local-bond');
  // Contract expenses are yen owed, not 措置額: the policy's rounding unit is not theirs.
  const unit = new Yen(measure.kind === 'contract-expense' ? '1' : policy.roundingUnit);

  // Groups by component, in order of their first lines.
  const components: Component[] = [];
  for (const { component } of lines)
    if (!components.includes(component)) components.push(component);
  const measureScopes = new Map<string, RunningScope>();
  /** The scopes of caps over a term, by term (ReferenceTerms.idOf), and where each opened. */
  const termScopes = new Map<string, RunningScope>();
  const termStarts = new Map<string, string>();
  const groups = components.map((component) => {
    const own = lines.filter((entry) => entry.component === component).map((entry) => entry.line);
    const plan = referencePlan(component, own, policy);
    const derived = referenceDerivedCap(
      component,
      measure,
      lines,
      own[0] ?? first.line,
      input.undecided,
      input.undecidedOwn ?? (() => []),
      fact,
    );
    const verdict = derived !== null && 'kind' in derived ? derived : null;
    // The derived caps come first: what they cut must not use a measure-wide limit.
    const caps: Cap[] = [
      ...(derived !== null && !('kind' in derived) ? [derived] : []),
      // An `ofAllowed` cap the derived one replaces.
      ...(component.caps ?? []).filter(
        (cap) => cap.ofAllowed === undefined || derived === null || 'kind' in derived,
      ),
    ];
    return {
      component,
      plan,
      verdict,
      caps,
      scopes: caps.map(() => new Map<string, RunningScope>()),
      baseTotal: new Yen(0),
      // Σ limits of the lines a cap on the amount held (their amounts), outside baseTotal.
      fixedTotal: new Yen(0),
      carried: new Set<string>(),
      /** Per person, receipts deducted after a cap so far. */
      received: new Map<string, Yen>(),
      /** Each term's note, as this group opened it. */
      termNotes: new Map<string, NonNullable<CapNote['term']>>(),
    };
  });

  for (const { line, component } of lines) {
    const group = groups[components.indexOf(component)];
    if (group === undefined) continue;
    allocations.set(line.row, allocateLine(line, measure, group));
  }

  function allocateLine(
    line: LedgerLine,
    measure: Measure,
    group: (typeof groups)[number],
  ): ReferenceAllocation {
    const { plan, component, caps } = group;
    if (plan.needsPerson !== null && line.person === undefined)
      return {
        kind: 'invalid',
        field: 'person',
        expected: personNeededText(measure.title, plan.needsPerson),
        received: '未入力',
      };
    if (plan.verdict !== null) return plan.verdict;
    if (group.verdict !== null) return group.verdict;
    const person = line.person ?? '';
    const excluded = plan.excluded.has(person);
    const notes: CapNote[] = [];
    if (excluded && component.headcount !== undefined)
      notes.push({
        id: component.headcount.id,
        label: component.headcount.label,
        scope: 'headcount',
        limit: String(component.headcount.limit),
        counted: '0',
        headroom: '0',
        binding: true,
      });
    let base = excluded ? new Yen(0) : new Yen(line.amount);
    // Caps on the amount (`on: "amount"`, scope line) with their limits, applied after the rate.
    const amountCaps: { cap: Cap; limit: Yen }[] = [];
    if (!excluded) {
      // Every limit before any running total moves: an undetermined line consumes nothing.
      const limits: (Yen | null)[] = [];
      for (const cap of caps) {
        const limit = referenceLimit(cap, line, fact);
        if (limit !== null && !(limit instanceof Yen)) return limit;
        limits.push(limit);
        // A plan's line must name its plan before it counts under the plan's cap.
        if (cap.term?.keyFact !== undefined && limit !== null && terms.keyOf(cap, line) === null)
          return {
            kind: 'undetermined',
            missing: [cap.term.keyFact],
            text: `${cap.label}: どの計画の上限に算入するかを判定するには ${cap.term.keyFact} が必要`,
            cite: cap.term.cite,
          };
      }
      const lineCap = caps.find((cap, index) => cap.scope === 'line' && limits[index] !== null);
      if (base.isNegative() && lineCap !== undefined)
        return {
          kind: 'undetermined',
          missing: [],
          code: 'CORRECTION_UNDER_LINE_CAP',
          text: `${lineCap.label}: 明細ごとの上限の下にある負の明細（戻入）は、訂正する元の明細が上限を超えていたかで効果が変わるため判定できない。元の明細の金額を訂正して計上すること`,
          cite: lineCap.cite,
        };
      const receipt = caps.find(
        (cap) => cap.deductAfter?.costTypes.includes(line.costType) === true,
      );
      if (receipt?.deductAfter !== undefined) {
        // the person's receipts take back at most the person's capped costs K; with R the
        // running receipts, this line takes back clamp(R_j, K) − clamp(R_{j−1}, K).
        const capped = plan.capped.get(person) ?? new Yen(0);
        const before = group.received.get(person) ?? new Yen(0);
        const after = before.plus(base);
        group.received.set(person, after);
        const applied = clamp(after, capped).minus(clamp(before, capped));
        notes.push({
          id: receipt.deductAfter.id,
          label: receipt.deductAfter.label,
          scope: 'person',
          limit: capped.toFixed(0),
          counted: applied.negated().toFixed(0),
          headroom: capped.minus(clamp(after, capped)).toFixed(0),
          binding: !applied.eq(base),
        });
        base = applied.negated();
      }
      caps.forEach((cap, index) => {
        const limit = limits[index];
        if (receipt !== undefined || limit === null || limit === undefined) return;
        if (cap.on === 'amount') {
          amountCaps.push({ cap, limit });
          return;
        }
        let counted: Yen;
        let after: Yen;
        let term: CapNote['term'];
        if (cap.scope === 'line') {
          after = clamp(base, limit);
          counted = after;
        } else if (cap.term !== undefined) {
          // A cap over a term: this year's scope opens where the term stood, and is the term's
          // whichever component a line of it falls under (one scope for all the groups).
          const key = terms.keyOf(cap, line) ?? '';
          const id = terms.idOf(line, measure, cap, key);
          let scope = termScopes.get(id);
          if (scope === undefined) {
            scope = new RunningScope(cap, limit, key, terms.sum(id));
            termScopes.set(id, scope);
            termStarts.set(id, clamp(scope.sum, limit).toFixed(0));
          }
          if (!group.termNotes.has(id)) {
            const prior = terms.prior(id);
            group.termNotes.set(id, {
              key,
              countedBefore: termStarts.get(id) ?? '0',
              priorCounted: (prior ?? new Yen(0)).toFixed(0),
              priorStated: prior !== undefined,
            });
          }
          counted = scope.add(line.id, base);
          terms.set(id, scope.sum);
          after = clamp(scope.sum, scope.limit);
          term = group.termNotes.get(id);
        } else {
          const scopes = cap.scope === 'measure' ? measureScopes : group.scopes[index];
          const key = cap.scope === 'measure' ? cap.id : cap.scope === 'person' ? person : '';
          let scope = scopes?.get(key);
          if (scope === undefined) {
            // A running scope keeps the limit of the line that opens it.
            scope = new RunningScope(cap, limit, cap.scope === 'person' ? person : null);
            scopes?.set(key, scope);
          }
          counted = scope.add(line.id, base);
          after = clamp(scope.sum, scope.limit);
        }
        notes.push({
          id: cap.id,
          label: cap.label,
          scope: cap.scope,
          limit: limit.toFixed(0),
          counted: counted.toFixed(0),
          headroom: limit.minus(after).toFixed(0),
          binding: !counted.eq(base),
          ...(term === undefined ? {} : { term }),
        });
        base = counted;
      });
    }
    const method = component.amount;
    let amount = new Yen(0);
    let bond: Yen | null = null;
    let perPerson: 'carried' | 'not-positive' | null = null;
    const before = group.baseTotal;
    const after = before.plus(base);
    if (method.method === 'rate' && amountCaps.length > 0) {
      // min(rate × base, limit) per line: a line held to a limit adds the limit to the fixed
      // total and nothing to the base the rate reads; amounts are floor(F + rate × B) differences.
      const rate = method.rate.value;
      const held = referenceAmountHeld(amountCaps, base, rate, notes);
      const fixedBefore = group.fixedTotal;
      if (held === null) group.baseTotal = after;
      else group.fixedTotal = fixedBefore.plus(held);
      amount = floorRatePlus(group.baseTotal, group.fixedTotal, rate, unit).minus(
        floorRatePlus(before, fixedBefore, rate, unit),
      );
    } else if (method.method === 'rate' || method.method === 'overhead') {
      // amount_i = floor(F + rate × B_i) − floor(F + rate × B_{i−1}) on the running base B, F the
      // amounts of earlier lines a cap on the amount held (0 when there is none).
      group.baseTotal = after;
      const rate = method.method === 'rate' ? method.rate.value : '1';
      const fixed = group.fixedTotal;
      amount = floorRatePlus(after, fixed, rate, unit).minus(
        floorRatePlus(before, fixed, rate, unit),
      );
    } else if (method.method === 'bond') {
      group.baseTotal = after;
      // The same on 充当率 for the bond, then on 交付税措置率 over the running bond total.
      const bondBefore = floorRate(before, method.allocationRate.value);
      const bondAfter = floorRate(after, method.allocationRate.value);
      bond = bondAfter.minus(bondBefore);
      const rate = method.taxMeasureRate.value;
      amount = floorRate(bondAfter, rate, unit).minus(floorRate(bondBefore, rate, unit));
    } else if (method.method === 'per-person') {
      // Once per person and year, on the person's first line, when the person's total is positive.
      if (!group.carried.has(person) && plan.positive.has(person)) {
        amount = new Yen(method.unitAmount.value);
      } else if (!excluded) {
        perPerson = plan.positive.has(person) ? 'carried' : 'not-positive';
      }
      group.carried.add(person);
    }
    return {
      kind: 'allocated',
      base,
      amount: nonRecipient ? new Yen(0) : amount,
      bond,
      caps: notes,
      headcountExcluded: excluded,
      nonRecipient,
      perPerson,
    };
  }

  for (const group of groups) {
    for (const warning of group.plan.warnings) warnings.push({ ...warning, line: null });
    for (const scopes of group.scopes) warnings.push(...scopeWarnings(scopes.values()));
  }
  warnings.push(...scopeWarnings(measureScopes.values()));
  warnings.push(...scopeWarnings(termScopes.values()));
  return {
    allocations,
    warnings: warnings.map((warning) => ({ ...warning, message: `${prefix}: ${warning.message}` })),
  };
}
