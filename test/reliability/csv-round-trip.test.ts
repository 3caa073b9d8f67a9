import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { normalizeLedger } from '../../src/ledger/normalize-ledger.js';
import { readCsvLinesLedger } from '../../src/node/read-csv-lines.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { CsvEncoding } from '../../src/spreadsheet/csv/decode-csv.js';
import { escapeFormula } from '../../src/spreadsheet/csv/escape-formula.js';
import { readCsvLedger } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { writeCsv } from '../../src/spreadsheet/csv/write-csv.js';
import {
  ledgerColumns,
  ledgerToRows,
  type LedgerCell,
} from '../../src/spreadsheet/ledger-to-rows.js';
import { glossary } from '../spreadsheet/convert.js';
import { ledgerArb, SEED, type GeneratedLedger } from './ledger-arbitrary.js';

/**
 * Issue 13, "no silent yen" through CSV: a generated ledger with hostile memos (commas, quotes,
 * CR/LF/CRLF inside cells, formula-looking text, apostrophes), written as CSV — by our writer, and
 * by a hand-rolled one with LF, CRLF, CR or a different ending on every row, blank rows, trailing
 * empty cells, with or without a BOM, in UTF-8 or Shift_JIS, amounts spelt as Excel does ("1,000",
 * \1,000 with Shift_JIS's yen 0x5C, ￥, △) — and read back by the whole-file reader and the
 * streaming reader, gives the very same normalised lines (every field) and report lines, one per
 * data row, each at the sheet row it was written to.
 */

const RUNS = 40;
const ruleSet = bundledRuleSet();
const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-csv-round-trip-'));

