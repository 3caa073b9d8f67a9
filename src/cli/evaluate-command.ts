import { extname } from 'node:path';
import { once } from 'node:events';
import { collectStream, type StreamEvent, type StreamLedger } from '../evaluate/evaluate-stream.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { CsvEncoding } from '../spreadsheet/csv/decode-csv.js';
import { reportCsvRows } from '../spreadsheet/csv/report-csv-rows.js';
import {
  readSpreadsheetFile,
  SPREADSHEET_EXTENSIONS,
} from '../spreadsheet/read-spreadsheet-file.js';
import { costTypesOf, reportLabels } from '../spreadsheet/report-labels.js';
import { locateError, type RowLocator } from '../spreadsheet/locate-error.js';
import { notingCostTypes } from './noting-cost-types.js';
import { progressEvents } from './progress-events.js';
import { terminalLines, terminalText } from './terminal-text.js';
import { writeAtomically, writeFileAtomic } from '../node/atomic-file.js';
import { readJsonLinesLedger } from '../node/read-json-lines.js';
import { readLedgerFile } from '../node/read-ledger-file.js';
import { evaluateStreamInWorkers } from '../node/evaluate-in-workers.js';
import { refuseOutputOverInput } from '../node/refuse-output-over-input.js';
import { Utf8Chunks } from '../node/utf8-chunks.js';
import { cliRuleSet, ruleSourceLine } from './cli-rule-set.js';
import { readPolicyFile } from '../node/read-policy-file.js';
import { writeEndEventLine, writeReportJson } from '../evaluate/write-report-json.js';
import { writeReportLineJson } from '../report/report-line-json.js';
import { formatTable } from './format-table.js';
import { evaluateFormat } from './evaluate-format.js';
import { JSON_LINES_EXTENSIONS } from './ledger-extensions.js';
import { notALedger } from '../core/ledger-file-refusals.js';
import { xlsRefusal } from '../spreadsheet/foreign-ledger-bytes.js';
import { noteUnreadLedgerKeys } from '../ledger/unread-ledger-keys.js';

export interface EvaluateCommandOptions {
  readonly format?: string;
  readonly output?: string;
  readonly rules?: string;
  readonly policy?: string;
  /** CSV output: utf8 (with a BOM, the default) or shift_jis. */
  readonly encoding?: string;
  /** No progress bar and no per-line messages on stderr. */
  readonly quiet?: boolean;
  /** Statuses besides `invalid` that make the command fail (exit 1): "undetermined", "ineligible". */
  readonly failOn?: string;
  /** Threads judging the lines (this one and worker threads): a number, or "auto" (the default: one per core for large ledgers). */
  readonly workers?: string;
}

const FORMATS = ['json', 'jsonl', 'table', 'csv', 'xlsx'];

/**
 * A ledger file as a streamable ledger: JSON (whole file), JSON Lines and CSV (read again for each
 * pass, so any size runs in bounded memory) or xlsx.
 */
async function openLedger(
  path: string,
  ruleSet: RuleSet,
): Promise<StreamLedger & { readonly rows?: RowLocator }> {
  const extension = extname(path).toLowerCase();
  if (JSON_LINES_EXTENSIONS.includes(extension)) return readJsonLinesLedger(path);
  // Not the .json reader's 「.json ファイルです」: the clerk needs to hear to save it as .xlsx.
  if (extension === '.xls') throw xlsRefusal(path);
  if (extension === '.csv') {
    // CSV readers and writers (csv-parse, iconv-lite) are loaded only for CSV (cold start).
    const { readCsvLinesLedger } = await import('../node/read-csv-lines.js');
    const csv = await readCsvLinesLedger(path, ruleSet.glossary);
    return { entities: csv.entities, lines: csv.lines, rows: csv };
  }
  if (SPREADSHEET_EXTENSIONS.includes(extension)) {
    const rows = await readSpreadsheetFile(path, ruleSet.glossary);
    return { entities: rows.entities, lines: rows.lines, rows: { columnOf: rows.columnOf } };
  }
  const json = readLedgerFile(path);
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if (!Array.isArray(record.entities) || !Array.isArray(record.lines)) {
    throw notALedger(path);
  }
  noteUnreadLedgerKeys({ ...record, entities: record.entities }, path);
  return { entities: record.entities, lines: record.lines };
}

