import type { InputErrorCode } from '../core/codes.js';
import { fieldWithLabel } from '../fields/field-labels.js';
import type { Glossary } from '../schema/glossary.js';
import type { ReportError } from '../schema/report.js';

/** One problem of a record, before it is placed: what the report's `errors` entry is made of. */
export interface InputProblem {
  readonly code: InputErrorCode;
  readonly field: string;
  readonly expected: string;
  readonly received: string;
  /** A message the reader of the source wrote (Japanese, naming the cell); else one is made. */
  readonly message?: string | undefined;
  /** 「もしかして: …」, put after the message. */
  readonly hint?: string | undefined;
}

/** How a reader records one problem of the record it reads (the fields of InputProblem, in order). */
export type ReportProblem = (
  code: InputErrorCode,
  field: string,
  expected: string,
  received: string,
  message?: string,
  hint?: string,
) => void;

/**
 * Where a line is, as a clerk finds it: 「行 5（明細ID L3）」 for a spreadsheet row (header = 1),
 * 「lines の 3 件目（明細ID L3、12 行 5 列目）」 for a JSON ledger, with the line object's place in
 * the file when the strict reader noted it.
 */
export function linePlace(
  row: number,
  id: string,
  sheet: boolean,
  at: { readonly line: number; readonly column: number } | undefined,
): string {
  const position = at === undefined ? '' : `、ファイルの ${at.line} 行 ${at.column} 列目`;
  return sheet ? `行 ${row}（明細ID ${id}）` : `lines の ${row} 件目（明細ID ${id}${position}）`;
}

/** Where an entity is defined: its sheet row, else its place in `entities`. */
export function entityPlace(index: number, code: string | null, row: number | null): string {
  const named = code === null ? '' : `団体コード ${code}`;
  if (row !== null) return `行 ${row}（${named || `entities[${index}]`} を定めた行）`;
  return `entities の ${index + 1} 件目${named === '' ? '' : `（${named}）`}`;
}

/**
 * The fact/attribute labels of a glossary, without the id (fieldWithLabel puts the id beside it);
 * schema/fact-label.ts's factLabelOf gives 「label（id）」 for texts that name a fact on its own.
 */
export function bareFactLabelOf(glossary: Glossary): (name: string) => string | undefined {
  return (name) => (Object.hasOwn(glossary.facts, name) ? glossary.facts[name]?.label : undefined);
}

/**
 * 「行 3（明細ID L1）の 支出日（date）: 時刻のない日付（例: 2025-06-30）を入れてください。入力値:
 * "2025-05-15 10:00"」: the place, the column by its label (the machine path beside it), what to
 * write, what was written, and a 「もしかして」 when a near name exists.
 */
export function inputMessage(
  place: string,
  problem: InputProblem,
  factLabel: (name: string) => string | undefined,
  column?: string,
): string {
  const hint = problem.hint === undefined || problem.hint === '' ? '' : `。${problem.hint}`;
  if (problem.message !== undefined) return `${place}: ${problem.message}${hint}`;
  const labelled = fieldWithLabel(problem.field, factLabel);
  const field = column === undefined ? labelled : `列 ${column}（${problem.field}）`;
  // 「…であること」 states a condition rather than a value to write.
  const ask = problem.expected.endsWith('こと') ? 'が必要です' : 'を入れてください';
  return `${place}の ${field}: ${problem.expected}${ask}。入力値: ${problem.received}${hint}`;
}

/** The report's error for a problem of a line or an entity. */
export function inputError(
  problem: InputProblem,
  where: {
    readonly line: string | null;
    readonly row: number | null;
    readonly entity: string | null;
    readonly place: string;
    readonly field?: string;
    /** The spreadsheet column the field was read from (「B「団体コード」」), when known. */
    readonly column?: string | undefined;
  },
  factLabel: (name: string) => string | undefined,
): ReportError {
  return {
    code: problem.code,
    line: where.line,
    row: where.row,
    entity: where.entity,
    field: where.field ?? problem.field,
    expected: problem.expected,
    received: problem.received,
    message: inputMessage(where.place, problem, factLabel, where.column),
  };
}
