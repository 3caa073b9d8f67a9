import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { evaluateSplit } from '../src/evaluate/evaluate-split.js';
import { withAttributes, withFacts } from '../src/evaluate/fact-settlement.js';
import { parseLedgerText } from '../src/ledger/parse-ledger-text.js';
import { sourcePositionOf } from '../src/ledger/source-position.js';
import { noteLedgerWarning, noteSourceProblem } from '../src/ledger/source-problems.js';
import { sourceProblemsOfRecord } from '../src/ledger/source-problems-of-record.js';
import { noteSourceColumns, sourceColumnOf, sourceRowOf } from '../src/ledger/source-row.js';
import { evaluateInWorkers } from '../src/node/evaluate-in-workers.js';
import type { Report } from '../src/schema/report.js';
import { ledgerColumns, ledgerToRows } from '../src/spreadsheet/ledger-to-rows.js';
import { readXlsxLedger } from '../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { glossary, type RawLedger } from './spreadsheet/convert.js';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/paths.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';

/**
 * When the docs/decisions.md §4.1 search settles an entity attribute, the evaluation reads a copy of
 * the ledger's entities. What a reader noted beside the originals (the input warnings kept beside
 * the entities array, a record's row, columns and JSON position, a problem on its facts object)
 * must reach the report as if no copy had been made: users sign off on every line, and a warning
 * dropped on the way is a silent loss.
 */

/**
 * fixtures/dx-taisei-kochiku-itaku/08: contractor A (6010001000001) does not state
 * itakuPreviouslySelectedRegion, and its total stays under both limits, so the search settles it.
 */
const FIXTURE = JSON.parse(
  readFileSync(
    join(
      REPO_ROOT,
      'fixtures/dx-taisei-kochiku-itaku/08-itaku-limit-5000man-and-missing-attribute.json',
    ),
    'utf8',
  ),
) as { ledger: RawLedger };

function settled(report: Report): void {
  const g1 = report.lines.find((line) => line.id === 'G1');
  expect(g1?.status).toBe('eligible');
  expect(g1?.unneededFacts).toEqual(['itakuPreviouslySelectedRegion']);
}

const text = (report: Report): string => JSON.stringify(report, null, 2);

/** The fixture's ledger as an xlsx workbook whose first sheet is hidden (read past, with a warning). */
async function workbookWithHiddenSheet(): Promise<Uint8Array> {
  const ledger = FIXTURE.ledger;
  const columns = ledgerColumns(glossary, ledger, { japanese: true, allColumns: false });
  const rows = [
    columns.map((column) => column.header),
    ...ledgerToRows(glossary, ledger, columns, true),
  ];
  const workbook = new ExcelJS.Workbook();
  const old = workbook.addWorksheet('作業用', { state: 'hidden' });
  for (const row of rows) old.addRow(row);
  const sheet = workbook.addWorksheet('台帳');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the decisions.md §4.1 search keeps what readers noted beside the ledger', () => {
  it('reports a hidden sheet skipped in an xlsx ledger whose entity attribute was settled', async () => {
    const read = await readXlsxLedger(await workbookWithHiddenSheet(), glossary, 'ledger.xlsx');
    const ledger = { entities: read.entities, lines: read.lines };
    const report = await evaluate(ledger);
    settled(report);
    expect(report.warnings.map((warning) => warning.code)).toEqual(['HIDDEN_SHEET_SKIPPED']);
    expect(report.warnings[0]?.message).toContain('非表示のシート「作業用」は読まず');
    // The stream and the shards (merged as the worker path merges them) report it too.
    const { held, reread } = await streamedBothWays(ledger);
    expect(text(held)).toBe(text(report));
    expect(text(reread)).toBe(text(report));
    expect(text(await evaluateSplit(ledger, {}, 2))).toBe(text(report));
  });

  it('CLI: names the hidden sheet in the report of such a workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-settle-warn-'));
    try {
      const file = join(dir, 'ledger.xlsx');
      writeFileSync(file, await workbookWithHiddenSheet());
      const { stdout } = await runCli(['evaluate', file, '--format', 'json']);
      const report = JSON.parse(stdout) as Report;
      settled(report);
      expect(report.warnings.map((warning) => warning.code)).toEqual(['HIDDEN_SHEET_SKIPPED']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps the warnings beside the entities array in worker threads', async () => {
    const ledger = structuredClone(FIXTURE.ledger);
    const warning = {
      code: 'HIDDEN_SHEET_SKIPPED' as const,
      line: null,
      message: 'テスト: 全体の注意',
    };
    noteLedgerWarning(ledger.entities, warning);
    const report = await evaluate(ledger);
    settled(report);
    expect(report.warnings).toEqual([warning]);
    expect(text(await evaluateInWorkers(ledger, { workers: 2 }))).toBe(text(report));
    const { held, reread } = await streamedBothWays(ledger);
    expect(text(held)).toBe(text(report));
    expect(text(reread)).toBe(text(report));
  }, 60_000);

  it('gives a copied line or entity its JSON position, sheet columns and its facts’ problems', () => {
    const ledger = parseLedgerText(
      JSON.stringify(FIXTURE.ledger, null, 2),
      'ledger.json',
    ) as RawLedger;
    const line = ledger.lines[3] as Record<string, unknown>;
    const entity = ledger.entities[1] as Record<string, unknown>;
    const problem = {
      code: 'DUPLICATE_KEY' as const,
      field: 'itakuVoucher',
      expected: '1 度だけ書かれたキー',
      received: '2 度',
    };
    noteSourceProblem(line.facts as object, problem);
    noteSourceProblem(entity.attributes as object, problem);
    const columns = new Map([['amount', 'E「金額」']]);
    noteSourceColumns(line, columns);
    noteSourceColumns(entity, columns);

    const lineCopy = withFacts(line, { itakuSelfProcurement: false });
    expect(sourcePositionOf(lineCopy)).toEqual(sourcePositionOf(line));
    expect(sourcePositionOf(line)).toBeDefined();
    expect(sourceColumnOf(lineCopy, 'amount')).toBe('E「金額」');
    expect(sourceProblemsOfRecord(lineCopy, 'facts')).toEqual(
      sourceProblemsOfRecord(line, 'facts'),
    );
    expect(sourceProblemsOfRecord(line, 'facts')).toHaveLength(1);

    const entityCopy = withAttributes(entity, { itakuPreviouslySelectedRegion: true });
    expect(sourcePositionOf(entityCopy)).toEqual(sourcePositionOf(entity));
    expect(sourceColumnOf(entityCopy, 'amount')).toBe('E「金額」');
    expect(sourceRowOf(entityCopy)).toBe(sourceRowOf(entity));
    expect(sourceProblemsOfRecord(entityCopy, 'attributes')).toHaveLength(1);
  });
});
