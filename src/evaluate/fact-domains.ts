import type { FactValue } from '../core/missing.js';
import { FactBands } from '../eligibility/fact-bands.js';
import type { RuleSet } from '../schema/rule-set.js';

/** Every string a value holds, outside the keys named `conditions` (condition trees). */
function stringsOutsideConditions(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOutsideConditions(item, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value))
      if (key !== 'conditions') stringsOutsideConditions(item, into);
}

/**
 * The values of a missing fact that could tell results apart (docs/decisions.md §4.1,
 * docs/engine.md "Missing facts that do not matter"): a boolean's two values, an enum's values
 * from the glossary, and one number per band a number's thresholds make (below the first, each
 * threshold, between two, above the last). A fact has no such list — and a line missing it stays
 * undetermined — when its values are not few: a date, a list, an enum without listed values, a
 * number that a cap, an amount or a 一般管理費 reads as an amount (not only compared with
 * thresholds in conditions), a builtin, a fact derived from others, or one with a default (never
 * missing on the line itself: a line lists it only for what other lines lack).
 */
export class FactDomains {
  private readonly domains = new Map<string, readonly FactValue[] | null>();
  private readonly bands: FactBands;
  /** Facts read outside conditions (caps, amounts, 一般管理費): a number there is an amount. */
  private readonly readAsValue = new Set<string>();

  constructor(private readonly ruleSet: RuleSet) {
    this.bands = new FactBands(
      ruleSet.glossary.facts,
      ruleSet.measures.flatMap((measure) => measure.versions),
    );
    for (const measure of ruleSet.measures) stringsOutsideConditions(measure, this.readAsValue);
  }

  /** The values to try for a missing fact, or null when they cannot be listed. */
  valuesOf(fact: string): readonly FactValue[] | null {
    let values = this.domains.get(fact);
    if (values === undefined) {
      values = this.list(fact);
      this.domains.set(fact, values);
    }
    return values;
  }

  /** The fact's glossary scope, when it is a ledger's own fact (a line's or an entity's). */
  scopeOf(fact: string): 'line' | 'entity' | null {
    const facts = this.ruleSet.glossary.facts;
    const scope = Object.hasOwn(facts, fact) ? facts[fact]?.scope : undefined;
    return scope === 'line' || scope === 'entity' ? scope : null;
  }

  /** Whether the fact is a person attribute (one value for all of a person's lines). */
  perPerson(fact: string): boolean {
    const facts = this.ruleSet.glossary.facts;
    return Object.hasOwn(facts, fact) && facts[fact]?.perPerson === true;
  }

  private list(fact: string): readonly FactValue[] | null {
    const facts = this.ruleSet.glossary.facts;
    const definition = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
    if (definition === undefined || this.scopeOf(fact) === null) return null;
    if ('default' in definition && definition.default !== undefined) return null;
    // A fact an ifStated condition reads behaves unlike any of its values when blank (the blank
    // meets the condition, a stated value is tested), so trying values would not tell that a blank
    // line's result stands. Today no line can be undetermined on such a fact alone (a 市町村's
    // 負担金, the only use, is decided by its cost type and entity kind); a rule that makes one
    // must not let the search decide it.
    if ('derivedFrom' in definition && definition.derivedFrom !== undefined) return null;
    if (definition.type === 'boolean') return [false, true];
    if (definition.type === 'enum')
      return definition.values === undefined || definition.values.length === 0
        ? null
        : definition.values;
    if (definition.type !== 'number' || this.readAsValue.has(fact)) return null;
    const thresholds = this.bands.thresholdsOf(fact);
    if (thresholds === null) return null;
    const first = thresholds[0];
    const last = thresholds.at(-1);
    if (first === undefined || last === undefined) return ['0'];
    const values: string[] = [first.minus(1).toFixed()];
    thresholds.forEach((threshold, index) => {
      values.push(threshold.toFixed());
      const next = thresholds[index + 1];
      if (next !== undefined) values.push(threshold.plus(next).dividedBy(2).toFixed());
    });
    values.push(last.plus(1).toFixed());
    return values;
  }
}
