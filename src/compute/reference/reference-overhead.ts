import { MISSING, type FactValue, type Missing } from '../../core/missing.js';
import { Yen } from '../../core/yen.js';
import type { LedgerLine } from '../../ledger/normalize-ledger.js';
import type { Cap, Component, Measure } from '../../schema/measure.js';
import { floorRate } from './reference-arithmetic.js';
import type { ReferenceVerdict } from './reference-types.js';

type Fact = (line: LedgerLine, id: string) => FactValue | Missing;

/** A line of the measure group with the component that took it. */
export interface TakenLine {
  readonly line: LedgerLine;
  readonly component: Component;
}

function listed(ids: readonly string[]): string {
  return `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ` ほか${ids.length - 5}件` : ''}`;
}

/**
 * The 一般管理費 cap of an `overhead` component for one entity × fiscal year × measure (003): the
 * claimed amounts are capped at floor(min(maxRate, the entity's own rate) × Σ (amount − consumption
 * tax) of the lines the measure's base components took). A verdict for every line of the component
 * when the own rate is not stated, a line that may be a direct cost is still undetermined
 * (`undecided`: the ids of such lines), or a direct cost lacks its consumption tax.
 */
export function referenceOverheadCap(
  component: Component,
  taken: readonly TakenLine[],
  undecided: readonly string[],
  first: LedgerLine,
  fact: Fact,
): Cap | ReferenceVerdict | null {
  const amount = component.amount;
  if (amount.method !== 'overhead') return null;
  const { maxRate } = amount;
  const open = (missing: string[], why: string): ReferenceVerdict => ({
    kind: 'undetermined',
    missing,
    text: `${maxRate.label}: ${why}`,
    cite: maxRate.cite,
  });
  const own = fact(first, amount.rateFact);
  if (own === MISSING || typeof own !== 'string')
    return open(
      [amount.rateFact],
      `事業者の財務諸表から算定した一般管理費率（${amount.rateFact}）が必要`,
    );
  if (undecided.length > 0)
    return open(
      [],
      `直接経費になり得る明細 ${listed(undecided)} が判定保留のため、一般管理費の上限（直接経費 × 率）を確定できない`,
    );
  let net = new Yen(0);
  const lacking: string[] = [];
  for (const { line, component: other } of taken) {
    if (other.id === undefined || !amount.baseComponents.includes(other.id)) continue;
    const tax = fact(line, amount.taxFact);
    if (tax === MISSING || typeof tax !== 'string') lacking.push(line.id);
    else net = net.plus(line.amount).minus(tax);
  }
  if (lacking.length > 0)
    return open(
      [amount.taxFact],
      `直接経費は消費税を除いて算定するが、明細 ${listed(lacking)} に消費税額（${amount.taxFact}）がない`,
    );
  const rate = Yen.min(maxRate.value, own);
  const limit = rate.times(net).floor();
  return {
    id: 'overhead-limit',
    label: `一般管理費等の上限（直接経費（消費税除く）${net.toFixed(0)}円 × 一般管理費率 ${rate.toString()}）`,
    scope: 'entity',
    limit: (limit.isNegative() ? new Yen(0) : limit).toFixed(0),
    cite: maxRate.cite,
    ...(maxRate.assumptions === undefined ? {} : { assumptions: maxRate.assumptions }),
  };
}

/**
 * The cap of a component on what an `overhead` component allows (`ofAllowed`: 一般管理費's
 * 消費税相当額, A-34): floor(rate × min(Σ claimed by that component, its 上限)), Σ below 0 taken
 * as 0; a verdict while a line may still be that component, or (something claimed) its 上限 is
 * unknown.
 */
export function referenceAllowedCap(
  cap: Cap,
  target: Component,
  taken: readonly TakenLine[],
  undecidedOwn: readonly string[],
  undecided: readonly string[],
  first: LedgerLine,
  fact: Fact,
): Cap | ReferenceVerdict {
  const of = cap.ofAllowed;
  if (of === undefined) return cap;
  // Written out here, not imported from the fast path, so the two stay independent.
  const named = `${target.label ?? target.title}（${of.component}）`;
  const open = (missing: readonly string[], why: string): ReferenceVerdict => ({
    kind: 'undetermined',
    missing,
    text: `${cap.label}: ${named} の認められる額が確定しないため、この上限も確定できない（${why}）`,
    cite: cap.cite,
  });
  if (undecidedOwn.length > 0)
    return open([], `${named} になり得る明細 ${listed(undecidedOwn)} が判定保留`);
  let claimed = new Yen(0);
  for (const { line, component } of taken)
    if (component.id === target.id) claimed = claimed.plus(line.amount);
  let allowed = claimed.isNegative() ? new Yen(0) : claimed;
  if (allowed.gt(0)) {
    const limit = referenceOverheadCap(target, taken, undecided, first, fact);
    if (limit !== null && 'kind' in limit)
      return limit.kind === 'undetermined' ? open(limit.missing, limit.text) : limit;
    if (limit !== null && limit.limit !== null && allowed.gt(limit.limit))
      allowed = new Yen(limit.limit);
  }
  // The derived cap states its limit: it no longer names the allowance it came from.
  const rest: Cap = { ...cap };
  delete rest.ofAllowed;
  return {
    ...rest,
    label: `${cap.label}：認められる ${named} ${allowed.toFixed(0)}円 × ${of.rate.value}`,
    limit: floorRate(allowed, of.rate.value).toFixed(0),
  };
}

/**
 * The cap a component derives from the rest of the measure: an `overhead` component's 一般管理費
 * 上限, or a cap on what such a component allows (`ofAllowed`); a verdict when it cannot be known.
 */
export function referenceDerivedCap(
  component: Component,
  measure: Measure,
  taken: readonly TakenLine[],
  first: LedgerLine,
  undecided: (overhead: Component) => readonly string[],
  undecidedOwn: (overhead: Component) => readonly string[],
  fact: Fact,
): Cap | ReferenceVerdict | null {
  if (component.amount.method === 'overhead')
    return referenceOverheadCap(component, taken, undecided(component), first, fact);
  const ofAllowed = (component.caps ?? []).find((cap) => cap.ofAllowed !== undefined);
  const target = measure.versions
    .find((version) => version.components.includes(component))
    ?.components.find(
      (other) => other.id === ofAllowed?.ofAllowed?.component && other.amount.method === 'overhead',
    );
  if (ofAllowed === undefined || target === undefined) return null;
  return referenceAllowedCap(
    ofAllowed,
    target,
    taken,
    undecidedOwn(target),
    undecided(target),
    first,
    fact,
  );
}
