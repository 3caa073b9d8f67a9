/**
 * Size limits on untrusted input files (README "Reliability"). Each is enforced before the file is
 * parsed and reported as a KofuzeiError naming the file and the limit (exit code 2 in the CLI).
 */
export const INPUT_LIMITS = {
  /** A .json ledger is parsed whole; above this use JSON Lines (.jsonl), which streams. */
  jsonBytes: 500 * 1024 * 1024,
  /** A .csv ledger is decoded and parsed whole. */
  csvBytes: 200 * 1024 * 1024,
  /** An .xlsx workbook file. */
  xlsxBytes: 200 * 1024 * 1024,
  /** The inflated size of all of an .xlsx workbook's parts together (measured, not as declared). */
  xlsxUncompressedBytes: 512 * 1024 * 1024,
  /** Parts (zip entries) in an .xlsx workbook. */
  xlsxEntries: 10_000,
} as const;

/** "500 MiB" for a byte count that is a whole number of MiB. */
export function mebibytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
