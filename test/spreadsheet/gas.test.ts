import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gasBuildConfig } from '../../scripts/gas-build-config.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { STATUS_LABELS } from '../../src/schema/labels.js';
import { ledgerColumns, ledgerToRows } from '../../src/spreadsheet/ledger-to-rows.js';
import { acceptanceLedgers, HAS_ACCEPTANCE, REPO_ROOT } from '../helpers/paths.js';
import { evaluateLedger, glossary, type RawLedger } from './convert.js';

const titles = new Map(bundledRuleSet().measures.map((measure) => [measure.id, measure.title]));

/**
 * The Google Apps Script bundle in a sandbox like Apps Script's: a vm context with no require,
 * process, timers or TextEncoder, and a fake SpreadsheetApp. The acceptance ledgers, typed into
 * the active sheet, must give the library's statuses and amounts on the 明細 sheet.
 */
const OUT = mkdtempSync(join(tmpdir(), 'kofuzei-gas-'));

type Cell = string | number | boolean | Date | null;

/**
 * What Google Sheets stores when a string is written into a cell that is not plain text ('@'):
 * it reads it like typed input — "011002" and "3,600,000" become numbers, "2/3" and "2025-06-30"
 * dates, "TRUE" a boolean; a leading apostrophe keeps the rest as text.
 */
function sheetsValue(value: Cell, format: string | undefined): Cell {
  if (typeof value !== 'string' || format === '@') return value;
  if (value.startsWith("'")) return value.slice(1);
  const text = value.trim();
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$/u.test(text))
    return Number(text.replace(/,/gu, ''));
  if (/^[+-]?\d+(\.\d+)?%$/u.test(text)) return Number(text.slice(0, -1)) / 100;
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/u.exec(text);
  if (ymd !== null) return new Date(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]));
  const md = /^(\d{1,2})\/(\d{1,2})$/u.exec(text);
  if (md !== null && Number(md[1]) >= 1 && Number(md[1]) <= 12 && Number(md[2]) >= 1)
    return new Date(2026, Number(md[1]) - 1, Number(md[2]));
  if (/^(true|false)$/iu.test(text)) return text.toLowerCase() === 'true';
  return value;
}

class FakeSheet {
  values: Cell[][];
  formats: (string | undefined)[][] = [];
  metadata: { key: string; value: string }[] = [];
  frozen = 0;
  hiddenRows = new Set<number>();
  filteredRows = new Set<number>();
  hiddenColumns = new Set<number>();
  merges: [number, number, number, number][] = [];
  constructor(
    private readonly name: string,
    values: Cell[][],
  ) {
    this.values = values;
  }
  getName(): string {
    return this.name;
  }
  getDataRange(): unknown {
    const width = Math.max(0, ...this.values.map((row) => row.length));
    return {
      getValues: () => this.values.map((row) => [...row]),
      getNumberFormats: () =>
        this.values.map((row, r) =>
          Array.from({ length: width }, (_, c) => this.formats[r]?.[c] ?? ''),
        ),
      getMergedRanges: () =>
        this.merges.map(([row, column, rows, columns]) => ({
          getRow: () => row,
          getColumn: () => column,
          getNumRows: () => rows,
          getNumColumns: () => columns,
        })),
    };
  }
  isRowHiddenByUser(row: number): boolean {
    return this.hiddenRows.has(row);
  }
  isRowHiddenByFilter(row: number): boolean {
    return this.filteredRows.has(row);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.hiddenColumns.has(column);
  }
  getRange(row: number, column: number, rows: number, columns: number): unknown {
    const cells = (visit: (r: number, c: number) => void): void => {
      for (let r = row - 1; r < row - 1 + rows; r += 1)
        for (let c = column - 1; c < column - 1 + columns; c += 1) visit(r, c);
    };
    const range = {
      getValues: () =>
        Array.from({ length: rows }, (_, r) =>
          Array.from(
            { length: columns },
            (_, c) => this.values[row - 1 + r]?.[column - 1 + c] ?? '',
          ),
        ),
      setValues: (values: Cell[][]) => {
        expect(values).toHaveLength(rows);
        cells((r, c) => {
          const target = (this.values[r] ??= []);
          target[c] = sheetsValue(
            values[r - row + 1]?.[c - column + 1] ?? null,
            this.formats[r]?.[c],
          );
        });
        return range;
      },
      setNumberFormat: (format: string) => {
        cells((r, c) => {
          (this.formats[r] ??= [])[c] = format;
        });
        return range;
      },
      setFontWeight: () => range,
    };
    return range;
  }
  clear(): this {
    this.values = [];
    this.formats = [];
    return this;
  }
  setFrozenRows(rows: number): void {
    this.frozen = rows;
  }
  addDeveloperMetadata(key: string, value: string): this {
    this.metadata.push({ key, value });
    return this;
  }
  getDeveloperMetadata(): { getKey: () => string; getValue: () => string }[] {
    return this.metadata.map(({ key, value }) => ({ getKey: () => key, getValue: () => value }));
  }
}

