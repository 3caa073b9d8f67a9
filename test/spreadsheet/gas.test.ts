import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gasBuildConfig } from '../../scripts/gas-build-config.js';
import { STATUS_LABELS } from '../../src/spreadsheet/report-sheets.js';
import { ledgerColumns, ledgerToRows } from '../../src/spreadsheet/ledger-to-rows.js';
import { acceptanceLedgers, HAS_ACCEPTANCE } from '../helpers/paths.js';
import { evaluateLedger, glossary, type RawLedger } from './convert.js';

/**
 * The Google Apps Script bundle in a sandbox like Apps Script's: a vm context with no require,
 * process, timers or TextEncoder, and a fake SpreadsheetApp. The acceptance ledgers, typed into
 * the active sheet, must give the library's statuses and amounts on the 明細 sheet.
 */
const OUT = mkdtempSync(join(tmpdir(), 'kofuzei-gas-'));

type Cell = string | number | boolean | null;

class FakeSheet {
  values: Cell[][];
  frozen = 0;
  constructor(
    private readonly name: string,
    values: Cell[][],
  ) {
    this.values = values;
  }
  getName(): string {
    return this.name;
  }
  getDataRange(): { getValues: () => Cell[][] } {
    return { getValues: () => this.values.map((row) => [...row]) };
  }
  getRange(row: number, column: number, rows: number, columns: number): unknown {
    const range = {
      setValues: (values: Cell[][]) => {
        expect(values).toHaveLength(rows);
        for (let r = 0; r < rows; r += 1) {
          const target = (this.values[row - 1 + r] ??= []);
          for (let c = 0; c < columns; c += 1) target[column - 1 + c] = values[r]?.[c] ?? null;
        }
        return range;
      },
      setNumberFormat: () => range,
      setFontWeight: () => range,
    };
    return range;
  }
  clear(): this {
    this.values = [];
    return this;
  }
  setFrozenRows(rows: number): void {
    this.frozen = rows;
  }
}

function sandbox(active: FakeSheet) {
  const sheets = new Map<string, FakeSheet>([[active.getName(), active]]);
  const menus: { caption: string; items: [string, string][] }[] = [];
  const spreadsheet = {
    getActiveSheet: () => active,
    getSheetByName: (name: string) => sheets.get(name) ?? null,
    insertSheet: (name: string) => {
      const sheet = new FakeSheet(name, []);
      sheets.set(name, sheet);
      return sheet;
    },
    toast: () => undefined,
  };
  const context = vm.createContext({
    SpreadsheetApp: {
      getActiveSpreadsheet: () => spreadsheet,
      getUi: () => ({
        createMenu: (caption: string) => {
          const menu = { caption, items: [] as [string, string][] };
          menus.push(menu);
          const builder = {
            addItem: (label: string, fn: string) => {
              menu.items.push([label, fn]);
              return builder;
            },
            addToUi: () => undefined,
          };
          return builder;
        },
      }),
    },
    Logger: { log: () => undefined },
  });
  return { context, sheets, menus };
}

let code = '';
beforeAll(async () => {
  // Built fresh from source with the project's own build config (dist/ may be stale).
  await build({ ...gasBuildConfig, outDir: OUT, silent: true });
  code = readFileSync(join(OUT, 'kofuzei.gs'), 'utf8');
}, 120_000);
afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
});

describe('Apps Script bundle', () => {
  it('has no Node globals to lean on and adds the 交付税計算 menu', () => {
    const { context, menus } = sandbox(new FakeSheet('台帳', []));
    expect(vm.runInContext('[typeof require, typeof process, typeof module]', context)).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
    vm.runInContext(code, context);
    expect(vm.runInContext('[typeof onOpen, typeof evaluateActiveSheet]', context)).toEqual([
      'function',
      'function',
    ]);
    vm.runInContext('onOpen()', context);
    expect(menus).toEqual([
      { caption: '交付税計算', items: [[expect.any(String), 'evaluateActiveSheet']] },
    ]);
  });

  it.skipIf(!HAS_ACCEPTANCE).each(acceptanceLedgers().map((entry) => [entry.name, entry] as const))(
    '%s in a sheet gives the library results',
    async (_name, entry) => {
      const ledger = entry.ledger as RawLedger;
      const columns = ledgerColumns(glossary, ledger, { japanese: true, allColumns: false });
      const active = new FakeSheet('台帳', [
        columns.map((column) => column.header),
        ...ledgerToRows(glossary, ledger, columns, true),
      ]);
      const { context, sheets } = sandbox(active);
      vm.runInContext(code, context);
      const summary = (await vm.runInContext('evaluateActiveSheet()', context)) as {
        lines: number;
      };
      const report = await evaluateLedger(ledger, entry.policy);
      expect(summary.lines).toBe(report.lines.length);
      const lines = sheets.get('明細')?.values ?? [];
      const header = lines[0] ?? [];
      const at = (name: string): number => header.indexOf(name);
      const yen = (value: string | null): Cell => (value === null ? '' : Number(value));
      expect(
        lines
          .slice(1)
          .map((row) => [row[at('明細ID')], row[at('判定')], row[at('措置ID')], row[at('措置額')]]),
      ).toEqual(
        report.lines.map((line) => [
          line.id,
          STATUS_LABELS[line.status],
          line.measure ?? '',
          yen(line.amount),
        ]),
      );
      expect([...sheets.keys()]).toEqual(['台帳', '明細', '集計', '前提', 'エラー']);
    },
  );
});
