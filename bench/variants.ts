// The benchmark's variants. Each runs in its own child process (run-variant.ts), reads the same
// ledger file, tells the harness when parsing and evaluation end (time and peak RSS are taken at
// those marks), then writes its per-line results for the comparison. A new variant — e.g. the
// streaming API once it exists — is one more entry in VARIANTS.
// Variants import what they measure lazily, so a child loads only its own code (the floor's peak
// RSS does not include kofuzei's modules, nor the reverse).
import type { ReportLine } from '../src/schema/report.js';
import { readLedgerFile } from './ledger-file.js';

/** One result row: what the comparison reads. Money as integer-yen strings, '' for null. */
export interface ResultRow {
  readonly id: string;
  readonly status: string;
  readonly measure: string | null;
  readonly component: string | null;
  readonly base: string | null;
  readonly amount: string | null;
  readonly bond: string | null;
}

/** The result rows of kofuzei's report lines (the same fields for (a) and (a2)). */
function* resultRows(lines: readonly ReportLine[]): Generator<ResultRow> {
  for (const line of lines)
    yield {
      id: line.id,
      status: line.status,
      measure: line.measure,
      component: line.component,
      base: line.base,
      amount: line.amount,
      bond: line.bond ?? null,
    };
}

export interface VariantContext {
  readonly ledgerPath: string;
  /** How many ledger lines this variant evaluates (the whole ledger, or the sample). */
  readonly lines: number;
  /** Call once the variant's modules are loaded, before reading the ledger. */
  loaded(): void;
  /** Call once the input is in memory, before evaluating. */
  parsed(): void;
  /** Call once every line is evaluated, before writing results. */
  evaluated(): void;
  /** Writes the per-line results, in ledger order. */
  write(rows: Iterable<ResultRow>): void;
  /** The measures the naive engine loads (null: every measure of the bundled rules). */
  readonly naiveMeasures: readonly string[] | null;
  /** Free-form facts for the report (counts, cache sizes …). */
  note(key: string, value: string | number): void;
}

export interface Variant {
  readonly id: string;
  readonly label: string;
  /** Evaluates a sample (per-line figures), not the whole ledger. */
  readonly sampled: boolean;
  run(context: VariantContext): Promise<void>;
}

const text = (value: bigint | null): string | null => (value === null ? null : value.toString());

export const VARIANTS: readonly Variant[] = [
  {
    id: 'kofuzei',
    label: '(a) kofuzei evaluate',
    sampled: false,
    async run(context) {
      const { evaluate } = await import('../src/index.js');
      context.loaded();
      const ledger = readLedgerFile(context.ledgerPath, context.lines);
      context.parsed();
      const report = await evaluate(ledger);
      context.evaluated();
      context.note('errors', report.errors.length);
      context.note('warnings', report.warnings.length);
      context.note('totals', report.totals.length);
      context.write(resultRows(report.lines));
    },
  },
  {
    // Issue 17 target 3: the same report with the lines judged in 2 threads, this one and a worker (split by
    // entity, merged in ledger order); its lines/s beside (a)'s is the gain of a second core.
    id: 'kofuzei-workers',
    label: '(a2) kofuzei, 2 threads',
    sampled: false,
    async run(context) {
      const { evaluateInWorkers } = await import('../src/node/index.js');
      context.loaded();
      const ledger = readLedgerFile(context.ledgerPath, context.lines);
      context.parsed();
      const report = await evaluateInWorkers(ledger, { workers: 2 });
      context.evaluated();
      context.note('errors', report.errors.length);
      context.note('totals', report.totals.length);
      context.write(resultRows(report.lines));
    },
  },
  {
    id: 'naive',
    label: '(b) naive json-rules-engine',
    sampled: true,
    async run(context) {
      const { NaiveEngine } = await import('./naive-jre.js');
      const { bundledRuleSet } = await import('../src/index.js');
      context.loaded();
      const ledger = readLedgerFile(context.ledgerPath, context.lines);
      const bundled = bundledRuleSet();
      const only = context.naiveMeasures;
      const engine = new NaiveEngine(
        ledger.entities,
        only === null
          ? bundled
          : { ...bundled, measures: bundled.measures.filter((m) => only.includes(m.id)) },
      );
      context.note('rules', engine.ruleCount);
      context.parsed();
      const results = [];
      for (const line of ledger.lines) results.push(await engine.evaluate(line));
      context.evaluated();
      context.write(
        results.map((result) => ({
          id: result.id,
          status: result.status,
          measure: result.measure,
          component: result.component,
          base: null,
          amount: result.amount,
          bond: null,
        })),
      );
    },
  },
  {
    id: 'floor',
    label: '(c) hand-written floor',
    sampled: false,
    async run(context) {
      const { countOutcomes, floorEvaluate } = await import('./floor.js');
      context.loaded();
      const ledger = readLedgerFile(context.ledgerPath, context.lines);
      context.parsed();
      const result = floorEvaluate(ledger);
      context.evaluated();
      countOutcomes(result);
      const { lines, stats } = result;
      context.note('stats', JSON.stringify(stats));
      context.write(
        (function* () {
          for (const line of lines) {
            yield {
              id: line.id,
              status: line.status,
              measure: line.measure,
              component: line.component,
              base: text(line.base),
              amount: text(line.amount),
              bond: text(line.bond),
            };
          }
        })(),
      );
    },
  },
];
