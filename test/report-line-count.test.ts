import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, it } from 'vitest';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import { writeCsv } from '../src/spreadsheet/csv/write-csv.js';
import { ledgerColumns, ledgerToRows } from '../src/spreadsheet/ledger-to-rows.js';
import { writeTemplate } from '../src/spreadsheet/xlsx/write-template.js';
import { ownStderr, runCli } from './helpers/cli.js';
import { SAMPLE_LEDGER } from './helpers/paths.js';

/**
 * "No silent yen" end to end: whatever the ledger's format and the report's, a run that succeeds
 * (exit 0, or 1 for a ledger with invalid lines, whose report is still written) reports exactly one
 * line per input row, in order. The ledger is the sample plus lines that are invalid in the ways a
 * reader might be tempted to drop: a repeated id, a fractional amount, an unknown entity.
 */

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-count-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

const sample = JSON.parse(readFileSync(SAMPLE_LEDGER, 'utf8')) as {
  entities: Record<string, unknown>[];
  lines: Record<string, unknown>[];
};
const first = sample.lines[0] ?? {};
const ledger = {
  entities: sample.entities,
  lines: [
    ...sample.lines,
    { ...first, id: String(first.id) },
    { ...first, id: 'FRACTION', amount: '1000.5' },
    { ...first, id: 'NO-ENTITY', entity: '999999' },
  ],
};
const ids = ledger.lines.map((line) => String(line.id));

/** The ledger written in each input format the CLI reads. */
async function ledgerFile(format: string, name: string): Promise<string> {
  // One file a run: a file rewritten while another run reads it is (rightly) refused.
  const path = join(TMP, `ledger-${name}.${format}`);
  const { glossary } = bundledRuleSet();
  if (format === 'json') writeFileSync(path, JSON.stringify(ledger));
  else if (format === 'jsonl')
    writeFileSync(
      path,
      [{ entities: ledger.entities }, ...ledger.lines]
        .map((item) => JSON.stringify(item))
        .join('\n'),
    );
  else if (format === 'csv') {
    const columns = ledgerColumns(glossary, ledger, { japanese: true, allColumns: false });
    const rows = [
      columns.map((column) => column.header),
      ...ledgerToRows(glossary, ledger, columns, true),
    ];
    writeFileSync(path, writeCsv(rows, 'utf8', path));
  } else writeFileSync(path, await writeTemplate(glossary, ledger));
  return path;
}

/** The number of report lines in an output, and their ids when the format carries them. */
function reportLines(format: string, text: string): { count: number; ids?: string[] } {
  if (format === 'json') {
    const report = JSON.parse(text) as { lines: { id: string }[] };
    return { count: report.lines.length, ids: report.lines.map((line) => line.id) };
  }
  if (format === 'jsonl') {
    const lines = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { type: string; line?: { id: string } })
      .filter((event) => event.type === 'line');
    return { count: lines.length, ids: lines.map((event) => event.line?.id ?? '') };
  }
  // CSV: a header row, then one row per report line.
  const rows: unknown[] = parse(text, { bom: true, relax_column_count: true });
  return { count: rows.length - 1 };
}

const INPUTS = ['json', 'jsonl', 'csv', 'xlsx'];
const OUTPUTS = [
  ['json', 'stdout'],
  ['json', 'file'],
  ['jsonl', 'file'],
  ['csv', 'file'],
] as const;

describe.concurrent('every input row is one report line', { timeout: 120_000 }, () => {
  it.for(INPUTS.flatMap((input) => OUTPUTS.map(([format, to]) => [input, format, to] as const)))(
    '.%s ledger → %s on %s',
    async ([input, format, to], { expect }) => {
      const path = await ledgerFile(input, `${input}-${format}-${to}`);
      const output = join(TMP, `report-${input}-${format}-${to}.${format}`);
      const result = await runCli([
        'evaluate',
        path,
        '--format',
        format,
        '--quiet',
        ...(to === 'file' ? ['-o', output] : []),
      ]);
      // A usable ledger: exit 0, or 1 for its invalid lines (docs/contract.md §5.3); never 2 or a crash.
      expect([0, 1], ownStderr(result.stderr)).toContain(result.code);
      const text = to === 'file' ? readFileSync(output, 'utf8') : result.stdout;
      const reported = reportLines(format, text);
      expect(reported.count).toBe(ids.length);
      if (reported.ids !== undefined) expect(reported.ids).toEqual(ids);
    },
  );
});
