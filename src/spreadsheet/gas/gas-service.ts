import type { CellValue } from '../cell-value.js';

/** The slice of the Apps Script Spreadsheet service this wrapper uses. */
export interface GasRange {
  getValues(): CellValue[][];
  getNumberFormats(): string[][];
  getMergedRanges(): GasRange[];
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  setValues(values: (string | number | boolean | null)[][]): GasRange;
  setNumberFormat(format: string): GasRange;
  setFontWeight(weight: string): GasRange;
}
export interface GasDeveloperMetadata {
  getKey(): string;
}
export interface GasSheet {
  getName(): string;
  getDataRange(): GasRange;
  getRange(row: number, column: number, rows: number, columns: number): GasRange;
  clear(): GasSheet;
  setFrozenRows(rows: number): void;
  addDeveloperMetadata(key: string, value: string): GasSheet;
  getDeveloperMetadata(): GasDeveloperMetadata[];
  isRowHiddenByUser(row: number): boolean;
  isRowHiddenByFilter(row: number): boolean;
  isColumnHiddenByUser(column: number): boolean;
}
export interface GasSpreadsheet {
  getActiveSheet(): GasSheet;
  getSheetByName(name: string): GasSheet | null;
  insertSheet(name: string): GasSheet;
  toast?(message: string, title?: string): void;
  getSpreadsheetTimeZone(): string;
}
export interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu;
  addToUi(): void;
}
export interface GasSpreadsheetApp {
  getActiveSpreadsheet(): GasSpreadsheet;
  getUi(): { createMenu(caption: string): GasMenu; alert(message: string): unknown };
}
