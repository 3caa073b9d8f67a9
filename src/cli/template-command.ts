import { extname } from 'node:path';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { writeFileAtomic } from '../node/atomic-file.js';
import { readLedgerFile } from '../node/read-ledger-file.js';
import { refuseOutputOverInput } from '../node/refuse-output-over-input.js';
import { writeCsv } from '../spreadsheet/csv/write-csv.js';
import { ledgerColumns, ledgerToRows } from '../spreadsheet/ledger-to-rows.js';
import {
  readSpreadsheetFile,
  SPREADSHEET_EXTENSIONS,
} from '../spreadsheet/read-spreadsheet-file.js';
import { programTemplateOnly } from '../spreadsheet/program-columns.js';
import { EXAMPLE_LEDGER, writeTemplate } from '../spreadsheet/xlsx/write-template.js';
import type { RuleSet } from '../schema/rule-set.js';
import { cliRuleSet, ruleSourceLine } from './cli-rule-set.js';
import { csvEncoding } from './evaluate-command.js';
import { notALedger } from '../core/ledger-file-refusals.js';
import { xlsRefusal } from '../spreadsheet/foreign-ledger-bytes.js';

export interface TemplateCommandOptions {
  readonly output: string;
  readonly ledger?: string;
  readonly rules?: string;
  readonly encoding?: string;
  /** Comma-separated program ids: only the columns those programs' measures read. */
  readonly program?: string;
}

/** How many of a refused ledger's errors the refusal quotes. */
const ERRORS_SHOWN = 5;

/**
 * Refuses to convert a ledger `evaluate` finds input errors in: the rows written out would carry
 * the values as read — a CSV row shifted by an unquoted 1,200,000, a cell shown in 千円, an amount
 * of 99999999999999.999 — with nothing left to say they were wrong, and evaluate the converted
 * file without an error.
 */
async function refuseLedgerWithErrors(
  path: string,
  ledger: { entities: readonly unknown[]; lines: readonly unknown[] },
  ruleSet: RuleSet,
): Promise<void> {
  const { evaluate } = await import('../evaluate/evaluate.js');
  const { errors } = await evaluate(ledger, { rules: ruleSet });
  if (errors.length === 0) return;
  const shown = errors.slice(0, ERRORS_SHOWN).map((error) => `- ${error.message}`);
  if (errors.length > ERRORS_SHOWN) shown.push(`- ほか ${errors.length - ERRORS_SHOWN} 件`);
  throw new KofuzeiError(
    'LEDGER_NOT_CONVERTIBLE',
    `${path}: 入力エラーが ${errors.length} 件あるため変換しません（変換すると、エラーのある値がエラーの印なしに書き出されます）。` +
      `kofuzei evaluate ${path} で確かめ、元の台帳を直してから変換してください:\n${shown.join('\n')}`,
  );
}

/** `kofuzei template -o FILE`: the ledger template (.xlsx) or a ledger as CSV / template workbook. */
export async function templateCommand(
  options: TemplateCommandOptions,
  note: (line: string) => void = () => undefined,
): Promise<void> {
  const { ruleSet, dir } = cliRuleSet(options.rules);
  note(ruleSourceLine(dir, ruleSet));
  const extension = extname(options.output).toLowerCase();
  if (!SPREADSHEET_EXTENSIONS.includes(extension))
    throw new KofuzeiError(
      'USAGE',
      `-o ${options.output}: 書き出し先は .xlsx か .csv のファイルにしてください`,
    );
  const encoding = csvEncoding(options.encoding);
  refuseOutputOverInput(options.output, [
    { path: options.ledger, what: '台帳' },
    { path: options.rules, what: 'ルールフォルダ' },
  ]);
  let ledger: { entities: readonly unknown[]; lines: readonly unknown[] } = EXAMPLE_LEDGER;
  if (options.ledger !== undefined) {
    if (extname(options.ledger).toLowerCase() === '.xls') throw xlsRefusal(options.ledger);
    if (SPREADSHEET_EXTENSIONS.includes(extname(options.ledger).toLowerCase())) {
      ledger = await readSpreadsheetFile(options.ledger, ruleSet.glossary);
    } else {
      // Number literals as written (JsonNumber): 99999999999999.999 is refused below, not rounded.
      const json = readLedgerFile(options.ledger) as Record<string, unknown> | null;
      // A golden fixture's ledger works too.
      const record = (
        json !== null && typeof json === 'object' && 'ledger' in json ? json.ledger : json
      ) as Record<string, unknown> | null;
      if (record === null || !Array.isArray(record.entities) || !Array.isArray(record.lines))
        throw notALedger(options.ledger);
      ledger = { entities: record.entities as unknown[], lines: record.lines as unknown[] };
    }
  }
  if (options.ledger !== undefined) await refuseLedgerWithErrors(options.ledger, ledger, ruleSet);
  const only = programTemplateOnly(ruleSet, options.program?.split(','));
  const bytes =
    extension === '.xlsx'
      ? await writeTemplate(ruleSet.glossary, ledger, only)
      : writeCsv(
          (() => {
            const columns = ledgerColumns(ruleSet.glossary, ledger, {
              japanese: true,
              allColumns: options.ledger === undefined,
              ...(only === undefined ? {} : { only }),
            });
            return [
              columns.map((column) => column.header),
              ...ledgerToRows(ruleSet.glossary, ledger, columns, true),
            ];
          })(),
          encoding,
          options.output,
        );
  writeFileAtomic(options.output, bytes);
}
