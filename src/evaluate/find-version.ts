import type { Measure, Version } from '../schema/measure.js';

export type VersionLookup =
  | { readonly found: 'covered'; readonly version: Version }
  | { readonly found: 'ended'; readonly version: Version }
  | { readonly found: 'before'; readonly first: Version };

/** The version covering a fiscal year, or whether the year is after the end or before the start (docs/decisions.md §1.2). */
export function findVersion(measure: Measure, fiscalYear: number): VersionLookup {
  const versions = measure.versions;
  for (const version of versions) {
    const { from, through } = version.fiscalYears;
    if (fiscalYear >= from && (through === null || fiscalYear <= through))
      return { found: 'covered', version };
  }
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (first === undefined || last === undefined)
    throw new Error(`measure ${measure.id} has no version`);
  if (fiscalYear < first.fiscalYears.from) return { found: 'before', first };
  return { found: 'ended', version: last };
}
