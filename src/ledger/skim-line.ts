import { entityCodeKey } from '../fields/entity-code-key.js';
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

const PERSON = [0x70, 0x65, 0x72, 0x73, 0x6f, 0x6e]; // "person"

/** Only valid UTF-8 is decoded here: the reader's own decoding of invalid bytes is not imitated. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What skimLine reads of a line: null where it cannot be sure. */
export interface SkimmedLine {
  /** The top-level `entity`: the string, or '' when there is none (no such key, another type). */
  readonly entity: string | null;
  /** The top-level `person` when it is a string; undefined when there is none or another type. */
  readonly person: string | undefined | null;
}

const UNSURE: SkimmedLine = { entity: null, person: null };

function isKey(bytes: Uint8Array, at: number, end: number, key: readonly number[]): boolean {
  return (
    end - at - 1 === key.length && key.every((letter, index) => bytes[at + 1 + index] === letter)
  );
}

/**
 * The top-level `entity` and `person` of one JSON Lines record, from its UTF-8 bytes, without
 * parsing it — what the evaluation reads as the line's entity (fact-settlement.ts entityOf) and
 * person once the reader has parsed it. Each is null when a scan cannot tell and the line must be
 * parsed: the line does not start with "{", a top-level key or the value is written with an
 * escape, the key is written twice; an entity that is not ASCII or is long, a person that is not
 * valid UTF-8. For valid JSON the answer is exact: strings are skipped by their quotes (a quote
 * inside one is escaped), keys are the strings at depth 1 followed by ":", and no byte of a
 * multi-byte character is ASCII. Text that is not JSON is handed on as text, whose entity is ''
 * and which has no person; the answer for it may be anything, which is enough for a caller that
 * skips a line when the answer is not a wanted entity ('' never is: an entity code is never empty).
 */
export function skimLine(bytes: Uint8Array): SkimmedLine {
  let at = 0;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] !== 0x7b) return UNSURE;
  let depth = 0;
  let entity: string | null = '';
  let entitySeen = false;
  let person: string | null | undefined;
  let personSeen = false;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) {
      const string = stringAt(bytes, at);
      if (string === null) return { entity, person };
      let next = string.end + 1;
      if (depth === 1) {
        while (isSpace(bytes[next])) next += 1;
        if (bytes[next] === 0x3a) {
          if (string.escaped) return UNSURE;
          const isEntity = isKey(bytes, at, string.end, ENTITY);
          const isPerson = !isEntity && isKey(bytes, at, string.end, PERSON);
          if (isEntity || isPerson) {
            if (isEntity ? entitySeen : personSeen) return UNSURE;
            next += 1;
            while (isSpace(bytes[next])) next += 1;
            let value: string | null | undefined = isEntity ? '' : undefined;
            if (bytes[next] === QUOTE) {
              const end = stringAt(bytes, next);
              if (end === null) return { entity: isEntity ? '' : entity, person: undefined };
              const inside = bytes.subarray(next + 1, end.end);
              if (end.escaped) value = null;
              // Read as entityOf reads it (" 392081" is 392081's); a non-ASCII code is parsed.
              else if (end.ascii && inside.length <= 64)
                value = isEntity
                  ? entityCodeKey(String.fromCharCode(...inside))
                  : String.fromCharCode(...inside);
              // An entity code is a few digits: a long or non-ASCII value is parsed instead.
              else if (isEntity) value = null;
              else value = decoded(inside);
              next = end.end + 1;
            }
            if (isEntity) {
              entity = value === undefined ? '' : value;
              entitySeen = true;
            } else {
              person = value;
              personSeen = true;
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
  return { entity, person };
}

/** Valid UTF-8 as text; null otherwise. */
function decoded(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** The top-level `entity` of one JSON Lines record (skimLine), or null when a scan cannot tell. */
export function skimEntity(bytes: Uint8Array): string | null {
  return skimLine(bytes).entity;
}
