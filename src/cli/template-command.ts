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
      const json = readLedgerFile(options.ledger, { exactNumbers: false }) as Record<
        string,
        unknown
      > | null;
      // A golden fixture's ledger works too.
      const record = (
        json !== null && typeof json === 'object' && 'ledger' in json ? json.ledger : json
      ) as Record<string, unknown> | null;
      if (record === null || !Array.isArray(record.entities) || !Array.isArray(record.lines))
        throw notALedger(options.ledger);
      ledger = { entities: record.entities as unknown[], lines: record.lines as unknown[] };
    }
  }
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
