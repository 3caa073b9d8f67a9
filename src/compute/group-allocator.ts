import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import { ALLOCATION_TAX_KINDS, type Cap, type Component, type Measure } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { floorToUnit } from './apportion.js';
import { RunningClamp } from './clamp-running.js';
import type { GroupPlan, GroupVerdict } from './group-plan.js';
import { personRequirement } from './group-plan.js';
import { Yen } from './yen.js';

/** The result of the group computation for one line. */
export type Allocation =
  | {
      readonly kind: 'allocated';
      readonly base: Yen;
      readonly amount: Yen;
      /** 起債額, for local bonds. */
      readonly bond: Yen | null;
      readonly caps: readonly CapNote[];
      readonly headcountExcluded: boolean;
      /** The amount is zero because the entity receives no 交付税 (decisions.md §1.8). */
      readonly nonRecipient: boolean;
      /** Per-person amounts: why this line carries none (another line carries it; the total is not positive). */
      readonly perPerson: 'carried' | 'not-positive' | null;
    }
  | GroupVerdict;

export interface GroupWarning {
  readonly code: string;
  readonly line: string | null;
  readonly message: string;
}

const ZERO = new Yen(0);

/** A cap's running state for one scope (the group, or one person in it). */
interface CapScope {
  readonly clamp: RunningClamp;
  readonly negativeLines: string[];
  readonly person: string | undefined;
}

/** A running cumulative floor: each step's share of floor(rate × running total). */
class RunningFloor {
  private running = ZERO;
  private previous = ZERO;

  constructor(
    private readonly rate: Yen,
    private readonly unit: Yen,
  ) {}

  next(value: Yen): Yen {
    this.running = this.running.plus(value);
    const product = this.rate.times(this.running);
    const total = this.unit.eq(1)
      ? product.toDecimalPlaces(0, Yen.ROUND_FLOOR)
      : floorToUnit(product, this.unit);
    const share = total.minus(this.previous);
    this.previous = total;
    return share;
  }
}

/**
 * The second pass over one group, line by line in ledger order (decisions.md §1.4–§1.8): the plan's
 * headcount and per-person choices, each cap's running-sum clamp, then the rate (or bond, or unit
 * amount) on the running total. Holds only running sums, so groups can stream.
 */
export class GroupAllocator {
  private readonly needsPerson: string | null;
  private readonly caps: readonly {
    readonly cap: Cap;
    readonly limit: Yen;
    readonly scopes: Map<string, CapScope>;
  }[];
  private readonly amountFloor: RunningFloor | null;
  private readonly bondFloor: RunningFloor | null;
  private readonly unitAmount: Yen | null;
  private readonly carried = new Set<string>();
  private readonly nonRecipient: boolean;

  constructor(
    private readonly measure: Measure,
    private readonly component: Component,
    private readonly plan: GroupPlan,
    entity: LedgerLine['entity'],
    policy: Policy,
  ) {
    this.needsPerson = personRequirement(component);
    this.caps = (component.caps ?? []).map((cap) => ({
      cap,
      limit: new Yen(cap.limit),
      scopes: new Map<string, CapScope>(),
    }));
    const unit = new Yen(policy.roundingUnit);
    const method = component.amount;
    this.amountFloor =
      method.method === 'rate'
        ? new RunningFloor(new Yen(method.rate.value), unit)
        : method.method === 'bond'
          ? new RunningFloor(new Yen(method.taxMeasureRate.value), unit)
          : null;
    this.bondFloor =
      method.method === 'bond'
        ? new RunningFloor(new Yen(method.allocationRate.value), new Yen(1))
        : null;
    this.unitAmount = method.method === 'per-person' ? new Yen(method.unitAmount.value) : null;
    this.nonRecipient =
      (entity.nonRecipient || entity.kind === 'special-ward') &&
      (ALLOCATION_TAX_KINDS.includes(measure.kind) || measure.kind === 'local-bond');
  }

