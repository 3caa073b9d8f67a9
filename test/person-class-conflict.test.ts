import { describe, expect, it } from 'vitest';
import { pruningSizes, seenSize } from './helpers/pruning-sizes.js';
import { PersonClasses } from '../src/evaluate/person-classes.js';
import { evaluate } from '../src/index.js';
import { checkMeasure } from '../src/rules/check-measure.js';
import { AssumptionsFileSchema, GlossarySchema } from '../src/schema/glossary.js';
import { CITY, ledgerOf } from './helpers/ledger.js';
import { bundledMeasure, must, readBundledInput } from './unit/rules/rule-files.js';

/** docs/decisions.md §3.3: 集落支援員 専任 and 兼任 of one person in one entity × FY. */

function shuraku(id: string, fiscalYear: number, person: string, type: string, amount: string) {
  return {
    id,
    entity: CITY.code,
    fiscalYear,
    program: 'shuraku-shienin',
    costType: 'shuraku-shienin-placement',
    amount,
    person,
    facts: { shurakuShieninType: type },
  };
}

describe('PERSON_CLASS_CONFLICT', () => {
  // P1 is 専任 and 兼任 in FY2024; P3 is 兼任 in FY2024 and 専任 in FY2025 (two years: no conflict).
  const ledger = ledgerOf(
    [
      shuraku('A1', 2024, 'P1', 'dedicated', '1000000'),
      shuraku('B1', 2024, 'P2', 'dedicated', '1000000'),
      shuraku('A2', 2024, 'P1', 'concurrent', '100000'),
      shuraku('A3', 2024, 'P1', 'dedicated', '200000'),
      shuraku('C1', 2024, 'P3', 'concurrent', '100000'),
      shuraku('C2', 2025, 'P3', 'dedicated', '100000'),
    ],
    [CITY],
  );

  it('warns on every line of a person taken as 専任 and 兼任 in one entity × FY, and on no other', async () => {
    const report = await evaluate(ledger);
    const conflicts = report.warnings.filter((w) => w.code === 'PERSON_CLASS_CONFLICT');
    expect(conflicts.map((w) => w.line)).toEqual(['A1', 'A2', 'A3']);
    expect(conflicts[0]?.message).toContain('集落支援員の専任・兼任');
    expect(conflicts[0]?.message).toContain('concurrent、dedicated');
    // The amounts are the engine's as before: each class under its own per-person cap.
    expect(report.lines.map((line) => [line.id, line.amount])).toEqual([
      ['A1', '1000000'],
      ['B1', '1000000'],
      ['A2', '100000'],
      ['A3', '200000'],
      ['C1', '100000'],
      ['C2', '100000'],
    ]);
  });

  it('holds into pass 2 only the persons taken in two classes', async () => {
    const { sizes, restore } = pruningSizes(PersonClasses, seenSize);
    const report = await evaluate(ledger).finally(restore);
    // P1, P2, P3 in FY2024 and P3 in FY2025; only P1 (専任 and 兼任) is read in pass 2.
    expect(sizes).toEqual([4, 1]);
    expect(
      report.warnings.filter((w) => w.code === 'PERSON_CLASS_CONFLICT').map((w) => w.line),
    ).toEqual(['A1', 'A2', 'A3']);
  });

  it('check-rules refuses a personClass fact the glossary lacks', () => {
    const input = readBundledInput();
    const measure = bundledMeasure('shuraku-shienin-tokko');
    must(must(measure.versions[1]).personClass).fact = 'shurakuKind';
    const issues = checkMeasure(
      measure,
      'm.json',
      GlossarySchema.parse(input.glossary),
      AssumptionsFileSchema.parse(input.assumptions).assumptions,
      undefined,
    );
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['versions[fy2024].personClass', '事実 shurakuKind が用語集（glossary.json）にありません'],
    ]);
  });
});
