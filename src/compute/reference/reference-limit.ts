import { MISSING, type FactValue, type Missing } from '../../core/missing.js';
import { Yen } from '../../core/yen.js';
import type { LedgerLine } from '../../ledger/normalize-ledger.js';
import type { Cap } from '../../schema/measure.js';
import { floorRate } from './reference-arithmetic.js';
import type { ReferenceVerdict } from './reference-types.js';

/** A cap's limit for a line: null when it does not cover the line, a verdict when unknown. */
export function referenceLimit(
  cap: Cap,
  line: LedgerLine,
  fact: (line: LedgerLine, id: string) => FactValue | Missing,
): Yen | null | ReferenceVerdict {
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
