import {
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/core/input-limits.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { Report } from '../../src/schema/report.js';
import { evaluateExitCode, lastLine, runCli, type CliResult } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Hostile ledgers (issue 7): every file of test/hostile/ledgers/ plus big ones generated here into
 * a temp dir, run through the CLI. An unreadable file exits 2 with a message naming the file (and
 * the position where there is one), never a stack trace; a readable file exits 0 with exactly the
 * listed lines invalid, each error naming its field and the expected and received values, and
 * every other line evaluated.
 */

const STACK = /^\s+at /mu;
const CORPUS = 'test/hostile/ledgers';
const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-hostile-'));

interface Unreadable {
  readonly file: string;
  /** What stderr must contain besides the file name: the position, the limit, the reason. */
  readonly says: readonly (string | RegExp)[];
}

interface Readable {
  readonly file: string;
  /** Line id → the fields its errors name; every line not listed must not be invalid. */
  readonly invalid: Readonly<Record<string, readonly string[]>>;
  readonly lines: number;
  /** Errors not tied to a line (entities), by field. */
  readonly entityErrors?: readonly string[];
  readonly args?: readonly string[];
}

const UNREADABLE: Unreadable[] = [
  { file: `${CORPUS}/empty.json`, says: ['ファイルが空です'] },
  { file: `${CORPUS}/whitespace.json`, says: ['ファイルが空です'] },
  { file: `${CORPUS}/truncated.json`, says: ['12 行 4 列', 'JSON として読めません'] },
  { file: `${CORPUS}/malformed.json`, says: ['4 行 2 列', 'JSON として読めません'] },
  {
    file: `${CORPUS}/not-a-ledger.json`,
    says: ['台帳の形ではありません', '"entities"（団体の配列）と "lines"（明細の配列）'],
  },
  {
    file: `${CORPUS}/bad-header.jsonl`,
    says: ['.jsonl:1:', '最初の行を JSON として読めません（1 行 15 列）'],
  },
  { file: `${CORPUS}/empty.csv`, says: ['行 1', '見出し行'] },
  {
    file: `${CORPUS}/unknown-column.csv`,
    says: ['行 1、列 G「bogus」', '列名として知らない見出し'],
  },
  {
    file: `${CORPUS}/unterminated-quote.csv`,
    says: ['CSV として読めません（3 行目）', '閉じられない', 'Quote Not Closed'],
  },
  { file: `${CORPUS}/not-a-zip.xlsx`, says: ['xlsx のブックとして読めません'] },
  { file: `${CORPUS}/missing-file.json`, says: ['読めません（ファイルがありません）'] },
  { file: join(TMP, 'oversized.json'), says: ['上限 500 MiB を超えています', '.jsonl'] },
  // A .csv ledger streams (no size limit); a runaway record is refused at 1 MiB.
  {
    file: join(TMP, 'oversized.csv'),
    says: ['CSV として読めません', '1 行が長すぎます', 'Max Record Size'],
  },
  { file: join(TMP, 'oversized.xlsx'), says: ['上限 200 MiB を超えています'] },
  { file: join(TMP, 'zip-bomb.xlsx'), says: ['展開すると 512 MiB を超えます', 'ZIP 爆弾'] },
  { file: join(TMP, 'zip-bomb-lying-sizes.xlsx'), says: ['展開すると 512 MiB を超えます'] },
  { file: join(TMP, 'zip-many-parts.xlsx'), says: ['部品が 10000 個を超えています'] },
];

const READABLE: Readable[] = [
  {
    file: `${CORPUS}/amounts.json`,
    lines: 17,
    invalid: Object.fromEntries(
      [
        'fraction',
        'fraction-number',
        'exponent',
        'exponent-number',
        'nan',
        'infinity',
        'null',
        'huge',
        'huge-unsafe',
        'hex',
        'bad-grouping',
        'boolean',
        'object',
        'empty',
      ].map((id) => [id, ['amount']]),
    ),
  },
  {
    // Period dates a derived fact is computed from (docs/decisions.md §5.4, §5.5).
    file: `${CORPUS}/period-dates.json`,
    lines: 14,
    invalid: {
      'feb-29': ['facts.kigyojinPeriodStart'],
      datetime: ['facts.kigyojinPeriodStart'],
      'excel-serial': ['facts.kigyojinPeriodEnd'],
      'null-date': ['facts.kigyojinPeriodStart'],
      'end-before-start': ['facts.kigyojinPeriodEnd'],
      'months-contradict': ['facts.kigyojinPeriodMonths'],
      'months-fraction-contradict': ['facts.kigyojinPeriodMonths'],
      'term-contradict': ['facts.kyoryokutaiStartupTiming'],
      'term-end-before-start': ['facts.kyoryokutaiTermEnd'],
    },
  },
  {
    file: `${CORPUS}/dates.json`,
    lines: 12,
    invalid: {
      'feb-30': ['date'],
      'month-13': ['date'],
      'reiwa-0': ['date'],
      'heisei-after-end': ['date'],
      meiji: ['date'],
      'year-0': ['date'],
      'date-object': ['date'],
      'fy-object': ['fiscalYear'],
      'fy-bad-era': ['fiscalYear'],
      'fy-text': ['fiscalYear'],
    },
  },
  {
    file: `${CORPUS}/entities.json`,
    lines: 5,
    invalid: {
      'dup-entity': ['entity'],
      'bad-check-digit': ['entity'],
      'unknown-entity': ['entity'],
      'entity-object': ['entity'],
    },
    entityErrors: [
      'entities[1].name',
      'entities[2].code',
      'entities[3].code',
      'entities[3].name',
      'entities[3].kind',
    ],
  },
  { file: `${CORPUS}/duplicate-ids.json`, lines: 4, invalid: { L1: ['id'] } },
  {
    file: `${CORPUS}/wrong-types.json`,
    lines: 10,
    invalid: {
      '#1': ['id'],
      'program-object': ['program'],
      'facts-string': ['facts'],
      'facts-array': ['facts'],
      'person-number': ['person'],
      'memo-object': ['memo'],
      '#7': ['(line)'],
      '#8': ['(line)'],
      '#9': ['(line)'],
    },
  },
  {
    file: `${CORPUS}/prototype-keys.json`,
    lines: 4,
    invalid: { prototype: ['program', 'costType', 'claim'] },
  },
  { file: `${CORPUS}/bad-lines.jsonl`, lines: 3, invalid: { '#2': ['(line)'] } },
  { file: `${CORPUS}/bom.json`, lines: 2, invalid: {} },
  { file: `${CORPUS}/bom.csv`, lines: 1, invalid: {} },
  { file: `${CORPUS}/empty-rows.csv`, lines: 4, invalid: { L2: ['amount'], L3: ['program'] } },
  { file: `${CORPUS}/shift-jis-invalid-bytes.csv`, lines: 3, invalid: { L2: ['amount'] } },
  { file: `${CORPUS}/formula-injection.json`, lines: 3, invalid: {} },
  { file: join(TMP, 'long-strings.json'), lines: 3, invalid: { L2: ['amount'], L3: ['program'] } },
  {
    file: join(TMP, 'deep-nesting.json'),
    lines: 3,
    invalid: { L2: ['facts.ipaExams'], L3: ['memo'] },
  },
  { file: join(TMP, 'million-empty-rows.csv'), lines: 2, invalid: { L2: ['amount'] } },
];

const ENTITY = { code: '392081', name: '宿毛市', kind: 'city' };
const line = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  entity: '392081',
  fiscalYear: 2025,
  program: 'dx-leader',
  costType: 'license',
  amount: '1000',
  ...extra,
});

