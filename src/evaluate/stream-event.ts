import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';

export interface StreamSummary {
  readonly schemaVersion: 1;
  readonly rulesVersion: string;
  readonly totals: Report['totals'];
  readonly assumptions: Report['assumptions'];
  readonly lineCount: number;
}

/** What a streaming evaluation yields, in order: lines (with their errors and warnings), then the end. */
export type StreamEvent =
  | { readonly type: 'header'; readonly schemaVersion: 1; readonly rulesVersion: string }
  | { readonly type: 'line'; readonly line: ReportLine }
  | { readonly type: 'error'; readonly error: ReportError }
  | { readonly type: 'warning'; readonly warning: ReportWarning }
  | { readonly type: 'end'; readonly summary: StreamSummary };
