// Child process of the benchmark: runs one variant on the ledger file and writes
//   OUT.tsv      id, status, measure, component, base, amount, bond — one row per evaluated line
//   SUMMARY.json timings (load, parse, evaluate, write) and memory at each mark
// Usage: node --import tsx bench/run-variant.ts VARIANT LEDGER LINES OUT.tsv SUMMARY.json [NAIVE_MEASURES]
//   NAIVE_MEASURES: comma-separated measure ids the naive engine loads (default: all)
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { VARIANTS, type ResultRow } from './variants.js';

export interface Mark {
  /** Milliseconds since the child started the variant. */
  readonly ms: number;
  /** CPU time of the process so far (user + system, all threads incl. GC), milliseconds. */
  readonly cpuMs: number;
  /** Peak resident set size so far (process.resourceUsage().maxRSS), bytes. */
  readonly peakRss: number;
  /** Resident set size now, bytes. */
  readonly rss: number;
  /** V8 heap used now, bytes. */
  readonly heapUsed: number;
}

export interface VariantSummary {
  readonly variant: string;
  readonly lines: number;
  readonly rows: number;
  readonly start: Mark;
  readonly loaded: Mark;
  readonly parsed: Mark;
  readonly evaluated: Mark;
  readonly written: Mark;
  /** VmHWM of /proc/self/status at the evaluated mark (bytes), where available. */
  readonly vmHwm: number | null;
  readonly notes: Record<string, string | number>;
}

function vmHwm(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/mu.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

const cell = (value: string | null): string => value ?? '';

async function main(): Promise<void> {
  const [variantId, ledgerPath, linesText, outPath, summaryPath, naiveMeasures] =
    process.argv.slice(2);
  const variant = VARIANTS.find((candidate) => candidate.id === variantId);
  if (
    variant === undefined ||
    ledgerPath === undefined ||
    linesText === undefined ||
    outPath === undefined ||
    summaryPath === undefined
  ) {
    throw new Error(
      `usage: run-variant.ts (${VARIANTS.map((v) => v.id).join('|')}) LEDGER LINES OUT SUMMARY`,
    );
  }
  const t0 = performance.now();
  const mark = (): Mark => ({
    ms: performance.now() - t0,
    cpuMs: (() => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    })(),
    peakRss: process.resourceUsage().maxRSS * 1024,
    rss: process.memoryUsage.rss(),
    heapUsed: process.memoryUsage().heapUsed,
  });
  const marks: Partial<Record<'loaded' | 'parsed' | 'evaluated' | 'written', Mark>> = {};
  const start = mark();
  let hwm: number | null = null;
  let rows = 0;
  const notes: Record<string, string | number> = {};
  await variant.run({
    ledgerPath,
    lines: Number(linesText),
    naiveMeasures: naiveMeasures === undefined ? null : naiveMeasures.split(','),
    loaded: () => (marks.loaded = mark()),
    parsed: () => (marks.parsed = mark()),
    evaluated: () => {
      marks.evaluated = mark();
      hwm = vmHwm();
    },
    write: (results: Iterable<ResultRow>) => {
      const fd = openSync(outPath, 'w');
      try {
        let chunk: string[] = [];
        for (const row of results) {
          chunk.push(
            `${row.id}\t${row.status}\t${cell(row.measure)}\t${cell(row.component)}\t${cell(row.base)}\t${cell(row.amount)}\t${cell(row.bond)}\n`,
          );
          rows += 1;
          if (chunk.length >= 10_000) {
            writeSync(fd, chunk.join(''));
            chunk = [];
          }
        }
        if (chunk.length > 0) writeSync(fd, chunk.join(''));
      } finally {
        closeSync(fd);
      }
    },
    note: (key, value) => {
      notes[key] = value;
    },
  });
  const written = mark();
  const { loaded, parsed, evaluated } = marks;
  if (loaded === undefined || parsed === undefined || evaluated === undefined)
    throw new Error(`variant ${variant.id} did not mark loaded, parsed and evaluated`);
  const summary: VariantSummary = {
    variant: variant.id,
    lines: Number(linesText),
    rows,
    start,
    loaded,
    parsed,
    evaluated,
    written,
    vmHwm: hwm,
    notes,
  };
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
