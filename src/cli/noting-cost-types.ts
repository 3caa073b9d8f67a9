import { sourceRowOf } from '../ledger/source-row.js';
import type { StreamLedger } from '../evaluate/evaluate-stream.js';
import {
  skippingLines,
  takesWanted,
  type LinesWanted,
  type Pass,
} from '../evaluate/unread-line.js';

/** The ledger, its streamed lines noting each row's costType for the csv and xlsx sheets. */
export function notingCostTypes<T extends StreamLedger>(
  ledger: T,
  into: Map<number, string>,
  format: string,
): T {
  const { lines } = ledger;
  if ((format !== 'csv' && format !== 'xlsx') || Array.isArray(lines)) return ledger;
  async function* note(source: Iterable<unknown> | AsyncIterable<unknown>): AsyncIterable<unknown> {
    let row = 0;
    for await (const line of source) {
      row += 1;
      const costType = (line as { costType?: unknown } | null)?.costType;
      // Keyed by the row the report shows: a spreadsheet's own row, else the position.
      if (typeof costType === 'string') into.set(sourceRowOf(line) ?? row, costType);
      yield line;
    }
  }
  if (typeof lines !== 'function') return { ...ledger, lines: note(lines as Iterable<unknown>) };
  // A source that skips other entities' lines on the search's passes keeps doing so (unread-line.ts).
  const noted = (wanted?: LinesWanted): AsyncIterable<unknown> => note((lines as Pass)(wanted));
  return { ...ledger, lines: takesWanted(lines) ? skippingLines(noted) : () => note(lines()) };
}
