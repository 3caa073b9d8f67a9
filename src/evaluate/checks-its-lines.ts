/**
 * A line source function that makes sure itself that every pass gives the lines of the first — the
 * file readers compare the SHA-256 of each read with the first (src/node/verified-file.ts) — so
 * the stream compares the lines' ids only, not every value of every line (checked-passes.ts).
 * A registered symbol, as UNREAD_LINE's, so that another copy of kofuzei reads the mark alike.
 */
const CHECKS_ITS_LINES = Symbol.for('kofuzei.checksItsLines');

/** Marks a line source function as checking itself that each pass gives the first pass's lines. */
export function checkingItsLines<T extends (...args: never[]) => unknown>(source: T): T {
  Object.defineProperty(source, CHECKS_ITS_LINES, { value: true });
  return source;
}

/** Whether a line source function was marked by checkingItsLines. */
export function checksItsLines(source: (...args: never[]) => unknown): boolean {
  return (source as { [CHECKS_ITS_LINES]?: boolean })[CHECKS_ITS_LINES] === true;
}
