import { displayWidth } from '../../core/display-width.js';

/**
 * Column widths of the template, in Excel's unit (about one half-width character; a Japanese
 * character takes two, as displayWidth counts it). Printed cells must not clip: a column is as
 * wide as its longest drop-down choice and as its header, the header wrapping onto a few lines
 * when it is long (fact headers are whole sentences of the sources, up to ~140 columns wide).
 */
export const MIN_WIDTH = 8;
/** Wider columns would leave one or two per printed page. */
export const MAX_WIDTH = 40;
/** Room for the cell margins and the drop-down arrow. */
const PADDING = 2;
/** A header up to this wide stays on one line; a longer one takes about HEADER_LINES lines. */
const ONE_LINE_HEADER = 20;
const HEADER_LINES = 3;
/** Points per printed line of 11-point text, for the header row's height. */
export const LINE_HEIGHT = 15;

/** What a typed value needs: 999,999,999,999 for yen, 2025/12/31 for a date (else `###`). */
const VALUE_WIDTH: Readonly<Record<string, number>> = { yen: 15, date: 10 };

/** A column's width: fits its values, its longest choice and its header (on one or a few lines). */
export function templateColumnWidth(
  header: string,
  choices: readonly string[] | null,
  type = 'text',
): number {
  const headerWidth = displayWidth(header);
  const perLine =
    headerWidth <= ONE_LINE_HEADER
      ? headerWidth
      : Math.max(ONE_LINE_HEADER, Math.ceil(headerWidth / HEADER_LINES));
  const choiceWidth = Math.max(0, ...(choices ?? []).map(displayWidth));
  const valueWidth = VALUE_WIDTH[type] ?? 0;
  return Math.min(
    MAX_WIDTH,
    Math.max(MIN_WIDTH, perLine + PADDING, choiceWidth + PADDING, valueWidth + PADDING),
  );
}

/** Lines a header takes in a column of this width (the header row is as tall as the tallest). */
export function headerLines(header: string, width: number): number {
  return Math.max(1, Math.ceil(displayWidth(header) / (width - PADDING)));
}

/** A choice longer than the widest column wraps in its cell instead of being cut off. */
export function choicesWrap(choices: readonly string[] | null, width: number): boolean {
  return (choices ?? []).some((choice) => displayWidth(choice) + PADDING > width);
}
