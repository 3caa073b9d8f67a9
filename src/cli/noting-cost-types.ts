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
  return {
    ...ledger,
    lines:
      typeof lines === 'function'
        ? takesWanted(lines)
          ? skippingLines((wanted?: LinesWanted) => note((lines as Pass)(wanted)))
          : () => note(lines())
        : note(lines as Iterable<unknown>),
  };
}
