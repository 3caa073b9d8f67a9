import type { FactValue, Missing } from '../core/missing.js';
import type { LedgerLine, LedgerReader } from '../ledger/normalize-ledger.js';
import type { Policy } from '../core/policy.js';
import type { RuleSet } from '../schema/rule-set.js';
import { Evaluation, type EmittedLine, type PreparedLine } from './evaluation.js';
import type { FactDomains } from './fact-domains.js';
import { record } from './fact-settlement.js';
import { mayLackOwnFact } from './may-lack-own-fact.js';
import { compared, type RowItem, type RowResult } from './row-item.js';

export type { RowItem, RowResult };

/**
 * What ties a line to the other lines of its entity in an evaluation: every state the passes share
 * between lines is keyed by a measure (groups, measure-wide scopes, terms, 一般管理費 bases, person
 * classes — all under one measure id) or by a person (person attributes). So a set of lines that
 * holds every line sharing a measure of any candidate or a person with one of its lines is
 * evaluated alike on its own or among the entity's other lines.
 */
export interface RowLinks {
  readonly measures: readonly string[];
  readonly persons: readonly string[];
}

/** The lines of some rows after the first passes (noted, judged, observed), ready to emit. */
export interface JudgedRows {
  readonly evaluation: Evaluation;
  readonly prepared: ReadonlyMap<number, PreparedLine>;
}

/** The links of a judged row (its candidates' measures, and its person as the ledger writes it). */
export function linksOf(item: unknown, prepared: PreparedLine): RowLinks {
  const persons: string[] = [];
  const person = record(item)?.person;
  if (typeof person === 'string') persons.push(person);
  const read = prepared.entry.valid ? prepared.entry.line.person : undefined;
  if (read !== undefined && read !== person) persons.push(read);
  const measures = (prepared.candidates ?? []).map((candidate) => candidate.measure.id);
  return { measures, persons };
}

/**
 * Passes 0 and 1 over some lines of one entity, each read and judged once: the second pass emits
 * from the same prepared lines (reading again would give the same line, judged alike). `noted`:
 * the lines whose person attributes pass 0 notes (all of a person's lines, when not `rows`);
 * `reader`: one already made for `entities` (the search's evaluations of one entity share it).
 */
export async function judgeRows(
  entities: readonly unknown[],
  rows: readonly RowItem[],
  duplicates: ReadonlySet<string>,
  ruleSet: RuleSet,
  policy: Policy,
  noted: readonly RowItem[] = rows,
  reader?: LedgerReader,
): Promise<JudgedRows> {
  const evaluation = new Evaluation(entities, ruleSet, policy, null, reader);
  for (const { item, row } of noted) evaluation.noteItem(item, row, duplicates);
  const prepared = new Map<number, PreparedLine>();
  for (const { item, row } of rows) {
    const result = evaluation.prepare(item, row, duplicates);
    const line = result instanceof Promise ? await result : result;
    evaluation.observe(line, item);
    prepared.set(row, line);
  }
  return { evaluation, prepared };
}

/** Pass 2 over the judged rows (those of `only` when given), in ledger order. */
export function emitRows(
  judged: JudgedRows,
  rows: readonly RowItem[],
  only: ReadonlySet<number> | null = null,
): Map<number, RowResult> {
  return resultsOf(judged, rows, only, (prepared) => judged.evaluation.emit(prepared));
}

/** Each judged row's report line as `emitLine` gives it, with its own warnings. */
function resultsOf(
  judged: JudgedRows,
  rows: readonly RowItem[],
  only: ReadonlySet<number> | null,
  emitLine: (prepared: PreparedLine) => EmittedLine,
): Map<number, RowResult> {
  const results = new Map<number, RowResult>();
  for (const { row } of rows) {
    if (only !== null && !only.has(row)) continue;
    const prepared = judged.prepared.get(row);
    if (prepared === undefined) continue;
    const emitted = emitLine(prepared);
    results.set(row, {
      line: emitted.line,
      warnings: compared([...prepared.warnings, ...emitted.warnings]),
    });
  }
  return results;
}

/**
 * The lines a whole ledger's first evaluation prepared (passes 0 and 1), by row, when it keeps
 * them (`evaluate` does): the search's baseline reads the lines it needs there instead of
 * judging them again. Lines are read and judged alike there: an entity's lines are read against
 * the same entity records and duplicate ids, and person attributes are noted per entity.
 */
export interface LedgerJudgement {
  readonly evaluation: Evaluation;
  prepared(row: number): PreparedLine | undefined;
}

/**
 * The judged rows of `rows` taken from the ledger's evaluation, or null when one of them is not
 * there (the caller then judges them itself).
 */
export function judgedInLedger(
  judgement: LedgerJudgement,
  rows: readonly RowItem[],
): JudgedRows | null {
  const prepared = new Map<number, PreparedLine>();
  for (const { row } of rows) {
    const line = judgement.prepared(row);
    if (line === undefined) return null;
    prepared.set(row, line);
  }
  return { evaluation: judgement.evaluation, prepared };
}

/**
 * What emitRows gives for rows no group reads (invalid lines, lines no measure takes), without
 * counting them in the evaluation's totals: the evaluation may be the ledger's own.
 */
export function emitStandaloneRows(
  judged: JudgedRows,
  rows: readonly RowItem[],
): Map<number, RowResult> {
  return resultsOf(judged, rows, null, (prepared) => {
    const emitted = judged.evaluation.standaloneLine(prepared);
    if (emitted === null) throw new Error('emitStandaloneRows: a grouped row');
    return emitted;
  });
}

/** Whether a judged row may be settled (may-lack-own-fact.ts): only such a row can be a target. */
export function flagged(
  prepared: PreparedLine,
  fact: (line: LedgerLine, id: string) => FactValue | Missing,
  domains: FactDomains,
): boolean {
  return mayLackOwnFact(prepared, fact, domains);
}

/**
 * The rows tied to `seeds` through shared measures and persons (see RowLinks), seeds included:
 * `links` gives each row's links (several sets of links for a row whose judgement may change).
 */
export function closureOf(
  seeds: Iterable<number>,
  rows: readonly RowItem[],
  links: (row: number) => readonly RowLinks[],
): Set<number> {
  const byMeasure = new Map<string, number[]>();
  const byPerson = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, row: number): void => {
    let list = map.get(key);
    if (list === undefined) map.set(key, (list = []));
    list.push(row);
  };
  for (const { row } of rows)
    for (const link of links(row)) {
      for (const measure of new Set(link.measures)) add(byMeasure, measure, row);
      for (const person of link.persons) add(byPerson, person, row);
    }
  const reached = new Set<number>();
  const seenMeasures = new Set<string>();
  const seenPersons = new Set<string>();
  const queue = [...seeds];
  for (let at = 0; at < queue.length; at += 1) {
    const row = queue[at] as number;
    if (reached.has(row)) continue;
    reached.add(row);
    for (const link of links(row)) {
      for (const measure of link.measures) {
        if (seenMeasures.has(measure)) continue;
        seenMeasures.add(measure);
        queue.push(...(byMeasure.get(measure) ?? []));
      }
      for (const person of link.persons) {
        if (seenPersons.has(person)) continue;
        seenPersons.add(person);
        queue.push(...(byPerson.get(person) ?? []));
      }
    }
  }
  return reached;
}