/** --encoding: utf8 (the default, written with a BOM) or shift_jis (cp932, sjis). */
export function csvEncoding(option: string | undefined): CsvEncoding {
  const name = (option ?? 'utf8').toLowerCase().replace(/[-_]/g, '');
  if (name === 'utf8') return 'utf8';
  if (['shiftjis', 'sjis', 'cp932', 'windows31j'].includes(name)) return 'shift_jis';
  throw new KofuzeiError('USAGE', `--encoding ${option}: utf8 か shift_jis を指定してください`);
}

/** Writes bytes to a stream; a promise when it asks to wait (so a huge report never piles up). */
function streamSink(
  stream: NodeJS.WritableStream,
): (chunk: Uint8Array) => Promise<void> | undefined {
  return (chunk) => (stream.write(chunk) ? undefined : once(stream, 'drain').then(() => undefined));
}

/**
 * Passes events on, reporting each ledger error on stderr with the file name (and, for CSV and
 * xlsx ledgers, the row and column): text, or one JSON object a line with --format json.
 */
async function* reportingErrors(
  events: AsyncIterable<StreamEvent>,
  path: string,
  stderr: (line: string) => void,
  json: boolean,
  rows: RowLocator | undefined,
): AsyncGenerator<StreamEvent> {
  for await (const event of events) {
    if (event.type === 'error') {
      const where = locateError(event.error, rows);
      // Ledger text goes to a terminal: escaped field by field (JSON escapes C0 itself; the
      // C1 and bidi characters it leaves raw become \u escapes, the same JSON value).
      if (json) stderr(terminalLines(JSON.stringify({ file: path, ...where, error: event.error })));
      // The message names the row (and, for a spreadsheet, the column) itself, in Japanese.
      else stderr(`${terminalText(path)}: ${terminalText(event.error.message)}`);
    }
    yield event;
  }
}

/**
 * `--workers N|auto`. Default 1: on the 2-core machine we measure on, two threads gave no gain on a
 * 200,000-line ledger (10.5–12.7 s against 12.3–12.9 s) for 1.6× the memory (docs/performance.md
 * "Round 13"): two cores judge there only about 1.3 times as fast as one, and reading, rendering and
 * writing the report stay in the main thread; `auto` is asked for, not assumed.
 */
export function workersOption(text: string | undefined): number | 'auto' {
  if (text === undefined) return 1;
  if (text === 'auto') return 'auto';
  if (/^[1-9][0-9]{0,2}$/u.test(text)) return Number(text);
  throw new KofuzeiError(
    'USAGE',
    `--workers ${text}: 1 以上の整数か auto を指定してください（auto: 大きな台帳はコアの数だけのスレッドで判定）`,
  );
}

/** The statuses `--fail-on` may add to `invalid`, which always fails the command. */
const FAIL_ON_STATUSES = ['undetermined', 'ineligible'] as const;

/** `--fail-on undetermined,ineligible` as the set of statuses that fail the run (with invalid). */
export function failingStatuses(failOn: string | undefined): ReadonlySet<string> {
  const statuses = new Set<string>(['invalid']);
  if (failOn === undefined) return statuses;
  for (const part of failOn.split(',')) {
    const status = part.trim();
    if (status === 'invalid' || status === '') continue;
    if (!(FAIL_ON_STATUSES as readonly string[]).includes(status))
      throw new KofuzeiError(
        'USAGE',
        `--fail-on ${failOn}: 「${status}」は指定できません（指定できるもの: ${FAIL_ON_STATUSES.join(', ')}。invalid は常に失敗扱い）`,
      );
    statuses.add(status);
  }
  return statuses;
}

/** Passes events on, counting the lines whose status fails the run. */
async function* countingFailures(
  events: AsyncIterable<StreamEvent>,
  failing: ReadonlySet<string>,
  count: { failed: number },
): AsyncGenerator<StreamEvent> {
  for await (const event of events) {
    if (event.type === 'line' && failing.has(event.line.status)) count.failed += 1;
    yield event;
  }
}

/**
 * `kofuzei evaluate LEDGER`: the report as JSON (streamed, byte-identical to the library's
 * JSON.stringify(report, null, 2)), as JSON Lines of stream events, or as a Japanese table.
 */
