import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { parseYen } from '../../src/fields/parse-yen.js';
import { hasSourceNotes, ledgerWarningsOf } from '../../src/ledger/source-problems.js';
import { readXlsxLedger } from '../../src/spreadsheet/xlsx/read-xlsx-ledger.js';
import { writeTemplate } from '../../src/spreadsheet/xlsx/write-template.js';
import { glossary, lineResults } from '../spreadsheet/convert.js';
import { ledgerArb, SEED } from './ledger-arbitrary.js';

function yen(value: unknown): string | null {
  const parsed = parseYen(value);
  return parsed.ok ? parsed.value : null;
}

/**
 * Random ledgers written to xlsx by kofuzei's own template writer and read back: the same lines in
 * the same order, row by row, with the same amounts to the yen, nothing flagged by the reader's
 * merged/hidden/formula checks, and the same report lines. xlsx is slow: a few runs.
 */
describe('xlsx round trip (property)', () => {
  it('reads back exactly the lines and amounts kofuzei wrote', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const valid = {
          entities: ledger.entities,
          lines: (ledger.lines as unknown[]).filter(isObject),
        };
        const read = await readXlsxLedger(
          await writeTemplate(glossary, valid),
          glossary,
          'generated.xlsx',
        );
        expect(read.lines.map((line) => line.id)).toEqual(valid.lines.map((line) => line.id));
        expect(read.rowNumbers).toEqual(valid.lines.map((_, index) => index + 2));
        expect(read.lines.map((line) => yen(line.amount))).toEqual(
          valid.lines.map((line) => yen(line.amount)),
        );
        for (const line of read.lines) expect(hasSourceNotes(line)).toBe(false);
        expect(ledgerWarningsOf(read.entities)).toEqual([]);
        const again = await evaluate({ entities: read.entities, lines: read.lines });
        expect(again.lines).toHaveLength(valid.lines.length);
        expect(lineResults(again)).toEqual(lineResults(await evaluate(valid)));
      }),
      { numRuns: 15, seed: SEED },
    );
  }, 120_000);
});

function isObject(line: unknown): line is Record<string, unknown> {
  return line !== null && typeof line === 'object' && !Array.isArray(line);
}
