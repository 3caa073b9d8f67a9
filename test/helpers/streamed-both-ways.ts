import {
  collectStream,
  evaluateStream,
  type StreamOptions,
} from '../../src/evaluate/evaluate-stream.js';
import type { Report } from '../../src/schema/report.js';

/**
 * evaluateStream's report both ways it evaluates: the lines held (an array: each line read and
 * judged once, as evaluate does) and the lines given again per pass (a function: passes 0–2, the
 * search's reads in batches). Each must be evaluate's report.
 */
export async function streamedBothWays(
  ledger: { readonly entities: readonly unknown[]; readonly lines: readonly unknown[] },
  options?: StreamOptions,
): Promise<{ held: Report; reread: Report }> {
  const reread = { entities: ledger.entities, lines: () => ledger.lines };
  return {
    held: await collectStream(evaluateStream(ledger, options)),
    reread: await collectStream(evaluateStream(reread, options)),
  };
}
