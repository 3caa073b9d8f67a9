import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { collectStream, evaluateStream } from '../../src/evaluate/evaluate-stream.js';
import { MAX_HELD_ROWS } from '../../src/evaluate/settle-limits.js';
import { evaluateStreamInWorkers } from '../../src/node/evaluate-in-workers.js';
import { heldLinesForHeap } from '../../src/node/held-lines-for-heap.js';

/**
 * evaluateStream's `heldLines` bounds the lines the fact search of a streamed ledger holds at a
 * time, asked before each read (kofuzei/node's heldLinesForHeap answers from the heap left, and
 * evaluateStreamInWorkers passes it): any answer gives `evaluate`'s report, byte for byte.
 */
describe('evaluateStream with heldLines', () => {
  const ledger = generateLedger(1500, 2) as unknown as { entities: unknown[]; lines: unknown[] };

  it('asks before each read of the search, and any budget gives the same report', async () => {
    const expected = JSON.stringify(await evaluate(ledger));
    for (const budget of [1, 7, 200]) {
      let asked = 0;
      let passes = 0;
      const source = {
        entities: ledger.entities,
        lines: () => ((passes += 1), ledger.lines),
      };
      const heldLines = (): number => ((asked += 1), budget);
      const report = await collectStream(evaluateStream(source, { heldLines }));
      expect(JSON.stringify(report), `budget ${budget}`).toBe(expected);
      // Passes 0, 1 and 2, once more per batch (screening reads included), each batch asked for.
      expect(asked, `budget ${budget}`).toBeGreaterThan(1);
      expect(passes - 3, `budget ${budget}`).toBeGreaterThanOrEqual(asked - 1);
    }
  });

  it('refuses an answer that is not a whole number of at least 1', async () => {
    // Asked only of lines read again per pass (a function): held lines are searched in place.
    const source = { entities: ledger.entities, lines: () => ledger.lines };
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      const events = evaluateStream(source, { heldLines: () => bad });
      await expect(collectStream(events)).rejects.toThrow(/heldLines/);
    }
  });

  it('heldLinesForHeap answers between 1,000 lines and MAX_HELD_ROWS', () => {
    const lines = heldLinesForHeap();
    expect(Number.isSafeInteger(lines)).toBe(true);
    expect(lines).toBeGreaterThanOrEqual(1000);
    expect(lines).toBeLessThanOrEqual(MAX_HELD_ROWS);
  });

  it('evaluateStreamInWorkers passes on a heldLines given, else heldLinesForHeap', async () => {
    const expected = JSON.stringify(await evaluate(ledger));
    let asked = 0;
    const source = { entities: ledger.entities, lines: () => ledger.lines };
    const given = evaluateStreamInWorkers(source, {
      workers: 1,
      heldLines: () => ((asked += 1), 5),
    });
    expect(JSON.stringify(await collectStream(given))).toBe(expected);
    expect(asked).toBeGreaterThan(1);
    const byHeap = evaluateStreamInWorkers(source, { workers: 1 });
    expect(JSON.stringify(await collectStream(byHeap))).toBe(expected);
  });
});
