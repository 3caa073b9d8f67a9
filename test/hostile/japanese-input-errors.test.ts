import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { Report } from '../../src/schema/report.js';
import { runCli, withoutRuleSource } from '../helpers/cli.js';
import { CITY, TOWN, cioLine, ledgerOf } from '../helpers/ledger.js';
import { ledgerFromRows } from '../../src/spreadsheet/ledger-from-rows.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Issue 15 (clerk-first): every input error a clerk reads is Japanese, names the row a person
 * finds (the same on stderr, in the report and on the エラー sheet), and never lists a glossary id
 * without its label.
 */

const CORPUS = 'test/hostile/ledgers';
const glossary = JSON.parse(readFileSync(join(REPO_ROOT, 'rules/glossary.json'), 'utf8')) as {
  programs: Record<string, { label: string }>;
  costTypes: Record<string, { label: string }>;
};
const TERM_IDS = [...Object.keys(glossary.programs), ...Object.keys(glossary.costTypes)];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

/** Glossary ids in a message that stand alone: not quoted as the input and not followed by （label）. */
function bareIds(message: string): string[] {
  const unquoted = message.replace(/"(?:[^"\\]|\\.)*"/gu, '""');
  return TERM_IDS.filter((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-]|（)`, 'u').test(unquoted));
}

function checkMessages(report: Report, file: string): string[] {
  const problems: string[] = [];
  for (const error of report.errors) {
    if (!JAPANESE.test(error.message)) problems.push(`${file}: not Japanese: ${error.message}`);
    // English words of the old messages (a hyphenated id such as contribution-received is not one).
    if (/(?<![\w-])(?:expected|received)(?![\w-])|^line /u.test(error.message))
      problems.push(`${file}: English left: ${error.message}`);
    const bare = bareIds(error.message);
    if (bare.length > 0)
      problems.push(`${file}: ${bare.join(', ')} without label: ${error.message}`);
    if (error.message.length > 2000) problems.push(`${file}: too long: ${error.message}`);
  }
  return problems;
}

describe('input errors for people', () => {
  it('the hostile corpus: every error message is Japanese, with no bare glossary id', async () => {
    const files = readdirSync(join(REPO_ROOT, CORPUS)).filter((name) =>
      /\.(json|jsonl|csv)$/u.test(name),
    );
    const problems: string[] = [];
    let errors = 0;
    for (let index = 0; index < files.length; index += 4) {
      const runs = await Promise.all(
        files
          .slice(index, index + 4)
          .map((name) => runCli(['evaluate', join(CORPUS, name), '--format', 'json'])),
      );
      runs.forEach((run, offset) => {
        const file = files[index + offset] ?? '';
        if (run.stdout.trim() === '') return; // refused as a whole (another test checks those)
        const report = JSON.parse(run.stdout) as Report;
        errors += report.errors.length;
        problems.push(...checkMessages(report, file));
      });
    }
    expect(problems).toEqual([]);
    expect(errors).toBeGreaterThan(20);
  }, 300_000);

  it('new cases: misspelt names get もしかして, codes are stable, at most 5 ids listed', async () => {
    const report = await evaluate(
      ledgerOf(
        [
          cioLine('P', { program: 'cio-aid' }),
          cioLine('C', { costType: 'compensatoin' }),
          cioLine('M', { claim: 'cio-aide-toko' }),
          cioLine('O', { claim: 'dx-leader-training-tokko' }),
          cioLine('E', { facts: { advisoryDuties: true, employment: 'part-tme' } }),
          cioLine('D', { fiscalYear: undefined, date: '2025-05-15 10:00:00' }),
          cioLine('B', { facts: { advisoryDuties: 'yes' } }),
        ],
        [CITY, { ...TOWN, kind: 'tow' }],
      ),
    );
    expect(checkMessages(report, 'inline')).toEqual([]);
    const by = (line: string) => report.errors.find((error) => error.line === line);
    expect(by('P')).toMatchObject({ code: 'UNKNOWN_PROGRAM', field: 'program' });
    expect(by('P')?.message).toContain('もしかして: cio-aide（CIO補佐官等外部人材）');
    expect(by('C')?.code).toBe('UNKNOWN_COST_TYPE');
    expect(by('C')?.message).toMatch(/もしかして: compensation（報酬等/u);
    expect(by('M')?.code).toBe('UNKNOWN_CLAIM');
    expect(by('M')?.message).toContain('もしかして: cio-aide-tokko');
    expect(by('O')?.code).toBe('CLAIM_OTHER_PROGRAM');
    expect(by('E')?.expected).toContain('もしかして: part-time');
    expect(by('D')?.message).toBe(
      'lines の 6 件目（明細ID D）の 支出日（date）: 時刻のない日付（例: 2025-06-30。0:00:00 の時刻は付いていても構いません）を入れてください。入力値: "2025-05-15 10:00:00"',
    );
    expect(by('B')?.expected).toContain('○/×');
    const town = report.errors.find((error) => error.field === 'entities[1].kind');
    expect(town?.code).toBe('FIELD_INVALID');
    expect(town?.message).toContain('もしかして: town（町）');
    for (const error of report.errors) {
      const listed = /近いもの: (.*?)(?: ほか、全 \d+ 件)?）/u.exec(error.expected)?.[1];
      if (listed !== undefined)
        expect(listed.match(/(?:^|、)[a-z][a-z0-9-]*/gu)?.length ?? 0).toBeLessThanOrEqual(5);
    }
  });

  it('a midnight datetime is that date; Japanese labels in JSON give the same report as ids', async () => {
    const ids = ledgerOf(
      [cioLine('A'), cioLine('B', { fiscalYear: undefined, date: '2025-06-30' })],
      [CITY, TOWN],
    );
    const labels = ledgerOf(
      [
        cioLine('A', {
          program: 'CIO補佐官等外部人材',
          costType: '報酬等（期末手当等を含む）（非常勤）',
        }),
        cioLine('B', { fiscalYear: undefined, date: '2025-06-30 0:00:00' }),
      ],
      [CITY, { ...TOWN, kind: '町' }],
    );
    const byIds = await evaluate(ids);
    const byLabels = await evaluate(labels);
    expect(byIds.errors).toEqual([]);
    expect(byLabels).toEqual(byIds);
    for (const date of ['2025-06-30 00:00:00', '2025-06-30T00:00:00']) {
      const report = await evaluate(
        ledgerOf([cioLine('B', { fiscalYear: undefined, date })], [CITY]),
      );
      expect(report.errors).toEqual([]);
    }
  });
});

/** The row of each error: in the report, on stderr (--format json) and on the エラー sheet. */
async function rowsEverywhere(path: string): Promise<{
  report: (number | null)[];
  stderr: (number | null)[];
  sheet: (number | null)[];
  messages: string[];
}> {
  const json = await runCli(['evaluate', path, '--format', 'json']);
  const report = JSON.parse(json.stdout) as Report;
  const stderr = withoutRuleSource(json.stderr)
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { error: { row: number | null } }).error.row);
  const out = join(mkdtempSync(join(tmpdir(), 'kofuzei-ja-')), 'result.xlsx');
  await runCli(['evaluate', path, '--format', 'xlsx', '-o', out]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('エラー');
  const rows: (number | null)[] = [];
  sheet?.eachRow((row, number) => {
    if (number === 1 || row.getCell(1).value !== 'エラー') return;
    const value = row.getCell(3).value;
    rows.push(typeof value === 'number' ? value : null);
  });
  return {
    report: report.errors.map((error) => error.row),
    stderr,
    sheet: rows,
    messages: report.errors.map((error) => error.message),
  };
}

describe('one row number for an error, wherever it is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofuzei-rows-'));
  const header =
    '明細ID,団体コード,団体名,団体区分,年度,事業,経費区分,金額,人物,facts.advisoryDuties';
  const csv = [
    header,
    'L1,392081,宿毛市,市,2025,cio-aide,compensation,1000000,P1,はい',
    'L2,392081,,,2025,cio-aid,compensation,1000000,P2,はい',
    'L3,392081,,,2025,cio-aide,compensation,12.5,P3,はい',
  ].join('\n');

  it('CSV: stderr, report and エラー sheet name the sheet row; the message names it and the column', async () => {
    const path = join(dir, 'ledger.csv');
    writeFileSync(path, `${csv}\n`);
    const rows = await rowsEverywhere(path);
    expect(rows.report).toEqual([3, 4]);
    expect(rows.stderr).toEqual([3, 4]);
    expect(rows.sheet).toEqual([3, 4]);
    expect(rows.messages[0]).toMatch(/^行 3（明細ID L2）の 列 F「事業」（program）: /u);
    expect(rows.messages[1]).toMatch(/^行 4（明細ID L3）の 列 H「金額」（amount）: /u);
  }, 60_000);

  it('JSON: the position in lines and the line/column of the line object in the file', async () => {
    const path = join(dir, 'ledger.json');
    const ledger = ledgerOf([cioLine('L1'), cioLine('L2', { amount: '12.5' })], [CITY]);
    writeFileSync(path, JSON.stringify(ledger, null, 2));
    const rows = await rowsEverywhere(path);
    expect(rows.report).toEqual([2]);
    expect(rows.stderr).toEqual([2]);
    expect(rows.sheet).toEqual([2]);
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf('"id": "L2"') - text.lastIndexOf('{', text.indexOf('"id": "L2"'));
    const line = text.slice(0, text.lastIndexOf('{', text.indexOf('"id": "L2"'))).split('\n');
    expect(at).toBeGreaterThan(0);
    expect(rows.messages[0]).toContain(
      `lines の 2 件目（明細ID L2、ファイルの ${line.length} 行 ${(line.at(-1)?.length ?? 0) + 1} 列目）の 金額（amount）`,
    );
  }, 60_000);

  it('an entity with a bad check digit: the row and the column where it was defined', async () => {
    const path = join(dir, 'entity.csv');
    writeFileSync(
      path,
      `${header}\nL1,392082,宿毛市,市,2025,cio-aide,compensation,1000000,P1,はい\n`,
    );
    const json = await runCli(['evaluate', path, '--format', 'json']);
    const report = JSON.parse(json.stdout) as Report;
    const entity = report.errors.find((error) => error.line === null);
    expect(entity?.row).toBe(2);
    expect(entity?.message).toMatch(
      /^行 2（団体コード 392082 を定めた行）の 列 B「団体コード」（code）: 検査数字（6桁目）が 1 の団体コード/u,
    );
  }, 60_000);
});

describe('Excel date serials in a spreadsheet date column', () => {
  it('45792 is read as 2025-05-15 with a warning; 60 and out-of-range numbers stay errors', async () => {
    const { glossary } = bundledRuleSet();
    const rows = [
      [
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
      ],
      ['L1', '392081', '宿毛市', '市', '45792', 'cio-aide', 'compensation', '1000', 'P1', 'はい'],
      ['L2', '392081', '', '', '60', 'cio-aide', 'compensation', '1000', 'P2', 'はい'],
      ['L3', '392081', '', '', '1000000', 'cio-aide', 'compensation', '1000', 'P3', 'はい'],
    ];
    const ledger = ledgerFromRows(rows, glossary, { source: 'x.csv' });
    const report = await evaluate({ entities: ledger.entities, lines: ledger.lines });
    expect(report.lines.map((line) => [line.id, line.status, line.fiscalYear])).toEqual([
      ['L1', 'eligible', 2025],
      ['L2', 'invalid', null],
      ['L3', 'invalid', null],
    ]);
    expect(report.warnings.filter((warning) => warning.code === 'DATE_SERIAL_READ')).toMatchObject([
      {
        line: 'L1',
        message: expect.stringContaining(
          '数値 45792 を Excel の日付シリアル値として 2025-05-15 と読みました',
        ) as unknown,
      },
    ]);
  });
});

describe('workbooks filled as a clerk fills them, saved by openpyxl and by LibreOffice', () => {
  // openpyxl-iso-dates.xlsx saves 支出日 as date cells (t="d"), once read as the year 1905.
  it.each([
    'openpyxl-datetime-labels.xlsx',
    'openpyxl-iso-dates.xlsx',
    'libreoffice-datetime-labels.xlsx',
  ])(
    '%s: midnight datetimes and Japanese labels read; every line evaluated',
    async (file) => {
      const run = await runCli(['evaluate', join('test/hostile/xlsx', file), '--format', 'json']);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.errors).toEqual([]);
      expect(report.lines.map((line) => [line.id, line.row, line.status, line.fiscalYear])).toEqual(
        [
          ['L1', 2, 'eligible', 2025],
          ['L2', 3, 'eligible', 2025],
          ['L3', 4, 'eligible', 2025],
        ],
      );
    },
    60_000,
  );
});
