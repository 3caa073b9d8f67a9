import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { ledgerUnreadable } from '../core/ledger-file-refusals.js';
import type { StreamLedger } from '../evaluate/evaluate-stream.js';
import { skippingLines, UNREAD_LINE, type LinesWanted } from '../evaluate/unread-line.js';
import { skimEntity, skimLine } from '../ledger/skim-line.js';
import { checkingItsLines } from '../evaluate/checks-its-lines.js';
import { VerifiedFile } from './verified-file.js';
import { parseStrictJson, StrictJsonError } from '../ledger/parse-strict-json.js';
import { noteSourcePosition } from '../ledger/source-position.js';
import { UnparsedJsonLine } from '../ledger/unparsed-json-line.js';
import { sourceProblemsOf } from '../ledger/source-problems.js';
import { columnAt } from '../ledger/parse-ledger-text.js';

const HEADER_LIMIT = 256 * 1024 * 1024;

/**
 * A ledger line is short; a line longer than this (a runaway memo, a whole ledger pasted on one
 * line) is one invalid line (RECORD_TOO_LONG), read no further: parsed, it could take the
 * memory-capped stream past its heap. As a CSV record's limit.
 */
const MAX_LINE_BYTES = 1024 * 1024;

/** A line past MAX_LINE_BYTES: its first bytes and its length. */
interface LongLine {
  readonly start: Buffer;
  readonly bytes: number;
}

/** The first non-empty line of a file, read in chunks (the file may be gigabytes). */
function firstLine(path: string): { text: string; number: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw ledgerUnreadable(path, error);
  }
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let number = 0;
    let read = 0;
    for (;;) {
      const bytes = readSync(fd, chunk, 0, chunk.length, read);
      read += bytes;
      pending += bytes === 0 ? decoder.end() : decoder.write(chunk.subarray(0, bytes));
      let newline = pending.indexOf('\n');
      while (newline >= 0 || (bytes === 0 && pending !== '')) {
        const end = newline >= 0 ? newline : pending.length;
        number += 1;
        const text = pending
          .slice(0, end)
          .replace(/^\uFEFF/, '')
          .trim();
        pending = pending.slice(end + 1);
        if (text !== '') return { text, number };
        newline = pending.indexOf('\n');
      }
      if (bytes === 0)
        throw new KofuzeiError(
          'LEDGER_UNUSABLE',
          `${path}: ファイルが空です（JSON Lines の台帳は 1 行目に {"entities": [...]} を書きます）`,
        );
      if (pending.length > HEADER_LIMIT)
        throw new KofuzeiError(
          'LEDGER_UNUSABLE',
          `${path}:${number + 1}: ${number + 1} 行目（最初の行）が 256 MB を超えています`,
        );
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of a text file as bytes, read in megabyte chunks (faster than node:readline for big
 * files); the read is verified to be of the file first opened (see VerifiedFile).
 *
 * Lines are cut at newline bytes and each is decoded on its own (or not at all: a line of another
 * entity on a pass of the fact search, see skimEntity). Decoding a whole chunk and splitting
 * the text would hand out slices of one megabyte string: any id or fact the evaluation keeps from a
 * line (person facts, interned ids, the recent-reads cache) would then keep its whole chunk alive,
 * and a stream of a few hundred megabytes outgrew the streaming heap cap. A newline byte never occurs
 * inside a multi-byte UTF-8 character, so cutting bytes is safe.
 */
async function* byteLines(file: VerifiedFile): AsyncGenerator<Buffer | LongLine> {
  const pending = new PendingLine();
  for await (const chunk of file.chunks()) {
    let start = 0;
    let newline = chunk.indexOf(0x0a);
    while (newline >= 0) {
      if (pending.empty && newline - start <= MAX_LINE_BYTES + 1)
        yield chunk.subarray(start, newline);
      else {
        pending.take(chunk.subarray(start, newline));
        yield pending.end();
      }
      start = newline + 1;
      newline = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) pending.take(chunk.subarray(start));
  }
  // A last line without a newline; a truncated character at the very end reads as U+FFFD.
  if (!pending.empty) yield pending.end();
}

/**
 * The start of a line that runs on past the chunks read so far (a list, so a long line is copied
 * once when it ends, not at every chunk); past MAX_LINE_BYTES only its start and length are kept.
 */
class PendingLine {
  private parts: Buffer[] = [];
  private bytes = 0;
  private long: { start: Buffer; bytes: number } | null = null;

  get empty(): boolean {
    return this.parts.length === 0 && this.long === null;
  }

  take(part: Buffer): void {
    if (this.long !== null) {
      this.long.bytes += part.length;
      return;
    }
    this.parts.push(part);
    this.bytes += part.length;
    // One byte more than the limit: the CR of a CRLF line, which the limit does not count.
    if (this.bytes > MAX_LINE_BYTES + 1) {
      this.long = { start: Buffer.concat(this.parts).subarray(0, 120), bytes: this.bytes };
      this.parts = [];
    }
  }

  end(): Buffer | LongLine {
    const line: Buffer | LongLine =
      this.long ??
      (this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts));
    this.parts = [];
    this.bytes = 0;
    this.long = null;
    return line;
  }
}

/**
 * Whether the line at `row` may be one `wanted`: false only when its bytes show it is not (see
 * skimLine: a line that is not valid JSON reaches the evaluation as text, of no entity).
 */
