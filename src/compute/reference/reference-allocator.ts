import { MISSING, type FactValue, type Missing } from '../../core/missing.js';
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
import { referenceDerivedCap } from './reference-overhead.js';
import { referencePlan } from './reference-plan.js';
import { RunningScope, scopeWarnings } from './running-scope.js';
import type { ReferenceAllocation, ReferenceVerdict, ReferenceWarning } from './reference-types.js';

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
  const allocations = new Map<number, ReferenceAllocation>();
  const warnings: ReferenceWarning[] = [];
  const first = lines[0];
  if (first === undefined) return { allocations, warnings };
  const { measure } = first;
  const prefix = `${first.line.entity.code} FY${first.line.fiscalYear} ${measure.id}`;
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
        expected: `a person id (${measure.id} requires it for ${plan.needsPerson})`,
        received: 'nothing',
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
        const limit = limitOf(cap, line);
        if (limit !== null && !(limit instanceof Yen)) return limit;
        limits.push(limit);
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
      caps.forEach((cap, index) => {
        const limit = limits[index];
        if (limit === null || limit === undefined) return;
        if (cap.on === 'amount') {
          amountCaps.push({ cap, limit });
          return;
        }
        let counted: Yen;
        let after: Yen;
        if (cap.scope === 'line') {
          after = clamp(base, limit);
          counted = after;
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

  /** A cap's limit for a line: null when it does not cover the line, a verdict when unknown. */
  function limitOf(cap: Cap, line: LedgerLine): Yen | null | ReferenceVerdict {
    if (cap.when !== undefined) {
      const value = fact(line, cap.when.fact);
      if (value === MISSING)
        return {
          kind: 'undetermined',
          missing: [cap.when.fact],
          text: `${cap.label}: この上限の対象か判定するには ${cap.when.fact} が必要`,
          cite: cap.cite,
        };
      const values = typeof value === 'object' ? value : [value];
      const wanted = cap.when.in.map((item) => (typeof item === 'number' ? String(item) : item));
      if (!values.some((item) => wanted.includes(item))) return null;
    }
    let limit = cap.limit === null ? null : new Yen(cap.limit);
    if (cap.shareOf !== undefined) {
      const value = fact(line, cap.shareOf.fact);
      if (value === MISSING || typeof value !== 'string')
        return {
          kind: 'undetermined',
          missing: [cap.shareOf.fact],
          text: `${cap.label}: 上限額（${cap.shareOf.rate.label}）の算定に ${cap.shareOf.fact} が必要`,
          cite: cap.cite,
        };
      const share = floorRate(new Yen(value), cap.shareOf.rate.value);
      limit = limit === null || share.lt(limit) ? share : limit;
    }
    if (limit === null)
      return {
        kind: 'undetermined',
        missing: [],
        code: 'CAP_NOT_STATED',
        text: `${cap.label}: 上限があるが、その額は資料に記載されていない。上限内かどうか判定できない${cap.policyKey === undefined ? '' : `（交付決定等で額が分かれば policy values["${cap.policyKey}"] で指定できる）`}`,
        cite: cap.cite,
      };
    return limit;
  }

  for (const group of groups) {
    for (const warning of group.plan.warnings) warnings.push({ ...warning, line: null });
    for (const scopes of group.scopes) warnings.push(...scopeWarnings(scopes.values()));
  }
  warnings.push(...scopeWarnings(measureScopes.values()));
  return {
    allocations,
    warnings: warnings.map((warning) => ({ ...warning, message: `${prefix}: ${warning.message}` })),
  };
}
