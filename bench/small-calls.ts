// Issue 17, target 1: `tsx bench/small-calls.ts [--max-lines N] [--seed N]` (also run by `npm run bench`).
// Warm per-line time of `evaluate` by ledger size, in one process so the ratios share one machine
// state: 1 and 24 lines (samples/ledger.json), then 1,000, 200,000 and 1,000,000 lines of the
// benchmark's synthetic ledger (up to --max-lines). Small ledgers are timed over many calls (the
// median of several batches); a large one once, after a warm-up call on 1,000 lines. Prints one row
// a size and the verdicts: 24 lines within 3× and 1 line within 10× the per-line time at 200,000.
// Exit code 0 whatever the verdicts; 2 on bad arguments or a failed evaluation.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/index.js';
import { generateLedger } from './generate-ledger.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE_LINES = 200_000;
const TARGETS = [
  { lines: 24, ratio: 3 },
  { lines: 1, ratio: 10 },
] as const;

interface Ledger {
  readonly entities: readonly unknown[];
  readonly lines: readonly unknown[];
}

function option(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${flag} needs a positive integer`);
  return value;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** µs a call: the median of batches of calls, each batch about 200 ms, after 1 s of warm-up calls. */
async function timeSmall(ledger: Ledger): Promise<number> {
  const until = performance.now() + 1000;
  let calls = 0;
  while (performance.now() < until) {
    await evaluate(ledger);
    calls += 1;
  }
  const perBatch = Math.max(1, Math.round(calls / 5));
  const batches: number[] = [];
  for (let batch = 0; batch < 7; batch += 1) {
    const start = performance.now();
    for (let call = 0; call < perBatch; call += 1) await evaluate(ledger);
    batches.push(((performance.now() - start) * 1000) / perBatch);
  }
  return median(batches);
}

/** µs of one call on a large ledger (the best of two when it is quick enough to run twice). */
async function timeLarge(ledger: Ledger): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < (ledger.lines.length <= REFERENCE_LINES ? 2 : 1); run += 1) {
    const start = performance.now();
    await evaluate(ledger);
    best = Math.min(best, (performance.now() - start) * 1000);
  }
  return best;
}

async function main(): Promise<number> {
  const maxLines = option('--max-lines', 1_000_000);
  const seed = option('--seed', 6);
  const sample = JSON.parse(readFileSync(join(ROOT, 'samples/ledger.json'), 'utf8')) as Ledger;
  const sizes: { name: string; ledger: () => Ledger }[] = [
    {
      name: '1 (samples/ledger.json, first line)',
      ledger: () => ({ ...sample, lines: sample.lines.slice(0, 1) }),
    },
    { name: `${sample.lines.length} (samples/ledger.json)`, ledger: () => sample },
  ];
  for (const lines of [1_000, REFERENCE_LINES, 1_000_000].filter((n) => n <= maxLines))
    sizes.push({
      name: `${lines.toLocaleString('en')} (synthetic, seed ${seed})`,
      ledger: () => generateLedger(lines, seed),
    });

  const rows: { name: string; lines: number; perLine: number }[] = [];
  // Warm the engine and its caches as a long-running service would be.
  await evaluate(generateLedger(1_000, seed));
  for (const size of sizes) {
    const ledger = size.ledger();
    const lines = ledger.lines.length;
    const micros = lines <= 1_000 ? await timeSmall(ledger) : await timeLarge(ledger);
    rows.push({ name: size.name, lines, perLine: micros / lines });
  }

  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  out('warm evaluate() per line, by ledger size (one process, bundled rules):');
  out(`  ${'lines'.padEnd(40)} ${'µs/call'.padStart(12)} ${'µs/line'.padStart(10)}`);
  for (const row of rows)
    out(
      `  ${row.name.padEnd(40)} ${(row.perLine * row.lines).toFixed(0).padStart(12)} ${row.perLine.toFixed(2).padStart(10)}`,
    );
  const reference = rows.find((row) => row.lines === REFERENCE_LINES);
  for (const target of TARGETS) {
    const row = rows.find((candidate) => candidate.lines === target.lines);
    if (row === undefined || reference === undefined) {
      out(
        `  ${target.lines}-line ledger vs ${REFERENCE_LINES.toLocaleString('en')} lines: not measured (--max-lines)`,
      );
      continue;
    }
    const ratio = row.perLine / reference.perLine;
    const pass = ratio <= target.ratio;
    out(
      `  ${target.lines}-line ledger per line: ${ratio.toFixed(2)}× the per-line time at ${REFERENCE_LINES.toLocaleString('en')} lines (target ≤ ${target.ratio}×) … ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
  // Verdicts are printed, never thrown (as in run-bench.ts).
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
