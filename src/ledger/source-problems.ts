import type { InputErrorCode, WarningCode } from '../core/codes.js';
import type { ReportWarning } from '../schema/report.js';
import { noteSourcePosition, sourcePositionOf } from './source-position.js';
import { noteSourceColumns, noteSourceRow, sourceColumnsOf, sourceRowOf } from './source-row.js';

/**
 * What a reader found wrong in the source of one record that the record's values no longer show:
 * a key written twice in a JSON object (JSON.parse keeps the last), an entity column of a CSV row
 * that contradicts the row that defined the entity, a CSV row with more cells than the header, a
 * merged or hidden xlsx row, a formula whose saved value is not what it computes. The reference
 * reader makes the record `invalid` with it (an entity: every line booked to it).
 *
 * Kept beside the record (a WeakMap keyed by the object) rather than in it, so the record stays
 * plain ledger JSON and nothing outlives it.
 */
export interface SourceProblem {
  readonly code: InputErrorCode;
  /**
   * The field, relative to the record: "amount", "entities.name" for an entity column, "row" when
   * the whole spreadsheet row is concerned. On a facts or attributes object, the fact's name.
   */
  readonly field: string;
  readonly expected: string;
  readonly received: string;
  /**
   * The problem for people (Japanese), naming the row and cell, when the reader wrote one; the
   * line id is put before it. Without it the report says "field: expected …, received …".
   */
  readonly message?: string;
  /** Character offset in the text the record was read from, where the reader knows it. */
  readonly offset?: number;
  /**
   * None of the record's values can be stood by (a CSV row with more cells than the header: its
   * cells may have moved), so the report shows neither its year nor its amount.
   */
  readonly valuesUnreliable?: true;
}

/** A warning about the source of a line (it stays valid); the line id is filled in by the reader. */
export interface SourceWarning {
  readonly code: WarningCode;
  readonly message: string;
}

interface SourceNotes {
  readonly problems: SourceProblem[];
  readonly warnings: SourceWarning[];
}

const NOTES = new WeakMap<object, SourceNotes>();
const LEDGER_WARNINGS = new WeakMap<object, ReportWarning[]>();
const NONE: readonly never[] = Object.freeze([]);

function notesOf(record: object): SourceNotes {
  let notes = NOTES.get(record);
  if (notes === undefined) {
    notes = { problems: [], warnings: [] };
    NOTES.set(record, notes);
  }
  return notes;
}

/** Notes a problem in the source of a record (a line, an entity, or its facts/attributes object). */
export function noteSourceProblem(record: object, problem: SourceProblem): void {
  notesOf(record).problems.push(problem);
}

/** Notes a warning about the source of a line (it stays valid). */
export function noteSourceWarning(record: object, warning: SourceWarning): void {
  notesOf(record).warnings.push(warning);
}

/**
 * Gives a copy of a record (the same line with values filled in) what was noted of the original:
 * its problems, warnings, spreadsheet row and columns, and JSON position, so the copy reads and
 * reports as the original does (an error or warning on it names the same row, cell or file line).
 */
export function copySourceNotes(from: unknown, to: object): void {
  if (from === null || typeof from !== 'object') return;
  const notes = NOTES.get(from);
  if (notes !== undefined) NOTES.set(to, notes);
  const row = sourceRowOf(from);
  if (row !== undefined) noteSourceRow(to, row);
  const columns = sourceColumnsOf(from);
  if (columns !== undefined) noteSourceColumns(to, columns);
  const position = sourcePositionOf(from);
  if (position !== undefined) noteSourcePosition(to, position);
}

/** The problems noted for a record (none for anything else, such as a caller's own object). */
export function sourceProblemsOf(record: unknown): readonly SourceProblem[] {
  if (record === null || typeof record !== 'object') return NONE;
  return NOTES.get(record)?.problems ?? NONE;
}

/** The warnings noted for a record. */
export function sourceWarningsOf(record: unknown): readonly SourceWarning[] {
  if (record === null || typeof record !== 'object') return NONE;
  return NOTES.get(record)?.warnings ?? NONE;
}

/** Whether anything at all was noted for a record: the fast path leaves such records alone. */
export function hasSourceNotes(record: unknown): boolean {
  return record !== null && typeof record === 'object' && NOTES.has(record);
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

/**
 * Gives a copy of a ledger's `entities` array (some entities given values) the input warnings kept
 * beside the original: the report of the evaluation that reads the copy must still name them.
 */
export function copyLedgerWarnings(from: unknown, to: object): void {
  if (from === null || typeof from !== 'object') return;
  const warnings = LEDGER_WARNINGS.get(from);
  if (warnings !== undefined) LEDGER_WARNINGS.set(to, warnings);
}
