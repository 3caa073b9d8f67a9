// The benchmark (issue 6): `npm run bench [-- --lines N --sample N --seed N --variants a,b --keep]`.
// Generates a deterministic synthetic ledger once, runs each variant in its own child process (so
// each peak RSS is its own), prints time and memory per variant, the two target ratios and their
// verdicts, and compares kofuzei with the hand-written floor on every line. Then (issue 17, skip
// with --no-small-calls / --no-cold-start) small-calls.ts and cold-start.ts print theirs. Exit code 0 unless a
// variant failed or kofuzei and the floor disagree on some line (1, first disagreements printed).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StringDecoder } from 'node:string_decoder';
import { DX_MEASURES, writeLedgerFile } from './generate-ledger.js';
import type { VariantSummary } from './run-variant.js';
import { LINE_DIFF_FIELDS } from '../src/diff/diff-reports.js';
import { VARIANTS } from './variants.js';

/** A line's result, as (a), (a2) and (c) must agree on it: its id and what `kofuzei diff` compares. */
const RESULT_FIELDS = ['id', ...LINE_DIFF_FIELDS] as const;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1_000_000;
const RSS_TARGET_MB = 1_500; // 1.5 GB
const RSS_TARGET_LINES = 1_000_000;
const SPEEDUP_TARGET = 100;
/** Issue 17: within 3× of the floor (issue 6 asked for 10×; both verdicts are printed). */
const FLOOR_RATIO_TARGET = 3;
const FLOOR_RATIO_TARGET_ISSUE6 = 10;
/** The DX-only ledger's default size when both comparisons run (keeps `npm run bench` reasonable). */
const DX_LINES = 200_000;
const MAX_SAMPLE = 20_000;
const SHOWN_DISAGREEMENTS = 20;

interface Options {
  lines: number;
  sample: number;
  seed: number;
  variants: string[];
  keep: boolean;
  smallCalls: boolean;
  coldStart: boolean;
  /** Which comparisons: the full ledger, the DX-only one (naive with only the DX measures), or both. */
  ledgers: ('full' | 'dx')[];
  /** Lines of the DX-only ledger. */
  dxLines: number | null;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    lines: 1_000_000,
    sample: 5_000,
    seed: 6,
    variants: VARIANTS.map((variant) => variant.id),
    keep: false,
    smallCalls: true,
    coldStart: true,
    ledgers: ['full', 'dx'],
    dxLines: null,
  };
  const integer = (flag: string, value: string | undefined): number => {
    const number = Number(value);
    if (value === undefined || !Number.isSafeInteger(number) || number < 0)
      throw new Error(`${flag} needs a non-negative integer, got ${String(value)}`);
    return number;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--lines') options.lines = integer(flag, argv[(i += 1)]);
    else if (flag === '--sample') options.sample = integer(flag, argv[(i += 1)]);
    else if (flag === '--seed') options.seed = integer(flag, argv[(i += 1)]);
    else if (flag === '--variants') options.variants = (argv[(i += 1)] ?? '').split(',');
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--no-small-calls') options.smallCalls = false;
    else if (flag === '--no-cold-start') options.coldStart = false;
    else if (flag === '--dx-only') options.ledgers = ['dx'];
    else if (flag === '--no-dx') options.ledgers = ['full'];
    else if (flag === '--dx-lines') options.dxLines = integer(flag, argv[(i += 1)]);
    else throw new Error(`unknown argument ${String(flag)}`);
  }
  if (options.lines < 1) throw new Error('--lines must be at least 1');
  const unknown = options.variants.filter((id) => !VARIANTS.some((v) => v.id === id));
  if (unknown.length > 0)
    throw new Error(
      `unknown variant(s) ${unknown.join(', ')}; known: ${VARIANTS.map((v) => v.id).join(', ')}`,
    );
  options.sample = Math.min(options.sample, MAX_SAMPLE, options.lines);
  return options;
}

const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
const fixed = (n: number, digits: number): string => n.toFixed(digits);

function load(): string {
  return `load average ${loadavg()
    .map((value) => fixed(value, 2))
    .join(' ')}`;
}

