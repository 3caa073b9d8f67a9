import { writeFileSync } from 'node:fs';
import { evaluate } from '../evaluate/evaluate.js';
import { KofuzeiError } from '../errors/kofuzei-error.js';
import { loadRuleDir } from '../node/load-rule-dir.js';
import { readLedgerFile } from '../node/read-ledger-file.js';
import type { PolicyInput } from '../policy.js';
import { formatTable } from './format-table.js';

export interface EvaluateCommandOptions {
  readonly format?: string;
  readonly output?: string;
  readonly rules?: string;
  readonly policy?: string;
}

const FORMATS = ['json', 'table'];

/** `kofuzei evaluate LEDGER`: the report as JSON, or as a Japanese table on a terminal. */
export async function evaluateCommand(
  ledgerPath: string,
  options: EvaluateCommandOptions,
  stdoutIsTty: boolean,
): Promise<{ output: string; problems: string[] }> {
  const format = options.format ?? (stdoutIsTty && options.output === undefined ? 'table' : 'json');
  if (format === 'csv' || format === 'xlsx') {
    throw new KofuzeiError(
      'FORMAT_UNSUPPORTED',
      `--format ${format}: spreadsheet output is not available in this version; use --format json or table`,
    );
  }
  if (!FORMATS.includes(format))
    throw new KofuzeiError('USAGE', `--format ${format}: expected one of json, table`);
  const ledger = readLedgerFile(ledgerPath);
  let policy: PolicyInput | undefined;
  if (options.policy !== undefined) policy = readLedgerFile(options.policy) as PolicyInput;
  const rules = options.rules === undefined ? undefined : loadRuleDir(options.rules);
  const report = await evaluate(ledger, {
    ...(rules === undefined ? {} : { rules }),
    ...(policy === undefined ? {} : { policy }),
  });
  // A file that is not a ledger at all (no entities/lines arrays) is unusable input, not a report.
  const shapeError = report.errors.find(
    (error) => error.line === null && !error.field.startsWith('entities['),
  );
  if (shapeError !== undefined)
    throw new KofuzeiError('LEDGER_UNUSABLE', `${ledgerPath}: not a ledger: ${shapeError.message}`);
  const output = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report);
  if (options.output !== undefined) writeFileSync(options.output, output);
  const problems = report.errors.map((error) => `${ledgerPath}: ${error.message}`);
  return { output: options.output === undefined ? output : '', problems };
}
