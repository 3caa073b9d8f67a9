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
      `FY${measureFrom} is after the first version ${first.id} (FY${first.fiscalYears.from})`,
    );
  for (const version of measure.versions) {
    for (const [index, component] of version.components.entries()) {
      const from = component.inForceFrom?.fiscalYear;
      if (from === undefined) continue;
      const path = `versions[${version.id}].components[${component.id ?? index}].inForceFrom`;
      if (version !== first)
        report(path, 'only components of the first version can state a first fiscal year');
      else if (from > version.fiscalYears.from)
        report(path, `FY${from} is after the version's first year FY${version.fiscalYears.from}`);
      if (measureFrom !== undefined && from <= measureFrom)
        report(path, `FY${from} is not after the measure's own first year FY${measureFrom}`);
    }
  }
}
