import type { Report, ReportError } from '../schema/report.js';
import type { SheetSpec } from '../spreadsheet/report-sheets.js';

/** What the page asks of the worker. */
export type WorkerRequest =
  | {
      readonly type: 'evaluate';
      readonly run: number;
      readonly name: string;
      readonly bytes: ArrayBuffer;
    }
  | { readonly type: 'evaluate-sample'; readonly run: number }
  /** `run`: the evaluation on screen; the worker writes the file only from that one's report. */
  | { readonly type: 'download-xlsx'; readonly run: number }
  | { readonly type: 'download-csv'; readonly run: number; readonly encoding: 'utf8' | 'shift_jis' }
  | { readonly type: 'download-template' }
  /** The template for these programs only (ids; never empty: the page refuses that itself). */
  | { readonly type: 'download-template-program'; readonly programs: readonly string[] }
  | { readonly type: 'download-sample' };

/** A line error with where it sits in the sheet (xlsx and CSV ledgers). */
export type LocatedError = ReportError & { readonly sheetRow?: number; readonly column?: string };

/** A refusal: the code, its Japanese headline (src/core/codes.ts) and the detailed message. */
export interface Failure {
  readonly code: string;
  readonly headline: string;
  readonly message: string;
}

/** What the worker answers. */
export type WorkerResponse =
  | {
      readonly type: 'progress';
      readonly run: number;
      readonly phase: 'read' | 'evaluate';
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'result';
      readonly run: number;
      readonly name: string;
      readonly report: Report;
      readonly errors: readonly LocatedError[];
      readonly titles: readonly (readonly [string, string])[];
      /** The sheet row of each line by position (xlsx and CSV ledgers), else null. */
      /** The result workbook's 集計 sheet as data: the page shows the same rows. */
      readonly totals: SheetSpec;
    }
  | { readonly type: 'failed'; readonly run: number; readonly failure: Failure }
  | {
      readonly type: 'file';
      readonly name: string;
      readonly mime: string;
      readonly bytes: Uint8Array;
    }
  | { readonly type: 'file-failed'; readonly failure: Failure };
