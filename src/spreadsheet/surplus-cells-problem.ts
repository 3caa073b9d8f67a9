import type { SourceProblem } from '../ledger/source-problems.js';
import { isEmptyCell, textCell, type CellValue } from './cell-value.js';
import { columnLetter } from './ledger-columns.js';

/** Why a shifted row is refused, and what to do (the row is named by the reader). */
const CAUSE =
  '1,000 のようにカンマを含む金額や摘要を引用符で囲まずに書くと、カンマで値が分かれて右の列にずれます。' +
  '"1,000" のように引用符で囲むか、カンマを取り除いてください（この行は切り詰めて読まず、無効とします）';

/**
 * The problem of a CSV row that a comma may have split, if it is one; undefined otherwise. The
 * likely cause is an amount such as 1,000 written without quotes, which reads as ¥1 with "000"
 * pushed into the next column: the row is not read short, its line is `invalid` (and none of its
 * values is shown, as any may have moved), while the other rows are evaluated. Two shapes:
 * - a filled cell right of the header's last named column (`width`);
 * - more cells than the header row has (`headerCells`, its empty cells counted), even if the
 *   extra ones are empty: "…,600,000,," with 人物 and 摘要 empty pushes "000" into 人物 and
 *   only an empty cell out. Excel, LibreOffice and Google Sheets write every row with as many
 *   cells as the widest (the header too), so a longer row is never theirs.
 * Its code is CSV_ROW_TOO_LONG, which refused the whole file before issue 18; the message leaves
 * the row to the reader, which names it with the line id.
 */
export function surplusCellsProblem(
  row: readonly CellValue[],
  width: number,
  headerCells: number,
): SourceProblem | undefined {
  let last = row.length - 1;
  while (last >= width && isEmptyCell(row[last])) last -= 1;
  if (last < width) {
    if (row.length <= headerCells) return undefined;
    const extra = row.length - headerCells;
    return {
      code: 'CSV_ROW_TOO_LONG',
      field: 'row',
      expected: `見出し行と同じ${headerCells}個以内のセル`,
      received: `セル${row.length}個（見出し行より${extra}個多い）`,
      message:
        `セルが${row.length}個ありますが、見出し行は${headerCells}個です` +
        `（右端の${extra}個は空ですが、その左で値が1つずつ右にずれている可能性があります）。${CAUSE}`,
      valuesUnreliable: true,
    };
  }
  const surplus = row
    .slice(width, last + 1)
    .map((cell) => (isEmptyCell(cell) ? '' : textCell(cell, 'utc')));
  const shown = JSON.stringify(surplus.join(',').slice(0, 40));
  const overflow = `${columnLetter(width)}列から ${shown} がはみ出しています`;
  return {
    code: 'CSV_ROW_TOO_LONG',
    field: 'row',
    expected: `見出し行の${width}列に収まるセル`,
    received: `セル${last + 1}個（${overflow}）`,
    message: `セルが${last + 1}個ありますが、見出し行は${width}列です（${overflow}）。${CAUSE}`,
    valuesUnreliable: true,
  };
}
