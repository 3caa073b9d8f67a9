import { MISSING, type FactValue } from '../core/missing.js';
import { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap } from '../schema/measure.js';
import type { GroupContext } from './group-context.js';
import type { GroupVerdict } from './group-plan.js';
import { timesRate } from './rate.js';

function matches(value: FactValue, wanted: readonly (string | number | boolean)[]): boolean {
  const one = (item: string | boolean): boolean =>
    wanted.some((w) => (typeof w === 'number' ? String(w) === item : w === item));
  return typeof value === 'object' ? value.some(one) : one(value);
}

/**
 * A cap's limit for this line: null when the cap does not cover it (`when`), a verdict when the
 * limit cannot be known (a fact is missing, or the sources do not state the amount).
 */
export function capLimit(
  cap: Cap,
  limit: Yen | null,
  line: LedgerLine,
  context: GroupContext,
): Yen | null | GroupVerdict {
  if (cap.when !== undefined) {
    const value = context.fact(line, cap.when.fact);
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
    const value = context.fact(line, cap.shareOf.fact);
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
