import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../../bench/generate-ledger.js';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { deepFreeze } from '../../../src/schema/deep-freeze.js';
import { reportLineJson } from '../../../src/report/report-line-json.js';
import type { ReportLine } from '../../../src/schema/report.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../../helpers/paths.js';

/**
 * The report writers render lines with reportLineJson, which renders a shared, deeply frozen
 * field once: the text must stay JSON.stringify's, compact (JSON Lines) and indented (the JSON
 * report, where a line sits two levels deep), on first and later renderings.
 */
const indented = (value: unknown, depth: number): string =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

function expectSame(line: ReportLine): void {
  for (let round = 0; round < 2; round += 1) {
    expect(reportLineJson(line)).toBe(JSON.stringify(line));
    expect(reportLineJson(line, 2)).toBe(indented(line, 2));
  }
}

describe('reportLineJson ≡ JSON.stringify', () => {
  it('on every line of the sample, fixture, acceptance and a generated ledger', async () => {
    const named = [sampleLedger(), ...fixtureLedgers(), ...acceptanceLedgers()];
    const ledgers = [...named.map(({ ledger }) => ledger), generateLedger(3000, 4)];
    let count = 0;
    for (const ledger of ledgers) {
      const report = await evaluate(ledger);
      for (const line of report.lines) expectSame(line);
      count += report.lines.length;
    }
    expect(count).toBeGreaterThan(3000);
  });

  it('renders a shared field that is not frozen afresh each time', () => {
    const citations = [{ id: 'a#1', source: 's.txt', lines: '1', quote: 'x' }];
    const line = { id: 'L1', citations } as unknown as ReportLine;
    expect(reportLineJson(line)).toBe(JSON.stringify(line));
    citations.push({ id: 'a#2', source: 's.txt', lines: '2', quote: 'y' });
    expect(reportLineJson(line)).toBe(JSON.stringify(line));
    expect(reportLineJson(line, 2)).toBe(indented(line, 2));
  });

  it('on any object whose fields are JSON values, frozen or not, with undefined fields', () => {
    const field = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const names = fc.constantFrom('id', 'citations', 'reasons', 'caps', 'missingFacts', 'memo');
    fc.assert(
      fc.property(fc.dictionary(names, field), fc.boolean(), (fields, frozen) => {
        const line = (frozen ? deepFreeze(fields) : fields) as unknown as ReportLine;
        expectSame(line);
      }),
      { numRuns: 2000 },
    );
  });
  it('stays JSON.stringify past the renderings it keeps (4,000 a half), for old and new values', () => {
    // Renderings kept are bounded (BoundedWeakCache; a streamed national ledger's shared values
    // are tens of thousands): values whose renderings were let go, or moved back, render alike.
    const lineOf = (index: number): ReportLine =>
      deepFreeze({
        id: `L${index}`,
        reasons: [{ code: 'FACT_MISSING', text: `理由 ${index}` }],
        citations: [{ id: `c#${index}`, source: 's.txt', lines: String(index), quote: '引用' }],
      }) as unknown as ReportLine;
    const lines = Array.from({ length: 12_000 }, (_, index) => lineOf(index));
    const early = lines.slice(0, 3);
    lines.forEach((line, index) => {
      expectSame(line);
      if (index % 2_500 === 0) for (const kept of early) expectSame(kept);
    });
    for (const line of [...lines.slice(0, 50), ...lines.slice(-50)]) expectSame(line);
  });
});
