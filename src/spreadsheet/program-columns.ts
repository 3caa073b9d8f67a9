import { KofuzeiError } from '../core/kofuzei-error.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { LedgerRowsOptions } from './ledger-to-rows.js';

/** Keys under which rule data names a fact it reads (conditions, caps, amount methods). */
const FACT_KEYS = new Set(['fact', 'rateFact', 'taxFact']);

function collectFacts(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectFacts(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (FACT_KEYS.has(key) && typeof item === 'string') into.add(item);
    else collectFacts(item, into);
  }
}

/** Edit distance, for 「もしかして」 suggestions of a mistyped program id. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The facts a ledger for these programs needs columns for: every fact read by the conditions, caps
 * and amounts of the measures that take one of the programs, with the date facts a derived fact is
 * computed from. Derived from the rule data, so a new measure brings its columns along. An unknown
 * program id is refused, naming at most 5 close ids.
 */
export function programFacts(ruleSet: RuleSet, programs: readonly string[]): Set<string> {
  const known = Object.keys(ruleSet.glossary.programs);
  for (const program of programs) {
    if (known.includes(program)) continue;
    const close = [...known]
      .sort((a, b) => distance(program, a) - distance(program, b) || a.localeCompare(b))
      .slice(0, 5);
    throw new KofuzeiError(
      'USAGE',
      `--program ${program}: 事業区分にありません。もしかして: ${close.join(', ')}`,
    );
  }
  const facts = new Set<string>();
  for (const measure of ruleSet.measures)
    if (measure.programs.some((program) => programs.includes(program)))
      collectFacts(measure.versions, facts);
  for (const name of [...facts]) {
    const definition = ruleSet.glossary.facts[name];
    if (definition !== undefined && 'derivedFrom' in definition && definition.derivedFrom)
      collectFacts(
        'monthsBetween' in definition.derivedFrom
          ? definition.derivedFrom.monthsBetween.map((fact) => ({ fact }))
          : [definition.derivedFrom.termPhase.start, definition.derivedFrom.termPhase.end].map(
              (fact) => ({ fact }),
            ),
        facts,
      );
  }
  return facts;
}

/**
 * The template's restriction for a list of program ids (`kofuzei template --program a,b` and the
 * offline page's 事業別の様式): blanks dropped; none left means the full template (undefined).
 * One function for both, so the page's per-program workbook is the CLI's.
 */
export function programTemplateOnly(
  ruleSet: RuleSet,
  programs: readonly string[] | undefined,
): LedgerRowsOptions['only'] {
  const ids = (programs ?? []).map((id) => id.trim()).filter((id) => id !== '');
  return ids.length === 0 ? undefined : { programs: ids, facts: programFacts(ruleSet, ids) };
}