/** A sparse file of the given size: the size checks must refuse it before reading a byte. */
function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/**
 * A zip whose central directory lists one deflated part `copies` times (overlapping entries, the
 * "better zip bomb"), each declaring `declared` inflated bytes, or the true size when undefined.
 */
function zipBomb(inflated: number, copies: number, declared?: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(inflated), { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared ?? inflated, 22);
  local.writeUInt16LE(name.length, 26);
  const central: Buffer[] = [];
  for (let index = 0; index < copies; index += 1) {
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared ?? inflated, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(0, 42);
    central.push(entry, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(copies, 8);
  end.writeUInt16LE(copies, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, directory, end]);
}

function generate(): void {
  sparse(join(TMP, 'oversized.json'), INPUT_LIMITS.jsonBytes + 1);
  sparse(join(TMP, 'oversized.csv'), INPUT_LIMITS.csvBytes + 1);
  sparse(join(TMP, 'oversized.xlsx'), INPUT_LIMITS.xlsxBytes + 1);
  const mib = 1024 * 1024;
  writeFileSync(join(TMP, 'zip-bomb.xlsx'), zipBomb(64 * mib, 9));
  writeFileSync(join(TMP, 'zip-bomb-lying-sizes.xlsx'), zipBomb(64 * mib, 9, 100));
  writeFileSync(join(TMP, 'zip-many-parts.xlsx'), zipBomb(1, INPUT_LIMITS.xlsxEntries + 1));

  const long = 'x'.repeat(100_000);
  writeFileSync(
    join(TMP, 'long-strings.json'),
    JSON.stringify({
      entities: [ENTITY],
      lines: [
        line(`L1-${long}`, { person: long, memo: long }),
        line('L2', { amount: `1${'0'.repeat(99_999)}` }),
        line('L3', { program: long }),
      ],
    }),
  );

  // 100,000 levels of nesting in an unknown fact, a known fact and a memo: JSON.parse and the
  // normaliser must not recurse into them.
  const deep = `${'['.repeat(100_000)}"it-strategist"${']'.repeat(100_000)}`;
  const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  const lineWith = (id: string, extra: Record<string, unknown>, raw: string): string =>
    JSON.stringify(line(id, { ...extra, memo: 'RAW' })).replace('"RAW"', raw);
  const dx = { program: 'municipal-dx-support', costType: 'salary', person: 'p' };
  writeFileSync(
    join(TMP, 'deep-nesting.json'),
    `{"entities":[${JSON.stringify(ENTITY)}],"lines":[${[
      lineWith('L1', {}, `"ok","facts":{"unknownFact":${deepObject}}`),
      lineWith('L2', dx, `"ok","facts":{"ipaExams":${deep}}`),
      lineWith('L3', dx, deep),
    ].join(',')}]}`,
  );

  writeFileSync(
    join(TMP, 'million-empty-rows.csv'),
    `明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額\nL1,392081,宿毛市,city,2025,dx-leader,license,1000\n${'\n'.repeat(1_000_000)}L2,392081,,,2025,dx-leader,license,1.5\n`,
  );
}

/** Runs the CLI on every case, four at a time (each is its own Node process). */
async function runAll(cases: readonly { file: string; args?: readonly string[] }[]) {
  const results = new Map<string, CliResult>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const item = cases[next];
      next += 1;
      if (item === undefined) return;
      results.set(
        item.file,
        await runCli(['evaluate', item.file, '--format', 'json', ...(item.args ?? [])]),
      );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

let results = new Map<string, CliResult>();

beforeAll(async () => {
  generate();
  results = await runAll([...UNREADABLE, ...READABLE]);
}, 120_000);

function resultOf(file: string): CliResult {
  const result = results.get(file);
  if (result === undefined) throw new Error(`${file} was not run`);
  return result;
}

describe('hostile ledgers: unreadable files exit 2, naming the file and position', () => {
  it.each(UNREADABLE.map((item) => [item.file.replace(TMP, '$TMP'), item] as const))(
    '%s',
    (_name, item) => {
      const result = resultOf(item.file);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK);
      // The first line names the rule set ({"rules": …}); the refusal is the last.
      const error = JSON.parse(lastLine(result.stderr)) as { error: { message: string } };
      expect(error.error.message.startsWith(`${item.file}:`)).toBe(true);
      for (const said of item.says) expect(error.error.message).toMatch(said);
    },
  );
});

describe('hostile ledgers: readable files keep every line, bad ones invalid with field and reason', () => {
  it.each(READABLE.map((item) => [item.file.replace(TMP, '$TMP'), item] as const))(
    '%s',
    (_name, item) => {
      const result = resultOf(item.file);
      expect(result.code, result.stderr.slice(0, 2000)).toBe(evaluateExitCode(result.stdout));
      expect(result.stderr).not.toMatch(STACK);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.lines).toHaveLength(item.lines);
      // The row a person sees: a JSON line's position in `lines`; a spreadsheet's row (header = 1),
      // so rising, past the header, and skipping empty rows.
      const rows = report.lines.map((reportLine) => reportLine.row);
      if (/\.jsonl?$/u.test(item.file))
        expect(rows).toEqual(Array.from({ length: item.lines }, (_unused, index) => index + 1));
      else
        rows.forEach((row, index) => {
          expect(row).toBeGreaterThanOrEqual(index + 2);
          if (index > 0) expect(row).toBeGreaterThan(rows[index - 1] ?? 0);
        });
      for (const reportLine of report.lines) {
        const key = reportLine.id.slice(0, 40);
        const fields = Object.hasOwn(item.invalid, key) ? item.invalid[key] : undefined;
        const errors = report.errors.filter(
          (error) => error.line === reportLine.id && error.row === reportLine.row,
        );
        if (fields === undefined) {
          expect(reportLine.status, `${reportLine.id.slice(0, 40)} is evaluated`).not.toBe(
            'invalid',
          );
          continue;
        }
        expect(reportLine.status).toBe('invalid');
        expect([...new Set(errors.map((error) => error.field))].sort()).toEqual([...fields].sort());
        for (const error of errors) {
          expect(error.expected).not.toBe('');
          expect(error.received).not.toBe('');
          // A received value is quoted, never echoed whole: messages stay short.
          expect(error.received.length).toBeLessThan(200);
          // Each error reaches stderr with the file name.
          expect(result.stderr).toContain(item.file);
        }
      }
      expect(
        report.errors.filter((error) => error.line === null).map((error) => error.field),
      ).toEqual(item.entityErrors ?? []);
    },
  );

  it('numbers CSV rows as a spreadsheet does, empty lines and multi-line cells included', () => {
    const emptyRows = resultOf(`${CORPUS}/empty-rows.csv`);
    const rowsOf = (stderr: string) =>
      stderr
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as { row?: number; rules?: unknown })
        .filter((line) => line.rules === undefined)
        .map((line) => line.row);
    expect(rowsOf(emptyRows.stderr)).toEqual([6, 7]);
    // One row number: the report's lines and errors name the rows stderr names.
    const report = JSON.parse(emptyRows.stdout) as Report;
    expect(report.lines.map((line) => line.row)).toEqual([2, 6, 7, 8]);
    expect(report.errors.map((error) => error.row)).toEqual([6, 7]);
    expect(rowsOf(resultOf(join(TMP, 'million-empty-rows.csv')).stderr)).toEqual([1_000_003]);
  });

  it('keeps amounts exact up to the bound of 15 digits', () => {
    const report = JSON.parse(resultOf(`${CORPUS}/amounts.json`).stdout) as Report;
    const max = report.lines.find((reportLine) => reportLine.id === 'ok-max');
    expect(max?.amount).toBe('699999999999999');
    expect(report.lines.find((reportLine) => reportLine.id === 'huge')?.claimed).toBeNull();
  });
});

