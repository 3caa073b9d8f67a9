import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { EligibleCandidate } from './choose-candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, Component } from '../schema/measure.js';
import { timesRate } from './rate.js';
import type { GroupContext } from './group-allocator.js';
import { Yen } from '../core/yen.js';

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/** The direct costs one 一般管理費 component is computed on, for one entity × fiscal year. */
export interface DirectCosts {
  /** Σ (claimed − consumption tax) of the eligible lines of its base components. */
  readonly net: Yen;
  readonly lines: number;
  /** Lines that do not state their consumption tax (the base is then unknown). */
  readonly lacking: readonly string[];
  /** Undetermined lines that may be direct costs of the base (the base is then unknown). */
  readonly open: readonly string[];
  /** Σ amount of the lines this 一般管理費 component took (what it claims, before its 上限). */
  readonly claimed: Yen;
  /** Undetermined lines that may be this 一般管理費 itself (what it claims is then unknown). */
  readonly openOwn: readonly string[];
}

const EMPTY: DirectCosts = {
  net: new Yen(0),
  lines: 0,
  lacking: [],
  open: [],
  claimed: new Yen(0),
  openOwn: [],
};

type Tally = {
  net: Yen;
  lines: number;
  lacking: string[];
  open: string[];
  claimed: Yen;
  openOwn: string[];
};

/**
 * Tallies, while lines are observed, the direct costs each 一般管理費 (method `overhead`) component
 * is computed on (003: イ～ホの直接経費、消費税及び消費税相当額を除く).
 */
export class OverheadTally {
  private readonly sums = new Map<string, Tally>();

  private tally(line: LedgerLine, measure: string, component: Component): Tally {
    const key = `${line.entity.code}\u0000${line.fiscalYear}\u0000${measure}\u0000${component.id ?? ''}`;
    let sum = this.sums.get(key);
    if (sum === undefined) {
      sum = { net: new Yen(0), lines: 0, lacking: [], open: [], claimed: new Yen(0), openOwn: [] };
      this.sums.set(key, sum);
    }
    return sum;
  }

  /** A line no measure took: if it may be a direct cost of a 一般管理費 base, that base is open. */
  observeOpen(candidates: readonly Candidate[], line: LedgerLine): void {
    for (const candidate of candidates) {
      if (candidate.status !== 'undetermined' || candidate.measure.kind !== 'contract-expense')
        continue;
      if (candidate.version === null) continue;
      for (const other of candidate.version.components) {
        const amount = other.amount;
        // A line that may be the 一般管理費 itself: what it claims (and its tax's 上限) is open.
        if (
          amount.method === 'overhead' &&
          candidate.unknown.some(
            ({ component }) => component.id !== undefined && component.id === other.id,
          )
        )
          this.tally(line, candidate.measure.id, other).openOwn.push(line.id);
        if (
          amount.method === 'overhead' &&
          candidate.unknown.some(
            ({ component }) =>
              component.id !== undefined && amount.baseComponents.includes(component.id),
          )
        )
          this.tally(line, candidate.measure.id, other).open.push(line.id);
      }
    }
  }

  observe(chosen: EligibleCandidate, line: LedgerLine, fact: Fact): void {
    if (chosen.measure.kind !== 'contract-expense') return;
    const componentId = chosen.component.id;
    if (componentId === undefined) return;
    if (chosen.component.amount.method === 'overhead') {
      const own = this.tally(line, chosen.measure.id, chosen.component);
      own.claimed = own.claimed.plus(line.amount);
    }
    for (const other of chosen.version.components) {
      const amount = other.amount;
      if (amount.method !== 'overhead' || !amount.baseComponents.includes(componentId)) continue;
      const sum = this.tally(line, chosen.measure.id, other);
      const tax = fact(line, amount.taxFact);
      sum.lines += 1;
      if (tax === MISSING || typeof tax !== 'string') sum.lacking.push(line.id);
      else sum.net = sum.net.plus(new Yen(line.amount).minus(tax));
    }
  }

  /** The direct costs for one measure's group key (entity, fiscal year, measure) and component. */
  totals(measureKey: string, component: Component): DirectCosts {
    return this.sums.get(`${measureKey}\u0000${component.id ?? ''}`) ?? EMPTY;
  }
}

/**
 * The group context of a 一般管理費 component: a cap at floor(min(maxRate, the entity's own rate) ×
 * direct costs), or a verdict when the rate or some line's consumption tax is not stated.
 */
