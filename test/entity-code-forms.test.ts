import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { readJsonLinesLedger } from '../src/node/read-json-lines.js';
import { bundledRuleSet } from '../src/rules/bundled-rule-set.js';
import { readCsvLedger } from '../src/spreadsheet/csv/read-csv-ledger.js';
import { reportLabels } from '../src/spreadsheet/report-labels.js';
import { glossary, ledgerCsv } from './spreadsheet/convert.js';
import { sampleLedger } from './helpers/paths.js';
import type { Report } from '../src/schema/report.js';
import { CONTRACTOR, contractorEntity, itakuLine } from './helpers/itaku-ledger.js';

/**
 * An entity code is read alike wherever the ledger writes it: full-width digits and spaces around
 * a 6-digit 団体コード or 13-digit 法人番号 name the same entity in the entity list and on a line
 * (src/fields/entity-code-key.ts). Before, a line had to match the list's code exactly, and an
 * entity listed as 「６０１…」 was never found by the search of decisions.md §4.1: its lines stayed
 * undetermined, without yen, where the same ledger written in ASCII settles them.
 */

const fullWidth = (code: string): string =>
  code.replace(/\d/gu, (digit) => String.fromCharCode(0xff10 + Number(digit)));

/** The contractor's two lines stay under both 限度額 whatever itakuPreviouslySelectedRegion says. */
function ledger(listed: string, onLines: string): { entities: unknown[]; lines: unknown[] } {
  return {
    entities: [{ ...contractorEntity({}), code: listed }],
    lines: [
      { ...itakuLine('G1', 'jinkenhi', '1000000', true), entity: onLines },
      { ...itakuLine('G2', 'insatsu', '110000', true), entity: onLines },
    ],
  };
}

const FORMS = [
  ['full-width', fullWidth(CONTRACTOR)],
  ['with ASCII spaces', ` ${CONTRACTOR}  `],
  ['with an ideographic space', ` ${CONTRACTOR}\u3000`],
  ['full-width with spaces', `\u3000${fullWidth(CONTRACTOR)} `],
] as const;

