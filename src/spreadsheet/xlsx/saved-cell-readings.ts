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

/** Elements a cell may hold (by parent), in the shapes spreadsheets write; anything else refuses. */
const CELL_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  c: ['f', 'v', 'is'],
  is: ['t', 'r'],
  r: ['rPr', 't'],
};

/**
 * Feeds an XML part to saxes as exceljs does (BaseXform.parseStream over parse-sax): in chunks of
 * 16,384 characters, a parse error failing the chunk that holds it, nothing read after the root
 * element closes. `handle` gets each event and returns false to stop. False when saxes failed.
 */
function saxEvents(
  text: string,
  handle: (
    event: 'open' | 'text' | 'close' | 'cdata',
    name: string,
    value: Record<string, string> | string,
  ) => boolean,
): boolean {
  const parser = new SaxesParser();
  // Set from the handler (a flag TypeScript cannot follow into it).
  const state = { failed: false };
  const events: [Parameters<typeof handle>[0], string, Record<string, string> | string][] = [];
  parser.on('error', () => {
    state.failed = true;
  });
  parser.on('opentag', (node) =>
    events.push(['open', node.name, node.attributes as Record<string, string>]),
  );
  parser.on('text', (value) => events.push(['text', '', value]));
  parser.on('cdata', (value) => events.push(['cdata', '', value]));
  parser.on('closetag', (node) => events.push(['close', node.name, '']));
  const CHUNK = 16 * 1024;
  for (let at = 0; at < text.length; at += CHUNK) {
    parser.write(text.substring(at, at + CHUNK));
    if (state.failed) return false;
    for (const [event, name, value] of events.splice(0))
      if (!handle(event, name, value)) return true;
  }
  return true;
}

/**
 * A worksheet part's cells as exceljs 4.4.0 reads them (worksheet-xform, row-xform, cell-xform,
 * doc/row.js): rows within `<sheetData>`, a later row of the same number replacing an earlier one,
 * a cell placed by its row's number and its own column (the one after the last placed when it has
 * no address), a later cell of the same place replacing an earlier one, `<v>` and `<t>` texts
 * joined, comments unread. A shape exceljs would read some other way than spreadsheets mean it —
 * a row or cell holding other elements, CDATA in a cell, a second `<sheetData>`, a cell whose place
 * cannot be told — gives null: the workbook is refused rather than guessed at.
 */
