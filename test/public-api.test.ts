import { describe, expect, it } from 'vitest';
import * as kofuzei from '../src/index.js';

describe('the public API', () => {
  it('exports the batch and streaming evaluators the README documents', async () => {
    const ledger = {
      entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
      lines: [
        {
          id: 'L1',
          entity: '392081',
          fiscalYear: 2025,
          program: 'cio-aide',
          costType: 'recruitment',
          amount: '800000',
        },
      ],
    };
    const streamed = await kofuzei.collectStream(kofuzei.evaluateStream(ledger));
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(await kofuzei.evaluate(ledger)));
    expect(streamed.lines[0]?.amount).toBe('560000');
    // A prepared rule set (issue 17) gives the same report.
    const prepared = kofuzei.prepareRuleSet();
    expect(prepared).toBeInstanceOf(kofuzei.PreparedRuleSet);
    expect(JSON.stringify(await kofuzei.evaluate(ledger, { prepared }))).toBe(
      JSON.stringify(streamed),
    );
  });
});
