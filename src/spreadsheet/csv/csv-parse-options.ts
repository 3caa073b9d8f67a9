/**
 * The csv-parse options both CSV readers (whole file and stream) share. Every line ending ends a
 * record, whichever mix a file has: left to itself csv-parse takes the first line's ending as the
 * only one, so a CRLF header over LF rows (a file appended to by another tool) read each row as
 * the tail of the one before, and rows vanished into memos. CRLF comes first so it counts once;
 * inside a quoted cell every newline is kept as it is. Empty lines are skipped but counted (with
 * `info`), so row numbers stay those a spreadsheet shows.
 */
export function csvParseOptions() {
  return {
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  };
}