/** Memo text that CSV has to quote or escape; every character here is in CP932 as it is. */
const memoArb = fc
  .array(
    fc.constantFrom(
      'a',
      'あ',
      '髙',
      '①',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '\u3000',
      '\t',
      '=',
      '+',
      '-',
      '@',
      "'",
      '＝',
      '－',
      '1',
      '\\',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  // An empty or blank cell means "absent": a memo of blanks cannot be told from no memo.
  .filter((memo) => memo.trim() !== '');

/**
 * A list fact with no items is written as an empty cell, which reads as "not given" (README
 * "Spreadsheets": an empty cell means absent); a sheet cannot say more, so the original says it so.
 */
function withoutEmptyLists(line: Record<string, unknown>): Record<string, unknown> {
  const facts = line.facts;
  if (facts === null || typeof facts !== 'object') return line;
  return {
    ...line,
    facts: Object.fromEntries(
      Object.entries(facts).filter(([, value]) => !(Array.isArray(value) && value.length === 0)),
    ),
  };
}

/** A ledger with a memo (or none) on each line. */
const hostileLedgerArb: fc.Arbitrary<GeneratedLedger> = ledgerArb.chain((ledger) =>
  fc
    .array(fc.option(memoArb, { nil: undefined }), {
      minLength: ledger.lines.length,
      maxLength: ledger.lines.length,
    })
    .map((memos) => ({
      entities: ledger.entities,
      lines: ledger.lines.map((line, index) => {
        const memo = memos[index];
        return withoutEmptyLists(memo === undefined ? line : { ...line, memo });
      }),
    })),
);

/** How the hand-rolled writer spells the file. */
const styleArb = fc.record({
  encoding: fc.constantFrom<CsvEncoding>('utf8', 'shift_jis'),
  bom: fc.boolean(),
  /** Each row's ending, cycled: one ending for all, or a mix. */
  endings: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
  /** Rows after which a blank row is written (by index modulo). */
  blankEvery: fc.integer({ min: 0, max: 5 }),
  /**
   * Empty cells Excel adds past the last column (of every row, the header's too: a data row with
   * more cells than the header row is refused, surplus-cells-problem.ts).
   */
  trailing: fc.constantFrom('', ',', ',,'),
  amountStyle: fc.constantFrom('plain', 'commas', 'backslash', 'fullwidth-yen', 'triangle'),
  finalEnding: fc.boolean(),
});

type Style = typeof styleArb extends fc.Arbitrary<infer T> ? T : never;

function withCommas(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/gu, ',');
}

/** An integer amount as a person or Excel might type it; anything else as it is. */
function spellAmount(amount: string, style: Style['amountStyle']): string {
  const match = /^(-?)(\d+)$/u.exec(amount);
  if (match === null) return amount;
  const [, minus = '', digits = ''] = match;
  switch (style) {
    case 'commas':
      return `${minus}${withCommas(digits)}`;
    case 'backslash':
      return `${minus}\\${withCommas(digits)}`;
    case 'fullwidth-yen':
      return `￥${minus}${withCommas(digits)}円`;
    case 'triangle':
      return minus === '' ? withCommas(digits) : `△${withCommas(digits)}`;
    default:
      return amount;
  }
}

function quoted(cell: string): string {
  return /[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * A CSV file as other tools write one: the given row endings, blank rows, trailing empty cells.
 * Returns the bytes and the sheet row (header = 1) of each data row.
 */
function handWritten(
  header: readonly string[],
  rows: readonly (readonly LedgerCell[])[],
  amountColumn: number,
  style: Style,
): { bytes: Uint8Array; rowNumbers: number[] } {
  const cellText = (cell: LedgerCell, column: number): string => {
    if (cell === null) return '';
    const text = typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
    return quoted(
      escapeFormula(column === amountColumn ? spellAmount(text, style.amountStyle) : text),
    );
  };
  const records = [
    `${header.map(quoted).join(',')}${style.trailing}`,
    ...rows.map((row) => `${row.map(cellText).join(',')}${style.trailing}`),
  ];
  let text = '';
  let sheetRow = 0;
  const rowNumbers: number[] = [];
  records.forEach((record, index) => {
    const ending = style.endings[index % style.endings.length] ?? '\n';
    sheetRow += 1;
    if (index > 0) rowNumbers.push(sheetRow);
    const last = index === records.length - 1;
    text += record + (last && !style.finalEnding ? '' : ending);
    if (!last && style.blankEvery > 0 && index % style.blankEvery === 0) {
      text += ending;
      sheetRow += 1;
    }
  });
  const bytes =
    style.encoding === 'shift_jis'
      ? new Uint8Array(iconv.encode(text, 'cp932'))
      : new Uint8Array(Buffer.from(style.bom ? `\uFEFF${text}` : text, 'utf8'));
  return { bytes, rowNumbers };
}

let files = 0;

/** Both readers over the same bytes: the ledger each gives, and the sheet row of each line. */
async function readBoth(bytes: Uint8Array) {
  const whole = readCsvLedger(bytes, glossary, 'generated.csv');
  files += 1;
  const path = join(TMP, `generated-${files}.csv`);
  writeFileSync(path, bytes);
  const streamed = await readCsvLinesLedger(path, glossary);
  const lines: unknown[] = [];
  for await (const line of (streamed.lines as () => AsyncIterable<unknown>)()) lines.push(line);
  return [
    { entities: whole.entities, lines: whole.lines, rowNumbers: whole.rowNumbers },
    {
      entities: streamed.entities,
      lines,
      rowNumbers: lines.map((_line, index) => streamed.rowNumber(index)),
    },
  ];
}

/** The lines only: written entities are those the lines use, so entity errors may differ. */
async function expectSameLines(
  read: { entities: readonly unknown[]; lines: readonly unknown[]; rowNumbers: readonly number[] },
  original: GeneratedLedger,
): Promise<void> {
  expect(read.lines).toHaveLength(original.lines.length);
  // Lines read from a sheet are numbered by their sheet row (header = 1), the original by position:
  // the same lines otherwise.
  const renumbered = <T extends { row: number }>(value: T, index: number): T => ({
    ...value,
    row: read.rowNumbers[index] ?? -1,
  });
  expect(normalizeLedger(read, ruleSet).entries).toEqual(
    normalizeLedger(original, ruleSet).entries.map((entry, index) =>
      entry.valid
        ? { ...entry, line: renumbered(entry.line, index) }
        : { ...entry, line: renumbered(entry.line, index) },
    ),
  );
  expect((await evaluate(read)).lines).toEqual(
    (await evaluate(original)).lines.map((line, index) => renumbered(line, index)),
  );
}

function columnsOf(ledger: GeneratedLedger) {
  const columns = ledgerColumns(glossary, ledger, { japanese: true, allColumns: false });
  return {
    header: columns.map((column) => column.header),
    rows: ledgerToRows(glossary, ledger, columns, true),
    amountColumn: columns.findIndex((column) => column.key === 'amount'),
  };
}

describe('CSV round trip: written, read back by both readers, the same lines', () => {
  it('through our own writer (UTF-8 with a BOM, and Shift_JIS)', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileLedgerArb,
        fc.constantFrom<CsvEncoding>('utf8', 'shift_jis'),
        async (ledger, encoding) => {
          const { header, rows } = columnsOf(ledger);
          const bytes = writeCsv([header, ...rows], encoding);
          for (const read of await readBoth(bytes)) {
            await expectSameLines(read, ledger);
            expect(read.rowNumbers).toEqual(rows.map((_row, index) => index + 2));
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it('through hostile writing: mixed row endings, blank rows, trailing cells, BOM, Excel amounts', async () => {
    await fc.assert(
      fc.asyncProperty(hostileLedgerArb, styleArb, async (ledger, style) => {
        const { header, rows, amountColumn } = columnsOf(ledger);
        const { bytes, rowNumbers } = handWritten(header, rows, amountColumn, style);
        for (const read of await readBoth(bytes)) {
          await expectSameLines(read, ledger);
          expect(read.rowNumbers).toEqual(rowNumbers);
        }
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  }, 240_000);
});