function machine(): string[] {
  let model = 'unknown CPU';
  try {
    const match = /^model name\s*:\s*(.+)$/mu.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) model = match[1].trim();
  } catch {
    model = cpus()[0]?.model ?? model;
  }
  let revision = 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'rules'], { cwd: ROOT })
        .toString()
        .trim() !== '';
    revision = `${head}${dirty ? ' + uncommitted changes in src/ or rules/' : ''}`;
  } catch {
    // not a git checkout
  }
  return [
    `machine: ${model}, ${cpus().length} cores, ${fixed(totalmem() / 2 ** 30, 1)} GiB memory`,
    `node:    ${process.version} (${process.platform}-${process.arch})`,
    `kofuzei: ${revision}`,
    `load:    ${load()} (other processes on the machine skew the timings; compare runs on an idle machine)`,
  ];
}

/** Pull-based line reader, so two result files can be compared in lockstep without loading them. */
class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(1 << 20);
  private readonly decoder = new StringDecoder('utf8');
  private lines: string[] = [];
  private position = 0;
  private carry = '';
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  next(): string | null {
    while (this.position >= this.lines.length) {
      if (this.done) return null;
      const read = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      const text =
        this.carry +
        (read === 0 ? this.decoder.end() : this.decoder.write(this.chunk.subarray(0, read)));
      const parts = text.split('\n');
      this.carry = parts.pop() ?? '';
      if (read === 0) {
        this.done = true;
        if (this.carry !== '') parts.push(this.carry);
        this.carry = '';
      }
      this.lines = parts;
      this.position = 0;
    }
    const line = this.lines[this.position];
    this.position += 1;
    return line ?? null;
  }

  close(): void {
    closeSync(this.fd);
  }
}

const FIELDS = ['id', 'status', 'measure', 'component', 'base', 'amount', 'bond'] as const;
type Field = (typeof FIELDS)[number];

interface Disagreement {
  readonly id: string;
  readonly field: Field | 'rows';
  readonly kofuzei: string;
  readonly floor: string;
}

interface Comparison {
  readonly compared: number;
  readonly disagreeingLines: number;
  readonly byField: Partial<Record<Disagreement['field'], number>>;
  readonly first: Disagreement[];
}

/**
 * Compares two result files line by line: status, base, amount and bond always; measure and
 * component where both say eligible. `limit` stops after that many lines (a sample).
 */
function compareResults(
  leftPath: string,
  rightPath: string,
  fields: readonly Field[],
  limit = Infinity,
): Comparison {
  const left = new LineReader(leftPath);
  const right = new LineReader(rightPath);
  const byField: Comparison['byField'] = {};
  const first: Disagreement[] = [];
  let compared = 0;
  let disagreeingLines = 0;
  try {
    while (compared < limit) {
      const a = left.next();
      const b = right.next();
      if (a === null && b === null) break;
      compared += 1;
      if (a === null || b === null) {
        disagreeingLines += 1;
        byField.rows = (byField.rows ?? 0) + 1;
        if (first.length < SHOWN_DISAGREEMENTS)
          first.push({
            id: (a ?? b ?? '').split('\t')[0] ?? '',
            field: 'rows',
            kofuzei: a === null ? '(no row)' : 'row',
            floor: b === null ? '(no row)' : 'row',
          });
        continue;
      }
      if (a === b) continue;
      const x = a.split('\t');
      const y = b.split('\t');
      const bothEligible = x[1] === 'eligible' && y[1] === 'eligible';
      let differs = false;
      for (const field of fields) {
        if ((field === 'measure' || field === 'component') && !bothEligible) continue;
        const position = FIELDS.indexOf(field);
        const u = x[position] ?? '';
        const v = y[position] ?? '';
        if (u === v) continue;
        differs = true;
        byField[field] = (byField[field] ?? 0) + 1;
        if (first.length < SHOWN_DISAGREEMENTS)
          first.push({ id: x[0] ?? '', field, kofuzei: u || 'null', floor: v || 'null' });
      }
      if (differs) disagreeingLines += 1;
    }
  } finally {
    left.close();
    right.close();
  }
  return { compared, disagreeingLines, byField, first };
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
}

interface Run {
  readonly id: string;
  readonly label: string;
  readonly summary: VariantSummary | null;
  readonly outPath: string;
  readonly error: string | null;
}

