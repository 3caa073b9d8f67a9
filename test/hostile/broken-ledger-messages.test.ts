import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/core/input-limits.js';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { readCsvLinesLedger } from '../../src/node/read-csv-lines.js';
import { readLedgerFile } from '../../src/node/read-ledger-file.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { readSpreadsheetFile } from '../../src/spreadsheet/read-spreadsheet-file.js';
import { lastLine, runCli, type CliResult } from '../helpers/cli.js';

/**
 * Clerk-first for whole-file refusals (issue 15): a ledger file that cannot be read at all is
 * refused in Japanese, naming the file and the row/column a person sees (行 1 = the header row) or
 * the line and column of the text — through the CLI and through the library readers. English is
 * allowed only inside the trailing parenthesis that quotes an underlying parser (csv-parse).
 */

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
/** Words of the English refusals these replaced. */
const ENGLISH = /\b(expected|not|cannot|empty|larger|unknown|row|column|line|header|file)\b/i;

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-broken-'));

interface Broken {
  readonly name: string;
  /** The file's bytes; null: a sparse file just over the .json limit. */
  readonly content: string | Uint8Array | null;
  /** What the message must say besides the file name: the place and the reason. */
  readonly says: readonly string[];
}

const BROKEN: Broken[] = [
  { name: 'empty.csv', content: '', says: ['行 1', 'ファイルが空です'] },
  { name: 'no-header.csv', content: ',,\nA,392081,1\n', says: ['行 1', '見出し行がありません'] },
  {
    name: 'duplicate-columns.csv',
    content: '明細ID,金額,amount\nA,1,1\n',
    says: ['行 1、列 C「amount」', '「金額」と同じ項目の列'],
  },
  {
    name: 'unknown-column.csv',
    content: '明細ID,ふりがな\nA,x\n',
    says: ['行 1、列 B「ふりがな」', '列名として知らない見出し'],
  },
  {
    name: 'open-quote.csv',
    content: '明細ID,金額\nA,1\n"B,2\n',
    says: ['CSV として読めません（3 行目）', '閉じられない'],
  },
  {
    // UTF-16 is neither UTF-8 nor Shift_JIS: told by its BOM (foreign-ledger-bytes.test.ts).
    name: 'utf16.csv',
    content: new Uint8Array(Buffer.from('\uFEFF明細ID,金額\n', 'utf16le')),
    says: ['文字コードが UTF-16（先頭が FF FE）です', 'UTF-8 と Shift_JIS'],
  },
  {
    name: 'bad.json',
    content: '{\n  "entities": [],\n  "lines": [1,, 2]\n}\n',
    says: ['JSON として読めません（3 行 15 列）', 'JSON の値'],
  },
  { name: 'blank.json', content: '  \n', says: ['ファイルが空です'] },
  { name: 'array.json', content: '[]', says: ['台帳の形ではありません', '"entities"'] },
  {
    name: 'bad-first-line.jsonl',
    content: '{"entities": [}\n{"id": "A"}\n',
    says: ['bad-first-line.jsonl:1:', '最初の行を JSON として読めません（1 行 15 列）'],
  },
  {
    name: 'no-entities.jsonl',
    content: '{"lines": []}\n',
    says: ['no-entities.jsonl:1:', '最初の行は {"entities": [...]}'],
  },
  {
    // A .json ledger on one line saved as .jsonl: its lines were dropped, exit 0.
    name: 'whole-ledger-on-first-line.jsonl',
    content:
      '{"entities": [{"code": "392081", "name": "宿毛市", "kind": "city"}], "lines": [{"id": "L1", "entity": "392081", "fiscalYear": 2025, "program": "cio-aide", "costType": "recruitment", "amount": "1000"}]}\n',
    says: [
      'whole-ledger-on-first-line.jsonl:1:',
      '最初の行に entities 以外のキー "lines" があります',
      '拡張子を .json に',
    ],
  },
  { name: 'empty.jsonl', content: '\n\n', says: ['ファイルが空です'] },
  {
    name: 'broken.xlsx',
    content: 'PK this is not a workbook',
    says: ['xlsx のブックとして読めません'],
  },
  { name: 'oversized.json', content: null, says: ['上限 500 MiB を超えています', '.jsonl'] },
  { name: 'missing.json', content: '', says: ['読めません（ファイルがありません）'] },
];

const pathOf = (name: string): string => join(TMP, name);

/** The part of a message a person reads after the file name, without a quoted parser's words. */
function detailOf(message: string, path: string): string {
  const detail = message.slice(message.indexOf(path) + path.length);
  return detail.replace(/（[^（）]*[A-Za-z]{4,}[^（）]*）$/u, '');
}

function expectClerkText(message: string, item: Broken): void {
  const path = pathOf(item.name);
  expect(message).toContain(path);
  const detail = detailOf(message, path);
  expect(detail, message).toMatch(JAPANESE);
  expect(detail, message).not.toMatch(ENGLISH);
  for (const said of item.says) expect(message).toContain(said);
}

beforeAll(() => {
  for (const item of BROKEN) {
    if (item.name === 'missing.json') continue;
    if (item.content === null) {
      // Sparse: the size is checked before anything is read.
      const fd = openSync(pathOf(item.name), 'w');
      ftruncateSync(fd, INPUT_LIMITS.jsonBytes + 1);
      closeSync(fd);
    } else writeFileSync(pathOf(item.name), item.content);
  }
});

/** The library reader the CLI uses for each kind of file. */
async function readWithLibrary(path: string): Promise<unknown> {
  const glossary = bundledRuleSet().glossary;
  if (path.endsWith('.json')) return readLedgerFile(path);
  if (path.endsWith('.csv')) return readCsvLinesLedger(path, glossary);
  return readSpreadsheetFile(path, glossary);
}

describe('broken ledger files are refused in Japanese, with the place', () => {
  it('the detector sees the old English refusals', () => {
    const old = `${pathOf('x.csv')}: row 1: the file is empty (expected a header row)`;
    expect(detailOf(old, pathOf('x.csv'))).toMatch(ENGLISH);
    expect(detailOf(old, pathOf('x.csv'))).not.toMatch(JAPANESE);
  });

  it.each(BROKEN.filter((item) => !item.name.endsWith('.jsonl')).map((item) => [item.name, item]))(
    'library: %s',
    async (_name, item) => {
      const refusal = await readWithLibrary(pathOf(item.name)).then(
        () => null,
        (error: unknown) => error,
      );
      // array.json parses: it is the commands that refuse a JSON value that is not a ledger.
      if (item.name === 'array.json') {
        expect(refusal).toBeNull();
        return;
      }
      expect(refusal).toBeInstanceOf(KofuzeiError);
      expectClerkText((refusal as KofuzeiError).message, item);
    },
  );

  it('CLI: every file exits 2 with the refusal on stderr', async () => {
    const results = new Map<string, CliResult>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let item = BROKEN[next++]; item !== undefined; item = BROKEN[next++])
        results.set(item.name, await runCli(['evaluate', pathOf(item.name), '--format', 'json']));
    };
    await Promise.all([worker(), worker(), worker()]);
    for (const item of BROKEN) {
      const result = results.get(item.name) as CliResult;
      expect(result.code, `${item.name}: ${result.stderr}`).toBe(2);
      const { error } = JSON.parse(lastLine(result.stderr)) as { error: { message: string } };
      expectClerkText(error.message, item);
    }
  }, 300_000);
});
