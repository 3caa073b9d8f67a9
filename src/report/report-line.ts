import type { InvalidLine, LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportLine } from '../schema/report.js';
import { deepFreeze } from '../schema/deep-freeze.js';
import type { FactValue, Missing } from '../core/missing.js';
import type { SharedValues } from './shared-values.js';
import type { FactLabel } from '../schema/fact-label.js';

type Status = ReportLine['status'];

/*
 * The report line's shape and what every line has from its ledger line. Lines no measure takes are
 * built in decided-line.ts, lines a measure took in eligible-line.ts; the caches they share are in
 * report-caches.ts.
 *
 * Report lines share their explanation fragments (reasons, citations, assumptions, parameters):
 * lines judged alike point at the same frozen arrays, and equal fragments of lines judged apart
 * are one copy too (shared-values.ts), which keeps a million-line report small. Every fragment is
 * frozen all the way down, the objects in the arrays too: parameters and citations are cached per
 * rule component for every later evaluation, so a caller changing one would change them all.
 */
export const EMPTY: readonly never[] = Object.freeze([]);

export function frozen<T>(values: readonly T[]): readonly T[] {
  return values.length === 0 ? EMPTY : (deepFreeze([...values]) as readonly T[]);
}

export function sortedUnique(values: readonly string[], shared: SharedValues): readonly string[] {
  return shared.list([...new Set(values)].sort());
}

/** What every report line has from its ledger line. */
export interface Head {
  readonly id: string;
  readonly row: number;
  readonly entity: string | null;
  readonly fiscalYear: number | null;
  readonly claimed: string | null;
  readonly memo: string | undefined;
}

export interface Fields {
  readonly measure?: string | null;
  readonly component?: string | null;
  readonly kind?: ReportLine['kind'];
  readonly base?: string | null;
  readonly rate?: string | null;
  readonly amount?: string | null;
  readonly bond?: string | undefined;
  readonly bondRate?: string | undefined;
  readonly caps?: ReportLine['caps'];
  readonly reasons?: ReportLine['reasons'];
  readonly missingFacts?: ReportLine['missingFacts'];
  readonly citations?: ReportLine['citations'];
  readonly assumptions?: ReportLine['assumptions'];
  readonly version?: string | null;
  readonly parameters?: ReportLine['parameters'];
  readonly alternatives?: ReportLine['alternatives'];
}

/**
 * A report line in the key order of docs/contract.md §2.2, so output is byte-stable. One object literal per shape
 * (only bond lines carry `bond` and `bondRate`, after `amount`): a literal keeps every property in
 * the object itself, where adding them one by one would give each of a million lines a second
 * block for the rest.
 */
export function shell(head: Head, status: Status, f: Fields): ReportLine {
  // The line itself is the caller's (no other line or evaluation holds it): not frozen.
  const line: { -readonly [K in keyof ReportLine]: ReportLine[K] } =
    f.bond === undefined
      ? {
          id: head.id,
          status,
          measure: f.measure ?? null,
          component: f.component ?? null,
          kind: f.kind ?? null,
          fiscalYear: head.fiscalYear,
          claimed: head.claimed,
          base: f.base ?? null,
          rate: f.rate ?? null,
          amount: f.amount ?? null,
          caps: f.caps ?? EMPTY,
          reasons: f.reasons ?? EMPTY,
          missingFacts: f.missingFacts ?? EMPTY,
          citations: f.citations ?? EMPTY,
          assumptions: f.assumptions ?? EMPTY,
          row: head.row,
          entity: head.entity,
          version: f.version ?? null,
          parameters: f.parameters ?? EMPTY,
          alternatives: f.alternatives ?? EMPTY,
        }
      : {
          id: head.id,
          status,
          measure: f.measure ?? null,
          component: f.component ?? null,
          kind: f.kind ?? null,
          fiscalYear: head.fiscalYear,
          claimed: head.claimed,
          base: f.base ?? null,
          rate: f.rate ?? null,
          amount: f.amount ?? null,
          bond: f.bond,
          bondRate: f.bondRate,
          caps: f.caps ?? EMPTY,
          reasons: f.reasons ?? EMPTY,
          missingFacts: f.missingFacts ?? EMPTY,
          citations: f.citations ?? EMPTY,
          assumptions: f.assumptions ?? EMPTY,
          row: head.row,
          entity: head.entity,
          version: f.version ?? null,
          parameters: f.parameters ?? EMPTY,
          alternatives: f.alternatives ?? EMPTY,
        };
  if (head.memo !== undefined) line.memo = head.memo;
  return line;
}

export function headOf(line: LedgerLine): Head {
  return {
    id: line.id,
    row: line.row,
    entity: line.entity.code,
    fiscalYear: line.fiscalYear,
    claimed: line.amount,
    memo: line.memo,
  };
}

/** A line that failed validation; the report's `errors` say why. */
export function invalidLine(line: InvalidLine): ReportLine {
  return shell(line, 'invalid', {});
}

/** What report lines read of the evaluation: a line's own fact values and the fragments lines share. */
export interface ReportContext {
  value(line: LedgerLine, fact: string): FactValue | Missing;
  /** Whether `value` gives the glossary's default because the line (or its entity) left the fact blank. */
  defaulted(line: LedgerLine, fact: string): boolean;
  readonly shared: SharedValues;
  /** Line facts of type enum: a choice the line states (column, class, type), decisions.md §1.3. */
  readonly choiceFacts: ReadonlySet<string>;
  /** A fact as people read it: glossary label with the id in brackets. */
  readonly factLabel: FactLabel;
}
