import { createWriteStream } from 'node:fs';
import { extname } from 'node:path';
import { once } from 'node:events';
import {
  collectStream,
  evaluateStream,
  type StreamEvent,
  type StreamLedger,
} from '../evaluate/evaluate-stream.js';
import { KofuzeiError } from '../errors/kofuzei-error.js';
import { loadRuleDir } from '../node/load-rule-dir.js';
import { readJsonLinesLedger } from '../node/read-json-lines.js';
import { readLedgerFile } from '../node/read-ledger-file.js';
import type { PolicyInput } from '../policy.js';
import { writeReportJson } from '../report/write-report-json.js';
import { formatTable } from './format-table.js';

export interface EvaluateCommandOptions {
  readonly format?: string;
  readonly output?: string;
  readonly rules?: string;
  readonly policy?: string;
}

const FORMATS = ['json', 'jsonl', 'table'];

/** A ledger file as a streamable ledger: JSON (whole file) or JSON Lines (re-read per pass). */
function openLedger(path: string): StreamLedger {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return readJsonLinesLedger(path);
  const json = readLedgerFile(path);
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if (!Array.isArray(record.entities) || !Array.isArray(record.lines)) {
    throw new KofuzeiError(
      'LEDGER_UNUSABLE',
      `${path}: not a ledger: expected an object with arrays "entities" and "lines"`,
    );
  }
  return { entities: record.entities, lines: record.lines };
}

const FLUSH_AT = 1 << 20;

/**
 * Writes to a stream in chunks of about a megabyte (a write per report line costs more than the
 * line), waiting when the stream asks to, so a huge report never piles up in memory.
 */
function writerFor(stream: NodeJS.WritableStream): {
  write: (chunk: string) => Promise<void> | undefined;
  flush: () => Promise<void> | undefined;
} {
  let pending = '';
  const flush = (): Promise<void> | undefined => {
    const chunk = pending;
    pending = '';
    if (chunk === '' || stream.write(chunk)) return undefined;
    return once(stream, 'drain').then(() => undefined);
  };
  return {
    write: (chunk) => {
      pending += chunk;
      return pending.length >= FLUSH_AT ? flush() : undefined;
    },
    flush,
  };
}

/** Passes events on, reporting each ledger error on stderr with the file name. */
async function* reportingErrors(
  events: AsyncIterable<StreamEvent>,
  path: string,
  stderr: (line: string) => void,
): AsyncGenerator<StreamEvent> {
  for await (const event of events) {
    if (event.type === 'error') stderr(`${path}: ${event.error.message}`);
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
): Promise<void> {
  const format =
    options.format ?? (stdout.isTTY && options.output === undefined ? 'table' : 'json');
  if (format === 'csv' || format === 'xlsx') {
    throw new KofuzeiError(
      'FORMAT_UNSUPPORTED',
      `--format ${format}: spreadsheet output is not available in this version; use --format json, jsonl or table`,
    );
  }
  if (!FORMATS.includes(format))
    throw new KofuzeiError('USAGE', `--format ${format}: expected one of ${FORMATS.join(', ')}`);
  const ledger = openLedger(ledgerPath);
  const policy =
    options.policy === undefined ? undefined : (readLedgerFile(options.policy) as PolicyInput);
  const rules = options.rules === undefined ? undefined : loadRuleDir(options.rules);
  const events = reportingErrors(
    evaluateStream(ledger, {
      ...(rules === undefined ? {} : { rules }),
      ...(policy === undefined ? {} : { policy }),
    }),
    ledgerPath,
    stderr,
  );

  const file = options.output === undefined ? null : createWriteStream(options.output);
  const target = file ?? stdout;
  const { write, flush } = writerFor(target);
  if (format === 'json') await writeReportJson(events, write);
  else if (format === 'jsonl') {
    for await (const event of events) await write(`${JSON.stringify(event)}\n`);
  } else await write(formatTable(await collectStream(events)));
  await flush();
  if (file !== null) {
    file.end();
    await once(file, 'finish');
  }
}
