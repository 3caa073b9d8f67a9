// Long file: one reader of a sheet's rows; its column maps and the entities its rows define are kept together.
import { noteSourceProblem, noteSourceWarning } from '../ledger/source-problems.js';
import { dateOfSerial } from './date-serial.js';
import { noteSourceColumns, noteSourceRow } from '../ledger/source-row.js';
import type { Glossary } from '../schema/glossary.js';
import { booleanCell, isBlankRow, isEmptyCell, textCell, type CellValue } from './cell-value.js';
import { labelMap } from '../ledger/term-labels.js';
import { factCell, fieldCell } from './field-cell.js';
import {
  columnLetter,
  ENTITY_COLUMN_FIELDS,
  HeaderResolver,
  type ColumnTarget,
} from './ledger-columns.js';
import { emptySheet, sheetUnusable } from './sheet-refusals.js';
import { exampleRowProblem } from './example-row.js';
import { surplusCellsProblem } from './surplus-cells-problem.js';
import { entityCodeKey } from '../fields/entity-code-key.js';

/** Where an entity's columns were first written, and what they said (to check later rows against). */
type DefinedEntity = { row: number; entity: Record<string, unknown>; typed: Map<string, string> };

export interface RowsLedgerOptions {
  /** Names the input in error messages, e.g. the file path. */
  readonly source: string;
  /** How date cells are turned into dates: UTC (workbook files, the default) or local (Sheets). */
  readonly dateZone?: 'utc' | 'local';
  /**
   * A filled cell right of the last header column: ignored (the default; in a workbook it is a note
   * beside the table) or makes the row's line invalid (CSV, where it means a value with an
   * unquoted comma, such as 1,000, split in two and shifted the rest of the row; see
   * surplus-cells-problem.ts). Empty cells there are always accepted (Excel writes "a,b,c,," for a
   * row whose neighbours are wider).
   */
  readonly surplusCells?: 'ignore' | 'invalid';
  /** The workbook counts date serials from 1904 (a bare serial in the date column is read so). */
  readonly date1904?: boolean;
}

/** A ledger read from rows: raw ledger JSON for the normaliser, plus where each line came from. */
export interface RowsLedger {
  readonly entities: Record<string, unknown>[];
  readonly lines: Record<string, unknown>[];
  /** The header text of each column. */
  readonly headers: readonly string[];
  /** The spreadsheet row number (header = 1) of each line, by line position. */
  readonly rowNumbers: readonly number[];
  /** The column header a ledger field (e.g. "amount", "facts.employment") was read from. */
  readonly columnOf: ReadonlyMap<string, string>;
}

interface Column {
  readonly index: number;
  readonly header: string;
  readonly target: ColumnTarget;
}

function fail(source: string, where: string, message: string): never {
  throw sheetUnusable(source, where, message);
}

