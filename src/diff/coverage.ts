import type { Measure, Version } from '../schema/measure.js';
import { formatSpan, unionSpan, type FiscalYearSpan } from './rule-change.js';

/** The fiscal years one version covers. */
export function span(version: Version): FiscalYearSpan {
  return { from: version.fiscalYears.from, through: version.fiscalYears.through };
}

/** The years a measure covers as merged ranges: `FY2023–FY2025`. */
export function coverage(measure: Measure): string {
  const spans = measure.versions.map(span).sort((a, b) => a.from - b.from);
  const merged: FiscalYearSpan[] = [];
  for (const next of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.through === null || next.from <= last.through + 1)) {
      merged[merged.length - 1] = unionSpan(last, next);
    } else merged.push(next);
  }
  return merged.map(formatSpan).join(', ');
}

/** The years one measure covers and the other does not, as one span (null: none). */
export function coverageChange(base: Measure, head: Measure): FiscalYearSpan | null {
  // The schema bounds years to 1900–2200, so listing them is cheap and exact.
  const years = (measure: Measure): Set<number> => {
    const set = new Set<number>();
    for (const { from, through } of measure.versions.map(span))
      for (let year = from; year <= (through ?? 2200); year += 1) set.add(year);
    return set;
  };
  const [before, after] = [years(base), years(head)];
  const changed = [...before, ...after].filter((year) => before.has(year) !== after.has(year));
  if (changed.length === 0) return null;
  const last = Math.max(...changed);
  return { from: Math.min(...changed), through: last >= 2200 ? null : last };
}