export async function evaluateCommand(
  ledgerPath: string,
  options: EvaluateCommandOptions,
  stdout: NodeJS.WriteStream,
  stderr: (line: string) => void,
): Promise<{ readonly failedLines: number }> {
  const format = evaluateFormat(options, stdout);
  const failing = failingStatuses(options.failOn);
  const count = { failed: 0 };
  if (!FORMATS.includes(format))
    throw new KofuzeiError('USAGE', `--format ${format}: 使える形式は ${FORMATS.join('、')} です`);
  const encoding = csvEncoding(options.encoding);
  if (options.output !== undefined)
    refuseOutputOverInput(options.output, [
      { path: ledgerPath, what: '台帳' },
      { path: options.policy, what: 'ポリシーファイル' },
      { path: options.rules, what: 'ルールフォルダ' },
    ]);
  if (format === 'xlsx' && options.output === undefined && stdout.isTTY)
    throw new KofuzeiError(
      'USAGE',
      '--format xlsx: -o ファイル名.xlsx で書き出し先を指定してください（ブックは端末には表示できません）',
    );
  const { ruleSet: rules, dir } = cliRuleSet(options.rules);
  // Which rules judged this ledger (stdout is the report); with --format json, as a JSON line.
  if (options.quiet !== true)
    stderr(
      format === 'json'
        ? JSON.stringify({ rules: { path: dir, rulesVersion: rules.version } })
        : ruleSourceLine(dir, rules),
    );
  const ledger = await openLedger(ledgerPath, rules);
  const policy = options.policy === undefined ? undefined : readPolicyFile(options.policy);
  const quiet = options.quiet === true;
  // A streamed ledger (JSONL, CSV) is read once: its 経費区分 are noted on the way for the sheets.
  const costTypes = new Map<number, string>();
  const evaluated = evaluateStreamInWorkers(notingCostTypes(ledger, costTypes, format), {
    rules,
    ...(policy === undefined ? {} : { policy }),
    workers: workersOption(options.workers),
  });
  const lineCount = Array.isArray(ledger.lines) ? ledger.lines.length : undefined;
  const events = reportingErrors(
    countingFailures(
      quiet ? evaluated : progressEvents(evaluated, lineCount, process.stderr),
      failing,
      count,
    ),
    ledgerPath,
    quiet ? () => undefined : stderr,
    format === 'json',
    ledger.rows,
  );

  // The sheets and the table name entities and 経費区分 as the ledger does (the report carries codes only).
  const labelsOf = (): ReturnType<typeof reportLabels> =>
    reportLabels(
      rules,
      ledger.entities,
      Array.isArray(ledger.lines) ? costTypesOf(ledger.lines) : costTypes,
    );
  if (format === 'csv' || format === 'xlsx') {
    const report = await collectStream(events);
    const labels = labelsOf();
    // exceljs takes most of a second to load: only a workbook pays for it (and CSV for iconv-lite).
    const bytes =
      format === 'csv'
        ? await import('../spreadsheet/csv/write-csv.js').then((module) =>
            module.writeCsv(reportCsvRows(report, labels), encoding, options.output ?? 'stdout'),
          )
        : await import('../spreadsheet/xlsx/write-report-workbook.js').then((module) =>
            module.writeReportWorkbook(report, labels),
          );
    if (options.output === undefined) stdout.write(bytes);
    else writeFileAtomic(options.output, bytes);
    return { failedLines: count.failed };
  }

  const render = async (sink: (chunk: Uint8Array) => Promise<void> | undefined): Promise<void> => {
    // UTF-8 in megabyte chunks, the citations and reasons lines share encoded once (utf8-chunks.ts).
    const out = new Utf8Chunks(sink);
    const write = (chunk: string): Promise<void> | undefined => {
      out.text(chunk);
      return out.release();
    };
    if (format === 'json')
      await writeReportJson(events, write, (line) => {
        writeReportLineJson(line, 2, out);
        return out.release();
      });
    else if (format === 'jsonl') {
      for await (const event of events)
        if (event.type === 'end') await writeEndEventLine(event, write);
        else if (event.type === 'line') {
          // JSON.stringify(event), rendering the citations and reasons lines share once.
          out.text('{"type":"line","line":');
          writeReportLineJson(event.line, null, out);
          await write('}\n');
        } else await write(`${JSON.stringify(event)}\n`);
    } else {
      const report = await collectStream(events);
      await write(formatTable(report, labelsOf()));
    }
    await out.end();
  };
  // A file is written whole or not at all: streamed into a temporary file renamed at the end, so
  // an error mid-way (a full disk, a ledger changed meanwhile) leaves no partial report.
  if (options.output === undefined) await render(streamSink(stdout));
  else
    await writeAtomically(options.output, (file) =>
      render((chunk) => {
        file.write(chunk);
        return undefined;
      }),
    );
  return { failedLines: count.failed };
}