function readHeader(
  header: readonly CellValue[],
  resolver: HeaderResolver,
  source: string,
): Column[] {
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  header.forEach((cell, index) => {
    if (isEmptyCell(cell)) return;
    const text = textCell(cell, 'utc').trim();
    const where = `行 1、列 ${columnLetter(index)}「${text}」`;
    const target = resolver.resolve(text);
    if (target === undefined) {
      fail(
        source,
        where,
        '台帳の列名として知らない見出しです。台帳の項目の日本語名（明細ID, 団体コード, 団体名, 団体区分, 年度, 支出日, 事業, 経費区分, 金額, 人物, 摘要, …）、その英語名（id, entity, entityName, entityKind, entityNonRecipient, fiscalYear, date, program, costType, amount, person, claim, memo）、facts.名前 または attributes.名前 を書いてください',
      );
    }
    const key =
      target.kind === 'field'
        ? target.field
        : `${target.kind === 'fact' ? 'facts' : 'attributes'}.${target.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      fail(
        source,
        where,
        `「${earlier}」と同じ項目の列が 2 つあります。どちらか一方にしてください`,
      );
    seen.set(key, text);
    columns.push({ index, header: text, target });
  });
  if (columns.length === 0)
    fail(source, '行 1', '見出し行がありません（行 1 に列名を書いてください）');
  return columns;
}

/**
 * Turns spreadsheet rows (the first one the header) into ledger JSON: entity columns on a row
 * define that row's entity (the first such row; a later row that disagrees gets its line noted
 * invalid with the conflict, see source-problems.ts), program, cost type and
 * entity kind may be given by their Japanese labels, booleans as TRUE/FALSE, はい/いいえ or ○/×,
 * list facts as "a;b". Values are otherwise passed on as they are for the normaliser to check.
 */
export function ledgerFromRows(
  rows: readonly (readonly CellValue[])[],
  glossary: Glossary,
  options: RowsLedgerOptions,
): RowsLedger {
  const header = rows[0];
  if (header === undefined) throw emptySheet(options.source);
  const reader = new LedgerRowReader(header, glossary, options);
  const lines: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  rows.forEach((row, index) => {
    if (index === 0) return;
    const line = reader.line(row, index + 1);
    if (line === null) return;
    lines.push(line);
    rowNumbers.push(index + 1);
  });
  return {
    entities: reader.entities,
    lines,
    headers: reader.headers,
    rowNumbers,
    columnOf: reader.columnOf,
  };
}

/**
 * The rows of a ledger sheet one at a time, after its header row (what `ledgerFromRows` does to
 * every row, so a CSV file can be read as a stream): each row's line, and the entities the rows
 * define so far.
 */
export class LedgerRowReader {
  readonly entities: Record<string, unknown>[] = [];
  readonly headers: readonly string[];
  readonly columnOf = new Map<string, string>();
  /** Each line field's and each entity field's column as 「B「金額」」, for the error messages. */
  private readonly lineColumns = new Map<string, string>();
  private readonly entityColumns = new Map<string, string>();
  private readonly columns: readonly Column[];
  /** How many columns the header has (up to its last named one); 0 when surplus cells are fine. */
  private readonly width: number;
  /** How many cells the header row has, empty ones counted (surplusCellsProblem). */
  private readonly headerCells: number;
  private readonly source: string;
  private readonly zone: 'utc' | 'local';
  private readonly date1904: boolean;
  private readonly labels: {
    program: Map<string, string>;
    costType: Map<string, string>;
    entityKind: Map<string, string>;
  };
  private readonly definedAt = new Map<string, DefinedEntity>();

  constructor(
    header: readonly CellValue[],
    private readonly glossary: Glossary,
    options: RowsLedgerOptions,
  ) {
    this.source = options.source;
    this.zone = options.dateZone ?? 'utc';
    this.date1904 = options.date1904 === true;
    this.columns = readHeader(header, new HeaderResolver(glossary), this.source);
    this.width = options.surplusCells === 'invalid' ? (this.columns.at(-1)?.index ?? 0) + 1 : 0;
    this.headerCells = Math.max(this.width, header.length);
    for (const column of this.columns) {
      const { target } = column;
      const key =
        target.kind === 'field'
          ? target.field in ENTITY_COLUMN_FIELDS
            ? `entities.${ENTITY_COLUMN_FIELDS[target.field] ?? target.field}`
            : target.field
          : `${target.kind === 'fact' ? 'facts' : 'attributes'}.${target.name}`;
      this.columnOf.set(key, column.header);
      const shown = `${columnLetter(column.index)}「${column.header}」`;
      this.lineColumns.set(key, shown);
      if (key === 'entity') this.entityColumns.set('code', shown);
      else if (key.startsWith('entities.')) this.entityColumns.set(key.slice(9), shown);
      else if (key.startsWith('attributes.')) this.entityColumns.set(key, shown);
    }
    this.headers = this.columns.map((column) => column.header);
    this.labels = {
      program: labelMap(glossary.programs),
      costType: labelMap(glossary.costTypes),
      entityKind: labelMap(glossary.entityKinds),
    };
  }

  /** The ledger field (e.g. "amount", "facts.employment") read from a column (0-based), if any. */
  fieldAt(index: number): string | undefined {
    const target = this.columns.find((column) => column.index === index)?.target;
    if (target === undefined) return undefined;
    return target.kind === 'field'
      ? target.field
      : `${target.kind === 'fact' ? 'facts' : 'attributes'}.${target.name}`;
  }

  /** The ledger line of a data row (rowNumber: the sheet's, header = 1); null for an empty row. */
  line(row: readonly CellValue[], rowNumber: number): Record<string, unknown> | null {
    const { glossary, zone, labels, source, columnOf, definedAt } = this;
    if (isBlankRow(row)) return null;
    const surplus =
      this.width > 0 && row.length > this.width
        ? surplusCellsProblem(row, this.width, this.headerCells)
        : undefined;
    const line: Record<string, unknown> = {};
    const facts: Record<string, unknown> = {};
    const entity: Record<string, unknown> = {};
    const attributes: Record<string, unknown> = {};
    const entityHeaders = new Map<string, string>();
    /** Entity cells as typed (団体区分 「町」, not "town"), for a conflict's message. */
    const typed = new Map<string, string>();
    for (const column of this.columns) {
      const cell = row[column.index];
      if (isEmptyCell(cell)) continue;
      const { target } = column;
      if (target.kind === 'attribute') typed.set(`attributes.${target.name}`, textCell(cell, zone));
      else if (target.kind === 'field' && Object.hasOwn(ENTITY_COLUMN_FIELDS, target.field))
        typed.set(ENTITY_COLUMN_FIELDS[target.field] ?? target.field, textCell(cell, zone));
      if (target.kind === 'fact') {
        facts[target.name] = factCell(glossary, target.name, cell, zone);
      } else if (target.kind === 'attribute') {
        attributes[target.name] = factCell(glossary, target.name, cell, zone);
        entityHeaders.set(`attributes.${target.name}`, column.header);
      } else if (target.field === 'entityName') {
        entity.name = textCell(cell, zone).trim();
        entityHeaders.set('name', column.header);
      } else if (target.field === 'entityKind') {
        const text = textCell(cell, zone).trim();
        entity.kind = labels.entityKind.get(text) ?? text;
        entityHeaders.set('kind', column.header);
      } else if (target.field === 'entityNonRecipient') {
        entity.nonRecipient = cell instanceof Date ? textCell(cell, zone) : booleanCell(cell);
        entityHeaders.set('nonRecipient', column.header);
      } else if (target.field === 'date' && dateOfSerial(cell, this.date1904) !== undefined) {
        // A bare Excel serial in the date column: read as that day, and said so (the clerk checks).
        const date = dateOfSerial(cell, this.date1904) ?? '';
        line.date = date;
        noteSourceWarning(line, {
          code: 'DATE_SERIAL_READ',
          message: `行 ${rowNumber}、列「${column.header}」: 数値 ${textCell(cell, zone).trim()} を Excel の日付シリアル値${this.date1904 ? '（1904 年起点）' : ''}として ${date} と読みました。日付が正しいか確かめてください`,
        });
      } else {
        line[target.field] = fieldCell(target.field, cell, zone, labels);
      }
    }
    if (Object.keys(facts).length > 0) line.facts = facts;
    if (Object.keys(attributes).length > 0) entity.attributes = attributes;
    // The row's entity columns still define or are checked against its entity (by its code as
    // read, entityCodeKey), as on any row: a shift there shows as an entity's error or conflict,
    // never as yen, and the usual layout (entity columns first, an unquoted 1,000 in 金額 or 摘要)
    // keeps the other rows of the entity valid.
    if (surplus !== undefined) noteSourceProblem(line, surplus);
    const example = exampleRowProblem(line.memo);
    if (example !== undefined) noteSourceProblem(line, example);
    noteSourceRow(line, rowNumber);
    noteSourceColumns(line, this.lineColumns);
    if (entityHeaders.size === 0) return line;
    const code = line.entity;
    if (typeof code !== 'string') {
      fail(
        source,
        `行 ${rowNumber}、列「${columnOf.get('entity') ?? '団体コード'}」`,
        '団体の列（団体名・団体区分など）に記入がありますが、団体コードが空です。団体コードを書いてください',
      );
    }
    const codeKey = entityCodeKey(code);
    const defined = definedAt.get(codeKey);
    if (defined === undefined) {
      const record = { code, ...entity };
      noteSourceRow(record, rowNumber);
      noteSourceColumns(record, this.entityColumns);
      this.entities.push(record);
      definedAt.set(codeKey, { row: rowNumber, entity: record, typed });
      return line;
    }
    for (const [key, headerText] of entityHeaders) {
      const [value, earlier] = key.startsWith('attributes.')
        ? [
            attributes[key.slice('attributes.'.length)],
            (defined.entity.attributes as Record<string, unknown> | undefined)?.[
              key.slice('attributes.'.length)
            ],
          ]
        : [entity[key], defined.entity[key]];
      if (earlier !== undefined && JSON.stringify(earlier) !== JSON.stringify(value)) {
        // Entity columns repeat on every row; one row that contradicts the row that defined the
        // entity (a garbled 団体名 in one Shift_JIS row) makes that row's line invalid, not the file.
        const before = JSON.stringify(defined.typed.get(key) ?? earlier);
        const after = JSON.stringify(typed.get(key) ?? value);
        noteSourceProblem(line, {
          code: 'ENTITY_CONFLICT',
          field: key.startsWith('attributes.') ? key : `entities.${key}`,
          expected: `団体 ${code} の「${headerText}」が、団体を定めた行 ${defined.row} と同じ ${before} であること`,
          received: `${after}（行 ${rowNumber}、列「${headerText}」）`,
        });
        continue;
      }
      if (earlier === undefined) {
        const text = typed.get(key);
        if (text !== undefined) defined.typed.set(key, text);
        if (key.startsWith('attributes.')) {
          const merged = { ...(defined.entity.attributes as Record<string, unknown> | undefined) };
          merged[key.slice('attributes.'.length)] = value;
          defined.entity.attributes = merged;
        } else defined.entity[key] = value;
      }
    }
    return line;
  }
}
