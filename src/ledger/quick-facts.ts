import { flatString } from '../core/flat-string.js';
import type { FactValue } from '../core/missing.js';
import type { FactDefinition } from '../schema/glossary.js';
import { parseFactValue } from './parse-fact-value.js';

// The caches of the fast path. Module-level and bounded: lines of a big ledger repeat a few
// combinations of facts, which are then parsed once and share one read-only map each.

const NO_FACTS: ReadonlyMap<string, FactValue> = new Map();
const interned = new Map<string, ReadonlyMap<string, FactValue>>();
const quotedNames = new Map<string, string>();
const parsedFacts = new WeakMap<
  Readonly<Record<string, FactDefinition>>,
  Map<string, ReadonlyMap<string, FactValue> | null>
>();

/**
 * A line's facts when every one is a line fact of the glossary with a valid value and nothing to
 * warn about (the same map readLineFacts makes, shared with the lines that repeat it); null
 * otherwise, for the reference reader. Keyed before any map is built, so the lines that repeat a
 * combination allocate nothing for it.
 */
export function quickFacts(
  raw: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, FactDefinition>>,
): ReadonlyMap<string, FactValue> | null {
  let node = booleans.root;
  let simple = true;
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (definition?.scope !== 'line') return null;
    const value = raw[name];
    if (definition.type === 'boolean' && typeof value === 'boolean') {
      node = booleans.child(node, name, value);
      continue;
    }
    simple = false;
    break;
  }
  if (!simple) return parsedOnce(raw, definitions);
  if (node === booleans.root) return NO_FACTS;
  if (node.facts !== undefined) return node.facts;
  const facts = new Map<string, FactValue>();
  for (const name in raw) if (Object.hasOwn(raw, name)) facts.set(name, raw[name] as boolean);
  node.facts = intern(facts);
  return node.facts;
}

/** A combination of boolean facts, in the order a line gives them, and the lines after it. */
interface BooleanNode {
  readonly next: Map<string, { true?: BooleanNode; false?: BooleanNode }>;
  facts: ReadonlyMap<string, FactValue> | undefined;
}

/**
 * Boolean-only facts (the common line's) found by walking their names and values, so a repeated
 * combination builds no key text; bounded like the other caches.
 */
class BooleanTrie {
  root: BooleanNode = { next: new Map(), facts: undefined };
  private size = 0;

  child(node: BooleanNode, name: string, value: boolean): BooleanNode {
    let byValue = node.next.get(name);
    if (byValue === undefined) node.next.set(name, (byValue = {}));
    const known = value ? byValue.true : byValue.false;
    if (known !== undefined) return known;
    if (this.size >= 10_000) {
      // Never-repeating names must not grow it without end: start again (the walk goes on in
      // the old nodes, which are let go with the line).
      this.root = { next: new Map(), facts: undefined };
      this.size = 0;
    }
    const made: BooleanNode = { next: new Map(), facts: undefined };
    this.size += 1;
    if (value) byValue.true = made;
    else byValue.false = made;
    return made;
  }
}

const booleans = new BooleanTrie();

/** Facts other than booleans: parsed once per combination of raw values and rule set. */
function parsedOnce(
  raw: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, FactDefinition>>,
): ReadonlyMap<string, FactValue> | null {
  const rawKey = rawFactsKey(raw);
  if (rawKey === null) return parseQuickFacts(raw, definitions);
  let known = parsedFacts.get(definitions);
  if (known === undefined) {
    known = new Map();
    parsedFacts.set(definitions, known);
  }
  const found = known.get(rawKey);
  if (found !== undefined) return found;
  const parsed = parseQuickFacts(raw, definitions);
  if (known.size >= 10_000) known.clear();
  known.set(flatString(rawKey), parsed);
  return parsed;
}

/** JSON.stringify(name), remembered (fact names are few). */
function quoted(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (quotedNames.size < 10_000) quotedNames.set(name, text);
  }
  return text;
}

/** Raw facts as a key text, when every value is a boolean, a string, a finite number or a list of strings. */
function rawFactsKey(raw: Readonly<Record<string, unknown>>): string | null {
  let key = '';
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const value = raw[name];
    let text: string;
    if (typeof value === 'boolean') text = value ? 't' : 'f';
    else if (typeof value === 'string') text = `s${JSON.stringify(value)}`;
    // -0 prints as 0: leave it to the parser.
    else if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))
      text = `n${String(value)}`;
    else if (Array.isArray(value) && value.every((element) => typeof element === 'string'))
      text = `a${JSON.stringify(value)}`;
    else return null;
    key += `${quoted(name)}:${text},`;
  }
  return key;
}

/** Each fact parsed as readLineFacts would, or null when any would give an error or a warning. */
function parseQuickFacts(
  raw: Readonly<Record<string, unknown>>,
  definitions: Readonly<Record<string, FactDefinition>>,
): ReadonlyMap<string, FactValue> | null {
  const facts = new Map<string, FactValue>();
  for (const name in raw) {
    if (!Object.hasOwn(raw, name)) continue;
    const definition = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (definition?.scope !== 'line') return null;
    const result = parseFactValue(definition, raw[name]);
    if (!result.ok) return null;
    if (
      definition.type === 'string-array' &&
      Array.isArray(result.value) &&
      (result.value as readonly string[]).some((item) => !definition.values.includes(item))
    )
      return null;
    facts.set(name, result.value);
  }
  return intern(facts);
}

/**
 * One shared (read-only) map per combination of facts, which saves a map per line. Bounded, so
 * never-repeating values cannot grow it without end.
 */
function intern(facts: Map<string, FactValue>): ReadonlyMap<string, FactValue> {
  if (facts.size === 0) return NO_FACTS;
  const key = JSON.stringify([...facts]);
  const shared = interned.get(key);
  if (shared !== undefined) return shared;
  if (interned.size >= 10_000) interned.clear();
  interned.set(key, facts);
  return facts;
}
