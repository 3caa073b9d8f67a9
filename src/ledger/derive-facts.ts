import type { FactValue } from '../core/missing.js';
import { Yen } from '../core/yen.js';
import { periodLength } from '../fields/period-months.js';
import { termPhaseOver } from '../fields/term-phase.js';
import type { FactDefinition } from '../schema/glossary.js';

/** A line fact the dates contradict, or dates that cannot be a period: one error of the line. */
export interface DerivationProblem {
  readonly field: string;
  readonly expected: string;
  readonly received: string;
}

interface Derivation {
  readonly name: string;
  readonly sources: readonly [string, string];
  readonly kind: 'monthsBetween' | 'termPhase';
}

const NO_PROBLEMS: readonly DerivationProblem[] = Object.freeze([]);
const derivationsOf = new WeakMap<object, readonly Derivation[]>();

/** The glossary's derived facts, listed once per glossary (most lines then cost one look-up). */
function derivations(definitions: Readonly<Record<string, FactDefinition>>): readonly Derivation[] {
  let list = derivationsOf.get(definitions);
  if (list === undefined) {
    const found: Derivation[] = [];
    for (const [name, definition] of Object.entries(definitions)) {
      if (!('derivedFrom' in definition) || definition.derivedFrom === undefined) continue;
      const from = definition.derivedFrom;
      if ('monthsBetween' in from)
        found.push({ name, sources: from.monthsBetween, kind: 'monthsBetween' });
      else
        found.push({
          name,
          sources: [from.termPhase.start, from.termPhase.end],
          kind: 'termPhase',
        });
    }
    list = found;
    derivationsOf.set(definitions, list);
  }
  return list;
}

/**
 * A line's facts with the glossary's derived facts filled in from the date facts they come from
 * (docs/decisions.md §5.4–5.5): a clerk gives the 任用期間 dates and the months follow. A derived
 * fact the line gives itself must agree with its dates; one that contradicts them, or an end date
 * before its start, is a problem naming both facts, and the line is invalid. `date` and
 * `fiscalYear` are the line's (a term phase is told at the date, else over the whole 会計年度).
 * Pure: `facts` is not changed (lines share it); a new map is returned when something is added.
 */
export function deriveFacts(
  facts: ReadonlyMap<string, FactValue>,
  definitions: Readonly<Record<string, FactDefinition>>,
  line: { readonly date: string | undefined; readonly fiscalYear: number },
): { facts: ReadonlyMap<string, FactValue>; problems: readonly DerivationProblem[] } {
  const list = derivations(definitions);
  if (list.length === 0 || facts.size === 0) return { facts, problems: NO_PROBLEMS };
  let result = facts;
  const problems: DerivationProblem[] = [];
  for (const { name, sources, kind } of list) {
    const [startName, endName] = sources;
    const start = facts.get(startName);
    const end = facts.get(endName);
    if (typeof start !== 'string') continue;
    // "YYYY-MM-DD" strings sort as the days they name.
    if (typeof end === 'string' && end < start) {
      problems.push({
        field: `facts.${endName}`,
        expected: `${startName}（${start}）以後の日付`,
        received: `"${end}"（${startName} より前）`,
      });
      continue;
    }
    let value: string | undefined;
    let shown: string;
    if (kind === 'monthsBetween') {
      if (typeof end !== 'string') continue;
      const length = periodLength(start, end);
      if (length === null) continue;
      value = length.value;
      shown = `${startName}〜${endName}（${start}〜${end} = ${length.months}か月${length.days === 0 ? '' : `${length.days}日`}）から数えた ${value}${length.days === 0 ? '' : ` か端数の日数を除いた ${length.months}`}`;
      const given = facts.get(name);
      // A clerk who counts whole months and leaves the odd days out agrees with the dates too.
      if (typeof given === 'string' && agrees(given, [value, String(length.months)])) {
        if (given === value) continue;
      } else if (given !== undefined) {
        problems.push(contradiction(name, given, `${shown}（または省略）`));
        continue;
      }
    } else {
      const from = line.date ?? `${line.fiscalYear}-04-01`;
      const through = line.date ?? `${line.fiscalYear + 1}-03-31`;
      const endDate = typeof end === 'string' ? end : undefined;
      value = termPhaseOver(start, endDate, from, through);
      if (value === undefined) continue;
      const when = line.date === undefined ? `${line.fiscalYear}年度` : `明細の日付 ${line.date}`;
      shown = `${startName}〜${endName}（${start}〜${endDate ?? '未記入'}）と${when}から求めた ${value}`;
      const given = facts.get(name);
      if (given === value) continue;
      if (given !== undefined) {
        problems.push(contradiction(name, given, `${shown}（または省略）`));
        continue;
      }
    }
    if (result === facts) result = new Map(facts);
    (result as Map<string, FactValue>).set(name, value);
  }
  return { facts: result, problems: problems.length === 0 ? NO_PROBLEMS : problems };
}

/** Whether a line's facts include a date a derived fact is computed from (the quick reader leaves such lines to the full one). */
export function readsDerivation(
  facts: ReadonlyMap<string, FactValue>,
  definitions: Readonly<Record<string, FactDefinition>>,
): boolean {
  if (facts.size === 0) return false;
  return derivations(definitions).some(({ sources }) => sources.some((name) => facts.has(name)));
}

function agrees(given: string, values: readonly string[]): boolean {
  return values.some((value) => new Yen(given).eq(value));
}

function contradiction(name: string, given: FactValue, expected: string): DerivationProblem {
  return { field: `facts.${name}`, expected, received: `${JSON.stringify(given)}（日付と矛盾）` };
}
