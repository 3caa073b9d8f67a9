import type { Measure } from '../schema/measure.js';

/**
 * The first fiscal years a measure and its components state (docs/decisions.md §1.2) against its
 * versions: a measure cannot start after its first version, and a component's year is read only
 * before the first version (later years are the versions' own), so it must belong to the first
 * version, lie after the measure's own start and not after the version's first year.
 */
export function checkInForce(
  measure: Measure,
  report: (path: string, message: string) => void,
): void {
  const first = measure.versions[0];
  if (first === undefined) return;
  const measureFrom = measure.inForceFrom?.fiscalYear;
  if (measureFrom !== undefined && measureFrom > first.fiscalYears.from)
    report(
      'inForceFrom',
      `FY${measureFrom} が最初の版 ${first.id}（FY${first.fiscalYears.from}）より後です`,
    );
  for (const version of measure.versions) {
    for (const [index, component] of version.components.entries()) {
      const from = component.inForceFrom?.fiscalYear;
      if (from === undefined) continue;
      const path = `versions[${version.id}].components[${component.id ?? index}].inForceFrom`;
      if (version !== first) report(path, '最初の年度を書けるのは最初の版の構成要素だけです');
      else if (from > version.fiscalYears.from)
        report(path, `FY${from} が版の最初の年度 FY${version.fiscalYears.from} より後です`);
      if (measureFrom !== undefined && from <= measureFrom)
        report(path, `FY${from} が措置の最初の年度 FY${measureFrom} より後ではありません`);
    }
  }
}
