import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/codes.js';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { readCsvLinesLedger } from '../../src/node/read-csv-lines.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { foreignLedgerBytes } from '../../src/spreadsheet/foreign-ledger-bytes.js';
import { readSpreadsheetFile } from '../../src/spreadsheet/read-spreadsheet-file.js';
import { readLedgerBytes } from '../../src/web/read-ledger-bytes.js';
import { lastLine, runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

/**
 * Clerk-first (issue 15): a file that is not the text its extension says — a CSV saved as UTF-16
 * (Excel's 「Unicode テキスト」), an .xlsx workbook named .csv, an old .xls or a password-protected
 * workbook (both OLE compound files) — is refused saying what it is and how to save it, instead
 * of being read as one unknown column or a broken zip.
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-foreign-'));
const CSV_TEXT =
  '明細ID,団体コード,年度,事業,経費区分,金額\r\nL1,131016,2024,cio-aide,remuneration,100000\r\n';

/** The 512-byte header of an OLE compound file (MS-CFB, version 3), as .xls files begin. */
function oleHeader(): Buffer {
  const header = Buffer.alloc(512, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3 (512-byte sectors)
  header.writeUInt16LE(0xfffe, 28); // byte order: little-endian
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sector
  header.fill(0xff, 76); // DIFAT: unused
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  return Buffer.concat([header, Buffer.alloc(1024, 0xff)]);
}

const WORKBOOK = readFileSync(join(REPO_ROOT, 'test/hostile/xlsx/exceljs-good.xlsx'));

interface Foreign {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly code: ErrorCode;
  readonly says: readonly string[];
}

const UTF16 = ['UTF-8 と Shift_JIS', '「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」'];
const FOREIGN: readonly Foreign[] = [
  {
    name: 'utf16le-bom.csv',
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV_TEXT, 'utf16le')]),
    code: 'LEDGER_ENCODING_UNSUPPORTED',
    says: ['文字コードが UTF-16（先頭が FF FE）です', ...UTF16],
  },
  {
    name: 'utf16be-bom.csv',
    bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV_TEXT, 'utf16le').swap16()]),
    code: 'LEDGER_ENCODING_UNSUPPORTED',
    says: ['文字コードが UTF-16（先頭が FE FF）です', ...UTF16],
  },
  {
    name: 'utf16le-no-bom.csv',
    bytes: Buffer.from(CSV_TEXT, 'utf16le'),
    code: 'LEDGER_ENCODING_UNSUPPORTED',
    says: ['UTF-16 など（NUL バイトが多い）', ...UTF16],
  },
  {
    name: 'workbook.csv',
    bytes: WORKBOOK,
    code: 'LEDGER_FORMAT_UNSUPPORTED',
    says: ['Excel ブック（.xlsx などの ZIP 形式）で、CSV ではありません', '.xlsx として読み込む'],
  },
  {
    name: 'old-workbook.csv',
    bytes: oleHeader(),
    code: 'LEDGER_FORMAT_UNSUPPORTED',
    says: ['古い形式の Excel ブック（.xls）か、パスワード付きのブックです（CSV ではありません）'],
  },
  {
    name: 'old-or-locked.xlsx',
    bytes: oleHeader(),
    code: 'LEDGER_FORMAT_UNSUPPORTED',
    says: [
      '古い形式の Excel ブック（.xls）か、パスワード付きのブックです',
      '「Excel ブック（.xlsx）」として保存し直して',
    ],
  },
];

for (const item of FOREIGN) writeFileSync(join(TMP, item.name), item.bytes);
copyFileSync(join(TMP, 'old-workbook.csv'), join(TMP, 'book.xls'));

function expectRefusal(error: unknown, item: Foreign, source: string): void {
  expect(error).toBeInstanceOf(KofuzeiError);
  const refusal = error as KofuzeiError;
  expect(refusal.code).toBe(item.code);
  expect(refusal.message.startsWith(`${source}: `)).toBe(true);
  for (const said of item.says) expect(refusal.message).toContain(said);
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('a file that is not the text its extension says is refused for what it is', () => {
  const glossary = bundledRuleSet().glossary;

  it.each(FOREIGN.map((item) => [item.name, item]))('library: %s', async (_name, item) => {
    const path = join(TMP, item.name);
    expectRefusal(await failure(readSpreadsheetFile(path, glossary)), item, path);
    expectRefusal(await failure(readLedgerBytes(item.name, item.bytes, glossary)), item, item.name);
    if (item.name.endsWith('.csv'))
      expectRefusal(await failure(readCsvLinesLedger(path, glossary)), item, path);
  });

  it('a head of nothing but NUL bytes is no UTF-16: the usual checks name it', () => {
    // UTF-16 text has its letters between the NULs; a file of zeros (damaged, preallocated, the
    // hostile suite's sparse oversized.csv) is refused by the CSV reader for what it is.
    const zeros = new Uint8Array(4096);
    expect(foreignLedgerBytes(zeros, 'zeros.csv', 'csv')).toBeNull();
    const utf16 = new Uint8Array(Buffer.from('id,entity\r\n', 'utf16le'));
    expect(foreignLedgerBytes(utf16, 'wide.csv', 'csv')?.code).toBe('LEDGER_ENCODING_UNSUPPORTED');
  });

  it('the same rows in UTF-8 and in Shift_JIS are still read', async () => {
    const path = join(TMP, 'utf8.csv');
    writeFileSync(path, CSV_TEXT);
    expect((await readCsvLinesLedger(path, glossary)).encoding).toBe('utf8');
    const sjis = join(TMP, 'sjis.csv');
    writeFileSync(
      sjis,
      Buffer.from((await import('iconv-lite')).default.encode(CSV_TEXT, 'cp932')),
    );
    expect((await readCsvLinesLedger(sjis, glossary)).encoding).toBe('shift_jis');
  });

  it('CLI: each exits 2 with its code; an .xls is told to be saved as .xlsx', async () => {
    for (const item of FOREIGN) {
      const path = join(TMP, item.name);
      const result = await runCli(['evaluate', path, '--format', 'json', '--quiet']);
      expect(result.code, result.stderr).toBe(2);
      const { error } = JSON.parse(lastLine(result.stderr)) as {
        error: { code: string; message: string };
      };
      expectRefusal(new KofuzeiError(error.code as ErrorCode, error.message), item, path);
    }
    const xls = join(TMP, 'book.xls');
    for (const args of [
      ['evaluate', xls, '--quiet'],
      ['template', '-o', join(TMP, 'out.xlsx'), '--ledger', xls],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(lastLine(result.stderr)).toContain(
        `${xls}: .xls（古い形式の Excel ブック）は読めません。Excel で開き、「Excel ブック（.xlsx）」として保存し直して`,
      );
    }
  }, 300_000);
});
