import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { streamedBothWays } from './helpers/streamed-both-ways.js';

const city = { code: '392081', name: '宿毛市', kind: 'city' };
const recruitment = (fields: Record<string, unknown>) => ({
  entity: '392081',
  fiscalYear: 2025,
  program: 'cio-aide',
  costType: 'recruitment',
  amount: '100000',
  ...fields,
});

describe('line ids', () => {
  it('never takes a line without an id for a duplicate of a real id "#row"', async () => {
    const ledger = { entities: [city], lines: [recruitment({ id: '#2' }), recruitment({})] };
    const { held, reread } = await streamedBothWays(ledger);
    for (const report of [await evaluate(ledger), held, reread]) {
      expect(report.lines.map((line) => [line.id, line.status])).toEqual([
        ['#2', 'eligible'],
        ['#2', 'invalid'],
      ]);
      expect(report.errors.map((error) => [error.row, error.field])).toEqual([[2, 'id']]);
    }
  });

  it('reads null in an optional field as absent, like an empty cell', async () => {
    const report = await evaluate({
      entities: [city],
      lines: [
        recruitment({ id: 'N1', fiscalYear: null, date: '2025-06-30', person: null, memo: null }),
      ],
    });
    expect(report.lines[0]?.status).toBe('eligible');
    expect(report.lines[0]?.fiscalYear).toBe(2025);
  });

  it('still requires the required fields when they are null', async () => {
    const report = await evaluate({
      entities: [city],
      lines: [recruitment({ id: 'N2', amount: null })],
    });
    expect(report.lines[0]?.status).toBe('invalid');
    expect(report.errors[0]?.field).toBe('amount');
  });
});
