import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { readCsvLinesLedger } from '../../src/node/read-csv-lines.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report, ReportError } from '../../src/schema/report.js';
import { parseCsvRows } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { readSpreadsheetFile } from '../../src/spreadsheet/read-spreadsheet-file.js';
import { evaluateExitCode, runCli, withoutRuleSource, type CliResult } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Hostile CSV files (issue 13, "no silent yen"): row endings mixed the ways tools mix them, an
 * amount typed as 1,000 without quotes, Excel's trailing empty cells, Japanese Excel's Shift_JIS
 * currency cells (¥ is byte 0x5C, a backslash in CP932) and formula text the old escape missed.
 * Each runs through the CLI (`evaluate FILE --format json`) and the library, both readers: the
 * exact lines, amounts, memos and sheet rows, or a named refusal.
 */

const CORPUS = 'test/hostile/ledgers';
const STACK = /^\s+at /mu;
const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-hostile-csv-'));
const glossary = bundledRuleSet().glossary;

interface Expected {
  readonly id: string;
  /** The sheet row (header = 1). */
  readonly row: number;
  /** The amount as read (integer yen), null when unreadable. */
  readonly claimed: string | null;
  readonly memo?: string;
  /** The fields named by the line's errors; none when the line is not invalid. */
  readonly invalid?: readonly string[];
}

const line = (
  id: string,
  row: number,
  claimed: string | null,
  memo?: string,
  invalid?: readonly string[],
): Expected => ({
  id,
  row,
  claimed,
  ...(memo === undefined ? {} : { memo }),
  ...(invalid === undefined ? {} : { invalid }),
});

const READABLE: Readonly<Record<string, readonly Expected[]>> = {
  // Was: one line, L1 with memo "first\nL2", the other three rows gone, exit 0.
  'crlf-header-lf-rows.csv': [
    line('L1', 2, '1000', 'first'),
    line('L2', 3, '2000', 'second'),
    line('L3', 4, '3000', 'third'),
    line('L4', 5, '4000', 'fourth'),
  ],
  'mixed-endings.csv': [
    line('L1', 2, '1000', 'crlf'),
    line('L2', 3, '2000', 'cr'),
    line('L3', 4, '3000', 'two\r\nlines'),
    // Row 5 is blank.
    line('L4', 6, '4000', 'lf\ninside, and "quotes"'),
    line('L5', 7, '5000', 'cr\rinside'),
    line('L6', 8, '6000', 'last without ending'),
  ],
  // Empty cells up to the header row's own are read; L2 has two more cells than the header row,
  // which a comma splitting a value left of them would give (surplus-cells-problem.ts).
  'trailing-empty-cells.csv': [line('L1', 2, '1000'), line('L2', 3, null, undefined, ['row'])],
  // Was: every amount refused ("\1,000" is not integer yen).
  'shift-jis-yen.csv': [
    line('Y1', 2, '1000', '円記号'),
    line('Y2', 3, '12345', '桁区切り'),
    line('Y3', 4, '-2000', '戻入'),
    line('Y4', 5, '-3000', 'Excelの負の通貨'),
    line('Y5', 6, '-4000', '会計の負'),
    // A backslash inside the digits is no yen sign.
    line('Y6', 7, null, undefined, ['amount']),
  ],
};

/**
 * Was: exit 0 with L2 read as ¥1 (or its memo as "500" and 備品 dropped); then (issue 13) the whole
 * file refused, exit 2. Now (issue 18) the row's line alone is invalid, showing no amount or memo
 * (any of its cells may have moved), and every other row is evaluated.
 */
const TOO_LONG: Readonly<
  Record<string, { row: number; cells: number; columns: number; lines: readonly Expected[] }>
> = {
  'unquoted-thousands.csv': {
    row: 3,
    cells: 9,
    columns: 8,
    lines: [line('L1', 2, '1000'), line('L2', 3, null, undefined, ['row']), line('L3', 4, '500')],
  },
  'unquoted-thousands-middle.csv': {
    row: 2,
    cells: 10,
    columns: 9,
    lines: [line('L1', 2, null, undefined, ['row']), line('L2', 3, '12500', '備品')],
  },
};

const results = new Map<string, CliResult>();

beforeAll(async () => {
  const files = [...Object.keys(READABLE), ...Object.keys(TOO_LONG)];
  await Promise.all(
    files.map(async (file) => {
      results.set(file, await runCli(['evaluate', `${CORPUS}/${file}`, '--format', 'json']));
    }),
  );
}, 120_000);

function resultOf(file: string): CliResult {
  const result = results.get(file);
  if (result === undefined) throw new Error(`${file} was not run`);
  return result;
}

/** What the report says of each line, in the shape of Expected (rows from the given list). */
function linesOf(report: Report, rows: readonly number[]): Expected[] {
  return report.lines.map((reportLine, index) => {
    const fields = report.errors
      .filter((error) => error.line === reportLine.id)
      .map((error) => error.field);
    return line(
      reportLine.id,
      rows[index] ?? -1,
      reportLine.claimed,
      reportLine.memo ?? undefined,
      reportLine.status === 'invalid' ? fields : undefined,
    );
  });
}

async function streamed(path: string) {
  const ledger = await readCsvLinesLedger(path, glossary);
  const lines: unknown[] = [];
  for await (const item of (ledger.lines as () => AsyncIterable<unknown>)()) lines.push(item);
  return {
    entities: ledger.entities,
    lines,
    rowNumbers: lines.map((_item, index) => ledger.rowNumber(index)),
  };
}