const folder = mkdtempSync(join(tmpdir(), 'kofuzei-entity-code-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The ledger as a JSON Lines file, streamed with at most `held` lines held by the search. */
async function streamedFromFile(
  name: string,
  typed: { entities: unknown[]; lines: unknown[] },
  held: number,
): Promise<Report> {
  const path = join(folder, `${name.replace(/\W/gu, '-')}-${held}.jsonl`);
  const text = [{ entities: typed.entities }, ...typed.lines].map((line) => JSON.stringify(line));
  writeFileSync(path, `${text.join('\n')}\n`);
  return collectStream(evaluateStream(readJsonLinesLedger(path), { heldLines: () => held }));
}

describe('entity codes written in other forms', () => {
  it('settles the lines of the ASCII ledger (the baseline)', async () => {
    const report = await evaluate(ledger(CONTRACTOR, CONTRACTOR));
    // 1,000,000 + 110,000, each eligible in full: the contractor's total is under both limits.
    expect(report.lines.map((line) => [line.status, line.amount, line.unneededFacts])).toEqual([
      ['eligible', '1000000', ['itakuPreviouslySelectedRegion']],
      ['eligible', '110000', ['itakuPreviouslySelectedRegion']],
    ]);
  });

  it.each(FORMS)('an entity listed %s settles as the ASCII one does', async (name, code) => {
    const expected = JSON.stringify(await evaluate(ledger(CONTRACTOR, CONTRACTOR)));
    const typed = ledger(code, CONTRACTOR);
    expect(JSON.stringify(await evaluate(typed))).toBe(expected);
    expect(JSON.stringify(await collectStream(evaluateStream(typed)))).toBe(expected);
    for (const held of [1, 100_000])
      expect(JSON.stringify(await streamedFromFile(`listed-${name}`, typed, held))).toBe(expected);
  });

  it.each(FORMS)('a line written %s is the listed entity’s line', async (name, code) => {
    const expected = JSON.stringify(await evaluate(ledger(CONTRACTOR, CONTRACTOR)));
    for (const listed of [CONTRACTOR, code]) {
      const typed = ledger(listed, code);
      const report = await evaluate(typed);
      expect(report.errors).toEqual([]);
      // The report names the entity by its code, as the entity list reads it.
      expect(JSON.stringify(report)).toBe(expected);
      expect(JSON.stringify(await collectStream(evaluateStream(typed)))).toBe(expected);
      // Held one line at a time, the streamed search skims each line's entity from its bytes.
      for (const held of [1, 100_000])
        expect(JSON.stringify(await streamedFromFile(`line-${name}`, typed, held))).toBe(expected);
    }
  });

  it('totals lines written in different forms together under one code', async () => {
    const typed = ledger(CONTRACTOR, CONTRACTOR);
    (typed.lines[1] as { entity: string }).entity = fullWidth(CONTRACTOR);
    const report = await evaluate(typed);
    expect(report.totals.map((total) => [total.entity, total.amount])).toEqual([
      [CONTRACTOR, '1000000'],
      [CONTRACTOR, '110000'],
    ]);
  });

  it('asks a line naming an unlisted 法人番号 for a listed code, not for a 6-digit one', async () => {
    // 7000012050002 is a valid 法人番号 no entity of this ledger has.
    const report = await evaluate(ledger(CONTRACTOR, '7000012050002'));
    expect(report.errors[0]?.expected).toBe(
      '団体の一覧（entities、または団体名・団体区分を書いた行）にある法人番号',
    );
    // A 法人番号 with a digit dropped is told what a 法人番号 is, not that 6 digits were expected.
    const short = await evaluate(ledger(CONTRACTOR, '700001205000'));
    expect(short.errors[0]?.expected).toBe('13桁の法人番号（文字列、例: "7000012050002"）');
    // A malformed 13-digit code is told what a 法人番号 looks like.
    const malformed = await evaluate(ledger(CONTRACTOR, '7000012050003'));
    expect(malformed.errors[0]?.expected).toBe(
      '検査数字（1桁目）が 6 の法人番号（入力の1桁目は 7）',
    );
  });

  it('still refuses a code no entity has, showing it as written', async () => {
    const typed = ledger(CONTRACTOR, '７０００ ０１２０５０００２');
    const report = await evaluate(typed);
    expect(report.lines.map((line) => line.status)).toEqual(['invalid', 'invalid']);
    expect(report.errors.map((error) => [error.code, error.received])).toEqual([
      ['UNKNOWN_ENTITY', '"７０００ ０１２０５０００２"（団体の一覧にありません）'],
      ['UNKNOWN_ENTITY', '"７０００ ０１２０５０００２"（団体の一覧にありません）'],
    ]);
  });

  it('voids the lines of an entity listed with an error, in whatever form each writes the code', async () => {
    const typed = {
      entities: [{ ...contractorEntity({}), code: fullWidth(CONTRACTOR), kind: 'bogus' }],
      lines: [CONTRACTOR, fullWidth(CONTRACTOR), ` ${CONTRACTOR}`].map((code, index) => ({
        ...itakuLine(`G${String(index)}`, 'insatsu', '110000', true),
        entity: code,
      })),
    };
    const report = await evaluate(typed);
    const lineErrors = report.errors.filter((error) => error.line !== null);
    expect(lineErrors.map((error) => [error.code, error.entity])).toEqual([
      ['ENTITY_INVALID', CONTRACTOR],
      ['ENTITY_INVALID', CONTRACTOR],
      ['ENTITY_INVALID', CONTRACTOR],
    ]);
    // An invalid line, too, names its entity by the code as read.
    expect(report.lines.map((line) => [line.status, line.entity])).toEqual([
      ['invalid', CONTRACTOR],
      ['invalid', CONTRACTOR],
      ['invalid', CONTRACTOR],
    ]);
  });
});

describe('entity codes in other forms, in spreadsheets and labels', () => {
  const sample = sampleLedger().ledger as { entities: { code: string }[]; lines: unknown[] };
  const withLines = (form: (code: string) => string) => ({
    ...sample,
    lines: sample.lines.map((line, index) => {
      const own = line as { entity: string };
      // Every line but the third in the other form: an entity's first row too (it carries the
      // entity's columns), and the rows of one entity mix both forms.
      return index === 2 ? line : { ...own, entity: form(own.entity) };
    }),
  });
  const results = (report: Report): unknown[] =>
    report.lines.map((line) => [line.id, line.entity, line.status, line.amount]);

  it('reads a CSV whose rows write an entity’s code in two forms as the ASCII CSV', async () => {
    const expected = await evaluate(readCsvLedger(ledgerCsv(sample, 'utf8'), glossary, 'a.csv'));
    for (const form of [fullWidth, (code: string) => ` ${code} `]) {
      // template --ledger writes each entity's columns on its first row, whatever form it has.
      const bytes = ledgerCsv(withLines(form), 'utf8');
      const text = Buffer.from(bytes).toString('utf8');
      expect(text).toContain(fullWidth('392081') === form('392081') ? '３９２０８１' : ' 392081 ');
      const report = await evaluate(readCsvLedger(bytes, glossary, 'b.csv'));
      expect(report.errors).toEqual([]);
      expect(results(report)).toEqual(results(expected));
      expect(report.totals).toEqual(expected.totals);
    }
  });

  it('finds a CSV row repeating its entity’s columns under the other form as that entity’s', async () => {
    // Every row carries the entity columns; the second row of 392081 writes its code full-width.
    const csv = Buffer.from(ledgerCsv(sample, 'utf8')).toString('utf8');
    const rows = csv.split('\n');
    const header = rows[0] as string;
    const repeated = rows.map((row, index) => {
      if (index === 0 || !row.includes(',392081,')) return row;
      return row.replace(',392081,,,', ',３９２０８１,宿毛市,市,');
    });
    expect(repeated.join('\n')).not.toBe(csv);
    expect(header).toContain('団体名');
    const report = await evaluate(
      readCsvLedger(Buffer.from(repeated.join('\n'), 'utf8'), glossary, 'c.csv'),
    );
    const expected = await evaluate(readCsvLedger(Buffer.from(csv, 'utf8'), glossary, 'a.csv'));
    expect(report.errors).toEqual([]);
    expect(results(report)).toEqual(results(expected));
  });

  it('names the entity of a line in the report labels, whatever form the list writes', () => {
    const entities = sample.entities.map((entity) => ({ ...entity, code: fullWidth(entity.code) }));
    const labels = reportLabels(bundledRuleSet(), entities);
    expect(labels.entities.get('392081')).toBe('宿毛市');
  });
});
