/**
 * What a line source that takes `wanted` (marked by `skippingLines`) may give, on a pass that asks
 * only for some lines (see LinesWanted), in place of a line it did not read because it is surely
 * not one of them: its top-level `entity` is another string, or none, or the line is not a JSON
 * object, or `wanted.line` refuses it. It keeps the line's place (rows are counted as before)
 * without the cost of parsing it. Never given on a pass that asks for every line
 * (checked-passes.ts refuses it there). A registered symbol, so that a source built with another
 * copy of kofuzei (its CommonJS build beside the ES one) gives the same.
 */
export const UNREAD_LINE: unique symbol = Symbol.for('kofuzei.unreadLine');

/** A pass that needs only the lines whose top-level `entity` is one of `entities`. */
export interface LinesWanted {
  readonly entities: ReadonlySet<string>;
  /**
   * When given (the screening reads of the search), only those lines of the `entities` it accepts
   * are needed: it is asked with the line's place among the lines the pass gives (1 for the first,
   * UNREAD_LINEs counted), its top-level `entity`, and its top-level `person` when that is a string
   * (else undefined). A source may ignore it; one that asks it must pass exactly those values.
   */
  readonly line?: (row: number, entity: string, person: string | undefined) => boolean;
}

/** One pass over a streamed ledger's lines: every line, or with `wanted` (see UNREAD_LINE). */
export type Pass = (wanted?: LinesWanted) => Iterable<unknown> | AsyncIterable<unknown>;

const TAKES_WANTED = Symbol.for('kofuzei.takesWanted');

/**
 * Marks a line source function as taking `wanted` (and giving UNREAD_LINE on such passes). Only a
 * marked function is given an argument: a caller's own function may have an optional parameter
 * of its own, which an unasked-for object would silently fill.
 */
export function skippingLines<
  T extends (wanted?: LinesWanted) => Iterable<unknown> | AsyncIterable<unknown>,
>(source: T): T {
  Object.defineProperty(source, TAKES_WANTED, { value: true });
  return source;
}

/** Whether a line source function was marked by skippingLines. */
export function takesWanted(source: () => unknown): boolean {
  return (source as { [TAKES_WANTED]?: boolean })[TAKES_WANTED] === true;
}
