import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { StreamLedger } from '../evaluate/evaluate-stream.js';
import type { Glossary } from '../schema/glossary.js';
import { csvParseOptions } from '../spreadsheet/csv/csv-parse-options.js';
import type { CsvEncoding } from '../spreadsheet/csv/decode-csv.js';
import { unescapeFormula } from '../spreadsheet/csv/escape-formula.js';
import { csvUnreadable } from '../spreadsheet/csv/csv-unreadable.js';
import { LedgerRowReader } from '../spreadsheet/ledger-from-rows.js';
import { emptySheet } from '../spreadsheet/sheet-refusals.js';
import { foreignLedgerBytes, SNIFF_BYTES } from '../spreadsheet/foreign-ledger-bytes.js';
import { ledgerUnreadable } from '../core/ledger-file-refusals.js';
import { checkingItsLines } from '../evaluate/checks-its-lines.js';
import { VerifiedFile } from './verified-file.js';

/** A record longer than this is refused: a ledger row is short, a runaway quote is not. */
const MAX_RECORD_BYTES = 1024 * 1024;

/** A streamed CSV ledger: where each line came from is kept as the skipped rows, not per line. */
export interface CsvLinesLedger extends StreamLedger {
  readonly encoding: CsvEncoding;
  readonly headers: readonly string[];
  readonly columnOf: ReadonlyMap<string, string>;
  /** The sheet row (header = 1) of the line at a 0-based position. */
  rowNumber(position: number): number;
}

/** The file's first SNIFF_BYTES bytes: enough to tell a UTF-16 text or a workbook from a CSV. */
function leadingBytes(path: string): Uint8Array {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw ledgerUnreadable(path, error);
  }
}

/** Throws on the first byte sequence that is not UTF-8, so the caller can read again as CP932. */
class NotUtf8 extends Error {}

/** The file's records as arrays of cells, with their sheet row numbers (empty lines counted). */
async function* records(
  file: VerifiedFile,
  encoding: CsvEncoding,
): AsyncGenerator<{ cells: string[]; row: number }> {
  // Each read is checked to be of the file the first pass read (LEDGER_CHANGED_DURING_RUN).
  const bytes = file.stream();
  const parser = parse({
    ...csvParseOptions(),
    max_record_size: MAX_RECORD_BYTES,
  });
  const decoder = encoding === 'utf8' ? new TextDecoder('utf-8', { fatal: true }) : null;
  const cp932 = encoding === 'shift_jis' ? iconv.getDecoder('cp932') : null;
  const feed = (async () => {
    try {
      for await (const chunk of bytes) {
        const buffer = chunk as Buffer;
        let text: string;
        try {
          text =
            decoder !== null
              ? decoder.decode(buffer, { stream: true })
              : (cp932?.write(buffer) ?? '');
        } catch {
          throw new NotUtf8();
        }
        if (parser.destroyed) return;
        if (!parser.write(text))
          // Resumes on drain, or stops when the parser fails (a runaway record) or is closed.
          await new Promise<void>((resolve) => {
            const done = (): void => {
              parser.off('drain', done);
              parser.off('close', done);
              resolve();
            };
            parser.on('drain', done);
            parser.on('close', done);
          });
      }
      if (parser.destroyed) return;
      const rest = decoder !== null ? decoder.decode() : (cp932?.end() ?? '');
      if (rest !== '') parser.write(rest);
      parser.end();
    } catch (error) {
      bytes.destroy();
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const item of parser) {
      const { record, info } = item as {
        record: string[];
        info: { records: number; empty_lines: number };
      };
      yield { cells: record.map(unescapeFormula), row: info.records + info.empty_lines };
    }
  } finally {
    bytes.destroy();
    await feed;
  }
}

/**
 * A CSV ledger read as a stream (README "Spreadsheets"): a first pass finds the encoding (UTF-8,
 * else CP932), checks the header and collects the entities the rows define; each later pass reads
 * the file again and yields its lines. Memory is bounded by entities, whatever the file's size.
 */
export async function readCsvLinesLedger(
  path: string,
  glossary: Glossary,
): Promise<CsvLinesLedger> {
  const file = new VerifiedFile(path);
  const foreign = foreignLedgerBytes(leadingBytes(path), path, 'csv');
  if (foreign !== null) throw foreign;
  const survey = async (encoding: CsvEncoding) => {
    let reader: LedgerRowReader | null = null;
    // Line positions at which the sheet row jumps (skipped empty rows): few, unlike lines.
    const jumps: { position: number; row: number }[] = [];
    let position = 0;
    for await (const { cells, row } of records(file, encoding)) {
      if (reader === null) {
        reader = new LedgerRowReader(row === 1 ? cells : [], glossary, {
          source: path,
          surplusCells: 'invalid',
        });
        if (row === 1) continue;
      }
      if (reader.line(cells, row) === null) continue;
      const last = jumps.at(-1);
      const expected = last === undefined ? position + 2 : last.row + (position - last.position);
      if (row !== expected) jumps.push({ position, row });
      position += 1;
    }
    if (reader === null) throw emptySheet(path);
    return { reader, jumps };
  };
  let encoding: CsvEncoding = 'utf8';
  let surveyed: Awaited<ReturnType<typeof survey>>;
  try {
    try {
      surveyed = await survey('utf8');
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
      // Not valid UTF-8: Excel's 「CSV (コンマ区切り)」 is CP932 (Windows-31J).
      encoding = 'shift_jis';
      surveyed = await survey(encoding);
    }
  } catch (error) {
    throw csvUnreadable(path, error);
  }
  const { reader, jumps } = surveyed;
  // Each read is checked against the file first opened (VerifiedFile): ids alone are compared.
  const lines = checkingItsLines(async function* lines(): AsyncGenerator<Record<string, unknown>> {
    let rows: LedgerRowReader | null = null;
    try {
      for await (const { cells, row } of records(file, encoding)) {
        if (rows === null) {
          rows = new LedgerRowReader(row === 1 ? cells : [], glossary, {
            source: path,
            surplusCells: 'invalid',
          });
          if (row === 1) continue;
        }
        const line = rows.line(cells, row);
        if (line !== null) yield line;
      }
    } catch (error) {
      throw csvUnreadable(path, error);
    }
  });
  return {
    entities: reader.entities,
    lines,
    encoding,
    headers: reader.headers,
    columnOf: reader.columnOf,
    rowNumber(position) {
      // The last jump at or before the position: rows run on one by one from there.
      let low = 0;
      let high = jumps.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((jumps[middle]?.position ?? 0) <= position) low = middle + 1;
        else high = middle;
      }
      const jump = jumps[low - 1];
      return jump === undefined ? position + 2 : jump.row + (position - jump.position);
    },
  };
}
