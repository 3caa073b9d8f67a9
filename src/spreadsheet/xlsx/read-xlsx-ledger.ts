import ExcelJS from 'exceljs';
import { INPUT_LIMITS, mebibytes } from '../../errors/input-limits.js';
import { KofuzeiError } from '../../errors/kofuzei-error.js';
import type { Glossary } from '../../schema/glossary.js';
import type { CellValue } from '../cell-value.js';
import { columnLetter } from '../ledger-columns.js';
import { ledgerFromRows, type RowsLedger } from '../ledger-from-rows.js';
import { checkZipLimits } from './check-zip-limits.js';

function plainCell(value: ExcelJS.CellValue, where: () => string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined)
      throw new KofuzeiError(
        'LEDGER_UNUSABLE',
        `${where()}: a formula without a saved value; save the workbook in Excel first`,
      );
    if (typeof result === 'object' && !(result instanceof Date))
      throw new KofuzeiError(
        'LEDGER_UNUSABLE',
        `${where()}: the formula's value is an error (${result.error})`,
      );
    return result;
  }
  if ('text' in value && 'hyperlink' in value) return value.text;
  if ('error' in value)
    throw new KofuzeiError('LEDGER_UNUSABLE', `${where()}: an error value (${value.error})`);
  return null;
}

/** A ledger from an xlsx workbook: the first sheet, header row first (the template or plain columns). */
export async function readXlsxLedger(
  bytes: Uint8Array,
  glossary: Glossary,
  source: string,
): Promise<RowsLedger> {
  // An input workbook is untrusted: its file size and inflated size are limited (zip bombs).
  if (bytes.byteLength > INPUT_LIMITS.xlsxBytes)
    throw new KofuzeiError(
      'LEDGER_TOO_LARGE',
      `${source}: the workbook is larger than ${mebibytes(INPUT_LIMITS.xlsxBytes)}`,
    );
  checkZipLimits(bytes, source);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${source}: not readable as an xlsx workbook: ${message}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined)
    throw new KofuzeiError('LEDGER_UNUSABLE', `${source}: the workbook has no sheet`);
  const rows: CellValue[][] = [];
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: CellValue[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(
        plainCell(
          row.getCell(column).value,
          () => `${source}: sheet ${sheet.name}, cell ${columnLetter(column - 1)}${number}`,
        ),
      );
    }
    rows.push(cells);
  }
  return ledgerFromRows(rows, glossary, { source: `${source} (sheet ${sheet.name})` });
}
