import { builtinFact } from '../eligibility/builtin-fact.js';
import { MISSING, type FactValue, type Missing } from '../eligibility/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../policy.js';
import { ALLOCATION_TAX_KINDS, type Cap, type Component, type Measure } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { floorToUnit } from './apportion.js';
import { RunningClamp } from './clamp-running.js';
import { timesRate } from './rate.js';
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
const NEVER_CARRIED = new Set<string>();

/** A cap's running state for one scope (the group, one person in it, or the measure's total). */
export interface CapScope {
  readonly clamp: RunningClamp;
  readonly negativeLines: string[];
  readonly person: string | undefined;
  /** Set once the scope's warning is given: a measure-wide scope is seen by several groups. */
  warned?: boolean;
}

/** What a group needs from the rest of the evaluation. */
export interface GroupContext {
  /** A line's fact (line fact, entity attribute or builtin, glossary default applied). */
  readonly fact: (line: LedgerLine, id: string) => FactValue | Missing;
  /** Scopes of `measure` caps, shared by every component of the measure for one entity × FY. */
  readonly measureScopes: Map<string, CapScope>;
  /** Caps the evaluation derives for this group (一般管理費の上限), applied before the rule's own. */
  readonly extraCaps: readonly Cap[];
  /** Set when what the group derives from other groups cannot be known: every line gets it. */
  readonly verdict?: GroupVerdict;
}

/** Reads facts straight from the line, without glossary defaults (for a group on its own). */
export function plainFact(line: LedgerLine, id: string): FactValue | Missing {
  return builtinFact(line, id) ?? line.facts.get(id) ?? line.entity.attributes.get(id) ?? MISSING;
}

function matches(value: FactValue, wanted: readonly (string | number | boolean)[]): boolean {
  const one = (item: string | boolean): boolean =>
    wanted.some((w) => (typeof w === 'number' ? String(w) === item : w === item));
  return typeof value === 'object' ? value.some(one) : one(value);
}

/** A running cumulative floor: each step's share of floor(rate × running total). */
class RunningFloor {
  private running = ZERO;
  private previous = ZERO;

  constructor(
    private readonly rate: string,
    private readonly unit: Yen,
  ) {}

  next(value: Yen): Yen {
    this.running = this.running.plus(value);
    const product = timesRate(this.running, this.rate);
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
    readonly limit: Yen | null;
    readonly scopes: Map<string, CapScope>;
  }[];
  private readonly amountFloor: RunningFloor | null;
  private readonly bondFloor: RunningFloor | null;
  private readonly unitAmount: Yen | null;
  /** Persons whose unit amount a line carries already (per-person amounts only). */
  private readonly carried: Set<string>;
  private readonly nonRecipient: boolean;

