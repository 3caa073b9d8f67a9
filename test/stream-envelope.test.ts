import { describe, expect, it } from 'vitest';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { cioLine } from './helpers/ledger.js';

/** A CIO補佐官 recruitment line of 宿毛市: ¥800,000 → ¥560,000. */
const LINE = cioLine('L1', { costType: 'recruitment', amount: '800000' });

/**
 * evaluateStream given something that is not a ledger threw a TypeError ("Cannot read properties
 * of undefined"), and `lines: 'abc'` gave three invalid lines; evaluate reports NOT_A_LEDGER.
 * Both give the same report now.
 */
describe('evaluateStream of what is not a ledger', () => {
  const entities = [{ code: '392081', name: '宿毛市', kind: 'city' }];
  it.each([
    ['null', null],
    ['a number', 7],
    ['no entities', { lines: [] }],
    ['no lines', { entities: [] }],
    ['entities not an array', { entities: 'x', lines: [] }],
    ['lines a string', { entities, lines: 'abc' }],
    ['lines a number', { entities, lines: 3 }],
  ])('%s: the report evaluate gives (NOT_A_LEDGER), no throw', async (_what, ledger) => {
    const expected = await evaluate(ledger);
    expect(expected.errors.length).toBeGreaterThan(0);
    expect(expected.errors.every((error) => error.code === 'NOT_A_LEDGER')).toBe(true);
    const streamed = await collectStream(evaluateStream(ledger as never));
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(expected));
  });

  it('reads a ledger whose entities and lines are getters (a class instance), as evaluate does', async () => {
    class Ledger {
      get entities(): unknown[] {
        return entities;
      }
      get lines(): unknown[] {
        return [LINE];
      }
    }
    const expected = JSON.stringify(await evaluate(new Ledger()));
    expect(JSON.parse(expected)).toMatchObject({ errors: [] });
    expect(JSON.stringify(await collectStream(evaluateStream(new Ledger())))).toBe(expected);
  });

  it('takes lines as an array, a function, a generator or a Set', async () => {
    const line = LINE;
    const expected = JSON.stringify(await evaluate({ entities, lines: [line] }));
    for (const lines of [
      [line],
      () => [line],
      (function* lines() {
        yield line;
      })(),
      new Set([line]),
    ])
      expect(JSON.stringify(await collectStream(evaluateStream({ entities, lines })))).toBe(
        expected,
      );
  });
});

describe('options that are not options', () => {
  const ledger = {
    entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
    lines: [LINE],
  };

  it('takes null as no options, in evaluate and evaluateStream', async () => {
    const expected = JSON.stringify(await evaluate(ledger));
    expect(JSON.stringify(await evaluate(ledger, null as never))).toBe(expected);
    expect(JSON.stringify(await collectStream(evaluateStream(ledger, null as never)))).toBe(
      expected,
    );
  });

  it('says plainly that rules must be a rule set (was "Cannot read properties of undefined")', async () => {
    for (const rules of [{}, 'rules/', { version: 'x', measures: 'all' }])
      await expect(evaluate(ledger, { rules: rules as never })).rejects.toThrow(
        /options\.rules must be a rule set/u,
      );
  });
});