function sandbox(active: FakeSheet, others: readonly FakeSheet[] = [], timeZone = 'Asia/Tokyo') {
  const sheets = new Map<string, FakeSheet>(
    [active, ...others].map((sheet) => [sheet.getName(), sheet]),
  );
  const menus: { caption: string; items: [string, string][] }[] = [];
  const alerts: string[] = [];
  const spreadsheet = {
    getActiveSheet: () => active,
    getSheetByName: (name: string) => sheets.get(name) ?? null,
    insertSheet: (name: string) => {
      const sheet = new FakeSheet(name, []);
      sheets.set(name, sheet);
      return sheet;
    },
    toast: () => undefined,
    getSpreadsheetTimeZone: () => timeZone,
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
        alert: (message: string) => {
          alerts.push(message);
        },
      }),
    },
    Logger: { log: () => undefined },
    Utilities: {
      formatDate: (date: Date, zone: string, pattern: string) => {
        expect(pattern).toBe('yyyy-MM-dd');
        return new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(date);
      },
    },
  });
  return { context, sheets, menus, alerts };
}

let code = '';
beforeAll(async () => {
  // Built fresh from source with the project's own build config (dist/ may be stale). `config:
  // false`: tsup's build() otherwise also runs every build of tsup.config.ts with these options,
  // all writing kofuzei.gs at once — the CLI's (which swaps in its disk-reading rule set) sometimes
  // last, leaving a bundle that requires node's path and fs.
  await build({ ...gasBuildConfig, outDir: OUT, silent: true, config: false });
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
          .map((row) => [row[at('明細ID')], row[at('判定')], row[at('措置名')], row[at('措置額')]]),
      ).toEqual(
        report.lines.map((line) => [
          line.id,
          STATUS_LABELS[line.status],
          line.measure === null ? '' : titles.get(line.measure),
          yen(line.amount),
        ]),
      );
      expect([...sheets.keys()]).toEqual(['台帳', '明細', '集計', '根拠', '前提', 'エラー']);
    },
  );

  /** A ledger typed into a sheet of that name, as the acceptance test does. */
  function ledgerSheet(name: string, ledger: RawLedger): FakeSheet {
    const columns = ledgerColumns(glossary, ledger, { japanese: true, allColumns: false });
    return new FakeSheet(name, [
      columns.map((column) => column.header),
      ...ledgerToRows(glossary, ledger, columns, true),
    ]);
  }
  const RATE_TIERS = JSON.parse(
    readFileSync(join(REPO_ROOT, 'fixtures/bunsan-energy-masterplan/01-rate-tiers.json'), 'utf8'),
  ) as { ledger: RawLedger };

  it.each(['明細', '集計', '前提', 'エラー'])(
    'refuses a ledger sheet named %s (a result sheet name) and writes nothing',
    async (name) => {
      const active = ledgerSheet(name, RATE_TIERS.ledger);
      const before = active.values.map((row) => [...row]);
      const { context, sheets, alerts } = sandbox(active);
      vm.runInContext(code, context);
      expect(await vm.runInContext('evaluateActiveSheet()', context)).toBeNull();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toContain(`シート「${name}」`);
      expect(alerts[0]).toContain('名前を変更');
      expect(active.values).toEqual(before);
      expect([...sheets.keys()]).toEqual([name]);
    },
  );

  it('refuses to read a result sheet kofuzei wrote as a ledger', async () => {
    const first = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger));
    vm.runInContext(code, first.context);
    await vm.runInContext('evaluateActiveSheet()', first.context);
    const results = first.sheets.get('明細');
    if (results === undefined) throw new Error('test setup: no 明細 sheet');
    const before = results.values.map((row) => [...row]);
    const { context, alerts } = sandbox(results);
    vm.runInContext(code, context);
    expect(await vm.runInContext('evaluateActiveSheet()', context)).toBeNull();
    expect(alerts).toEqual([expect.stringContaining('kofuzei が作成した判定結果のシート')]);
    expect(results.values).toEqual(before);
  });

  it('never clears a sheet named 集計 that kofuzei did not write; nothing is written', async () => {
    const own = new FakeSheet('集計', [
      ['予算科目', '金額'],
      ['委託料', 1200000],
    ]);
    const { context, sheets, alerts } = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger), [own]);
    vm.runInContext(code, context);
    expect(await vm.runInContext('evaluateActiveSheet()', context)).toBeNull();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('シート「集計」');
    expect(own.values).toEqual([
      ['予算科目', '金額'],
      ['委託料', 1200000],
    ]);
    expect([...sheets.keys()]).toEqual(['台帳', '集計']);
  });

  it('writes over its own result sheets again, and over ones with its exact header row', async () => {
    const { context, sheets, alerts } = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger));
    vm.runInContext(code, context);
    await vm.runInContext('evaluateActiveSheet()', context);
    const again = (await vm.runInContext('evaluateActiveSheet()', context)) as { lines: number };
    expect(again.lines).toBe(RATE_TIERS.ledger.lines.length);
    expect(alerts).toEqual([]);
    // Written by a version without the marker: recognised by its header row.
    const header = sheets.get('明細')?.values[0] ?? [];
    const older = new FakeSheet('明細', [header, ['古い結果']]);
    const second = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger), [older]);
    vm.runInContext(code, second.context);
    expect(await vm.runInContext('evaluateActiveSheet()', second.context)).not.toBeNull();
    expect(second.alerts).toEqual([]);
    expect(older.values[1]?.[0]).not.toBe('古い結果');
  });

  it('writes entity codes, fraction rates and other text as text, amounts as numbers', async () => {
    // The mock turns number- and date-like strings into numbers and dates, as Sheets does.
    expect(sheetsValue('011002', undefined)).toBe(11002);
    expect(sheetsValue('2/3', undefined)).toBeInstanceOf(Date);
    expect(sheetsValue('011002', '@')).toBe('011002');
    const { context, sheets } = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger));
    vm.runInContext(code, context);
    await vm.runInContext('evaluateActiveSheet()', context);
    const lines = sheets.get('明細')?.values ?? [];
    const header = lines[0] ?? [];
    const at = (name: string): number => header.indexOf(name);
    const byId = new Map(lines.slice(1).map((row) => [row[at('明細ID')], row]));
    const sapporo = byId.get('B3');
    const kochi = byId.get('B2');
    expect(sapporo?.[at('団体')]).toMatch(/^011002( |$)/);
    expect(kochi?.[at('率')]).toBe('2/3');
    expect(typeof kochi?.[at('措置額')]).toBe('number');
    expect(typeof kochi?.[at('算定基礎額')]).toBe('number');
    expect(typeof sapporo?.[at('年度')]).toBe('number');
    const totals = sheets.get('集計')?.values ?? [];
    expect(totals.some((row) => /^011002( |$)/.test(String(row[0])))).toBe(true);
    const assumptions = sheets.get('前提')?.values ?? [];
    expect(assumptions.find((row) => row[0] === '報告形式')?.[2]).toBe('1');
  });

  it('empties its result sheets and says so in Japanese when writing one fails half-way', async () => {
    const first = sandbox(ledgerSheet('台帳', RATE_TIERS.ledger));
    vm.runInContext(code, first.context);
    await vm.runInContext('evaluateActiveSheet()', first.context);
    // The next run meets a 根拠 sheet it cannot write (protected, or Sheets' cell limit).
    const evidence = first.sheets.get('根拠');
    if (evidence === undefined) throw new Error('test setup: no 根拠 sheet');
    const locked = Object.assign(Object.create(evidence) as FakeSheet, {
      getRange: (...args: [number, number, number, number]) => {
        const range = evidence.getRange(...args) as Record<string, unknown>;
        return {
          ...range,
          setValues: () => {
            throw new Error('You are trying to edit a protected cell or object.');
          },
        };
      },
    });
    const others = [...first.sheets.values()].filter((sheet) => sheet.getName() !== '台帳');
    const second = sandbox(
      ledgerSheet('台帳', RATE_TIERS.ledger),
      others.map((sheet) => (sheet === evidence ? locked : sheet)),
    );
    vm.runInContext(code, second.context);
    expect(await vm.runInContext('evaluateActiveSheet()', second.context)).toBeNull();
    expect(second.alerts).toEqual([
      expect.stringContaining(
        '判定結果をシート「根拠」に書き込めませんでした（You are trying to edit a protected cell or object.）',
      ),
    ]);
    expect(second.alerts[0]).toContain('シート「明細」「集計」「前提」「エラー」を空にしました');
    for (const name of ['明細', '集計', 'エラー'])
      expect(second.sheets.get(name)?.values, name).toEqual([
        ['判定結果の書き込みが途中で失敗したため、このシートは空にしました。'],
      ]);
  });

  describe('reads the sheet as a clerk sees it', () => {
    const HEADER: Cell[] = [
      '明細ID',
      '団体コード',
      '団体名',
      '団体区分',
      '支出日',
      '事業',
      '経費区分',
      '金額',
      '人物',
      'facts.advisoryDuties',
    ];
    /** A CIO補佐官 line of 宿毛市 (措置率 0.7): the amount, and its 支出日 as a cell. */
    const row = (id: string, date: Cell, amount: Cell, person: string): Cell[] => [
      id,
      '392081',
      id === 'L1' ? '宿毛市' : '',
      id === 'L1' ? '市' : '',
      date,
      'cio-aide',
      'compensation',
      amount,
      person,
      true,
    ];
    /** Evaluates the sheet; `rows` may build cells in the sandbox (its own Date). */
    async function run(
      sheet: FakeSheet,
      timeZone?: string,
      rows?: (context: vm.Context) => Cell[][],
    ) {
      const box = sandbox(sheet, [], timeZone);
      if (rows !== undefined) sheet.values = rows(box.context);
      vm.runInContext(code, box.context);
      await vm.runInContext('evaluateActiveSheet()', box.context);
      const lines = box.sheets.get('明細')?.values ?? [];
      const header = lines[0] ?? [];
      const at = (name: string): number => header.indexOf(name);
      const errors = (box.sheets.get('エラー')?.values ?? []).slice(1).map((cells) => cells[7]);
      return {
        lines: lines
          .slice(1)
          .map((cells) => [
            cells[at('明細ID')],
            cells[at('年度')],
            cells[at('判定')],
            cells[at('措置額')],
          ]),
        errors,
      };
    }

    it('a date cell is the day the spreadsheet shows, whatever the script time zone', async () => {
      // Sheets hands 2025-04-01 over as midnight in the spreadsheet's zone (Tokyo: 2025-03-31
      // 15:00 UTC), a Date of the script's runtime. Read in any zone but Tokyo's, that was
      // 2025-03-31: 年度 2024, a year the measure has no version for.
      for (const [timeZone, instant] of [
        ['Asia/Tokyo', 'Date.UTC(2025, 2, 31, 15)'],
        ['America/New_York', 'Date.UTC(2025, 3, 1, 4)'],
      ] as const) {
        const result = await run(new FakeSheet('台帳', []), timeZone, (context) => [
          HEADER,
          row('L1', vm.runInContext(`new Date(${instant})`, context) as Date, 3600000, 'P1'),
        ]);
        expect(result.lines).toEqual([['L1', 2025, STATUS_LABELS.eligible, 2520000]]);
      }
    });

    it('a yen cell shown in 千円, a hidden or filtered row and a merged amount are input errors', async () => {
      const sheet = new FakeSheet('台帳', [
        HEADER,
        row('L1', '2025-06-30', 3600, 'P1'),
        row('L2', '2025-06-30', 1200000, 'P2'),
        row('L3', '2025-06-30', 800000, 'P3'),
        row('L4', '2025-06-30', 500000, 'P4'),
        row('L5', '2025-06-30', '', 'P5'),
        row('L6', '2025-06-30', 400000, 'P6'),
      ]);
      // L1 holds 3600 shown 「3,600千円」: read as ¥3,600 (0.7: ¥2,520) before.
      const formats: (string | undefined)[] = [];
      formats[7] = '#,##0"千円"';
      sheet.formats[1] = formats;
      sheet.hiddenRows.add(3);
      sheet.filteredRows.add(4);
      // L4's amount merged down over L5's row: H5:H6.
      sheet.merges.push([5, 8, 2, 1]);
      const result = await run(sheet);
      const invalid = STATUS_LABELS.invalid;
      expect(result.lines).toEqual([
        ['L1', 2025, invalid, ''],
        ['L2', 2025, invalid, ''],
        ['L3', 2025, invalid, ''],
        ['L4', 2025, invalid, ''],
        ['L5', 2025, invalid, ''],
        ['L6', 2025, STATUS_LABELS.eligible, 280000],
      ]);
      const text = result.errors.join('\n');
      expect(text).toContain('セル H2: 表示形式「#,##0"千円"」');
      expect(text).toContain('行 3（明細ID L2）: 非表示の行です');
      expect(text).toContain('行 4（明細ID L3）: 非表示の行です');
      expect(text).toContain('行 5（明細ID L4）: セル H5:H6 が結合されています');
    });

    it('rows holding only unticked checkboxes (FALSE) are no lines', async () => {
      const blank: Cell[] = HEADER.map(() => '');
      blank[9] = false;
      const sheet = new FakeSheet('台帳', [
        HEADER,
        row('L1', '2025-06-30', 3600000, 'P1'),
        blank,
        blank,
      ]);
      const result = await run(sheet);
      expect(result.lines).toEqual([['L1', 2025, STATUS_LABELS.eligible, 2520000]]);
      expect(result.errors).toEqual([]);
    });
  });
});
