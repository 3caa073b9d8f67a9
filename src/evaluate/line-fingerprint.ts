/** Type tags in the running hash: above every UTF-16 code unit, so no text reads as one. */
const TAG = {
  string: 0x10002,
  number: 0x10003,
  true: 0x10004,
  false: 0x10005,
  null: 0x10006,
  undefined: 0x10007,
  bigint: 0x10008,
  array: 0x10009,
  object: 0x1000a,
  end: 0x1000b,
  other: 0x1000c,
  deep: 0x1000d,
} as const;

/** Deeper than a ledger line goes; a value nested further is tagged, not walked (no stack overflow). */
const MAX_DEPTH = 64;

function addText(add: (code: number) => void, text: string): void {
  for (let index = 0; index < text.length; index += 1) add(text.charCodeAt(index));
  add(TAG.end);
}

/**
 * Feeds every value of a line to `add`, as code units and tags: two lines feed the same codes only
 * if they hold the same keys and values, whatever order their keys were written in (a query run
 * again may build its objects another way). Read as the evaluation reads a line: own enumerable
 * keys, getters called.
 */
export function addLineValues(add: (code: number) => void, value: unknown, depth = 0): void {
  if (typeof value === 'string') {
    add(TAG.string);
    addText(add, value);
  } else if (typeof value === 'number') {
    add(TAG.number);
    addText(add, Object.is(value, -0) ? '-0' : String(value));
  } else if (typeof value === 'boolean') add(value ? TAG.true : TAG.false);
  else if (value === null) add(TAG.null);
  else if (value === undefined) add(TAG.undefined);
  else if (typeof value === 'bigint') {
    add(TAG.bigint);
    addText(add, value.toString());
  } else if (typeof value !== 'object') add(TAG.other);
  else if (depth >= MAX_DEPTH) add(TAG.deep);
  else if (Array.isArray(value)) {
    add(TAG.array);
    for (const item of value as readonly unknown[]) addLineValues(add, item, depth + 1);
    add(TAG.end);
  } else {
    add(TAG.object);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      addText(add, key);
      addLineValues(add, record[key], depth + 1);
    }
    add(TAG.end);
  }
}
