import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Report } from '../../src/schema/report.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { evaluateExitCode, withoutRuleSource } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Workbooks written by other software (test/hostile/xlsx/: openpyxl, LibreOffice and exceljs; the
 * scripts that made them lie beside them), read through the library and the CLI. Nothing a person
 * looking at the sheet cannot see is evaluated silently, and no value is copied from a merged cell.
 */

const DIR = 'test/hostile/xlsx';

/** The built CLI (`npx tsup` first, as scripts/test.sh does): its start-up is a fraction of tsx's. */
async function runBuiltCli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['dist/cli.js', ...args],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
const glossary = bundledRuleSet().glossary;

/** id, sheet row, status, claimed, amount of every report line. */
type Line = readonly [string, number, string, string | null, string | null];
/** line id, field, received, and a part of the message. */
type LineError = readonly [string, string, string, string];

interface Case {
  readonly file: string;
  readonly lines: readonly Line[];
  readonly errors: readonly LineError[];
  /** code and a part of the message of each warning, in order. */
  readonly warnings: readonly (readonly [string, string])[];
}

const GOOD: readonly Line[] = [
  ['L1', 2, 'eligible', '3600000', '2520000'],
  ['L2', 3, 'eligible', '1200000', '840000'],
  ['L3', 4, 'eligible', '800000', '560000'],
];
const L1 = GOOD[0] as Line;
const MERGED_E3_E4: readonly LineError[] = [
  [
    'L2',
    'amount',
    '結合セル E3:E4',
    '行 3（明細ID L2）: セル E3:E4 が結合されています。結合を解除し',
  ],
  [
    'L3',
    'amount',
    '結合セル E3:E4',
    '行 4（明細ID L3）: セル E3:E4 が結合されています。結合を解除し',
  ],
  // The merged amount is not copied down: row 4 has none.
  ['L3', 'amount', 'なし（空欄）', '（amount）: 値（必須）を入れてください。入力値: なし（空欄）'],
];
const HIDDEN_SHEET = (name: string): readonly [string, string] => [
  'HIDDEN_SHEET_SKIPPED',
  `非表示のシート「${name}」は読まず、最初の表示されているシート「台帳」を台帳として読みました`,
];

const CASES: readonly Case[] = [
  ...['openpyxl-good.xlsx', 'libreoffice-good.xlsx', 'exceljs-good.xlsx'].map((file) => ({
    file,
    lines: GOOD,
    errors: [],
    warnings: [],
  })),
  ...['openpyxl-merged-amount-rows.xlsx', 'exceljs-merged-amount-rows.xlsx'].map((file) => ({
    file,
    lines: [L1, ['L2', 3, 'invalid', '1200000', null], ['L3', 4, 'invalid', null, null]] as const,
    errors: MERGED_E3_E4,
    warnings: [],
  })),
  {
    file: 'openpyxl-merged-across-columns.xlsx',
    lines: [L1, ['L2', 3, 'invalid', '1200000', null], GOOD[2] as Line],
    errors: [
      ['L2', 'amount', '結合セル E3:F3', '行 3（明細ID L2）: セル E3:F3 が結合されています'],
      // The amount is not copied into 経費区分 either.
      [
        'L2',
        'costType',
        'なし（空欄）',
        '（costType）: 値（必須）を入れてください。入力値: なし（空欄）',
      ],
    ],
    warnings: [],
  },
  {
    // Amounts in 千円 (make-openpyxl.py): 3600 shown 「3,600千円」 was read as ¥3,600.
    file: 'openpyxl-number-formats.xlsx',
    lines: [
      ['L1', 2, 'invalid', '3600', null],
      ['L2', 3, 'eligible', '1200000', '840000'],
      ['L3', 4, 'invalid', '800000', null],
    ],
    errors: [
      [
        'L1',
        'amount',
        'セルの値 3600（表示形式「#,##0"千円"」が「千」の単位を付けて表示しています）',
        '行 2（明細ID L1）: セル E2: 表示形式「#,##0"千円"」が「千」の単位を付けて表示しています。kofuzei は表示ではなくセルの値 3600 を読むため',
      ],
      [
        'L3',
        'amount',
        'セルの値 800000（表示形式「;;;」がこの値を表示しません（空の区分））',
        '行 4（明細ID L3）: セル E4: 表示形式「;;;」がこの値を表示しません',
      ],
    ],
    warnings: [],
  },
  {
    // The rows of a second visible sheet (5月, ¥7,777) are not read: said, not dropped silently.
    file: 'openpyxl-second-sheet.xlsx',
    lines: GOOD,
    errors: [],
    warnings: [
      [
        'OTHER_SHEET_NOT_READ',
        '台帳として読むのは最初の表示されているシート「台帳」だけです。シート「5月」（ブックを開くと表示されるシート）にも記入がありますが、読んでいません',
      ],
    ],
  },
  {
    file: 'openpyxl-hidden-first-sheet.xlsx',
    lines: GOOD,
    errors: [],
    warnings: [HIDDEN_SHEET('旧台帳')],
  },
  {
    file: 'libreoffice-hidden-first-sheet.xlsx',
    lines: GOOD,
    errors: [],
    warnings: [HIDDEN_SHEET('旧台帳')],
  },
  {
    file: 'exceljs-hidden-first-sheet.xlsx',
    lines: GOOD,
    errors: [],
    warnings: [HIDDEN_SHEET('作業用')],
  },
  {
    file: 'openpyxl-hidden-rows.xlsx',
    lines: [L1, ['L2', 3, 'invalid', '1200000', null], ['L3', 4, 'invalid', '800000', null]],
    errors: [
      ['L2', 'row', '非表示の行', '行 3（明細ID L2）: 非表示の行です: 表示するか削除してください'],
      // Row 4 is folded away by an outline.
      ['L3', 'row', '非表示の行', '行 4（明細ID L3）: 非表示の行です: 表示するか削除してください'],
    ],
    warnings: [['HIDDEN_COLUMN_READ', '列 G（見出し「人物」）は非表示ですが、値を読み取りました']],
  },
  {
    file: 'openpyxl-formula-no-value.xlsx',
    lines: [L1, ['L2', 3, 'invalid', null, null], GOOD[2] as Line],
    errors: [
      [
        'L2',
        'amount',
        '保存された値なし',
        '行 3（明細ID L2）: セル E3: 式 =100*12000 に保存された値がありません',
      ],
      [
        'L2',
        'amount',
        'なし（空欄）',
        '（amount）: 値（必須）を入れてください。入力値: なし（空欄）',
      ],
    ],
    warnings: [],
  },
  {
    file: 'exceljs-formula-wrong-value.xlsx',
    lines: [
      L1,
      ['L2', 3, 'invalid', '900000', null],
      GOOD[2] as Line,
      ['L4', 5, 'eligible', '1200000', '840000'],
    ],
    errors: [
      [
        'L2',
        'amount',
        '保存されている値 900000',
        '行 3（明細ID L2）: セル E3: 式 =100*12000 の保存されている値 900000 が計算結果 1200000 と一致しません',
      ],
    ],
    warnings: [
      [
        'FORMULA_NOT_VERIFIED',
        '行 4（明細ID L3）: セル E4: 式 =ROUND(800000.4,0) は検算できない形のため（ROUND）、保存されている値 800000 をそのまま使いました',
      ],
    ],
  },
  {
    // LibreOffice's own merge, hidden row and computed formula (=E2/3, checked and right).
    file: 'libreoffice-hostile.xlsx',
    lines: [
      L1,
      ['L2', 3, 'invalid', '1200000', null],
      ['L3', 4, 'invalid', null, null],
      ['L4', 5, 'invalid', '500000', null],
      ['L5', 6, 'eligible', '1200000', '840000'],
    ],
    errors: [
      ...MERGED_E3_E4,
      ['L4', 'row', '非表示の行', '行 5（明細ID L4）: 非表示の行です: 表示するか削除してください'],
    ],
    warnings: [],
  },
];

