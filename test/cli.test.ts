import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, it } from 'vitest';
import { ReportSchema } from '../src/index.js';
import { lastLine, ownStderr, runCli } from './helpers/cli.js';
import { cioLine, ledgerOf } from './helpers/ledger.js';
import { HAS_ACCEPTANCE, REPO_ROOT, RULES_DIR } from './helpers/paths.js';

/**
 * The CLI (docs/contract.md §5) run from source as a user runs it. Each spawn costs about a second, so the
 * tests run concurrently and each checks one invocation thoroughly. Exit codes: 0 ok, 1 failed
 * test or rule errors, 2 unusable input or arguments.
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-cli-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

function tmpFile(name: string, text: string): string {
  const path = join(TMP, name);
  writeFileSync(path, text);
  return path;
}

/** A stack trace line, as Node prints it. */
const STACK = '    at ';

describe.concurrent('kofuzei CLI', { timeout: 60_000 }, () => {
  it.skipIf(!HAS_ACCEPTANCE)(
    'test ../shared/acceptance exits 0: "合格 6 件、不合格 0 件"',
    async ({ expect }) => {
      const result = await runCli(['test', '../shared/acceptance']);
      expect(result.code, ownStderr(result.stderr)).toBe(0);
      // The contract's last line for scripts, after the Japanese one for people.
      expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([
        '合格 6 件、不合格 0 件',
        '6 passed, 0 failed',
      ]);
    },
  );

  it('test on a fixture with a wrong expected value exits 1 and prints the mismatch', async ({
    expect,
  }) => {
    const path = tmpFile(
      'wrong-fixture.json',
      JSON.stringify({
        description: 'one wrong amount',
        ledger: ledgerOf([cioLine('L1', { amount: '1000000' })]),
        expected: { lines: [{ id: 'L1', status: 'eligible', amount: '1' }] },
      }),
    );
    const result = await runCli(['test', path]);
    expect(result.code).toBe(1);
    // Outside the working directory (the repository) a fixture is named by its absolute path, as
    // `--update` and `diff` name it.
    expect(result.stdout.split('\n')).toContain(
      `${path} › 明細 L1 › amount: 期待 "1"、結果 "700000"`,
    );
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '合格 0 件、不合格 1 件',
      '0 passed, 1 failed',
    ]);
  });

  it('test says where a fixture is not JSON, in Japanese, and reads one saved with a BOM', async ({
    expect,
  }) => {
    const broken = tmpFile('broken-fixture.json', '{\n  "description": "x",\n  "ledger": \n}\n');
    const good = {
      description: 'saved by Notepad with a BOM',
      ledger: ledgerOf([cioLine('L1', { amount: '1000000' })]),
      expected: { lines: [{ id: 'L1', status: 'eligible', amount: '700000' }] },
    };
    const bom = tmpFile('bom-fixture.json', `\uFEFF${JSON.stringify(good)}`);
    const result = await runCli(['test', broken, bom]);
    expect(result.code).toBe(1);
    // (Named relative to the working folder when under it, else absolute, by both commands.)
    const where = `broken-fixture.json › (fixture): JSON として読めません（4 行 1 列: `;
    expect(result.stdout).toContain(where);
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '合格 1 件、不合格 1 件',
      '1 passed, 1 failed',
    ]);
    const updated = await runCli(['test', '--update', broken]);
    expect(updated.code).toBe(1);
    expect(updated.stdout).toContain(where);
  });

  it('evaluate samples/ledger.json --format json prints a Report', async ({ expect }) => {
    const result = await runCli(['evaluate', 'samples/ledger.json', '--format', 'json']);
    expect(result.code, ownStderr(result.stderr)).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'samples/ledger.json'), 'utf8')) as {
      lines: { id: string }[];
    };
    expect(report.lines.map((line) => line.id)).toEqual(sample.lines.map((line) => line.id));
  });

  it.for([
    ['a missing file', () => join(TMP, 'no-such-ledger.json')],
    ['a file that is not JSON', () => tmpFile('broken.json', '{"entities": [], "lines": [')],
    ['a .csv ledger with an unknown column', () => tmpFile('ledger.csv', 'id,entity,ふりがな\n')],
  ] as const)(
    'evaluate on %s exits 2, names the file, no stack trace',
    async ([, file], { expect }) => {
      const path = file();
      const result = await runCli(['evaluate', path, '--format', 'json']);
      const stderr = ownStderr(result.stderr);
      expect(result.code).toBe(2);
      expect(stderr).toContain(path);
      expect(stderr).not.toContain(STACK);
      expect(result.stdout).toBe('');
    },
  );

  it('evaluate a Shift_JIS CSV ledger --format csv writes a UTF-8 CSV with BOM; row and column on stderr', async ({
    expect,
  }) => {
    const header =
      '明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額,人物,facts.advisoryDuties';
    const rows = [
      'L1,392081,宿毛市,市,2025,cio-aide,compensation,"3,600,000円",P1,はい',
      'L2,392081,,,2025,cio-aide,compensation,12.5,P2,はい',
    ];
    const path = join(TMP, 'sjis.csv');
    writeFileSync(path, iconv.encode(`${header}\r\n${rows.join('\r\n')}\r\n`, 'cp932'));
    const out = join(TMP, 'result.csv');
    const result = await runCli(['evaluate', path, '--format', 'csv', '-o', out]);
    // L2 is invalid: exit 1, the result file written all the same.
    expect(result.code, ownStderr(result.stderr)).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF明細ID,')).toBe(true);
    expect(text).toContain('L1,392081 宿毛市,2025,対象,市町村におけるCIO補佐官等');
    // 経費区分 by its label, found by the line's sheet row (row 2).
    expect(text).toMatch(/^L1,392081 宿毛市,.*,報酬等（期末手当等を含む）（非常勤）,/mu);
    // L2 is on the sheet's row 3 (header = row 1): the result file's 行 and stderr say so alike.
    const head = text.replace('\uFEFF', '').split(/\r?\n/u)[0] ?? '';
    const second = /^L2,392081 宿毛市,2025,入力エラー,.*$/mu.exec(text)?.[0] ?? '';
    expect(second.split(',')[head.split(',').indexOf('行')]).toBe('3');
    expect(ownStderr(result.stderr)).toContain(
      `${path}: 行 3（明細ID L2）の 列 H「金額」（amount）: 小数や指数のない整数の円`,
    );
  });

  it('evaluate --format xlsx writes the result workbook; template writes the ledger template', async ({
    expect,
  }) => {
    const template = join(TMP, 'template.xlsx');
    expect((await runCli(['template', '-o', template])).code).toBe(0);
    const out = join(TMP, 'result.xlsx');
    const result = await runCli(['evaluate', template, '--format', 'xlsx', '-o', out]);
    // The untouched template holds only its example row: refused, so exit 1, the workbook written.
    expect(result.code, ownStderr(result.stderr)).toBe(1);
    expect(ownStderr(result.stderr)).toContain('様式の記入例の行です');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('evaluate --format json prints errors as JSON on stderr', async ({ expect }) => {
    const result = await runCli(['evaluate', join(TMP, 'missing.csv'), '--format', 'json']);
    expect(result.code).toBe(2);
    // The first line names the rule set ({"rules": …}); the error is the last.
    const error = JSON.parse(lastLine(ownStderr(result.stderr))) as {
      error: { code: string; message: string };
    };
    expect(error.error.code).toBe('LEDGER_UNREADABLE');
  });

  it('evaluate --format bogus exits 2 and names the option, no stack trace', async ({ expect }) => {
    const result = await runCli(['evaluate', 'samples/ledger.json', '--format', 'bogus']);
    const stderr = ownStderr(result.stderr);
    expect(result.code).toBe(2);
    expect(stderr).toContain('--format bogus');
    expect(stderr).not.toContain(STACK);
    expect(result.stdout).toBe('');
  });

  it('evaluate on a ledger with an invalid line exits 0; stderr names file, line and field', async ({
    expect,
  }) => {
    const path = tmpFile(
      'one-bad-line.json',
      JSON.stringify(ledgerOf([cioLine('GOOD'), cioLine('BAD-7', { amount: '12.5' })])),
    );
    const result = await runCli(['evaluate', path, '--format', 'json']);
    // An invalid line fails the run (exit 1) and the report is still written whole.
    expect(result.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.lines.map((line) => line.status)).toEqual(['eligible', 'invalid']);
    const [rules, stderr = '', ...more] = ownStderr(result.stderr).trim().split('\n');
    expect(rules).toMatch(/^\{"rules":/u);
    expect(more).toEqual([]);
    expect(stderr).toContain(path);
    expect(stderr).toContain('BAD-7');
    expect(stderr).toContain('amount');
    expect(stderr).not.toContain(STACK);
  });

  it('evaluate exits 1 for undetermined lines only with --fail-on undetermined', async ({
    expect,
  }) => {
    // The sample has eligible, ineligible and one undetermined line, and no invalid one.
    const plain = await runCli(['evaluate', 'samples/ledger.json', '--format', 'json', '-q']);
    expect(plain.code, plain.stderr).toBe(0);
    const strict = await runCli([
      'evaluate',
      'samples/ledger.json',
      '--format',
      'json',
      '-q',
      '--fail-on',
      'undetermined',
    ]);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toBe(plain.stdout);
    const bogus = await runCli(['evaluate', 'samples/ledger.json', '--fail-on', 'bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('--fail-on bogus');
  });

  it('--version and -V print the package version', async ({ expect }) => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(manifest.version);
    }
  });

  it('check-rules rules exits 0', async ({ expect }) => {
    const result = await runCli(['check-rules', 'rules']);
    expect(result.code, result.stdout + ownStderr(result.stderr)).toBe(0);
    expect(lastLine(result.stdout)).toContain('OK');
  });

  it('check-rules on rules with a broken quote and a year gap exits 1 and lists both', async ({
    expect,
  }) => {
    const dir = join(TMP, 'rules');
    cpSync(RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'cio-aide-tokko.json');
    const measure = JSON.parse(readFileSync(file, 'utf8')) as {
      sources: Record<string, { quote: string }>;
      versions: { id: string; fiscalYears: { from: number } }[];
    };
    const source = measure.sources['recruitment-table'];
    if (source === undefined) throw new Error('test setup: no recruitment-table source');
    source.quote = source.quote.replace('100万円', '900万円');
    const later = measure.versions[1];
    if (later === undefined) throw new Error('test setup: no second version');
    later.fiscalYears.from = 2025; // FY2024 is now covered by no version
    writeFileSync(file, JSON.stringify(measure, null, 2));

    const result = await runCli(['check-rules', dir]);
    expect(result.code).toBe(1);
    const problems = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('cio-aide-tokko.json'));
    expect(problems).toHaveLength(2);
    expect(
      problems.some((line) => line.includes('recruitment-table') && line.includes('引用が資料')),
    ).toBe(true);
    expect(problems.some((line) => line.includes('年度の空白') && line.includes('FY2024'))).toBe(
      true,
    );
    // Each problem names the measure by its title, the id in brackets.
    for (const line of problems)
      expect(line).toContain(
        '市町村におけるCIO補佐官等としての外部人材の任用等に係る特別交付税措置（cio-aide-tokko） › ',
      );
    expect(lastLine(result.stdout)).toBe(`${dir}: 問題 2 件`);
    expect(ownStderr(result.stderr)).not.toContain(STACK);
  });

  it('an unknown command exits 2', async ({ expect }) => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(ownStderr(result.stderr)).toContain('frobnicate');
    expect(ownStderr(result.stderr)).not.toContain(STACK);
  });
});
