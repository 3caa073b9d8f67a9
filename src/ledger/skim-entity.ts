const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ENTITY = [0x65, 0x6e, 0x74, 0x69, 0x74, 0x79]; // "entity"

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

/** The end (index of the closing quote) of the string opening at `at`, and what it holds. */
function stringAt(
  bytes: Uint8Array,
  at: number,
): { end: number; escaped: boolean; ascii: boolean } | null {
  let escaped = false;
  let ascii = true;
  for (let index = at + 1; index < bytes.length;) {
    const byte = bytes[index] as number;
    if (byte === QUOTE) return { end: index, escaped, ascii };
    if (byte === BACKSLASH) {
      escaped = true;
      index += 2;
      continue;
    }
    if (byte >= 0x80) ascii = false;
    index += 1;
  }
  return null;
}

/**
 * The top-level `entity` of one JSON Lines record, from its UTF-8 bytes, without parsing it — what
 * the evaluation reads as the line's entity (fact-settlement.ts entityOf) once the reader has
 * parsed it: the string, or '' when there is none (no such key, another type); null when a scan
 * cannot tell and the line must be parsed (it does not start with "{", a top-level key or the
 * value is written with an escape, the value is not ASCII or is long, the key is written twice).
 * For valid JSON the answer is exact: strings are skipped by their quotes (a quote inside one is
 * escaped), keys are the strings at depth 1 followed by ":", and no byte of a multi-byte character
 * is ASCII. Text that is not JSON is handed on as text, whose entity is ''; the answer for it may
 * be anything, which is enough for a caller that skips a line when the answer is not a wanted
 * entity ('' never is: an entity code is never empty).
 */
export function skimEntity(bytes: Uint8Array): string | null {
  let at = 0;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] !== 0x7b) return null;
  let depth = 0;
  let found: string | null = null;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) {
      const string = stringAt(bytes, at);
      if (string === null) return '';
      let next = string.end + 1;
      if (depth === 1) {
        while (isSpace(bytes[next])) next += 1;
        if (bytes[next] === 0x3a) {
          if (string.escaped) return null;
          const isEntity =
            string.end - at - 1 === ENTITY.length &&
            ENTITY.every((letter, index) => bytes[at + 1 + index] === letter);
          if (isEntity) {
            if (found !== null) return null;
            next += 1;
            while (isSpace(bytes[next])) next += 1;
            found = '';
            if (bytes[next] === QUOTE) {
              const value = stringAt(bytes, next);
              if (value === null) return '';
              // An entity code is a few digits: a long value is parsed rather than spread here.
              if (value.escaped || !value.ascii || value.end - next > 64) return null;
              found = String.fromCharCode(...bytes.subarray(next + 1, value.end));
              next = value.end + 1;
            }
          }
        }
      }
      at = next;
      continue;
    }
    if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) depth -= 1;
    at += 1;
  }
  return found ?? '';
}
