// Long file: the worksheet XML read as exceljs reads it, and checked cell by cell against exceljs.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { KofuzeiError } from '../../core/kofuzei-error.js';
import type { CellValue } from '../cell-value.js';

/**
 * What a cell's saved text really says, where exceljs 4.4.0 would read it otherwise. exceljs turns
 * the `<v>` text of every cell that is not a string, boolean or error into a number with
 * `parseFloat`, so:
 * - a date cell (`t="d"`, written by openpyxl with `iso_dates=True`) holding "2026-03-31" reads as
 *   2026, which a date format shows as 1905-07-18;
 * - a number saved as "1,000,000" (no spreadsheet writes it, a hand-made or broken file can) reads
 *   as 1, and "12abc" as 12;
 * - a boolean saved as "false" (allowed by the file format) reads as TRUE.
 * Each such cell gets its true value, or a problem naming what the file holds, never a guess.
 */
export type SavedReading =
  | { readonly kind: 'value'; readonly value: CellValue }
  | { readonly kind: 'malformed'; readonly saved: string; readonly expected: string };

/** A cell as the worksheet XML saves it, where exceljs places it. */
interface SavedCell {
  /** The `t` attribute ("n" when absent). */
  readonly type: string;
  /** The text exceljs collects from `<v>` and `<t>`; undefined for none. */
  readonly text: string | undefined;
  readonly formula: boolean;
  /** Rich text (`<r>` runs): a string, never converted. */
  readonly rich: boolean;
  readonly styled: boolean;
}

/** The cells of one worksheet part, by row number and column number (1-based). */
type SavedSheet = Map<number, Map<number, SavedCell>>;

const COLUMN = /^\$?([A-Z]{1,3})\$?\d+$/;