  next(line: LedgerLine): Allocation {
    if (this.needsPerson !== null && line.person === undefined) {
      return {
        kind: 'invalid',
        field: 'person',
        expected: `a person id (${this.measure.id} requires it for ${this.needsPerson})`,
        received: 'nothing',
      };
    }
    const plan = this.plan;
    if (plan.kind !== 'allocate') return plan;
    const person = line.person ?? '';
    const notes: CapNote[] = [];
    const excluded = plan.excluded.has(person);
    if (excluded && this.component.headcount !== undefined) {
      const headcount = this.component.headcount;
      notes.push({
        id: headcount.id,
        label: headcount.label,
        scope: 'headcount',
        limit: String(headcount.limit),
        counted: '0',
        headroom: '0',
        binding: true,
      });
    }
    let base = excluded ? ZERO : new Yen(line.amount);
    if (!excluded) {
      for (const { cap, limit, scopes } of this.caps) {
        const key = cap.scope === 'person' ? person : '';
        let scope = scopes.get(key);
        if (scope === undefined) {
          scope = { clamp: new RunningClamp(limit), negativeLines: [], person: line.person };
          scopes.set(key, scope);
        }
        if (base.isNegative()) scope.negativeLines.push(line.id);
        const counted = scope.clamp.next(base);
        notes.push({
          id: cap.id,
          label: cap.label,
          scope: cap.scope,
          limit: cap.limit,
          counted: counted.toFixed(0),
          headroom: limit.minus(scope.clamp.clamped).toFixed(0),
          binding: !counted.eq(base),
        });
        base = counted;
      }
    }
    let amount: Yen;
    let bond: Yen | null = null;
    let perPerson: 'carried' | 'not-positive' | null = null;
    if (this.bondFloor !== null && this.amountFloor !== null) {
      bond = this.bondFloor.next(base);
      amount = this.amountFloor.next(bond);
    } else if (this.amountFloor !== null) {
      amount = this.amountFloor.next(base);
    } else if (this.unitAmount !== null && !this.carried.has(person) && plan.positive.has(person)) {
      // Once per person and fiscal year, on the person's first line (decisions.md §2).
      this.carried.add(person);
      amount = this.unitAmount;
    } else {
      if (this.unitAmount !== null && !excluded)
        perPerson = plan.positive.has(person) ? 'carried' : 'not-positive';
      if (this.unitAmount !== null) this.carried.add(person);
      amount = ZERO;
    }
    return {
      kind: 'allocated',
      base,
      amount: this.nonRecipient ? ZERO : amount,
      bond,
      caps: notes,
      headcountExcluded: excluded,
      nonRecipient: this.nonRecipient,
      perPerson,
    };
  }

  /** Warnings only the whole group can show, plus the plan's own. */
  finish(): GroupWarning[] {
    const warnings: GroupWarning[] =
      this.plan.kind === 'allocate'
        ? this.plan.warnings.map((warning) => ({ ...warning, line: null }))
        : [];
    for (const { cap, limit, scopes } of this.caps) {
      for (const scope of scopes.values()) {
        // A negative line under a cap that bound is a correction to the engine (§1.4), but if it
        // is a 負担金 received, A-02 deducts it after the cap: the results differ, so ask.
        const first = scope.negativeLines[0];
        if (first === undefined || !scope.clamp.peak.gt(limit)) continue;
        const who = cap.scope === 'person' ? ` for person ${scope.person ?? ''}` : '';
        const named =
          scope.negativeLines.slice(0, 5).join(', ') +
          (scope.negativeLines.length > 5 ? ` and ${scope.negativeLines.length - 5} more` : '');
        warnings.push({
          code: 'NEGATIVE_LINE_UNDER_BINDING_CAP',
          line: first,
          message: `${cap.label}${who}: negative line(s) ${named} in a scope whose running total exceeded the limit (peak ${scope.clamp.peak.toFixed(0)}, net ${scope.clamp.sum.toFixed(0)}, limit ${cap.limit}). As corrections they give back headroom only below the limit (decisions.md §1.4); if they record 負担金 received from 市町村, A-02 deducts them after the cap instead. Check manually.`,
        });
      }
    }
    return warnings;
  }
}
