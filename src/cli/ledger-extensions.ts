/** Ledger files read as JSON Lines: a `{"entities": [...]}` line, then one line per ledger line. */
export const JSON_LINES_EXTENSIONS: readonly string[] = ['.jsonl', '.ndjson'];

/** Ledger files read again for each pass (never held whole): JSON Lines and CSV. */
export const STREAMED_EXTENSIONS: readonly string[] = [...JSON_LINES_EXTENSIONS, '.csv'];
