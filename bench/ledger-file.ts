// Reads a ledger written by writeLedgerFile (one entity or line per text line) without holding the
// file as one string: a million-line ledger is ~300 MB of text, which would otherwise count against
// the peak memory of the variant being measured. Any other JSON ledger falls back to JSON.parse.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface RawLedger {
  entities: unknown[];
  lines: unknown[];
}

/** Calls `onLine` for each text line of a file (without the newline), reading 4 MiB at a time. */
/** `onLine` returns false to stop reading. */
export function forEachTextLine(path: string, onLine: (text: string) => boolean): void {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 22);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      const text = read === 0 ? decoder.end() : decoder.write(chunk.subarray(0, read));
      let start = 0;
      const all = carry + text;
      for (;;) {
        const end = all.indexOf('\n', start);
        if (end < 0) break;
        if (!onLine(all.slice(start, end))) return;
        start = end + 1;
      }
      carry = all.slice(start);
      if (read === 0) {
        if (carry !== '') onLine(carry);
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The ledger of a file; with `limit`, only its first `limit` lines (the entities always in full).
 */
export function readLedgerFile(path: string, limit = Infinity): RawLedger {
  const entities: unknown[] = [];
  const lines: unknown[] = [];
  const state: { section: 'start' | 'entities' | 'lines' | 'end'; streamed: boolean } = {
    section: 'start',
    streamed: true,
  };
  forEachTextLine(path, (text) => {
    if (state.section === 'start') {
      if (text !== '{"entities":[') {
        state.streamed = false;
        return false;
      }
      state.section = 'entities';
      return true;
    }
    if (text === '],"lines":[') {
      state.section = 'lines';
      return true;
    }
    if (text === ']}' || text === '') {
      state.section = 'end';
      return true;
    }
    const json = text.endsWith(',') ? text.slice(0, -1) : text;
    if (state.section === 'entities') entities.push(JSON.parse(json));
    else if (state.section === 'lines') {
      if (lines.length >= limit) return false;
      lines.push(JSON.parse(json));
    }
    return true;
  });
  if (state.streamed) return { entities, lines };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as RawLedger;
  return Number.isFinite(limit)
    ? { entities: parsed.entities, lines: parsed.lines.slice(0, limit) }
    : parsed;
}
