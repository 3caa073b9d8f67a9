import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluate/evaluate.js';

// Clerk-first: a missing number fact's reason gives the bound as a clerk reads amounts — with
// thousands separators and the glossary's unit (「100,000円以上なら該当」), not a bare "100000".
describe('FACT_MISSING text of a bound', () => {
  it('writes the bound with separators and the unit', async () => {
    const fixture = JSON.parse(
      readFileSync('fixtures/dx-taisei-kochiku-itaku/02-bihin-thresholds-and-gap.json', 'utf8'),
    ) as {
      ledger: { entities: unknown[]; lines: { id: string; facts: Record<string, unknown> }[] };
    };
    const [first] = fixture.ledger.lines;
    if (first === undefined) throw new Error('fixture has no line');
    const facts = { ...first.facts };
    delete facts.itakuAcquisitionPriceExTax;
    const ledger = { entities: fixture.ledger.entities, lines: [{ ...first, facts }] };
    const report = await evaluate(ledger);
    const texts = report.lines.flatMap((line) =>
      line.reasons.filter((reason) => reason.code === 'FACT_MISSING').map((reason) => reason.text),
    );
    const bound = texts.filter((text) => text.includes('itakuAcquisitionPriceExTax'));
    expect(bound.length).toBeGreaterThan(0);
    for (const text of bound) {
      expect(text).toMatch(/100,000円(以上|未満|以下|を超える)なら該当/u);
      expect(text).not.toMatch(/100000/u);
    }
  });
});