function runVariant(
  id: string,
  ledgerPath: string,
  lines: number,
  directory: string,
  naiveMeasures: readonly string[] | null,
): Run {
  const variant = VARIANTS.find((candidate) => candidate.id === id);
  if (variant === undefined) throw new Error(`no variant ${id}`);
  const outPath = join(directory, `${id}.tsv`);
  const summaryPath = join(directory, `${id}.json`);
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'bench', 'run-variant.ts'),
      id,
      ledgerPath,
      String(lines),
      outPath,
      summaryPath,
      ...(naiveMeasures === null ? [] : [naiveMeasures.join(',')]),
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 64 * MB },
  );
  if (child.status !== 0) {
    const stderr = (child.stderr || '').trim().split('\n').slice(-30).join('\n');
    return {
      id,
      label: variant.label,
      summary: null,
      outPath,
      error: `exit ${String(child.status ?? child.signal)}${stderr === '' ? '' : `\n${stderr}`}`,
    };
  }
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as VariantSummary;
  return { id, label: variant.label, summary, outPath, error: null };
}

function perLineMicros(summary: VariantSummary): number {
  return ((summary.evaluated.ms - summary.parsed.ms) * 1000) / summary.lines;
}

/** CPU time per line (all the process's threads): steadier than wall time on a busy machine. */
function perLineCpuMicros(summary: VariantSummary): number {
  return ((summary.evaluated.cpuMs - summary.parsed.cpuMs) * 1000) / summary.lines;
}

/**
 * One comparison: generates the ledger (the full one, or the DX-only one whose naive engine loads
 * only the DX measures, issue 17), runs the variants, prints times, targets, coverage and the
 * line-by-line agreement of (a) with (c). Returns whether something failed.
 */
