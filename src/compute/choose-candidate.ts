import { apportion } from './apportion.js';
import { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import { ALLOCATION_TAX_KINDS } from '../schema/measure.js';
import type { Candidate } from '../eligibility/candidate.js';

export type EligibleCandidate = Extract<Candidate, { status: 'eligible' }>;

/**
 * The amount a measure would give this line on its own, before the running caps (which depend on
 * which measure takes the line): the claim within each cap's limit, times the rate.
 */
export function indicativeAmount(line: LedgerLine, candidate: EligibleCandidate): Yen {
  return indicative(line, candidate).amount;
}

/** The indicative amount, and for a local bond the indicative 起債額 (null for other kinds). */
function indicative(
  line: LedgerLine,
  candidate: EligibleCandidate,
): { amount: Yen; bond: Yen | null } {
  const { measure, component } = candidate;
  const amount = component.amount;
  const one = new Yen(1);
  const claimed = new Yen(line.amount);
  // Indicative only: caps that depend on the line's facts or are unstated are left out.
  const base = (component.caps ?? []).reduce(
    (value, cap) =>
      cap.limit === null ||
      cap.when !== undefined ||
      cap.shareOf !== undefined ||
      cap.on === 'amount'
        ? value
        : Yen.min(value, new Yen(cap.limit)),
    claimed,
  );
  // A local bond keeps its bond for 不交付団体 and 特別区 (docs/decisions.md §1.8).
  const bond =
    amount.method === 'bond'
      ? (apportion([base], amount.allocationRate.value, one)[0] ?? null)
      : null;
  if (
    (line.entity.nonRecipient || line.entity.kind === 'special-ward') &&
    (ALLOCATION_TAX_KINDS.includes(measure.kind) || measure.kind === 'local-bond')
  ) {
    return { amount: new Yen(0), bond };
  }
  if (amount.method === 'rate')
    return {
      amount: (component.caps ?? []).reduce(
        // A cap on the amount (`on: "amount"`) holds rate × base to its limit.
        (value, cap) =>
          cap.on === 'amount' && cap.limit !== null ? Yen.min(value, new Yen(cap.limit)) : value,
        apportion([base], amount.rate.value, one)[0] ?? new Yen(0),
      ),
      bond,
    };
  if (amount.method === 'per-person')
    return { amount: claimed.gt(0) ? new Yen(amount.unitAmount.value) : new Yen(0), bond };
  if (amount.method === 'overhead' || amount.method === 'none') return { amount: base, bond };
  return {
    amount: apportion([bond ?? new Yen(0)], amount.taxMeasureRate.value, one)[0] ?? new Yen(0),
    bond,
  };
}

/**
 * Several measures match one line: it goes to the largest amount; equal amounts to the larger
 * indicative bond (a measure without a bond counts 0), then to the first measure in the rule set
 * (docs/decisions.md §1.7). Candidates arrive in rule-set order, so a stable sort keeps ties.
 * A negative line (a 戻入, the correction of a cost) goes where that cost would go: it is ranked by
 * what its amount, made positive, would give. Ranked by its own amount, the least negative, it
 * would land on the measure with the lower rate, leaving the cost it corrects uncorrected.
 */
export function chooseCandidate(
  line: LedgerLine,
  eligible: readonly EligibleCandidate[],
): { chosen: EligibleCandidate; others: { candidate: EligibleCandidate; amount: Yen }[] } {
  const correction = line.amount.startsWith('-');
  const positive = correction ? { ...line, amount: line.amount.slice(1) } : line;
  const ranked = eligible
    .map((candidate) => {
      const own = indicative(line, candidate);
      const rank = correction ? indicative(positive, candidate) : own;
      return { candidate, amount: own.amount, rank };
    })
    .sort(
      (a, b) => b.rank.amount.cmp(a.rank.amount) || (b.rank.bond ?? ZERO).cmp(a.rank.bond ?? ZERO),
    );
  const [first, ...others] = ranked;
  if (first === undefined) throw new Error('chooseCandidate needs at least one candidate');
  return {
    chosen: first.candidate,
    others: others.map(({ candidate, amount }) => ({ candidate, amount })),
  };
}

const ZERO = new Yen(0);
