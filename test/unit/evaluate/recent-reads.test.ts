import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateLedger } from '../../../bench/generate-ledger.js';
import { PolicySchema } from '../../../src/core/policy.js';
import { LedgerReader } from '../../../src/ledger/normalize-ledger.js';
import { evaluateRows } from '../../../src/evaluate/reference/reference-evaluate-rows.js';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';

/*
 * Issue 17: the passes of an evaluation read each line again; a line read moments ago (the rows of
 * one entity the missing-facts search evaluates, a small ledger) is kept, not read anew — and the
 * report is the same.
 */
afterEach(() => {
  vi.restoreAllMocks();
});

describe('recent line reads', () => {
  const ledger = generateLedger(300, 6);

  it('reads each row once when evaluating some rows on their own', async () => {
    const read = vi.spyOn(LedgerReader.prototype, 'read');
    const rows = ledger.lines.slice(0, 120).map((item, index) => ({ item, row: index + 1 }));
    await evaluateRows(
      ledger.entities,
      rows,
      new Set(),
      { ...bundledRuleSet() },
      PolicySchema.parse({}),
    );
    expect(read.mock.calls.length).toBe(rows.length);
  });

  it('keeps a read only for the same row of the same item', async () => {
    const read = vi.spyOn(LedgerReader.prototype, 'read');
    const [line] = ledger.lines;
    // The same object twice in a ledger: two rows, each read (and reported) as its own.
    const report = await evaluate({ entities: ledger.entities, lines: [line, line] });
    expect(report.lines.map((reported) => reported.row)).toEqual([1, 2]);
    expect(new Set(read.mock.calls.map((call) => call[1]))).toEqual(new Set([1, 2]));
  });
});
