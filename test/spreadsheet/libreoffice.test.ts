import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report } from '../../src/schema/report.js';
import { parseCsvRows } from '../../src/spreadsheet/csv/read-csv-ledger.js';
import { columnLetter } from '../../src/spreadsheet/ledger-columns.js';
import { costTypesOf, reportLabels } from '../../src/spreadsheet/report-labels.js';
import { reportSheets } from '../../src/spreadsheet/report-sheets.js';
import { writeReportWorkbook } from '../../src/spreadsheet/xlsx/write-report-workbook.js';
import { acceptanceLedgers, HAS_ACCEPTANCE } from '../helpers/paths.js';
import { evaluateLedger } from './convert.js';

/**
 * What the user opens: the result workbook recalculated by a real spreadsheet (LibreOffice,
 * headless). Every formula kofuzei writes must recalculate to exactly the value it wrote. The
 * workbook is also rendered to PDF and PNG ($TMPDIR/kofuzei-spreadsheet-pages/) for a look when the layout
 * changes. CI installs LibreOffice (.ci/run); without soffice these tests skip, saying so.
 */
const HAS_SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAS_SOFFICE)
  console.warn(
    'libreoffice.test.ts: SKIPPED — soffice (LibreOffice) is not installed; CI installs it in .ci/run',
  );
const HAS_PDFTOPPM = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0;

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-lo-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

function soffice(args: readonly string[]): void {
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${join(TMP, 'profile')}`, '--headless', '--norestore', ...args],
    { cwd: TMP, stdio: 'pipe', timeout: 180_000, env: { ...process.env, HOME: TMP } },
  );
}

interface FormulaCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
  readonly value: unknown;
}

/** Every formula cell of the result sheets with the value kofuzei computed for it. */
function formulaCells(report: Report, titles: ReadonlyMap<string, string>): FormulaCell[] {
  const cells: FormulaCell[] = [];
  for (const spec of reportSheets(report, titles)) {
    spec.rows.forEach((row, rowIndex) => {
      row.forEach((cell, columnIndex) => {
        if (cell !== null && typeof cell === 'object')
          cells.push({
            sheet: spec.name,
            address: `${columnLetter(columnIndex)}${rowIndex + 2}`,
            formula: cell.formula,
            value: cell.value,
          });
      });
    });
  }
  return cells;
}

/** Removes the stored formula results, so LibreOffice has to compute every formula itself. */
function stripResults(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const value = cell.value;
        if (value !== null && typeof value === 'object' && 'formula' in value)
          cell.value = { formula: value.formula, date1904: false };
      });
    });
  }
}

describe.skipIf(!HAS_SOFFICE || !HAS_ACCEPTANCE)(
  'result workbook in LibreOffice',
  { timeout: 300_000 },
  () => {
    it('every formula recalculates to the value kofuzei wrote, for every acceptance ledger', async () => {
      const titles = new Map(
        bundledRuleSet().measures.map((measure) => [measure.id, measure.title]),
      );
      const written = new Map<string, FormulaCell[]>();
      const inputs: string[] = [];
      for (const [index, entry] of acceptanceLedgers().entries()) {
        const report = await evaluateLedger(entry.ledger, entry.policy);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(
          Buffer.from(await writeReportWorkbook(report, titles)) as unknown as ArrayBuffer,
        );
        stripResults(workbook);
        const cells = formulaCells(report, titles);
        const name = `result-${index + 1}.xlsx`;
        written.set(name, cells);
        writeFileSync(join(TMP, name), Buffer.from(await workbook.xlsx.writeBuffer()));
        inputs.push(name);
      }
      const out = join(TMP, 'recalculated');
      mkdirSync(out);
      // Every sheet to its own UTF-8 CSV of raw (unformatted) values: NAME-SHEET.csv.
      soffice([
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        ...inputs,
      ]);

      let checked = 0;
      for (const name of inputs) {
        const sheets = new Map<string, string[][]>();
        for (const cell of written.get(name) ?? []) {
          let rows = sheets.get(cell.sheet);
          if (rows === undefined) {
            const file = join(out, `${name.replace(/\.xlsx$/, '')}-${cell.sheet}.csv`);
            rows = parseCsvRows(readFileSync(file, 'utf8'), file);
            sheets.set(cell.sheet, rows);
          }
          const [, letters = '', digits = '0'] = /^([A-Z]+)(\d+)$/.exec(cell.address) ?? [];
          const column =
            Array.from(letters, (c) => c.charCodeAt(0) - 64).reduce((n, c) => n * 26 + c, 0) - 1;
          const text = rows[Number(digits) - 1]?.[column];
          const recalculated = text === undefined || text === '' ? text : Number(text);
          expect({ ...cell, recalculated }).toEqual({ ...cell, recalculated: cell.value });
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(50);
    });

    it('renders to PDF and a PNG page with the Japanese sheets', async () => {
      const entry =
        acceptanceLedgers().find((ledger) => ledger.name.includes('02-')) ?? acceptanceLedgers()[0];
      if (entry === undefined) throw new Error('no acceptance ledger');
      const report = await evaluateLedger(entry.ledger, entry.policy);
      const ledger = entry.ledger as { entities: unknown[]; lines: unknown[] };
      writeFileSync(
        join(TMP, 'report.xlsx'),
        await writeReportWorkbook(
          report,
          reportLabels(bundledRuleSet(), ledger.entities, costTypesOf(ledger.lines)),
        ),
      );
      soffice(['--convert-to', 'pdf', '--outdir', TMP, 'report.xlsx']);
      const pdf = join(TMP, 'report.pdf');
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
      if (spawnSync('pdftotext', ['-v']).status === 0) {
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
        expect(text).toContain('明細ID');
        expect(text).toContain('合計');
        expect(text).toContain('対象');
        // Every page A4 landscape, its footer with the page number and the rules version; 根拠
        // printed with the citations.
        const info = execFileSync('pdfinfo', ['-l', '999', pdf], { encoding: 'utf8' });
        const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)];
        expect(sizes.length).toBeGreaterThan(2);
        for (const [, width, height] of sizes)
          expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([842, 595]);
        expect(text).toContain(`ルール版 ${report.rulesVersion}`);
        expect(text).toMatch(/明細\s+1 \/ \d+ ページ/);
        expect(text).toContain('出典');
        expect(text).not.toContain('**');
      }
      if (HAS_PDFTOPPM) {
        const pages = join(tmpdir(), 'kofuzei-spreadsheet-pages');
        // Emptied first: a page left by an earlier run must not pass for this one's.
        rmSync(pages, { recursive: true, force: true });
        mkdirSync(pages, { recursive: true });
        execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(pages, 'report-page')]);
        // pdftoppm pads page numbers to the page count's digits: report-page-1, -01 or -001.png.
        const first = readdirSync(pages).find((name) => /^report-page-0*1\.png$/u.test(name));
        expect(first).toBeDefined();
        expect(readFileSync(join(pages, first ?? '')).length).toBeGreaterThan(5_000);
        console.info(`result workbook pages: ${pages}/report-page-*.png`);
      }
    });
  },
);