/** Column number of an address ("E2", "$E$2"), as exceljs decodes it; null for any other form. */
function columnOf(address: string): number | null {
  const letters = COLUMN.exec(address)?.[1];
  if (letters === undefined) return null;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

/**
 * A worksheet part's cells, parsed with saxes (the parser exceljs uses) along exceljs 4.4.0's own
 * routing (worksheet-xform, row-xform, cell-xform): the rows of the last `<sheetData>`, a later row
 * of the same number replacing an earlier one, a cell placed by its row's number and its own
 * column, a later cell of the same place replacing an earlier one, `<v>` and `<t>` texts joined,
 * comments and CDATA never read. Null when a cell's place cannot be told the way exceljs tells it.
 */
function parseSheet(text: string): SavedSheet | null {
  const parser = new SaxesParser();
  let rows = new Map<number, Map<number, SavedCell>>();
  let row: { number: number; cells: Map<number, SavedCell>; previous: number | null } | null = null;
  let cell: {
    r: string | undefined;
    type: string;
    text: string | undefined;
    formulaText: string;
    shareType: string | undefined;
    rich: number;
    styled: boolean;
    current: 'v' | 't' | 'f' | null;
  } | null = null;
  // Set from the handlers (a flag TypeScript cannot follow into them).
  const problems = { unplaceable: false };
  parser.on('opentag', (node) => {
    const attributes = node.attributes as Record<string, string>;
    if (cell !== null) {
      switch (node.name) {
        case 'c':
          // exceljs's cell parser starts the cell again.
          cell = newCell(attributes);
          return;
        case 'v':
        case 't':
          if (cell.rich === 0) cell.current = node.name;
          else if (node.name === 't') cell.current = 't';
          return;
        case 'f':
          cell.current = 'f';
          cell.shareType = attributes.t;
          return;
        case 'r':
          cell.rich += 1;
          return;
        default:
          return;
      }
    }
    if (row !== null) {
      if (node.name === 'c') cell = newCell(attributes);
      return;
    }
    if (node.name === 'sheetData') rows = new Map();
    else if (node.name === 'row')
      row = { number: parseInt(attributes.r ?? '', 10), cells: new Map(), previous: null };
  });
  parser.on('text', (text) => {
    if (cell === null || cell.current === null) return;
    if (cell.current === 'f') cell.formulaText += text;
    else if (cell.rich === 0) cell.text = cell.text === undefined ? text : cell.text + text;
  });
  parser.on('closetag', (node) => {
    if (cell !== null) {
      if (node.name === 'c') {
        const formula = cell.formulaText !== '' || cell.shareType !== undefined;
        const saved: SavedCell = {
          type: cell.type,
          text: cell.text,
          formula,
          rich: cell.rich > 0,
          styled: cell.styled,
        };
        const kept = formula || cell.text !== undefined || cell.rich > 0 || cell.styled;
        // A cell with nothing in it and no style is a merge placeholder to exceljs: not placed.
        if (kept && row !== null) {
          const column =
            cell.r === undefined
              ? row.previous === null
                ? null
                : row.previous + 1
              : columnOf(cell.r);
          if (column === null) problems.unplaceable = true;
          else {
            row.cells.set(column, saved);
            row.previous = column;
          }
        }
        cell = null;
      } else if (node.name === 'r' && cell.rich > 0) cell.rich -= 1;
      else if (node.name === 'v' || node.name === 't' || node.name === 'f' || node.name === 'is')
        cell.current = null;
      return;
    }
    if (row !== null && node.name === 'row') {
      if (Number.isInteger(row.number) && row.number > 0) rows.set(row.number, row.cells);
      else if (row.cells.size > 0) problems.unplaceable = true;
      row = null;
    }
  });
  try {
    parser.write(text).close();
  } catch {
    return null;
  }
  return problems.unplaceable ? null : rows;

  function newCell(attributes: Record<string, string>): NonNullable<typeof cell> {
    return {
      r: attributes.r,
      type: attributes.t ?? 'n',
      text: undefined,
      formulaText: '',
      shareType: undefined,
      rich: 0,
      styled: attributes.s !== undefined,
      current: null,
    };
  }
}

/** The worksheet parts exceljs reads, as it names them (a leading "/" dropped; the last wins). */
async function worksheetParts(zip: JSZip): Promise<string[]> {
  const parts = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.startsWith('/') ? entry.name.slice(1) : entry.name;
    if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) parts.set(name, entry);
  }
  return Promise.all([...parts.values()].map((entry) => entry.async('string')));
}

/** What exceljs makes of a saved number text: parseFloat, a date under a date format. */
function sameNumber(text: string, actual: unknown, date1904: boolean): boolean {
  const number = parseFloat(text);
  if (actual instanceof Date)
    return (
      actual.getTime() === Math.round((number - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)
    );
  return typeof actual === 'number' && (actual === number || (isNaN(actual) && isNaN(number)));
}

/** Whether exceljs's value of a cell is what its saved cell makes of it (cell-xform parseClose). */
function agrees(saved: SavedCell, value: unknown, date1904: boolean): boolean {
  const result =
    saved.formula && typeof value === 'object' && value !== null && 'result' in value
      ? value.result
      : value;
  if (saved.formula && result === value) return saved.text === undefined;
  if (saved.text === undefined || saved.rich) return true;
  switch (saved.type) {
    case 's':
    case 'str':
    case 'inlineStr':
      return true;
    case 'b':
      return result === (parseInt(saved.text, 10) !== 0);
    case 'e':
      return (
        typeof result === 'object' &&
        result !== null &&
        (result as { error?: unknown }).error === saved.text
      );
    default:
      return sameNumber(saved.text, result, date1904);
  }
}

/**
 * Whether a parsed part holds exactly the values exceljs read into the sheet: every number,
 * boolean, date and error cell the same, in the same places, and no cell more or fewer (strings are
 * not compared; merged cells other than a range's first hold exceljs's copies and are passed over).
 */
function matches(saved: SavedSheet, sheet: ExcelJS.Worksheet, date1904: boolean): boolean {
  let valued = 0;
  for (const [number, cells] of saved)
    for (const [column, savedCell] of cells) {
      if (savedCell.text === undefined && !savedCell.formula && !savedCell.rich) continue;
      const cell = sheet.findCell(number, column);
      if (cell === undefined) return false;
      if (cell.type === ExcelJS.ValueType.Merge) continue;
      valued += 1;
      if (!agrees(savedCell, cell.value, date1904)) return false;
    }
  // Read as exceljs lists them (eachRow and eachCell skip empty ones, and create none).
  let cells = 0;
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Merge) cells += 1;
    });
  });
  return cells === valued;
}