function mayBeWanted(bytes: Buffer, row: number, wanted: LinesWanted): boolean {
  if (wanted.line === undefined) {
    const entity = skimEntity(bytes);
    return entity === null || wanted.entities.has(entity);
  }
  const { entity, person } = skimLine(bytes);
  if (entity === null) return true;
  if (!wanted.entities.has(entity)) return false;
  return person === null || wanted.line(row, entity, person);
}

/**
 * A JSON Lines ledger: the first non-empty line is `{"entities": [...]}`, every other non-empty line
 * one ledger line. Lines are read from disk again on each pass, so memory stays bounded; a line that
 * is not valid JSON reaches the evaluator as its text and is reported invalid with its row. Lines are
 * read with the strict reader, as .json ledgers are: inexact number literals keep their text and
 * duplicate keys are noted for the normaliser; a duplicate key in the first line refuses the file.
 */
export function readJsonLinesLedger(path: string): StreamLedger {
  // Identity taken before the header is read: every later pass is checked against it.
  const file = new VerifiedFile(path);
  const header = firstLine(path);
  let parsed: unknown;
  try {
    parsed = parseStrictJson(header.text, { recordDepth: 2, firstLine: header.number });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}:${header.number}: 最初の行を JSON として読めません（${header.number} 行 ${columnAt(header.text, 0, error.offset)} 列）: ${error.message}`,
    );
  }
  const [duplicate] = sourceProblemsOf(parsed);
  if (duplicate !== undefined)
    throw new KofuzeiError(
      'LEDGER_DUPLICATE_KEY',
      `${path}:${header.number}: 最初の行でキー ${JSON.stringify(duplicate.field)} が2度書かれています（${duplicate.received}）。どちらが正しいか決められないため読み込みません`,
    );
  const entities =
    parsed !== null && typeof parsed === 'object'
      ? (parsed as { entities?: unknown }).entities
      : undefined;
  if (!Array.isArray(entities)) {
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}:${header.number}: 最初の行は {"entities": [...]}（団体の一覧）でなければなりません`,
    );
  }
  // Nothing else is read from the first line: lines written there (a .json ledger on one line,
  // saved as .jsonl) would be dropped with nothing said.
  // $schema (an editor's schema link) is allowed, as in a .json ledger.
  const other = Object.keys(parsed as object).find(
    (key) => key !== 'entities' && key !== '$schema',
  );
  if (other !== undefined)
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}:${header.number}: 最初の行に entities 以外のキー ${JSON.stringify(other)} があります。` +
        'JSON Lines の台帳は 1 行目に {"entities": [...]} だけを書き、明細は 2 行目から 1 行に 1 件ずつ書きます' +
        '（{"entities": [...], "lines": [...]} の形の台帳なら、拡張子を .json にしてください）',
    );
  // Each read is checked against the file first opened (VerifiedFile): ids alone are compared.
  const lines = checkingItsLines(
    skippingLines(async function* lines(wanted?: LinesWanted): AsyncGenerator {
      let number = 0;
      // The lines given so far: the place `wanted.line` is asked with.
      let given = 0;
      for await (const bytes of byteLines(file)) {
        number += 1;
        if (number <= header.number) continue;
        const length = Buffer.isBuffer(bytes)
          ? bytes.length - (bytes[bytes.length - 1] === 0x0d ? 1 : 0)
          : bytes.bytes;
        if (!Buffer.isBuffer(bytes) || length > MAX_LINE_BYTES) {
          // Too long to read: one invalid line at its place in the file, shown by its start (a
          // character cut at the excerpt's end dropped).
          const start = (Buffer.isBuffer(bytes) ? bytes.subarray(0, 120) : bytes.start)
            .toString('utf8')
            .replace(/^\uFEFF/u, '')
            .replace(/\uFFFD$/u, '')
            .trim();
          const unparsed = new UnparsedJsonLine(
            // A start of only whitespace says nothing: the error says so instead of quoting "…".
            start === '' ? '' : `${start}…`,
            `1 行が ${length.toLocaleString('en-US')} バイトあり、上限の ${MAX_LINE_BYTES.toLocaleString('en-US')} バイトを超えています。明細の1行がこれほど長いことはありません（1行に複数の明細を書いていないか、メモが長すぎないか確かめてください）`,
            'RECORD_TOO_LONG',
          );
          noteSourcePosition(unparsed, { line: number, column: 1 });
          given += 1;
          yield unparsed;
          continue;
        }
        // A pass for some lines (the fact search): a line surely not one of them is not parsed.
        if (wanted !== undefined && !mayBeWanted(bytes, given + 1, wanted)) {
          given += 1;
          yield UNREAD_LINE;
          continue;
        }
        const raw = bytes.toString('utf8').replace(/^\uFEFF/, '');
        const text = raw.trim();
        if (text === '') continue;
        let line: unknown;
        try {
          // Each record is noted with its line of the file, for the error messages.
          line = parseStrictJson(text, { recordDepth: 1, firstLine: number });
          // An array is no record, but its error can still name where it is in the file.
          if (Array.isArray(line))
            noteSourcePosition(line, { line: number, column: columnAt(raw, 0, raw.indexOf('[')) });
        } catch (error) {
          if (!(error instanceof StrictJsonError)) throw error;
          // One invalid line, placed at the character where its JSON broke.
          const unparsed = new UnparsedJsonLine(text, error.message);
          const indent = raw.length - raw.trimStart().length;
          noteSourcePosition(unparsed, {
            line: number,
            column: columnAt(raw, 0, indent + error.offset),
          });
          line = unparsed;
        }
        given += 1;
        yield line;
      }
    }),
  );
  return { entities, lines };
}
