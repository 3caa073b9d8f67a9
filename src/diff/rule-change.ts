/** A span of fiscal years; `through: null` = open-ended (the sources state no end). */
export interface FiscalYearSpan {
  readonly from: number;
  readonly through: number | null;
}

export const RULE_CHANGE_KINDS = [
  'measure-added',
  'measure-removed',
  /** kind, status, programs, title or summary of a measure. */
  'measure',
  /** The fiscal years a measure covers, over all its versions. */
  'coverage',
  'version-added',
  'version-removed',
  'version-span',
  'component-added',
  'component-removed',
  'amount-method',
  /** rate, unitAmount, allocationRate, taxMeasureRate, termYears. */
  'parameter',
  'cap',
  'cap-added',
  'cap-removed',
  'headcount',
  'headcount-added',
  'headcount-removed',
  'condition',
  'condition-added',
  'condition-removed',
  /** The all/any/not tree around the leaves. */
  'condition-structure',
  'glossary',
  /** Labels, titles, notes, citations and assumption references: wording, never a result. */
  'text',
  'source',
  'assumption',
] as const;
export type RuleChangeKind = (typeof RULE_CHANGE_KINDS)[number];

/** One difference between two rule sets, with the fiscal years it affects. */
export interface RuleChange {
  readonly kind: RuleChangeKind;
  /** null for glossary and assumption changes, which belong to no measure. */
  readonly measure: string | null;
  readonly version: string | null;
  readonly component: string | null;
  /** The years the change can affect; null = every year (measure-wide or rule-set-wide). */
  readonly fiscalYears: FiscalYearSpan | null;
  /** The element's own id: a cap, headcount, condition leaf, parameter, source or glossary term. */
  readonly id: string | null;
  /** Where in the measure file (or glossary/assumptions), e.g. `versions[fy2024-2025].components[recruitment].caps[recruitment-cap].limit`. */
  readonly path: string;
  readonly before: string | null;
  readonly after: string | null;
  /** One readable line: `cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000`. */
  readonly text: string;
}

/** Kinds that never change a result: they are listed, but no line is attributed to them. */
const WORDING_KINDS: readonly RuleChangeKind[] = ['text', 'source', 'assumption'];

export function affectsResults(change: RuleChange): boolean {
  return !WORDING_KINDS.includes(change.kind);
}

export function formatSpan(span: FiscalYearSpan): string {
  if (span.through === null) return `FY${span.from}–`;
  return span.from === span.through ? `FY${span.from}` : `FY${span.from}–FY${span.through}`;
}

/** Whether a change's years include a line's year (a line without a year matches every change). */
export function spanCovers(span: FiscalYearSpan | null, fiscalYear: number | null): boolean {
  if (span === null || fiscalYear === null) return true;
  return span.from <= fiscalYear && (span.through === null || fiscalYear <= span.through);
}

/** The smallest span holding both. */
export function unionSpan(a: FiscalYearSpan, b: FiscalYearSpan): FiscalYearSpan {
  return {
    from: Math.min(a.from, b.from),
    through: a.through === null || b.through === null ? null : Math.max(a.through, b.through),
  };
}