function compare(options: Options, kind: 'full' | 'dx', ledgerLines: number): boolean {
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  out(
    kind === 'dx'
      ? `DX-only ledger (programs cio-aide, dx-leader, municipal-dx-support, digital-katsuyo): ${group(ledgerLines)} lines, seed ${options.seed}; (b) loads only ${DX_MEASURES.join(', ')}; (a) the bundled rules (every measure)`
      : `full ledger: ${group(ledgerLines)} lines, seed ${options.seed}; sample for (b): ${group(Math.min(options.sample, ledgerLines))} lines`,
  );
  const directory = mkdtempSync(join(tmpdir(), 'kofuzei-bench-'));
  let failed = false;
  const dxOnly = kind === 'dx';
  const naiveMeasures = dxOnly ? DX_MEASURES : null;
  try {
    const ledgerPath = join(directory, 'ledger.json');
    const generationStart = performance.now();
    const bytes = writeLedgerFile(ledgerPath, ledgerLines, options.seed, dxOnly);
    out(
      `generated ${ledgerPath} in ${fixed((performance.now() - generationStart) / 1000, 1)} s (${fixed(bytes / MB, 1)} MB)`,
    );

    const runs: Run[] = [];
    for (const id of options.variants) {
      const variant = VARIANTS.find((candidate) => candidate.id === id);
      if (variant === undefined) continue;
      const lines = variant.sampled ? Math.min(options.sample, ledgerLines) : ledgerLines;
      out(`running ${variant.label} on ${group(lines)} lines …`);
      const run = runVariant(id, ledgerPath, lines, directory, naiveMeasures);
      if (run.error !== null) {
        failed = true;
        out(`  FAILED: ${run.error}`);
      } else if (run.summary !== null) {
        const s = run.summary;
        out(
          `  done: load ${fixed(s.loaded.ms / 1000, 2)} s, parse ${fixed((s.parsed.ms - s.loaded.ms) / 1000, 2)} s, evaluate ${fixed((s.evaluated.ms - s.parsed.ms) / 1000, 2)} s, write ${fixed((s.written.ms - s.evaluated.ms) / 1000, 2)} s; heap used ${group(s.parsed.heapUsed / MB)} MB parsed, ${group(s.evaluated.heapUsed / MB)} MB evaluated; ${load()}`,
        );
      }
      runs.push(run);
    }
    out();

    const rows: string[][] = [
      [
        'variant',
        'lines',
        'parse s',
        'eval s',
        'lines/s',
        'µs/line',
        'cpu µs/line',
        'RSS parsed MB',
        'peak RSS MB',
      ],
    ];
    for (const run of runs) {
      const s = run.summary;
      if (s === null) {
        rows.push([run.label, 'failed', '', '', '', '', '', '', '']);
        continue;
      }
      const seconds = (s.evaluated.ms - s.parsed.ms) / 1000;
      rows.push([
        run.label,
        group(s.lines),
        fixed((s.parsed.ms - s.loaded.ms) / 1000, 2),
        fixed(seconds, 2),
        group(s.lines / seconds),
        fixed(perLineMicros(s), 2),
        fixed(perLineCpuMicros(s), 2),
        group(s.parsed.rss / MB),
        group(s.evaluated.peakRss / MB),
      ]);
    }
    for (const line of table(rows)) out(line);
    out(
      '  eval s = wall time of the evaluation only (ledger parsing is reported apart); cpu µs/line = process CPU time\n  (all threads, GC included); peak RSS = the child process’s maxRSS when evaluation ended; 1 MB = 10^6 bytes.\n  Verdicts use wall time; CPU-time ratios in brackets (steadier when other processes share the machine).',
    );
    out();

    const byId = new Map(runs.map((run) => [run.id, run]));
    const a = byId.get('kofuzei')?.summary ?? null;
    const b = byId.get('naive')?.summary ?? null;
    const c = byId.get('floor')?.summary ?? null;
    out('targets:');
    if (a !== null && b !== null) {
      const speedup = perLineMicros(b) / perLineMicros(a);
      const cpu = perLineCpuMicros(b) / perLineCpuMicros(a);
      out(
        `  (a) vs (b) per line: ${fixed(speedup, 1)}× faster [cpu ${fixed(cpu, 1)}×] (target ≥ ${SPEEDUP_TARGET}×) … ${speedup >= SPEEDUP_TARGET ? 'PASS' : 'FAIL'}`,
      );
    } else out('  (a) vs (b): not measured');
    if (a !== null && c !== null) {
      const ratio = perLineMicros(a) / perLineMicros(c);
      const cpu = perLineCpuMicros(a) / perLineCpuMicros(c);
      out(
        `  (a) vs (c) per line: ${fixed(ratio, 2)}× the floor’s time [cpu ${fixed(cpu, 2)}×] (target ≤ ${FLOOR_RATIO_TARGET}×, issue 17) … ${ratio <= FLOOR_RATIO_TARGET ? 'PASS' : 'FAIL'} (≤ ${FLOOR_RATIO_TARGET_ISSUE6}×, issue 6 … ${ratio <= FLOOR_RATIO_TARGET_ISSUE6 ? 'PASS' : 'FAIL'})`,
      );
    } else out('  (a) vs (c): not measured');
    if (a !== null) {
      const peak = a.evaluated.peakRss / MB;
      const verdict = peak < RSS_TARGET_MB ? 'PASS' : 'FAIL';
      out(
        `  (a) peak RSS: ${group(peak)} MB at ${group(a.lines)} lines (target < ${group(RSS_TARGET_MB)} MB at ${group(RSS_TARGET_LINES)} lines) … ${a.lines >= RSS_TARGET_LINES ? verdict : `${verdict} (indicative only below ${group(RSS_TARGET_LINES)} lines)`}`,
      );
    }
    out();

    if (c !== null && typeof c.notes.stats === 'string') {
      const stats = JSON.parse(c.notes.stats) as Record<string, unknown>;
      out('ledger coverage (from the floor):');
      const statuses = stats.statuses as Record<string, number>;
      out(
        `  statuses: ${Object.entries(statuses)
          .map(([status, count]) => `${status} ${group(count)}`)
          .join(
            ', ',
          )}${Object.values(statuses).every((count) => count > 0) ? ' (all four occur)' : ' — NOT every status occurs'}`,
      );
      out(
        `  eligible by measure: ${Object.entries(stats.eligibleBy as Record<string, number>)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([label, count]) => `${label} ${group(count)}`)
          .join('; ')}`,
      );
      const rest = Object.entries(stats).filter(
        ([key]) => key !== 'statuses' && key !== 'eligibleBy',
      );
      out(`  ${rest.map(([key, value]) => `${key} ${group(Number(value))}`).join(', ')}`);
    }
    if (a !== null)
      out(
        `  kofuzei report: ${Object.entries(a.notes)
          .map(([key, value]) => `${key} ${typeof value === 'number' ? group(value) : value}`)
          .join(', ')}`,
      );
    out();

    const kofuzeiRun = byId.get('kofuzei');
    const floorRun = byId.get('floor');
    // Issue 17 target 3: lines judged in 2 threads (this one and a worker), the same results as (a)
    // on every line.
    const workersRun = byId.get('kofuzei-workers');
    if (a !== null && workersRun?.summary != null && kofuzeiRun !== undefined) {
      const w = workersRun.summary;
      const same = compareResults(kofuzeiRun.outPath, workersRun.outPath, RESULT_FIELDS);
      if (same.disagreeingLines > 0) failed = true;
      out(
        `(a2) vs (a): ${group(Math.round(1e6 / perLineMicros(w)))} vs ${group(Math.round(1e6 / perLineMicros(a)))} lines/s (${fixed(perLineMicros(a) / perLineMicros(w), 2)}× with 2 threads); ${same.disagreeingLines === 0 ? 'same results on every line' : `DISAGREE on ${group(same.disagreeingLines)} lines`}`,
      );
    }
    if (a !== null && c !== null && kofuzeiRun !== undefined && floorRun !== undefined) {
      const comparison = compareResults(kofuzeiRun.outPath, floorRun.outPath, RESULT_FIELDS);
      if (comparison.disagreeingLines === 0) {
        out(
          `(a) vs (c): agree on every line (${group(comparison.compared)} lines: status, measure, component, base, amount, bond)`,
        );
      } else {
        failed = true;
        out(
          `(a) vs (c): DISAGREE on ${group(comparison.disagreeingLines)} of ${group(comparison.compared)} lines (${Object.entries(
            comparison.byField,
          )
            .map(([field, count]) => `${field} ${group(count)}`)
            .join(', ')}); first ${comparison.first.length}:`,
        );
        for (const line of table([
          ['line id', 'field', 'kofuzei', 'floor'],
          ...comparison.first.map((d) => [d.id, d.field, d.kofuzei, d.floor]),
        ]))
          out(`  ${line}`);
      }
    }
    const naiveRun = byId.get('naive');
    if (b !== null && c !== null && naiveRun !== undefined && floorRun !== undefined) {
      // Informational: what the first approach gets wrong (no caps, headcount, three-valued logic, docs/decisions.md §1.8).
      const comparison = compareResults(naiveRun.outPath, floorRun.outPath, ['amount'], b.lines);
      out(
        `(b) vs (c), information only: amounts differ on ${group(comparison.disagreeingLines)} of ${group(comparison.compared)} sample lines (the naive approach has no caps, headcount, running floors, three-valued facts or 不交付団体 rule)`,
      );
    }
    if (options.keep) out(`kept ${directory}`);
  } finally {
    if (!options.keep) rmSync(directory, { recursive: true, force: true });
  }
  return failed;
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  out('kofuzei benchmark (issues 6 and 17)');
  for (const line of machine()) out(line);
  out();

  let failed = false;
  for (const kind of options.ledgers) {
    const lines =
      kind === 'dx' && options.ledgers.length > 1
        ? (options.dxLines ?? Math.min(options.lines, DX_LINES))
        : kind === 'dx'
          ? (options.dxLines ?? options.lines)
          : options.lines;
    if (compare(options, kind, lines)) failed = true;
    out();
  }
  // Issue 17: per-line time by ledger size (small calls against a large ledger) and the CLI's
  // cold start, each in its own process after the variants (their verdicts are printed there).
  const extras = [
    ...(options.smallCalls ? [['small-calls.ts', '--max-lines', String(options.lines)]] : []),
    ...(options.coldStart ? [['cold-start.ts']] : []),
  ];
  for (const [script = '', ...args] of extras) {
    out();
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', script), ...args],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (child.status !== 0) {
      failed = true;
      out(`  ${script} FAILED (exit ${String(child.status ?? child.signal)})`);
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