function parseSheet(text: string): SavedSheet | null {
  const rows: SavedSheet = new Map();
  const stack: string[] = [];
  let sheetData = 0;
  let row: { number: number; cells: Map<number, SavedCell>; previous: number | null } | null = null;
  let cell: {
    r: string | undefined;
    type: string;
    text: string | undefined;
    formulaText: string;
    shareType: string | undefined;
    rich: boolean;
    styled: boolean;
  } | null = null;
  const problem = { bad: false };
  const parsed = saxEvents(text, (event, name, value) => {
    const parent = stack.at(-1);
    if (event === 'open') {
      const attributes = value as Record<string, string>;
      if (stack.length === 0 && name !== 'worksheet') problem.bad = true;
      else if (name === 'sheetData') {
        if (parent !== 'worksheet' || (sheetData += 1) > 1) problem.bad = true;
      } else if (parent === 'sheetData') {
        if (name === 'row')
          row = { number: parseInt(attributes.r ?? '', 10), cells: new Map(), previous: null };
        else problem.bad = true;
      } else if (parent === 'row') {
        if (name === 'c')
          cell = {
            r: attributes.r,
            type: attributes.t ?? 'n',
            text: undefined,
            formulaText: '',
            shareType: undefined,
            rich: false,
            // exceljs keeps a cell with no value only for a style id it can read as non-zero.
            styled: Boolean(parseInt(attributes.s ?? '', 10)),
          };
        else problem.bad = true;
      } else if (cell !== null && parent !== 'rPr' && stack.includes('c')) {
        if (!(CELL_CHILDREN[parent ?? ''] ?? []).includes(name)) problem.bad = true;
        if (name === 'f') cell.shareType = attributes.t;
        if (name === 'r') cell.rich = true;
      }
      stack.push(name);
      return !problem.bad;
    }
    if (event === 'cdata') {
      // exceljs reads no CDATA; a spreadsheet reads its text: which one is meant is unknown.
      if (cell !== null) problem.bad = true;
      return !problem.bad;
    }
    if (event === 'text') {
      if (cell === null || typeof value !== 'string') return true;
      if (parent === 'f') cell.formulaText += value;
      else if ((parent === 'v' || parent === 't') && !cell.rich)
        cell.text = cell.text === undefined ? value : cell.text + value;
      return true;
    }
    stack.pop();
    if (name === 'worksheet' && stack.length === 0) return false;
    if (name === 'c' && cell !== null && row !== null) {
      const formula = cell.formulaText !== '' || cell.shareType !== undefined;
      const kept = formula || cell.text !== undefined || cell.rich || cell.styled;
      // A cell with nothing in it and no style is a merge placeholder to exceljs: not placed.
      if (kept) {
        const column =
          cell.r === undefined
            ? row.previous === null
              ? null
              : row.previous + 1
            : columnOf(cell.r);
        if (column === null) problem.bad = true;
        else {
          row.cells.set(column, {
            type: cell.type,
            text: cell.text,
            formula,
            rich: cell.rich,
            styled: cell.styled,
          });
          row.previous = column;
        }
      }
      cell = null;
    } else if (name === 'row' && row !== null) {
      if (Number.isInteger(row.number) && row.number > 0) rows.set(row.number, row.cells);
      else if (row.cells.size > 0) problem.bad = true;
      row = null;
    }
    return !problem.bad;
  });
  return parsed && !problem.bad ? rows : null;
}

/** The children of the root element of an XML part that are `parent` › `name`, by attributes. */
function listed(
  text: string,
  root: string,
  parent: string,
  name: string,
): Record<string, string>[] | null {
  const found: Record<string, string>[] = [];
  const stack: string[] = [];
  let lists = 0;
  const problem = { bad: false };
  const parsed = saxEvents(text, (event, element, value) => {
    if (event === 'open') {
      const where = stack.at(-1);
      if (stack.length === 0 && element !== root) problem.bad = true;
      if (parent !== root && element === parent && (where !== root || (lists += 1) > 1))
        problem.bad = true;
      if (element === name) {
        if (where === parent && stack.length === (parent === root ? 1 : 2))
          found.push(value as Record<string, string>);
        else problem.bad = true;
      }
      stack.push(element);
      return !problem.bad;
    }
    if (event === 'close') {
      stack.pop();
      return !(element === root && stack.length === 0);
    }
    return true;
  });
  return parsed && !problem.bad ? found : null;
}

/**
 * The text of the worksheet part exceljs read into `sheet`, found as exceljs finds it (xlsx.js
 * load, workbook-xform reconcile, doc/workbook.js): parts named like xl/worksheets/sheetN.xml in
 * zip order (a leading "/" dropped, a later one of a name replacing an earlier one), a sheet of
 * xl/workbook.xml giving its sheetId to the part its relationship's Target names, the last part
 * with the sheet's id being the sheet. Null when it cannot be told.
 */