  constructor(
    private readonly measure: Measure,
    private readonly component: Component,
    private readonly plan: GroupPlan,
    entity: LedgerLine['entity'],
    policy: Policy,
    private readonly context: GroupContext = {
      fact: plainFact,
      measureScopes: new Map(),
      extraCaps: [],
    },
  ) {
    this.needsPerson = personRequirement(component);
    // Derived caps (一般管理費) first: what they cut must not use up a measure-wide limit.
    this.caps = [...context.extraCaps, ...(component.caps ?? [])].map((cap) => ({
      cap,
      limit: cap.limit === null ? null : new Yen(cap.limit),
      scopes: cap.scope === 'measure' ? context.measureScopes : new Map<string, CapScope>(),
    }));
    // Contract expenses are yen owed under a contract, not 措置額: the rounding policy is not theirs.
    const unit = new Yen(measure.kind === 'contract-expense' ? '1' : policy.roundingUnit);
    const method = component.amount;
    this.amountFloor =
      method.method === 'rate'
        ? new RunningFloor(method.rate.value, unit)
        : method.method === 'bond'
          ? new RunningFloor(method.taxMeasureRate.value, unit)
          : method.method === 'overhead'
            ? new RunningFloor('1', unit)
            : null;
    this.bondFloor =
      method.method === 'bond' ? new RunningFloor(method.allocationRate.value, new Yen(1)) : null;
    this.unitAmount = method.method === 'per-person' ? new Yen(method.unitAmount.value) : null;
    // Only per-person amounts mark persons; other groups share one set nothing adds to.
    this.carried = method.method === 'per-person' ? new Set() : NEVER_CARRIED;
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
    if (this.context.verdict !== undefined) return this.context.verdict;
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
    if (!excluded && this.caps.length > 0) {
      // Every cap's limit first: a line left undetermined must not consume any running total.
      const limits: (Yen | null)[] = [];
      for (const { cap, limit } of this.caps) {
        const resolved = this.limitFor(cap, limit, line);
        if (resolved !== null && !(resolved instanceof Yen)) return resolved;
        limits.push(resolved);
      }
      // A 戻入 under a cap on each line alone: what it corrects depends on the line it corrects
      // (capped or not), which the engine cannot know — never count it as 0 silently.
      const lineCap = base.isNegative()
        ? this.caps.find(({ cap }, index) => cap.scope === 'line' && limits[index] !== null)
        : undefined;
      if (lineCap !== undefined)
        return {
          kind: 'undetermined',
          missing: [],
          code: 'CORRECTION_UNDER_LINE_CAP',
          text: `${lineCap.cap.label}: 明細ごとの上限の下にある負の明細（戻入）は、訂正する元の明細が上限を超えていたかで効果が変わるため判定できない。元の明細の金額を訂正して計上すること`,
          cite: lineCap.cap.cite,
        };
      this.caps.forEach(({ cap, scopes }, index) => {
        const limit = limits[index];
        if (limit === undefined || limit === null) return;
        const key = cap.scope === 'person' ? person : cap.scope === 'measure' ? cap.id : '';
        let scope = cap.scope === 'line' ? undefined : scopes.get(key);
        if (scope === undefined) {
          scope = { clamp: new RunningClamp(limit), negativeLines: [], person: line.person };
          if (cap.scope !== 'line') scopes.set(key, scope);
        }
        if (base.isNegative()) scope.negativeLines.push(line.id);
        const counted = scope.clamp.next(base);
        notes.push({
          id: cap.id,
          label: cap.label,
          scope: cap.scope,
          limit: limit.toFixed(0),
          counted: counted.toFixed(0),
          headroom: limit.minus(scope.clamp.clamped).toFixed(0),
          binding: !counted.eq(base),
        });
        base = counted;
      });
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

  /**
   * A cap's limit for this line: null when the cap does not cover it (`when`), a verdict when the
   * limit cannot be known (a fact is missing, or the sources do not state the amount).
   */
  private limitFor(cap: Cap, limit: Yen | null, line: LedgerLine): Yen | null | GroupVerdict {
    if (cap.when !== undefined) {
      const value = this.context.fact(line, cap.when.fact);
      if (value === MISSING)
        return {
          kind: 'undetermined',
          missing: [cap.when.fact],
          text: `${cap.label}: この上限の対象か判定するには ${cap.when.fact} が必要`,
          cite: cap.cite,
        };
      if (!matches(value, cap.when.in)) return null;
    }
    let resolved = limit;
    if (cap.shareOf !== undefined) {
      const value = this.context.fact(line, cap.shareOf.fact);
      if (value === MISSING || typeof value !== 'string')
        return {
          kind: 'undetermined',
          missing: [cap.shareOf.fact],
          text: `${cap.label}: 上限額（${cap.shareOf.rate.label}）の算定に ${cap.shareOf.fact} が必要`,
          cite: cap.cite,
        };
      const share = timesRate(new Yen(value), cap.shareOf.rate.value).toDecimalPlaces(
        0,
        Yen.ROUND_FLOOR,
      );
      resolved = resolved === null ? share : Yen.min(resolved, share);
    }
    if (resolved === null)
      return {
        kind: 'undetermined',
        missing: [],
        code: 'CAP_NOT_STATED',
        text: `${cap.label}: 上限があるが、その額は資料に記載されていない。上限内かどうか判定できない${cap.policyKey === undefined ? '' : `（交付決定等で額が分かれば policy values["${cap.policyKey}"] で指定できる）`}`,
        cite: cap.cite,
      };
    return resolved;
  }

  /** Warnings only the whole group can show, plus the plan's own. */
  finish(): GroupWarning[] {
    const warnings: GroupWarning[] =
      this.plan.kind === 'allocate'
        ? this.plan.warnings.map((warning) => ({ ...warning, line: null }))
        : [];
    for (const { cap, scopes } of this.caps) {
      for (const scope of scopes.values()) {
        if (scope.warned === true) continue;
        scope.warned = true;
        // A negative line under a cap that bound is a correction to the engine (§1.4), but if it
        // is a 負担金 received, A-02 deducts it after the cap: the results differ, so ask.
        const first = scope.negativeLines[0];
        if (first === undefined || !scope.clamp.peak.gt(scope.clamp.limit)) continue;
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
