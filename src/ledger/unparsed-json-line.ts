/**
 * A JSON Lines line that is not JSON (cut short, a stray comma), or too long to read: the reader
 * cannot know what it held, so it becomes one invalid report line (RECORD_NOT_JSON,
 * RECORD_TOO_LONG) at its place in the file, never a dropped row. A class, not a string, so that the error can say where in the file the JSON broke
 * (its position is noted on it like any record's) and what was wrong there; it never crosses to a
 * worker (worker-transfer.ts keeps non-plain records in their thread).
 */
export class UnparsedJsonLine {
  constructor(
    /** The line's text (trimmed). */
    readonly text: string,
    /** Why it is not JSON, from the strict reader, or why it was not read (Japanese). */
    readonly problem: string,
    readonly code: 'RECORD_NOT_JSON' | 'RECORD_TOO_LONG' = 'RECORD_NOT_JSON',
  ) {}
}
