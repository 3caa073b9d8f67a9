/**
 * Writes the exceljs-made hostile ledgers beside this script (from the repository root:
 * `npx tsx test/hostile/xlsx/make-exceljs.mts`). exceljs, unlike openpyxl, saves any value as a
 * formula's result, so it makes the workbook whose saved value contradicts its formula.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const here = dirname(fileURLToPath(import.meta.url));
const HEADER = [
  '明細ID',
  '団体コード',
  '年度',
  '事業',
  '金額',
  '経費区分',
  '人物',
  '団体名',
  '団体区分',
  'facts.advisoryDuties',
];
const ROWS: ExcelJS.CellValue[][] = [
  ['L1', '392081', 2025, 'cio-aide', 3600000, 'compensation', 'P1', '宿毛市', 'city', true],
  ['L2', '392081', 2025, 'cio-aide', 1200000, 'compensation', 'P2', null, null, true],
  ['L3', '392081', 2025, 'cio-aide', 800000, 'compensation', 'P3', null, null, true],
];

function ledger(rows = ROWS): { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet } {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2025, 3, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('台帳');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return { workbook, sheet };
}

async function save(workbook: ExcelJS.Workbook, name: string): Promise<void> {
  await workbook.xlsx.writeFile(join(here, name));
}

{
  const { workbook } = ledger();
  await save(workbook, 'exceljs-good.xlsx');
}
{
  // L2: =100*12000 saved as 900000 (it computes 1200000); L3: ROUND cannot be checked, saved
  // 800000; L4: =E2/3 saved as 1200000, which is right.
  const { workbook, sheet } = ledger([
    ...ROWS,
    ['L4', '392081', 2025, 'cio-aide', 0, 'compensation', 'P4', null, null, true],
  ]);
  sheet.getCell('E3').value = { formula: '100*12000', result: 900000 };
  sheet.getCell('E4').value = { formula: 'ROUND(800000.4,0)', result: 800000 };
  sheet.getCell('E5').value = { formula: '$E$2/3', result: 1200000 };
  await save(workbook, 'exceljs-formula-wrong-value.xlsx');
}
{
  const { workbook, sheet } = ledger();
  sheet.getCell('E4').value = null;
  sheet.mergeCells('E3:E4');
  await save(workbook, 'exceljs-merged-amount-rows.xlsx');
}
{
  // A very hidden first sheet (only a macro can show it) before the ledger.
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2025, 3, 1));
  workbook.modified = workbook.created;
  const old = workbook.addWorksheet('作業用', { state: 'veryHidden' });
  old.addRow(HEADER);
  old.addRow([
    'X1',
    '392081',
    2025,
    'cio-aide',
    999999999,
    'compensation',
    'P9',
    '宿毛市',
    'city',
    true,
  ]);
  const sheet = workbook.addWorksheet('台帳');
  sheet.addRow(HEADER);
  for (const row of ROWS) sheet.addRow(row);
  await save(workbook, 'exceljs-hidden-first-sheet.xlsx');
}