describe('hostile ledgers: prototype keys', () => {
  it('pollute nothing and read only own properties', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const ledger = JSON.parse(
      readFileSync(join(REPO_ROOT, CORPUS, 'prototype-keys.json'), 'utf8'),
    ) as unknown;
    const report = await evaluate(ledger);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(report.lines.map((reportLine) => [reportLine.id, reportLine.claimed])).toEqual([
      ['proto-field', '1000'],
      ['__proto__', '1000'],
      ['constructor', '1000'],
      ['prototype', '1000'],
    ]);
  });
});

describe('hostile ledgers: formula injection on output', () => {
  const ledger = `${CORPUS}/formula-injection.json`;

  it('escapes = + - @ and tab in CSV cells', async () => {
    const result = await runCli(['evaluate', ledger, '--format', 'csv', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`'=HYPERLINK(""http://evil.example"",""x"")`);
    expect(result.stdout).toContain(`'+1+1`);
    expect(result.stdout).not.toMatch(/(^|,)"?[=+@\t]/mu);
  });

  it('writes text cells, never formulas, from ledger values in xlsx', async () => {
    const out = join(TMP, 'injection.xlsx');
    const result = await runCli(['evaluate', ledger, '--format', 'xlsx', '-o', out, '-q']);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const texts: unknown[] = [];
    sheet?.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^[=+@-]/u.test(cell.value)) texts.push(cell.value);
        expect(
          cell.type === ExcelJS.ValueType.Formula && cell.formula.includes('evil.example'),
        ).toBe(false);
      });
    });
    expect(texts).toContain('=HYPERLINK("http://evil.example","x")');
  }, 30_000);
});
