import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import { ALLOCATION_TAX_KINDS, type Cap, type Component, type Measure } from '../schema/measure.js';
import { plainFact, type GroupContext } from './group-context.js';
import { personRequirement } from './group-plan.js';
import { Yen } from '../core/yen.js';

/**
 * What every group of one component shares, for one kind of entity (allocation-tax recipient or
 * not) and one context: built once, so that a group holds only its running sums.
 */
export class AllocationRule {
  readonly needsPerson: string | null;
  readonly caps: readonly { readonly cap: Cap; readonly limit: Yen | null }[];
  /** A scope of these caps is shared with other groups: its warning waits for all of them. */
  readonly sharesScopes: boolean;
  /** Some cap limits the amount rather than the base (`on: "amount"`). */
  readonly capsAmount: boolean;
  /** The rate applied to the running base (to the running bond for `bond`), or null. */
  readonly amountRate: string | null;
  /** 充当率, for `bond`. */
  readonly bondRate: string | null;
  readonly unit: Yen;
  readonly unitAmount: Yen | null;
  readonly nonRecipient: boolean;

  constructor(
    readonly measure: Measure,
    readonly component: Component,
    entity: LedgerLine['entity'],
    policy: Policy,
    readonly context: GroupContext = {
      fact: plainFact,
      measureScopes: new Map(),
      extraCaps: [],
    },
  ) {
    this.needsPerson = personRequirement(component);
    // Derived caps (一般管理費) first: what they cut must not use up a measure-wide limit.
    // A cap of another component's allowance (`ofAllowed`) is replaced by the one the context
    // derived; without it (a group on its own) its null limit leaves the lines undetermined.
    const derived = new Set(context.extraCaps.map((cap) => cap.id));
    const own = (component.caps ?? []).filter(
      (cap) => cap.ofAllowed === undefined || !derived.has(cap.id),
    );
    this.caps = [...context.extraCaps, ...own].map((cap) => ({
      cap,
      limit: cap.limit === null ? null : new Yen(cap.limit),
    }));
    // A group sharing scopes with the measure's other groups stays open to the end: its warnings
    // (a negative line under a cap that bound) wait for every line counted in them.
    this.sharesScopes = this.caps.some(
      ({ cap }) =>
        cap.scope === 'measure' || (cap.term !== undefined && context.termScopes !== undefined),
    );
    this.capsAmount = this.caps.some(({ cap }) => cap.on === 'amount');
    // Contract expenses are yen owed under a contract, not 措置額: the rounding policy is not theirs.
    this.unit = new Yen(measure.kind === 'contract-expense' ? '1' : policy.roundingUnit);
    const method = component.amount;
    this.amountRate =
      method.method === 'rate'
        ? method.rate.value
        : method.method === 'bond'
          ? method.taxMeasureRate.value
          : method.method === 'overhead'
            ? '1'
            : null;
    this.bondRate = method.method === 'bond' ? method.allocationRate.value : null;
    this.unitAmount = method.method === 'per-person' ? new Yen(method.unitAmount.value) : null;
    this.nonRecipient = receivesNothing(measure, entity);
  }
}

/** 不交付団体 and 特別区 receive no allocation tax (docs/decisions.md §1.8); a local bond keeps its bond. */
function receivesNothing(measure: Measure, entity: LedgerLine['entity']): boolean {
  return (
    (entity.nonRecipient || entity.kind === 'special-ward') &&
    (ALLOCATION_TAX_KINDS.includes(measure.kind) || measure.kind === 'local-bond')
  );
}

/**
 * The rules of the groups of one evaluation, one per component, entity kind and context (most
 * groups share the evaluation's plain context).
 */
export class AllocationRules {
  private readonly byContext = new WeakMap<GroupContext, Map<Component, AllocationRule[]>>();

  constructor(private readonly policy: Policy) {}

  of(
    measure: Measure,
    component: Component,
    entity: LedgerLine['entity'],
    context: GroupContext,
  ): AllocationRule {
    let byComponent = this.byContext.get(context);
    if (byComponent === undefined) {
      byComponent = new Map();
      this.byContext.set(context, byComponent);
    }
    let rules = byComponent.get(component);
    if (rules === undefined) {
      rules = [];
      byComponent.set(component, rules);
    }
    const nonRecipient = receivesNothing(measure, entity);
    for (const rule of rules) if (rule.nonRecipient === nonRecipient) return rule;
    const rule = new AllocationRule(measure, component, entity, this.policy, context);
    rules.push(rule);
    return rule;
  }
}
