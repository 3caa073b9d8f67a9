// Per function, not the index: the index loads all of date-fns (≈300 modules) at a CLI's start.
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';

/**
 * Excel's date serials that a ledger's date column may plausibly hold: 1990-01-01 (32874) to
 * 2099-12-31 (73050). Far above serial 60, the 1900-02-29 that Excel counts but that never was, so
 * every serial in range is a real day; a number outside it is more likely an amount or an id typed
 * into the wrong column, and stays an error.
 */
const FIRST = 32874;
/** Serial of 1904-01-01 in the 1900 system: the 1904 system's day 0. */
const DAYS_1900_TO_1904 = 1462;
const LAST = 73050;

/**
 * A date column's cell holding a bare Excel date serial (a CSV saved from a sheet whose date column
 * lost its format writes 45792 for 2025-05-15; so does an xlsx cell without a date format) as
 * "YYYY-MM-DD", or undefined when the cell is not such a serial.
 */
export function dateOfSerial(cell: unknown, date1904 = false): string | undefined {
  const text =
    typeof cell === 'number'
      ? String(cell)
      : typeof cell === 'string'
        ? cell.normalize('NFKC').trim()
        : '';
  if (!/^\d{5}$/u.test(text)) return undefined;
  // A workbook counting from 1904 (date1904, old Mac Excel) numbers every day 1,462 lower.
  const serial = Number(text) + (date1904 ? DAYS_1900_TO_1904 : 0);
  if (serial < FIRST || serial > LAST) return undefined;
  // Day 0 is 1899-12-30 for every serial after 60 (Excel's 1900 leap-year bug); local calendar days.
  return format(addDays(new Date(1899, 11, 30), serial), 'yyyy-MM-dd');
}
