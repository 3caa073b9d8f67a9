// The offline page's Web Worker: reads the ledger, evaluates it and writes the downloads, so the
// page stays responsive on a 10,000-line workbook. Started from a Blob URL of this bundle's text
// (scripts/build-web.ts inlines it into the HTML), so it works from file:// with no fetch.
import { CODES } from '../core/codes.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { collectStream, evaluateStream, type StreamEvent } from '../evaluate/evaluate-stream.js';
import { bundledRuleSet } from '../rules/bundled-rule-set.js';
import type { Report } from '../schema/report.js';
import { reportCsvRows } from '../spreadsheet/csv/report-csv-rows.js';
import { writeCsv } from '../spreadsheet/csv/write-csv.js';
import { RESULT_SHEET_NAMES as SHEETS, reportSheets } from '../spreadsheet/report-sheets.js';
import { locateError } from '../spreadsheet/locate-error.js';
import { programTemplateOnly } from '../spreadsheet/program-columns.js';
import { costTypesOf, reportLabels, type ReportLabels } from '../spreadsheet/report-labels.js';
import { writeReportWorkbook } from '../spreadsheet/xlsx/write-report-workbook.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../spreadsheet/xlsx/write-template.js';
import sampleLedger from '../../samples/ledger.json';
import { readLedgerBytes, type LoadedLedger } from './read-ledger-bytes.js';
import type { Failure, LocatedError, WorkerRequest, WorkerResponse } from './worker-protocol.js';
import { programTemplateName, RESULT_FILE_NAMES } from './file-names.js';

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}
declare const self: WorkerScope;

const rules = bundledRuleSet();
/** Measure titles by id, and component labels by "measure/component" (as the 集計 names them). */
const titles = new Map([
  ...rules.measures.map((measure) => [measure.id, measure.title] as const),
  ...reportLabels(rules).components,
]);
/** The run the page asked for last: an earlier one still finishing is not the page's any more. */
let latest = -1;
/** The report of run `latest` once evaluated: the downloads are written from it. */
let last: Report | undefined;
/** Its labels (団体名, 経費区分 as the ledger gives them), the same the CLI's workbook and CSV use. */
let lastLabels: ReportLabels = reportLabels(rules);

/** Progress messages at most this often (ms): a message per line would cost more than the line. */
const PROGRESS_EVERY = 100;

function post(message: WorkerResponse): void {
  if (message.type === 'file') self.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
  else self.postMessage(message);
}

/** A refusal in Japanese: the catalogue's headline for its code, and the reader's message. */
export function failureOf(error: unknown): Failure {
  if (error instanceof KofuzeiError) {
    const entry = (CODES as Readonly<Record<string, { ja: string } | undefined>>)[error.code];
    return { code: error.code, headline: entry?.ja ?? error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', headline: '予期しないエラーが起きました', message };
}

async function evaluateLedger(run: number, name: string, ledger: LoadedLedger): Promise<void> {
  const total = ledger.lines.length;
  let done = 0;
  let sent = 0;
  const errors: LocatedError[] = [];
  async function* counted(events: AsyncIterable<StreamEvent>): AsyncGenerator<StreamEvent> {
    for await (const event of events) {
      if (event.type === 'line') {
        done += 1;
        const now = Date.now();
        if (now - sent >= PROGRESS_EVERY) {
          sent = now;
          post({ type: 'progress', run, phase: 'evaluate', done, total });
        }
      } else if (event.type === 'error') {
        const where = locateError(event.error, ledger.rows);
        errors.push({
          ...event.error,
          ...(where.row === undefined ? {} : { sheetRow: where.row }),
          ...(where.column === undefined ? {} : { column: where.column }),
        });
      }
      yield event;
    }
  }
  const report = await collectStream(counted(evaluateStream(ledger, { rules })));
  // Runs overlap (a second file chosen while the first is evaluated): one the page has replaced
  // must not become the report its downloads are written from.
  if (run !== latest) return;
  last = report;
  // The sheets name entities and 経費区分 as the ledger does (the report carries codes only).
  lastLabels = reportLabels(rules, ledger.entities, costTypesOf(ledger.lines));
  const totals = reportSheets(report, lastLabels).find((sheet) => sheet.name === SHEETS.totals);
  if (totals === undefined) throw new Error('the result sheets have no 集計');
  post({ type: 'result', run, name, report, errors, titles: [...titles], totals });
}

async function file(
  name: string,
  mime: string,
  bytes: Promise<Uint8Array> | Uint8Array,
): Promise<void> {
  try {
    post({ type: 'file', name, mime, bytes: await bytes });
  } catch (error) {
    post({ type: 'file-failed', failure: failureOf(error) });
  }
}

/** A download of a result that is not the one on screen, or not evaluated yet. */
function notReady(): WorkerResponse {
  return {
    type: 'file-failed',
    failure: failureOf(
      new KofuzeiError(
        'RESULT_NOT_READY',
        '表示されている台帳の判定が終わってから、もう一度保存してください',
      ),
    ),
  };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'evaluate':
    case 'evaluate-sample': {
      latest = request.run;
      last = undefined;
      try {
        post({ type: 'progress', run: request.run, phase: 'read', done: 0, total: 0 });
        const ledger =
          request.type === 'evaluate'
            ? await readLedgerBytes(request.name, new Uint8Array(request.bytes), rules.glossary)
            : { entities: sampleLedger.entities, lines: sampleLedger.lines };
        await evaluateLedger(
          request.run,
          request.type === 'evaluate' ? request.name : RESULT_FILE_NAMES.sampleJson,
          ledger,
        );
      } catch (error) {
        post({ type: 'failed', run: request.run, failure: failureOf(error) });
      }
      return;
    }
    case 'download-xlsx':
      if (last === undefined || request.run !== latest) post(notReady());
      else await file(RESULT_FILE_NAMES.workbook, XLSX, writeReportWorkbook(last, lastLabels));
      return;
    case 'download-csv':
      if (last === undefined || request.run !== latest) post(notReady());
      else {
        const report = last;
        await file(
          request.encoding === 'utf8' ? RESULT_FILE_NAMES.csvUtf8 : RESULT_FILE_NAMES.csvShiftJis,
          'text/csv',
          Promise.resolve().then(() =>
            writeCsv(
              reportCsvRows(report, lastLabels),
              request.encoding,
              RESULT_FILE_NAMES.csvUtf8,
            ),
          ),
        );
      }
      return;
    case 'download-template':
      await file(RESULT_FILE_NAMES.template, XLSX, writeTemplate(rules.glossary, EXAMPLE_LEDGER));
      return;
    case 'download-template-program':
      // The CLI's `kofuzei template --program a,b` by the same function: same columns, same lists.
      await file(
        programTemplateName(request.programs),
        XLSX,
        Promise.resolve().then(() =>
          writeTemplate(
            rules.glossary,
            EXAMPLE_LEDGER,
            programTemplateOnly(rules, request.programs),
          ),
        ),
      );
      return;
    case 'download-sample':
      await file(RESULT_FILE_NAMES.sampleXlsx, XLSX, writeTemplate(rules.glossary, sampleLedger));
      return;
  }
}

self.onmessage = (event) => {
  void handle(event.data);
};