function check(report: Report, rowOf: (index: number) => number | undefined, c: Case): void {
  expect(
    report.lines.map((line, index) => [
      line.id,
      rowOf(index),
      line.status,
      line.claimed,
      line.amount,
    ]),
  ).toEqual(c.lines);
  expect(report.errors.map((error) => [error.line, error.field, error.received])).toEqual(
    c.errors.map(([line, field, received]) => [line, field, received]),
  );
  report.errors.forEach((error, index) => {
    expect(error.message).toContain(c.errors[index]?.[3]);
  });
  expect(report.warnings.map((warning) => warning.code)).toEqual(c.warnings.map(([code]) => code));
  report.warnings.forEach((warning, index) => {
    expect(warning.message).toContain(c.warnings[index]?.[1]);
  });
}

describe('xlsx ledgers written by openpyxl, LibreOffice and exceljs', () => {
  for (const c of CASES) {
    it(`library: ${c.file}`, async () => {
      const read = await readXlsxLedger(
        readFileSync(join(REPO_ROOT, DIR, c.file)),
        glossary,
        c.file,
      );
      const report = await evaluate({ entities: read.entities, lines: read.lines });
      check(report, (index) => read.rowNumbers[index], c);
    });
  }

  it('CLI: every file gives the same report (exit 1 where a line is invalid), each error located on stderr', async () => {
    for (const c of CASES) {
      const result = await runBuiltCli(['evaluate', join(DIR, c.file), '--format', 'json']);
      expect(result.code, `${c.file}: ${result.stderr}`).toBe(evaluateExitCode(result.stdout));
      const report = JSON.parse(result.stdout) as Report;
      const rows = c.lines.map((line) => line[1]);
      check(report, (index) => rows[index], c);
      const located = withoutRuleSource(result.stderr)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { row?: number; error: { line: string } });
      expect(located.map((entry) => [entry.error.line, entry.row])).toEqual(
        c.errors.map(([line]) => [line, c.lines.find((entry) => entry[0] === line)?.[1]]),
      );
    }
  }, 120_000);

  it('refuses a merged header, naming the range (library and CLI, exit 2)', async () => {
    const file = 'openpyxl-merged-header.xlsx';
    const refusal: unknown = await readXlsxLedger(
      readFileSync(join(REPO_ROOT, DIR, file)),
      glossary,
      file,
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KofuzeiError);
    expect((refusal as KofuzeiError).code).toBe('LEDGER_UNUSABLE');
    expect((refusal as KofuzeiError).message).toContain(
      '見出し行のセル E1:F1 が結合されています。結合を解除し、列ごとに見出しを入れてください',
    );
    const result = await runBuiltCli(['evaluate', join(DIR, file), '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"code":"LEDGER_UNUSABLE"');
    expect(result.stderr).toContain('E1:F1');
  });
});
