import type { WarningCode } from '../core/codes.js';
import type { ReportWarning } from '../schema/report.js';

/**
 * What a reader found wrong with the row a raw line came from (a merged cell, a hidden row, a
 * formula whose saved value is not what it computes): the normaliser makes the line `invalid` with
 * this error. Kept beside the line object rather than in it, so the line stays plain ledger JSON.
 */
export interface SourceProblem {
  /** The ledger field of the cell, e.g. "amount"; "row" when the whole row is concerned. */
  readonly field: string;
  readonly expected: string;
  readonly received: string;
  /** The problem for people (Japanese), naming the row and cell; the line id is put before it. */
  readonly message: string;
}

/** A warning about the row a raw line came from; the line id is filled in by the normaliser. */
export interface SourceWarning {
  readonly code: WarningCode;
  readonly message: string;
}

interface LineNotes {
  readonly problems: SourceProblem[];
  readonly warnings: SourceWarning[];
}

const LINE_NOTES = new WeakMap<object, LineNotes>();
const LEDGER_WARNINGS = new WeakMap<object, ReportWarning[]>();

function notesOf(line: object): LineNotes {
  let notes = LINE_NOTES.get(line);
  if (notes === undefined) {
    notes = { problems: [], warnings: [] };
    LINE_NOTES.set(line, notes);
  }
  return notes;
}

/** Marks a raw line as coming from a row the reader could not take as it is. */
export function noteLineProblem(line: object, problem: SourceProblem): void {
  notesOf(line).problems.push(problem);
}

/** Adds a warning to a raw line (it stays valid). */
export function noteLineWarning(line: object, warning: SourceWarning): void {
  notesOf(line).warnings.push(warning);
}

/** The notes of a raw line, or undefined for the common line without any. */
export function lineNotesOf(item: unknown): Readonly<LineNotes> | undefined {
  return item !== null && typeof item === 'object' ? LINE_NOTES.get(item) : undefined;
}

/**
 * Adds a report warning about the input as a whole (e.g. a hidden sheet passed over), kept beside
 * the ledger's `entities` array, which every evaluation reads first.
 */
export function noteLedgerWarning(entities: object, warning: ReportWarning): void {
  const warnings = LEDGER_WARNINGS.get(entities) ?? [];
  warnings.push(warning);
  LEDGER_WARNINGS.set(entities, warnings);
}

/** The input warnings kept beside a ledger's `entities` array. */
export function ledgerWarningsOf(entities: unknown): readonly ReportWarning[] {
  return (entities !== null && typeof entities === 'object' && LEDGER_WARNINGS.get(entities)) || [];
}