export function overheadContext(
  base: GroupContext,
  component: Component,
  direct: DirectCosts,
  line: LedgerLine,
): GroupContext {
  const amount = component.amount;
  if (amount.method !== 'overhead') return base;
  const { maxRate } = amount;
  // Every line of the group is undetermined with this reason: the 上限 cannot be computed.
  const open = (missing: string[], why: string): GroupContext => ({
    ...base,
    verdict: {
      kind: 'undetermined',
      missing,
      text: `${maxRate.label}: ${why}`,
      cite: maxRate.cite,
    },
  });
  const own = base.fact(line, amount.rateFact);
  if (own === MISSING || typeof own !== 'string')
    return open(
      [amount.rateFact],
      `事業者の財務諸表から算定した一般管理費率（${amount.rateFact}）が必要`,
    );
  if (direct.open.length > 0)
    return open(
      [],
      `直接経費になり得る明細 ${listed(direct.open)} が判定保留のため、一般管理費の上限（直接経費 × 率）を確定できない`,
    );
  if (direct.lacking.length > 0)
    return open(
      [amount.taxFact],
      `直接経費は消費税を除いて算定するが、明細 ${listed(direct.lacking)} に消費税額（${amount.taxFact}）がない`,
    );
  const rate = Yen.min(new Yen(amount.maxRate.value), new Yen(own));
  const limit = rate.times(direct.net).toDecimalPlaces(0, Yen.ROUND_FLOOR);
  return {
    ...base,
    extraCaps: [
      {
        id: 'overhead-limit',
        label: `一般管理費等の上限（直接経費（消費税除く）${direct.net.toFixed(0)}円 × 一般管理費率 ${rate.toString()}）`,
        scope: 'entity',
        limit: Yen.max(limit, new Yen(0)).toFixed(0),
        cite: amount.maxRate.cite,
        ...(amount.maxRate.assumptions === undefined
          ? {}
          : { assumptions: amount.maxRate.assumptions }),
      },
    ],
  };
}

/**
 * The group context of a component with an `ofAllowed` cap (一般管理費's 消費税相当額, A-34): the
 * cap's limit is floor(rate × what the 一般管理費 component allows — min(Σ claimed, its 上限),
 * never below 0), or a verdict while that allowance is unknown. `target` is that component,
 * `overhead` its own context (overheadContext), `direct` its tallies.
 */
export function allowedContext(
  base: GroupContext,
  cap: Cap,
  direct: DirectCosts,
  overhead: GroupContext,
  target: Component,
): GroupContext {
  const of = cap.ofAllowed;
  if (of === undefined) return base;
  const named = componentName(target);
  const open = (missing: readonly string[], why: string): GroupContext => ({
    ...base,
    verdict: {
      kind: 'undetermined',
      missing,
      text: `${cap.label}: ${named} の認められる額が確定しないため、この上限も確定できない（${why}）`,
      cite: cap.cite,
    },
  });
  if (direct.openOwn.length > 0)
    return open([], `${named} になり得る明細 ${listed(direct.openOwn)} が判定保留`);
  let allowed = Yen.max(direct.claimed, new Yen(0));
  if (allowed.gt(0)) {
    if (overhead.verdict !== undefined)
      return overhead.verdict.kind === 'undetermined'
        ? open(overhead.verdict.missing, overhead.verdict.text)
        : { ...base, verdict: overhead.verdict };
    const limit = overhead.extraCaps[0]?.limit;
    if (limit !== undefined && limit !== null) allowed = Yen.min(allowed, new Yen(limit));
  }
  const resolved = timesRate(allowed, of.rate.value).toDecimalPlaces(0, Yen.ROUND_FLOOR);
  // The derived cap states its limit: it no longer names the allowance it came from.
  const rest: Cap = { ...cap };
  delete rest.ofAllowed;
  return {
    ...base,
    extraCaps: [
      ...base.extraCaps,
      {
        ...rest,
        label: `${cap.label}：認められる ${named} ${allowed.toFixed(0)}円 × ${of.rate.value}`,
        limit: resolved.toFixed(0),
      },
    ],
  };
}

/** Up to five line ids, then how many more. */
/** A component as a clerk reads it: its label (title when it has none), its id in brackets. */
export function componentName(component: Component): string {
  const label = component.label ?? component.title;
  return component.id === undefined ? label : `${label}（${component.id}）`;
}

function listed(ids: readonly string[]): string {
  return `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` ほか${ids.length - 5}件` : ''}`;
}
