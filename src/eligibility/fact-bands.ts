import { Yen } from '../core/yen.js';
import type { ConditionLeaf } from '../schema/condition.js';
import type { FactDefinition, Glossary } from '../schema/glossary.js';
import type { Version } from '../schema/measure.js';
import { conditionLeaves } from './explain-condition.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';

/** Operators whose outcome on a number depends only on where it falls among the thresholds. */
const ORDER = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
/** Operators whose outcome on a string depends only on which of the named values it is, if any. */
const MEMBER = new Set(['equal', 'notEqual', 'in', 'notIn']);
/** Operators whose outcome on a list depends only on which of the named values it holds. */
const ELEMENT = new Set(['contains', 'doesNotContain', 'containsAny']);

/** The decimal-operators' number syntax: anything else makes every order comparison false. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

const MAX_REMEMBERED = 10_000;

/** How a fact's values are told apart, when the conditions can tell apart fewer than all of them. */
type Band =
  | { readonly kind: 'order'; readonly thresholds: readonly InstanceType<typeof Yen>[] }
  | { readonly kind: 'member' | 'element'; readonly named: ReadonlySet<string> };

function bandKind(
  definition: FactDefinition | undefined,
  leaf: ConditionLeaf,
): Band['kind'] | null {
  if (definition?.type === 'number' && ORDER.has(leaf.operator)) return 'order';
  if (definition?.type === 'enum' && MEMBER.has(leaf.operator)) return 'member';
  if (definition?.type === 'string-array' && ELEMENT.has(leaf.operator)) return 'element';
  return null;
}

/** The constants a leaf names: a threshold, a value or a list of them. */
function named(leaf: ConditionLeaf): string[] {
  if (typeof leaf.value === 'string') return [leaf.value];
  return Array.isArray(leaf.value) ? leaf.value : [];
}

/**
 * The part of a judgement key a fact's value contributes: not the value itself where every
 * condition of the rule set could only tell apart fewer values. A number only compared with
 * thresholds (≥ 6, < 0.25 …) keys by its band among them, so 7 and 14 months read alike; an enum
 * only tested for named values keys by the named value it is, or `other` (団体コード is tested
 * against 東京都 and a few 被災 団体, so the other 1,700 codes read alike); a list only tested for
 * named elements keys by the named elements it holds. json-rules-engine then runs once per band,
 * not once per distinct value, and lines share judgements; the report reads each line's own value
 * wherever a reason shows one (report-line.ts). Any other fact keys by its value.
 */
export class FactBands {
  private readonly bands = new Map<string, Band>();
  private readonly remembered = new Map<string, Map<string, string>>();

  /** From every version of a rule set: a threshold anywhere splits the fact's bands everywhere. */
  constructor(facts: Glossary['facts'], versions: readonly Version[]) {
    const leaves = versions.flatMap((version) => [
      ...conditionLeaves(version.conditions),
      ...version.components.flatMap((component) => conditionLeaves(component.conditions)),
    ]);
    const found = new Map<string, { kind: Band['kind']; values: string[] } | null>();
    for (const leaf of leaves) {
      const definition = Object.hasOwn(facts, leaf.fact) ? facts[leaf.fact] : undefined;
      const kind = bandKind(definition, leaf);
      const known = found.get(leaf.fact);
      if (kind === null || known === null || (known !== undefined && known.kind !== kind)) {
        found.set(leaf.fact, null);
        continue;
      }
      const entry = known ?? { kind, values: [] };
      entry.values.push(...named(leaf));
      found.set(leaf.fact, entry);
    }
    for (const [fact, entry] of found) {
      if (entry === null) continue;
      if (entry.kind === 'order') {
        // A non-numeric threshold is false whatever the value: it distinguishes nothing.
        const sorted = [...new Set(entry.values.filter((value) => DECIMAL.test(value)))]
          .map((value) => new Yen(value))
          .sort((a, b) => a.cmp(b))
          .filter((value, index, all) => index === 0 || !value.eq(all[index - 1] ?? value));
        this.bands.set(fact, { kind: 'order', thresholds: sorted });
      } else {
        this.bands.set(fact, { kind: entry.kind, named: new Set(entry.values) });
      }
      this.remembered.set(fact, new Map());
    }
  }

  /** Whether lines with different values of this fact may share a judgement. */
  isBanded(fact: string): boolean {
    return this.bands.has(fact);
  }

  /**
   * The thresholds that split a number fact into bands, ascending; null when the fact is not a
   * number compared only with thresholds (its values are then not told apart by bands).
   */
  thresholdsOf(fact: string): readonly InstanceType<typeof Yen>[] | null {
    const band = this.bands.get(fact);
    return band?.kind === 'order' ? band.thresholds : null;
  }

  /** The key text of one fact's value: its band where the fact is banded, else the value itself. */
  keyOf(fact: string, value: FactValue | Missing): string {
    if (value === MISSING) return '-';
    const band = this.bands.get(fact);
    if (band === undefined) return exactKey(value);
    if (band.kind !== 'order') {
      if (band.kind === 'element')
        return Array.isArray(value) ? elementsKey(band.named, value) : exactKey(value);
      return typeof value === 'string' && !band.named.has(value) ? 'o' : exactKey(value);
    }
    if (typeof value !== 'string') return exactKey(value);
    const remembered = this.remembered.get(fact);
    let key = remembered?.get(value);
    if (key === undefined) {
      key = orderKey(band.thresholds, value);
      // Bounded: a ledger of ever-new numbers must not grow it without end.
      if (remembered !== undefined && remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered?.set(value, key);
    }
    return key;
  }
}

/** `b3` lies between the third and fourth thresholds, `e3` on the fourth; `x` is not a number. */
function orderKey(thresholds: readonly InstanceType<typeof Yen>[], value: string): string {
  if (!DECIMAL.test(value)) return 'x';
  const number = new Yen(value);
  let below = 0;
  for (const threshold of thresholds) {
    const sign = number.cmp(threshold);
    if (sign === 0) return `e${String(below)}`;
    if (sign < 0) break;
    below += 1;
  }
  return `b${String(below)}`;
}

/** The named elements a list holds, in a fixed order (order and repeats change no outcome). */
function elementsKey(named: ReadonlySet<string>, value: readonly string[]): string {
  return `l${JSON.stringify([...new Set(value.filter((element) => named.has(element)))].sort())}`;
}

function exactKey(value: FactValue): string {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return JSON.stringify(value);
}
