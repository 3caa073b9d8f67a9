import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { KofuzeiError } from '../../core/kofuzei-error.js';

const NOTE_RELATIONSHIP = /<Relationship\b[^>]*\bType="[^"]*\/(?:comments|vmlDrawing)"[^>]*\/>/g;

/**
 * The workbook without its cell notes. exceljs 4.4.0 finds a sheet's notes only at
 * xl/commentsN.xml, and fails with "Cannot read properties of undefined (reading 'comments')" on
 * workbooks that keep them elsewhere, as openpyxl does (xl/comments/comment1.xml, exceljs issue
 * #2797). Notes are never ledger data, so their relationships are taken out of the sheets.
 * Returns null when there was nothing to take out.
 */
async function withoutNotes(bytes: Uint8Array): Promise<Buffer | null> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/_rels\/[^/]+\.rels$/.test(name)) continue;
    const file = zip.file(name);
    if (file === null) continue;
    const text = await file.async('string');
    const stripped = text.replace(NOTE_RELATIONSHIP, '');
    if (stripped !== text) {
      zip.file(name, stripped);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'nodebuffer' }) : null;
}

/** Loads an xlsx workbook with exceljs; one exceljs cannot read is refused, naming the file. */
export async function loadWorkbook(bytes: Uint8Array, source: string): Promise<ExcelJS.Workbook> {
  const load = async (data: Uint8Array): Promise<ExcelJS.Workbook> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
    return workbook;
  };
  try {
    return await load(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      const stripped = await withoutNotes(bytes);
      if (stripped !== null) return await load(stripped);
    } catch {
      // Not readable either way: the first error is the one to show.
    }
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      // exceljs's own words are English and for whoever reports the bug: said after a label.
      `${source}: xlsx のブックとして読めません（ファイルが壊れているか、xlsx ではありません）。Excel などで開いて保存し直してください（読み込みプログラムの詳細: ${message}）`,
    );
  }
}
