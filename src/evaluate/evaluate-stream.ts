import type { Policy } from '../core/policy.js';
import { idKey, ownIdOf } from '../ledger/normalize-ledger.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { heldLineEvents } from './held-line-events.js';
import type { StreamEvent, StreamSummary } from './stream-event.js';
import { checkedPasses } from './checked-passes.js';
import { shapeEvents, streamShapeErrors } from './stream-shape-errors.js';
import { checksItsLines } from './checks-its-lines.js';
import { takesWanted, type Pass } from './unread-line.js';
import { screenBatch, screenedLine, suspectBatch } from './suspect-batch.js';
import { Evaluation, type EvaluationEnd } from './evaluation.js';
import { hashId, IdHashes } from './id-hashes.js';
import { resolveOptions, type EvaluateOptions } from './resolve-options.js';
import { entityOf, type FactSettlement } from './settle-facts.js';
import { settleFactsInBatches } from './settle-facts-in-batches.js';
import { MAX_HELD_ROWS } from './settle-limits.js';

/**
 * Lines to evaluate: a function giving a fresh iterable per pass (re-reading a file, a query run
 * again), for memory bounded by groups and persons rather than lines; or lines held in memory — an
 * array, or a one-shot iterable, which is held on its first read — each read and judged once, as
 * `evaluate` does. A function marked by skippingLines is given `wanted` on the passes of the search
 * of decisions.md §4.1 that read some entities' lines, and may give UNREAD_LINE for a line surely
 * not theirs; any other function is called without arguments.
 */
export type LineSource =
  Iterable<unknown> | AsyncIterable<unknown> | (() => Iterable<unknown> | AsyncIterable<unknown>);

export interface StreamLedger {
  readonly entities: readonly unknown[];
  readonly lines: LineSource;
}

export type { StreamEvent, StreamSummary } from './stream-event.js';

/** What evaluateStream takes beside the rule set and policy. */
export interface StreamOptions extends EvaluateOptions {
  /**
   * The most lines the search for missing facts that do not matter holds at a time (an entity's
   * lines are never split), asked before each of its reads of lines given as a function (lines
   * held in memory are searched in place): 100,000 when not given.
   * Fewer lines cost more reads of the lines, more may outgrow a capped heap; kofuzei/node's
   * `heldLinesForHeap` answers from the heap left (evaluateStreamInWorkers uses it).
   */
  readonly heldLines?: () => number;
}

