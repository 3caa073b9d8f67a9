import type ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * The workbook's file bytes, the same for the same workbook whenever and wherever written: exceljs
 * zips every part with the time of writing (JSZip's default), so two runs on one ledger gave two
 * different files. Each part is dated the workbook's own `created` date instead.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  for (const part of Object.values(zip.files)) part.date = workbook.created;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
