import JSZip from 'jszip';
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

/** The ledger sheet as exceljs knows it: its name (for messages) and sheetId in xl/workbook.xml. */
export interface SheetIdentity {
  readonly name: string;
  readonly id: number;
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(ENTITY, (_, decimal?: string, hex?: string, name?: string) =>
    name !== undefined
      ? (NAMED[name] ?? '')
      : String.fromCodePoint(decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16)),
  );
}

const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** An element's attributes by local name (`r:id` is `id`), their values decoded. */
function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const local = (match[1] ?? '').replace(/^[^:]*:/, '');
    attributes.set(local, decodeXml(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

const ELEMENT_ATTRIBUTES = String.raw`((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*`;

const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** The worksheet part exceljs read for the sheet, found as exceljs finds it (workbook-xform.js). */
async function sheetText(zip: JSZip, sheet: SheetIdentity): Promise<string | null> {
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (workbook === undefined || rels === undefined) return null;
  const targets = new Map<string, string>();
  for (const match of rels.matchAll(new RegExp(`<Relationship${ELEMENT_ATTRIBUTES}/?>`, 'g'))) {
    const attributes = attributesOf(match[1] ?? '');
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id !== undefined && target !== undefined) targets.set(id, target);
  }
  // exceljs keeps sheets by sheetId, a later entry with the same id replacing an earlier one.
  let part: JSZip.JSZipObject | null = null;
  for (const match of workbook.matchAll(new RegExp(`<sheet${ELEMENT_ATTRIBUTES}/?>`, 'g'))) {
    const attributes = attributesOf(match[1] ?? '');
    if (Number(attributes.get('sheetId')) !== sheet.id) continue;
    const target = targets.get(attributes.get('id') ?? '');
    const path = target === undefined ? '' : `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    // exceljs reads only the parts so named as worksheets.
    const file = WORKSHEET_PART.test(path) ? zip.file(path) : null;
    if (file !== null) part = file;
  }
  if (part !== null) return part.async('string');
  return null;
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
function readingOf(type: string, formula: boolean, saved: string): SavedReading | undefined {
  const text = saved.trim();
  const malformed = (expected: string): SavedReading => ({ kind: 'malformed', saved, expected });
  switch (type) {
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
      if (formula) return malformed('式の値（数値・文字列・真偽値）');
      return /^\d+$/.test(text) ? undefined : malformed('共有文字列の番号');
    default:
      return NUMBER.test(text) ? undefined : malformed('数値');
  }
}

const CELL = new RegExp(`<c${ELEMENT_ATTRIBUTES}(?:/>|>([\\s\\S]*?)</c>)`, 'g');
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const FORMULA = /<f[\s/>]/;
// The cell's type attribute (n, s, str, inlineStr, b, e, d).
const TYPE = /(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The ledger sheet's cells whose saved text exceljs misreads, by address ("B2"). The sheet part is
 * found as exceljs finds it; a workbook exceljs read but whose sheet part cannot be found here is
 * refused rather than read unchecked.
 */
export async function savedCellReadings(
  bytes: Uint8Array,
  sheet: SheetIdentity,
  source: string,
): Promise<Map<string, SavedReading>> {
  const zip = await JSZip.loadAsync(bytes);
  const text = await sheetText(zip, sheet);
  if (text === null)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${source}: シート「${sheet.name}」の中身をブックの中に見つけられません（ファイルが壊れているおそれがあります）。Excel などで開いて保存し直してください`,
    );
  const readings = new Map<string, SavedReading>();
  const start = text.indexOf('<sheetData');
  const end = text.lastIndexOf('</sheetData>');
  if (start < 0 || end < start) return readings;
  CELL.lastIndex = start;
  for (let match = CELL.exec(text); match !== null && match.index < end; match = CELL.exec(text)) {
    const [, attributeText = '', content] = match;
    if (content === undefined) continue;
    const raw = VALUE.exec(content)?.[1] ?? '';
    // exceljs reads no value from `<v/>`, and none from markup (CDATA) inside `<v>`.
    if (raw === '') continue;
    const saved = raw.includes('<') ? null : raw.includes('&') ? decodeXml(raw) : raw;
    const typed = TYPE.exec(attributeText);
    const type = typed === null ? 'n' : decodeXml(typed[1] ?? typed[2] ?? '');
    const reading: SavedReading | undefined =
      saved === null
        ? { kind: 'malformed', saved: raw, expected: '値' }
        : readingOf(type, FORMULA.test(content), saved);
    if (reading === undefined) continue;
    const attributes = attributesOf(attributeText);
    // exceljs places a cell without an address after the one before it, skipping empty ones: too
    // loose to say which cell of the sheet this is, so the workbook is refused.
    const address = attributes.get('r')?.toUpperCase();
    if (address === undefined)
      throw new KofuzeiError(
        'LEDGER_UNUSABLE',
        `${source}: シート「${sheet.name}」に、位置（r 属性）のないセルに保存された値「${raw}」があり、どのセルの値か確かめられません。Excel などで開いて保存し直してください`,
      );
    readings.set(address, reading);
  }
  return readings;
}
