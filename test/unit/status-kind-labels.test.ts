import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/format-table.js';
import { KIND_LABELS, STATUS_LABELS } from '../../src/schema/labels.js';
import { MEASURE_KINDS, type MeasureKind } from '../../src/schema/measure.js';
import {
  LINE_STATUSES,
  type LineStatus,
  type Report,
  type ReportLine,
  type Total,
} from '../../src/schema/report.js';
import { summaryText } from '../../src/spreadsheet/gas/gas-main.js';
import { reportSheets, type SheetSpec } from '../../src/spreadsheet/report-sheets.js';

/**
 * The terminal table, the result workbook (which Apps Script writes too) and the Apps Script
 * toast say the same Japanese word for each line status and measure kind: the one in
 * src/schema/labels.ts.
 */

function line(id: string, status: LineStatus, kind: MeasureKind): ReportLine {
  return {
    id,
    status,
    measure: 'm',
    component: null,
    kind,
    fiscalYear: 2025,
    claimed: '100',
    base: '100',
    rate: '1',
    amount: '100',
    caps: [],
    reasons: [],
    missingFacts: [],
    citations: [],
    assumptions: [],
    row: 1,
    entity: '392081',
    version: 'm@v',
    parameters: [],
    alternatives: [],
  };
}

function total(kind: MeasureKind): Total {
  return {
    entity: '392081',
    fiscalYear: 2025,
    measure: `m-${kind}`,
    component: null,
    kind,
    base: '100',
    amount: '100',
    lines: 1,
  };
}

const report: Report = {
  schemaVersion: 1,
  rulesVersion: 'r',
  lines: LINE_STATUSES.flatMap((status) =>
    MEASURE_KINDS.map((kind) => line(`${status}.${kind}`, status, kind)),
  ),
  totals: MEASURE_KINDS.map(total),
  assumptions: [],
  warnings: [],
  errors: [],
};

/** A sheet's column, by header, of the data rows. */
function column(sheet: SheetSpec | undefined, header: string): unknown[] {
  const index = sheet?.columns.findIndex((col) => col.header === header) ?? -1;
  expect(index).toBeGreaterThanOrEqual(0);
  return (sheet?.rows ?? []).map((row) => row[index]);
}

/** The terminal table's cells, split on its two-space column gaps. */
function terminalRows(): string[][] {
  return formatTable(report)
    .split('\n')
    .map((text) => text.split(/ {2,}/).map((cell) => cell.trim()));
}

describe('status and kind labels', () => {
  const sheets = new Map(reportSheets(report).map((sheet) => [sheet.name, sheet]));
  const lineSheet = sheets.get('明細');
  const totalSheet = sheets.get('集計');

  it('are the same for each status on the terminal, in the workbook and in the Apps Script toast', () => {
    const rows = terminalRows();
    const ids = column(lineSheet, '明細ID');
    const workbook = column(lineSheet, '判定');
    const counts = { lines: 0, eligible: 1, ineligible: 2, undetermined: 3, invalid: 4 };
    const toast = summaryText(counts);
    for (const status of LINE_STATUSES) {
      const label = STATUS_LABELS[status];
      const id = `${status}.special-allocation-tax`;
      expect(rows.find((row) => row[0] === id)?.[3], status).toBe(label);
      expect(workbook[ids.indexOf(id)], status).toBe(label);
      expect(toast, status).toContain(`${label} ${counts[status]}`);
    }
    expect(toast).toBe('対象 1 / 対象外 2 / 判定保留 3 / 入力エラー 4');
  });

  it('are the same for each measure kind on the terminal and in the 集計 sheet', () => {
    const rows = terminalRows();
    const measures = column(totalSheet, '措置ID');
    const totalKinds = column(totalSheet, '種別');
    for (const kind of MEASURE_KINDS) {
      const label = KIND_LABELS[kind];
      expect(rows.find((row) => row[2] === `m-${kind}`)?.[3], kind).toBe(label);
      expect(totalKinds[measures.indexOf(`m-${kind}`)], kind).toBe(label);
    }
  });

  it('are distinct, so no two statuses or kinds read alike', () => {
    expect(new Set(Object.values(STATUS_LABELS)).size).toBe(LINE_STATUSES.length);
    expect(new Set(Object.values(KIND_LABELS)).size).toBe(MEASURE_KINDS.length);
  });
});