/** The lines of a one-shot iterable, held (an array as it is). */
async function held(
  source: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<readonly unknown[]> {
  if (Array.isArray(source)) return source as readonly unknown[];
  const items: unknown[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/**
 * Pass 0: reads every line and notes its person attributes, hashing ids to find duplicates without
 * keeping them. A function of its own so that the hashes (8 bytes a line) are garbage once it
 * returns: a generator's locals live as long as it runs.
 */
async function noteLines(
  pass: Pass,
  make: () => Evaluation,
): Promise<{ evaluation: Evaluation; duplicates: ReadonlySet<string> }> {
  const noteAll = async (
    duplicates: ReadonlySet<string>,
    hashes: IdHashes | null,
  ): Promise<Evaluation> => {
    const evaluation = make();
    let row = 0;
    for await (const item of pass()) {
      row += 1;
      const own = ownIdOf(item);
      if (own !== null) hashes?.add(idKey(own));
      evaluation.noteItem(item, row, duplicates);
    }
    return evaluation;
  };
  const hashes = new IdHashes();
  const evaluation = await noteAll(new Set(), hashes);
  const repeated = hashes.repeated();
  if (repeated.size === 0) return { evaluation, duplicates: new Set() };
  // Rare: confirm candidate ids against their strings, then note again knowing them.
  const seen = new Set<string>();
  const confirmed = new Set<string>();
  for await (const item of pass()) {
    const own = ownIdOf(item);
    if (own === null) continue;
    // Duplicates are found among ids as compared (NFKC), as duplicateIds does.
    const id = idKey(own);
    if (!repeated.has(hashId(id))) continue;
    if (seen.has(id)) confirmed.add(id);
    seen.add(id);
  }
  if (confirmed.size === 0) return { evaluation, duplicates: new Set() };
  return { evaluation: await noteAll(confirmed, null), duplicates: confirmed };
}

/**
 * Evaluates a ledger line by line with the same results as `evaluate`, yielding each report line
 * in ledger order as it is allocated. Give `lines` as a function returning a fresh iterable (e.g.
 * re-reading a file) for memory bounded by the number of groups and persons rather than lines: a
 * first pass notes person attributes and duplicate ids, a second judges lines and tallies what
 * groups need to know in advance, a third reads and judges them again, allocates and yields. Every
 * pass must give the same lines as the first (count, ids and values, in order; a source marked by
 * checkingItsLines answers for the values itself), else the stream throws a KofuzeiError
 * LEDGER_CHANGED_DURING_RUN before its end event. Lines held in memory (an array, or
 * a one-shot iterable, held on its first read) are read and judged once, as `evaluate` does: a
 * third of the time, for some 60 bytes a line more until each is yielded.
 *
 * @example
 * ```ts
 * import { evaluateStream } from 'kofuzei';
 *
 * const line = { entity: '392081', fiscalYear: 2025, program: 'cio-aide', costType: 'recruitment' };
 * const ledger = {
 *   entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
 *   // A fresh iterable per pass, e.g. re-reading a JSONL file: memory does not grow with the lines.
 *   lines: () => [
 *     { ...line, id: 'L1', amount: '800000' },
 *     { ...line, id: 'L2', amount: '900000' },
 *   ],
 * };
 * for await (const event of evaluateStream(ledger)) {
 *   if (event.type === 'line') console.log(event.line.id, event.line.amount);
 *   if (event.type === 'end') console.log('total', event.summary.totals[0]?.amount);
 * }
 * // → L1 560000
 * // → L2 140000
 * // → total 700000
 * ```
 */
export async function* evaluateStream(
  ledger: StreamLedger,
  options: StreamOptions = {},
): AsyncGenerator<StreamEvent> {
  // null as no options, as undefined is.
  const { heldLines: asked, ...rest } = (options as StreamOptions | null) ?? {};
  const { ruleSet, policy } = resolveOptions(rest);
  const budget = (): number => {
    if (asked === undefined) return MAX_HELD_ROWS;
    const lines = asked();
    if (!Number.isSafeInteger(lines) || lines < 1)
      throw new TypeError(`options.heldLines must give a whole number of at least 1, not ${lines}`);
    return lines;
  };
  const shape = streamShapeErrors(ledger);
  const source = shape === null ? ledger.lines : null;
  // The evaluation lives in these generators alone: its caches and groups are garbage by the
  // time the summary (every total at once) is written.
  const { end, lineCount } =
    source === null
      ? yield* shapeEvents(shape ?? [], ruleSet.version)
      : typeof source === 'function'
        ? yield* readAgainPerPass(source, ledger.entities, ruleSet, policy, budget)
        : yield* heldLineEvents(ledger.entities, await held(source), ruleSet, policy);
  for (const warning of end.warnings) yield { type: 'warning', warning };
  yield {
    type: 'end',
    summary: {
      schemaVersion: 1,
      rulesVersion: ruleSet.version,
      totals: end.totals,
      assumptions: end.assumptions,
      lineCount,
    },
  };
}

/** Passes 0–2 over lines given again per pass, the search's reads held a batch at a time. */
function readAgainPerPass(
  source: () => Iterable<unknown> | AsyncIterable<unknown>,
  entities: readonly unknown[],
  ruleSet: RuleSet,
  policy: Policy,
  budget: () => number,
): AsyncGenerator<StreamEvent, { end: EvaluationEnd; lineCount: number }> {
  // Every pass must give the lines of the first (LEDGER_CHANGED_DURING_RUN otherwise). An
  // unmarked function is called as it always was, without an argument (see skippingLines).
  const pass = checkedPasses(
    takesWanted(source) ? (source as Pass) : () => source(),
    checksItsLines(source),
  );
  return evaluateLines(
    pass,
    (settlement) => new Evaluation(entities, ruleSet, policy, settlement),
    ruleSet.version,
    ({ suspects, suspectRows, suspectPersons }, duplicates, linesOf) =>
      // The suspect entities' lines are held a batch at a time, for the search of decisions.md
      // §4.1 (settle-facts-in-batches.ts): holding them all would hold most of a big ledger.
      // Screened first on their suspect lines and those lines' persons' lines.
      settleFactsInBatches(
        { entities, suspects, suspectRows, duplicates, ruleSet, policy },
        (pending) => suspectBatch(pass, pending, linesOf, budget()),
        // Screening costs a read of its own: not worth it when one batch holds every suspect.
        linesOfAll(suspects, linesOf) <= budget()
          ? undefined
          : (pending) =>
              screenBatch(pass, pending, screenedLine(suspectRows, suspectPersons), budget()),
      ),
  );
}

/** The lines of the `entities`, as counted in pass 1. */
function linesOfAll(entities: ReadonlySet<string>, linesOf: ReadonlyMap<string, number>): number {
  let count = 0;
  for (const code of entities) count += linesOf.get(code) ?? 0;
  return count;
}

/**
 * Passes 0–2: yields the header and every line with its errors and warnings, returns the end.
 * Where a line may lack a fact that does not matter, `settle` searches (docs/decisions.md §4.1)
 * and, when it finds some, passes 0 and 1 run again with them settled.
 */
async function* evaluateLines(
  pass: Pass,
  make: (settlement: FactSettlement | null) => Evaluation,
  rulesVersion: string,
  settle: (
    suspects: Pick<Evaluation, 'suspects' | 'suspectRows' | 'suspectPersons'>,
    duplicates: ReadonlySet<string>,
    linesOf: ReadonlyMap<string, number>,
  ) => Promise<FactSettlement | null>,
): AsyncGenerator<StreamEvent, { end: EvaluationEnd; lineCount: number }> {
  const linesOf = new Map<string, number>();
  const judgeAll = async (
    settlement: FactSettlement | null,
  ): Promise<{ evaluation: Evaluation; duplicates: ReadonlySet<string> }> => {
    const noted = await noteLines(pass, () => make(settlement));
    // Pass 1: judge every line and let its group see it.
    let observed = 0;
    const counting = settlement === null;
    for await (const item of pass()) {
      observed += 1;
      // Lines per entity as the ledger names it, to batch the search's reads (suspectBatch).
      if (counting) {
        const code = entityOf(item);
        linesOf.set(code, (linesOf.get(code) ?? 0) + 1);
      }
      const prepared = noted.evaluation.prepare(item, observed, noted.duplicates);
      noted.evaluation.observe(prepared instanceof Promise ? await prepared : prepared, item);
    }
    return noted;
  };
  let { evaluation, duplicates } = await judgeAll(null);
  const settlement =
    evaluation.suspects.size > 0 ? await settle(evaluation, duplicates, linesOf) : null;
  // Also when none is left: the rows and persons of entities let go in pass 1 are still noted.
  evaluation.forgetSuspects();
  if (settlement !== null) ({ evaluation, duplicates } = await judgeAll(settlement));

  // Pass 2: allocate and yield, in ledger order.
  yield { type: 'header', schemaVersion: 1, rulesVersion };
  for (const error of evaluation.headerErrors) yield { type: 'error', error };
  for (const warning of evaluation.headerWarnings) yield { type: 'warning', warning };
  let row = 0;
  for await (const item of pass()) {
    row += 1;
    const result = evaluation.prepare(item, row, duplicates);
    const prepared = result instanceof Promise ? await result : result;
    const emitted = evaluation.emit(prepared);
    yield { type: 'line', line: emitted.line };
    for (const error of [...prepared.errors, ...emitted.errors]) yield { type: 'error', error };
    for (const warning of [...prepared.warnings, ...emitted.warnings])
      yield { type: 'warning', warning };
  }
  return { end: evaluation.finish(), lineCount: row };
}

/** Collects a stream into the report `evaluate` returns (for tests and small ledgers). */
export async function collectStream(events: AsyncIterable<StreamEvent>): Promise<Report> {
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [];
  const warnings: ReportWarning[] = [];
  let summary: StreamSummary | null = null;
  for await (const event of events) {
    if (event.type === 'line') lines.push(event.line);
    else if (event.type === 'error') errors.push(event.error);
    else if (event.type === 'warning') warnings.push(event.warning);
    else if (event.type === 'end') summary = event.summary;
  }
  if (summary === null) throw new Error('the stream ended without its summary');
  return {
    schemaVersion: 1,
    rulesVersion: summary.rulesVersion,
    lines,
    totals: summary.totals,
    assumptions: summary.assumptions,
    warnings,
    errors,
  };
}