// xsd:double as a spreadsheet writes it; parseFloat agrees with Number on every such text.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A `t="d"` cell's ISO 8601 text as exceljs gives a date cell: the written calendar day and time as
 * a UTC instant (a cell has no time zone; the day written is the day shown).
 */
function isoDateValue(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const part = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC reads the years 0–99 as 1900–1999.
  date.setUTCFullYear(year);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return real ? date : null;
}

/** What one cell's saved text means where exceljs's reading differs, or undefined where it agrees. */
function readingOf(cell: SavedCell): SavedReading | undefined {
  const saved = cell.text;
  if (saved === undefined || cell.rich) return undefined;
  const text = saved.trim();
  const malformed = (expected: string): SavedReading => ({ kind: 'malformed', saved, expected });
  switch (cell.type) {
    case 'str':
    case 'inlineStr':
    case 'e':
      return undefined;
    case 'b':
      if (text === '0' || text === '1') return undefined;
      if (text === 'true' || text === 'false') return { kind: 'value', value: text === 'true' };
      return malformed('真偽値（0 か 1）');
    case 'd': {
      const date = isoDateValue(text);
      return date === null ? malformed('日付（ISO 8601）') : { kind: 'value', value: date };
    }
    case 's':
      // A formula's result is never a shared string; exceljs would read the index as the number.
      if (cell.formula) return malformed('式の値（数値・文字列・真偽値）');
      return /^\d+$/.test(text) ? undefined : malformed('共有文字列の番号');
    default:
      return NUMBER.test(text) ? undefined : malformed('数値');
  }
}

function unverifiable(source: string, sheet: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_UNUSABLE',
    `${source}: シート「${sheet}」のセルに保存された値を確かめられません（ブックの中身が通常の形と異なります）。Excel などで開いて保存し直してください`,
  );
}

/**
 * The ledger sheet's cells whose saved text exceljs misreads, by row and column ("2:5"). Every
 * worksheet part is parsed as exceljs parses it; the one whose values are exactly those exceljs read
 * into the sheet is the sheet's. A workbook where none is, or where two such parts say different
 * things, is refused rather than read unchecked: the check must see the cells exceljs saw.
 */
export async function savedCellReadings(
  bytes: Uint8Array,
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  source: string,
): Promise<Map<string, SavedReading>> {
  // Typed as always there; a workbook without workbookPr has none.
  const date1904 = (workbook.properties as { date1904?: boolean }).date1904 === true;
  let found: Map<string, SavedReading> | null = null;
  let foundKey: string | null = null;
  for (const text of await worksheetParts(await JSZip.loadAsync(bytes))) {
    const saved = parseSheet(text);
    if (saved === null || !matches(saved, sheet, date1904)) continue;
    const readings = new Map<string, SavedReading>();
    for (const [number, cells] of saved)
      for (const [column, cell] of cells) {
        const reading = readingOf(cell);
        if (reading !== undefined) readings.set(`${number}:${column}`, reading);
      }
    const key = JSON.stringify([...readings]);
    if (foundKey !== null && foundKey !== key) throw unverifiable(source, sheet.name);
    found = readings;
    foundKey = key;
  }
  if (found === null) throw unverifiable(source, sheet.name);
  return found;
}