describe('hostile CSV: every physical row is one report line, amounts exact', () => {
  it.each(Object.entries(READABLE))('%s through the CLI', (file, expected) => {
    const result = resultOf(file);
    expect(result.code, result.stderr).toBe(evaluateExitCode(result.stdout));
    expect(result.stderr).not.toMatch(STACK);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.lines).toHaveLength(expected.length);
    // The CLI names the sheet row of each error on stderr.
    const errorRows = new Map(
      withoutRuleSource(result.stderr)
        .trim()
        .split('\n')
        .filter((text) => text !== '')
        .map((text) => JSON.parse(text) as { row: number; error: { line: string } })
        .map((error) => [error.error.line, error.row]),
    );
    expect(
      linesOf(
        report,
        report.lines.map(
          (reportLine, index) => errorRows.get(reportLine.id) ?? expected[index]?.row ?? -1,
        ),
      ),
    ).toEqual(expected);
    expect([...errorRows.values()]).toEqual(
      expected.filter((item) => item.invalid !== undefined).map((item) => item.row),
    );
  });

  it.each(Object.entries(READABLE))(
    '%s through the library (whole-file and streaming readers)',
    async (file, expected) => {
      const path = join(REPO_ROOT, CORPUS, file);
      for (const ledger of [await readSpreadsheetFile(path, glossary), await streamed(path)]) {
        expect(ledger.lines).toHaveLength(expected.length);
        const report = await evaluate({ entities: ledger.entities, lines: ledger.lines });
        expect(linesOf(report, ledger.rowNumbers)).toEqual(expected);
      }
    },
  );
});

describe('hostile CSV: a row wider than the header makes its line invalid, naming it', () => {
  it.each(Object.entries(TOO_LONG))(
    '%s through the CLI: exit 1 (an invalid line), one line per row',
    (file, { row, cells, columns, lines }) => {
      const result = resultOf(file);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).not.toMatch(STACK);
      const report = JSON.parse(result.stdout) as Report;
      expect(
        linesOf(
          report,
          lines.map((item) => item.row),
        ),
      ).toEqual(lines);
      const errors = withoutRuleSource(result.stderr)
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as { row: number; error: ReportError });
      expect(errors).toHaveLength(1);
      const [{ row: sheetRow, error }] = errors as [(typeof errors)[number]];
      expect(sheetRow).toBe(row);
      expect(error.field).toBe('row');
      expect(error.expected).toBe(`見出し行の${columns}列に収まるセル`);
      expect(error.received).toMatch(
        new RegExp(`^セル${cells}個（[A-Z]+列から ".+" がはみ出しています）$`, 'u'),
      );
      expect(error.code).toBe('CSV_ROW_TOO_LONG');
      expect(error.message).toMatch(
        new RegExp(
          `^行 ${row}（明細ID [^）]+）: セルが${cells}個ありますが、見出し行は${columns}列です`,
          'u',
        ),
      );
      expect(error.message).toContain('"1,000" のように引用符で囲む');
    },
  );

  it.each(Object.entries(TOO_LONG))(
    '%s through the library (whole-file and streaming readers)',
    async (file, { lines }) => {
      const path = join(REPO_ROOT, CORPUS, file);
      for (const ledger of [await readSpreadsheetFile(path, glossary), await streamed(path)]) {
        expect(ledger.lines).toHaveLength(lines.length);
        const report = await evaluate({ entities: ledger.entities, lines: ledger.lines });
        expect(linesOf(report, ledger.rowNumbers)).toEqual(lines);
      }
    },
  );
});

describe('hostile CSV: formula text behind blanks or in full width is escaped, and reads back', () => {
  const ledger = `${CORPUS}/formula-injection-blanks.json`;
  /** What a spreadsheet could take for a formula: = + - @ (or full width) after any blanks. */
  const FORMULA = /^(?:\s*[=+\-@＝＋－＠]|[\t\r])/u;

  it('leaves no formula-looking cell unguarded in the report CSV', async () => {
    const result = await runCli(['evaluate', ledger, '--format', 'csv', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsvRows(result.stdout, 'report.csv');
    const cells = rows.flat();
    for (const cell of cells) {
      if (/^-?\d+(\.\d+)?$/u.test(cell)) continue;
      expect(FORMULA.test(cell), JSON.stringify(cell)).toBe(false);
    }
    for (const guarded of [
      "' =1+1",
      '\'\u3000=HYPERLINK("http://evil.example")',
      "'＝1+1",
      "'＋cmd",
      "'－2+3",
      "'＠SUM(A1)",
      "'\t=cmd",
      "'\r=cmd",
      "''=already quoted",
      "'  \n=1",
    ])
      expect(cells).toContain(guarded);
  }, 120_000);

  it('writes a ledger CSV that reads back to the same ids and memos', async () => {
    const out = join(TMP, 'formula-ledger.csv');
    const written = await runCli(['template', '--ledger', ledger, '-o', out]);
    expect(written.code, written.stderr).toBe(0);
    const read = await runCli(['evaluate', out, '--format', 'json']);
    expect(read.code, read.stderr).toBe(0);
    const original = await runCli(['evaluate', ledger, '--format', 'json']);
    const pick = (stdout: string) =>
      (JSON.parse(stdout) as Report).lines.map((reportLine) => [
        reportLine.id,
        reportLine.claimed,
        reportLine.memo,
        reportLine.status,
      ]);
    expect(pick(read.stdout)).toEqual(pick(original.stdout));
    expect(pick(read.stdout).map((picked) => picked[2])).toContain(' =1+1');
  }, 180_000);
});
