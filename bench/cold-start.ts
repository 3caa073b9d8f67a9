// Issue 17, target 4: `tsx bench/cold-start.ts [--runs N]` (also run by `npm run bench`). Builds
// dist/ if it is missing, then times `node dist/cli.js evaluate samples/ledger.json --format json
// -o FILE --quiet` from process start to exit, N times (default 15) after two unmeasured runs (the
// file cache warm, as when a user runs it again), beside `node -e 0` (node's own start) and prints
// the median and the fastest against the 300 ms target. Verdicts use the median; exit code 0
// whatever they are, 2 if a run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 300;

function runs(): number {
  const index = process.argv.indexOf('--runs');
  if (index < 0) return 15;
  const value = Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error('--runs needs a positive integer');
  return value;
}

/** Wall milliseconds of each of `count` runs of node with these arguments (after two unmeasured). */
function time(args: readonly string[], count: number): number[] {
  const times: number[] = [];
  for (let run = -2; run < count; run += 1) {
    const start = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const elapsed = performance.now() - start;
    if (child.status !== 0)
      throw new Error(`node ${args.join(' ')} exited ${String(child.status)}: ${child.stderr}`);
    if (run >= 0) times.push(elapsed);
  }
  return times.sort((x, y) => x - y);
}

function main(): number {
  const count = runs();
  if (!existsSync(join(ROOT, 'dist/cli.js')))
    spawnSync('npx', ['tsup', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const directory = mkdtempSync(join(tmpdir(), 'kofuzei-cold-'));
  try {
    const cli = time(
      [
        'dist/cli.js',
        'evaluate',
        'samples/ledger.json',
        '--format',
        'json',
        '-o',
        join(directory, 'report.json'),
        '--quiet',
      ],
      count,
    );
    const bare = time(['-e', '0'], count);
    const median = (values: readonly number[]): number =>
      values[Math.floor(values.length / 2)] ?? NaN;
    const out = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    out(`cold start, ${count} runs each (wall ms: median, fastest):`);
    out(
      `  node -e 0                                   ${median(bare).toFixed(0).padStart(6)} ${(bare[0] ?? NaN).toFixed(0).padStart(6)}`,
    );
    out(
      `  kofuzei evaluate samples/ledger.json        ${median(cli).toFixed(0).padStart(6)} ${(cli[0] ?? NaN).toFixed(0).padStart(6)}`,
    );
    out(
      `  cold start of the CLI on the sample ledger: median ${median(cli).toFixed(0)} ms (target ≤ ${TARGET_MS} ms) … ${median(cli) <= TARGET_MS ? 'PASS' : 'FAIL'}`,
    );
    return 0;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
