/** The names of the files the offline page offers for download. */
export const RESULT_FILE_NAMES = {
  workbook: '判定結果.xlsx',
  csvUtf8: '判定明細.csv',
  csvShiftJis: '判定明細_ShiftJIS.csv',
  template: '支出台帳の様式.xlsx',
  sampleXlsx: 'サンプル台帳.xlsx',
  sampleJson: 'サンプル台帳.json',
} as const;

/** The per-program template's name: the ids when few, else their count (names stay short). */
export function programTemplateName(programs: readonly string[]): string {
  const base = RESULT_FILE_NAMES.template.replace(/\.xlsx$/, '');
  return programs.length <= 3
    ? `${base}_${programs.join('_')}.xlsx`
    : `${base}_${String(programs.length)}事業.xlsx`;
}