async function sheetPart(zip: JSZip, sheet: ExcelJS.Worksheet): Promise<string | null> {
  const entries: { name: string; file: JSZip.JSZipObject; id?: number }[] = [];
  const byName = new Map<string, (typeof entries)[number]>();
  let workbook: JSZip.JSZipObject | undefined;
  let rels: JSZip.JSZipObject | undefined;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const name = file.name.startsWith('/') ? file.name.slice(1) : file.name;
    if (name === 'xl/workbook.xml') workbook = file;
    else if (name === 'xl/_rels/workbook.xml.rels') rels = file;
    else if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) {
      const entry = { name, file };
      entries.push(entry);
      byName.set(name, entry);
    }
  }
  if (workbook === undefined || rels === undefined) return null;
  const sheets = listed(await workbook.async('string'), 'workbook', 'sheets', 'sheet');
  const relationships = listed(
    await rels.async('string'),
    'Relationships',
    'Relationships',
    'Relationship',
  );
  if (sheets === null || relationships === null) return null;
  const targets = new Map<string, string>();
  for (const relationship of relationships)
    if (relationship.Id !== undefined && relationship.Target !== undefined)
      targets.set(relationship.Id, relationship.Target);
  for (const entry of sheets) {
    const target = targets.get(entry['r:id'] ?? '');
    if (target === undefined) continue;
    const part = byName.get(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (part !== undefined) part.id = parseInt(entry.sheetId ?? '', 10);
  }
  let found: JSZip.JSZipObject | null = null;
  for (const entry of entries) if (entry.id === sheet.id) found = entry.file;
  return found === null ? null : found.async('string');
}

/** Whether the workbook says it counts dates from 1904 in a form exceljs does not read ("true"). */
async function unread1904(zip: JSZip, workbook: ExcelJS.Workbook): Promise<boolean> {
  // The last such entry and its last workbookPr, as exceljs reads them.
  const file = Object.values(zip.files)
    .filter((entry) => entry.name.replace(/^\//, '') === 'xl/workbook.xml')
    .at(-1);
  if (file === undefined) return false;
  const properties = listed(await file.async('string'), 'workbook', 'workbook', 'workbookPr');
  const stated = properties?.at(-1)?.date1904?.trim();
  const saved = stated === '1' || stated === 'true';
  return saved !== ((workbook.properties as { date1904?: boolean }).date1904 === true);
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
function agrees(saved: SavedCell, actual: unknown, date1904: boolean): boolean {
  // A hyperlink's cell holds { text, hyperlink }, text being the cell's own value.
  const value =
    typeof actual === 'object' && actual !== null && 'hyperlink' in actual
      ? (actual as { text?: unknown }).text
      : actual;
  const result =
    saved.formula && typeof value === 'object' && value !== null && 'result' in value
      ? value.result
      : value;
  if (saved.formula && result === value) return saved.text === undefined;
  if (saved.text === undefined) return true;
  const text =
    typeof result === 'string' ||
    (typeof result === 'object' && result !== null && 'richText' in result);
  if (saved.rich) return text;
  switch (saved.type) {
    case 's':
    case 'str':
    case 'inlineStr':
      return text || result === undefined;
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
 * The ledger sheet's cells whose saved text exceljs misreads, by row and column ("2:5"). The
 * worksheet part exceljs read is found and parsed as exceljs does, and must hold exactly the values
 * exceljs read into the sheet; a workbook where it cannot be found, parsed or matched is refused
 * rather than read unchecked: the check must see the cells exceljs saw.
 */
export async function savedCellReadings(
  bytes: Uint8Array,
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  source: string,
): Promise<Map<string, SavedReading>> {
  const zip = await JSZip.loadAsync(bytes);
  if (await unread1904(zip, workbook))
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${source}: ブックが 1904 年起点の日付を「date1904="true"」と書いており、読み込みプログラム（exceljs）はこの形を読めず日付が4年ずれます。Excel などで「1904 年から計算する」をオフにして保存し直すか、CSV で書き出してください`,
    );
  // Typed as always there; a workbook without workbookPr has none.
  const date1904 = (workbook.properties as { date1904?: boolean }).date1904 === true;
  const text = await sheetPart(zip, sheet);
  const saved = text === null ? null : parseSheet(text);
  if (saved === null || !matches(saved, sheet, date1904)) throw unverifiable(source, sheet.name);
  const readings = new Map<string, SavedReading>();
  for (const [number, cells] of saved)
    for (const [column, cell] of cells) {
      const reading = readingOf(cell);
      if (reading !== undefined) readings.set(`${number}:${column}`, reading);
    }
  return readings;
}
