// Streaming benchmark (issue 6, item 3): `npm run bench:stream [-- --lines N --seed N --formats jsonl,csv --keep]`.
// Writes the synthetic ledger (generate-ledger.ts) as JSON Lines and as CSV to a temp folder, line
// by line, then runs `kofuzei evaluate FILE --format jsonl -o OUT --quiet` (the built CLI,
// dist/cli.js) under /usr/bin/time -v for each and prints lines/s and the peak RSS of kofuzei's
// processes together: the capped child's exact peak plus its waiting parent's sampled peak (the CLI
// re-runs itself with a heap cap, see src/cli/streaming-heap.ts). The CSV holds the
// same lines; facts the glossary does not know (which the JSON ledger uses to provoke warnings)
// cannot be CSV columns and are left out. Not run in CI (10,000,000 lines take many minutes).
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledRuleSet } from '../src/index.js';
import {
  generateEntities,
  generateLines,
  ENTITY_ATTRIBUTES,
  type BenchEntity,
  type FactJson,
} from './generate-ledger.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1_000_000;
const RSS_TARGET_MB = 512;

interface Options {
  lines: number;
  seed: number;
  formats: string[];
  keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { lines: 10_000_000, seed: 6, formats: ['jsonl', 'csv'], keep: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--lines' || flag === '--seed') {
      const number = Number(value);
      if (!Number.isSafeInteger(number) || number < 1)
        throw new Error(`${flag} needs a positive integer`);
      if (flag === '--lines') options.lines = number;
      else options.seed = number;
      i += 1;
    } else if (flag === '--formats') {
      options.formats = (value ?? '').split(',');
      i += 1;
    } else if (flag === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${String(flag)}`);
  }
  if (!options.formats.every((format) => format === 'jsonl' || format === 'csv'))
    throw new Error('--formats takes jsonl and/or csv');
  return options;
}

/** Buffered text output to a file. */
function writer(path: string): { write: (text: string) => void; close: () => void } {
  const fd = openSync(path, 'w');
  let buffer: string[] = [];
  let pending = 0;
  const flush = (): void => {
    if (buffer.length > 0) writeSync(fd, buffer.join(''));
    buffer = [];
    pending = 0;
  };
  return {
    write: (text) => {
      buffer.push(text);
      pending += text.length;
      if (pending >= 1 << 20) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

function writeJsonLines(path: string, options: Options): void {
  const out = writer(path);
  const entities = generateEntities(options.seed);
  out.write(`${JSON.stringify({ entities })}\n`);
  for (const line of generateLines(options.lines, options.seed, entities))
    out.write(`${JSON.stringify(line)}\n`);
  out.close();
}

function csvCell(value: FactJson | null | undefined): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'boolean'
      ? value
        ? 'TRUE'
        : 'FALSE'
      : Array.isArray(value)
        ? value.join(';')
        : String(value);
  return /[",\n\r]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(path: string, options: Options): void {
  const glossary = bundledRuleSet().glossary;
  const factNames = Object.entries(glossary.facts)
    .filter(([, definition]) => definition.scope === 'line')
    .map(([name]) => name)
    .sort();
  const fields = ['id', 'entity', 'fiscalYear', 'date', 'program', 'costType', 'amount', 'person'];
  const fieldsAfter = ['claim', 'memo'];
  const header = [
    ...fields,
    'entityName',
    'entityKind',
    'entityNonRecipient',
    ...ENTITY_ATTRIBUTES.map((name) => `attributes.${name}`),
    ...fieldsAfter,
    ...factNames.map((name) => `facts.${name}`),
  ];
  const out = writer(path);
  out.write(`${header.join(',')}\n`);
  const entities = generateEntities(options.seed);
  const byCode = new Map(entities.map((entity) => [entity.code, entity]));
  const defined = new Set<string>();
  for (const line of generateLines(options.lines, options.seed, entities)) {
    const record = line as unknown as Record<string, unknown>;
    // An entity's columns on its first row only, as a spreadsheet ledger gives them.
    const entity: BenchEntity | undefined = defined.has(line.entity)
      ? undefined
      : byCode.get(line.entity);
    if (entity !== undefined) defined.add(line.entity);
    const facts: Record<string, FactJson> = line.facts ?? {};
    const cells = [
      ...fields.map((field) => csvCell(record[field] as FactJson | undefined)),
      csvCell(entity?.name),
      csvCell(entity?.kind),
      csvCell(entity?.nonRecipient),
      ...ENTITY_ATTRIBUTES.map((name) => csvCell(entity?.attributes?.[name])),
      ...fieldsAfter.map((field) => csvCell(record[field] as FactJson | undefined)),
      ...factNames.map((name) => csvCell(facts[name])),
    ];
    out.write(`${cells.join(',')}\n`);
  }
  out.close();
}

interface Measured {
  readonly seconds: number;
  /** Peak RSS of the largest process (/usr/bin/time: the capped child). */
  readonly largestRssMb: number;
  /** Peak RSS of kofuzei's other processes (the parent waiting for the capped child), sampled. */
  readonly othersRssMb: number;
  readonly exit: number;
  /** What the CLI itself wrote to stderr (why it failed), without /usr/bin/time's report. */
  readonly said: string;
}

/** Parent pid of every process (Linux /proc). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces.
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  return map;
}

/** The processes below `root` (not root itself). */
function descendants(root: number): number[] {
  const parentOf = parents();
  const found: number[] = [];
  let level = [root];
  while (level.length > 0) {
    const next = [...parentOf].filter(([, ppid]) => level.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    level = next;
  }
  return found;
}

/** A process's peak RSS so far (VmHWM, kB), or null once it has ended. */
function peakKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/**
 * Runs the CLI under /usr/bin/time -v (exact peak of its largest process) and samples the peaks of
 * all of kofuzei's processes meanwhile: the capped child's parent waits beside it, and the target
 * is for the two together.
 */
async function runCli(ledger: string, output: string): Promise<Measured> {
  const child = spawn(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      join(ROOT, 'dist', 'cli.js'),
      'evaluate',
      ledger,
      '--format',
      'jsonl',
      '-o',
      output,
      '--quiet',
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-64 * MB);
  });
  const peaks = new Map<number, number>();
  const sample = (): void => {
    for (const pid of descendants(child.pid ?? -1)) {
      const kb = peakKb(pid);
      if (kb !== null) peaks.set(pid, Math.max(kb, peaks.get(pid) ?? 0));
    }
  };
  const timer = setInterval(sample, 500);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/u.exec(stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/u.exec(
    stderr,
  );
  const exit = /Exit status: (\d+)/u.exec(stderr);
  if (rss === null || wall === null)
    throw new Error(`could not read /usr/bin/time's figures:\n${stderr.slice(-2000)}`);
  // Every sampled process but the largest (whose exact peak /usr/bin/time gives).
  const sampled = [...peaks.values()].sort((a, b) => b - a);
  return {
    seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    largestRssMb: (Number(rss[1]) * 1024) / MB,
    othersRssMb: (sampled.slice(1).reduce((sum, kb) => sum + kb, 0) * 1024) / MB,
    exit: Number(exit?.[1] ?? status ?? 1),
    said: stderr
      .split('\n')
      .filter((line) => !line.startsWith('\t') && !line.startsWith('Command '))
      .join('\n')
      .trim()
      .slice(-2000),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time) for peak RSS');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
  const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  out('kofuzei streaming benchmark (issue 6, item 3)');
  out(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}`,
  );
  out(`ledger:  ${group(options.lines)} lines, seed ${options.seed}`);
  const directory = mkdtempSync(join(tmpdir(), 'kofuzei-stream-'));
  let failed = false;
  try {
    for (const format of options.formats) {
      const ledger = join(directory, `ledger.${format}`);
      const started = performance.now();
      if (format === 'jsonl') writeJsonLines(ledger, options);
      else writeCsv(ledger, options);
      out(
        `${format}: wrote ${ledger} (${group(statSync(ledger).size / MB)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s; evaluating …`,
      );
      // The report of 10,000,000 lines is tens of GB; --keep writes it, else it goes to /dev/null.
      const output = options.keep ? join(directory, `report-${format}.jsonl`) : '/dev/null';
      const measured = await runCli(ledger, output);
      // A run that did not finish proves nothing, whatever its peak. Exit 1 is a finished run:
      // the synthetic ledger has invalid lines on purpose, and `evaluate` exits 1 for them.
      const finished = measured.exit === 0 || measured.exit === 1;
      const peakRssMb = measured.largestRssMb + measured.othersRssMb;
      const verdict = finished && peakRssMb < RSS_TARGET_MB ? 'PASS' : 'FAIL';
      if (!finished) failed = true;
      out(
        `  exit ${measured.exit}; ${measured.seconds.toFixed(1)} s, ${group(options.lines / measured.seconds)} lines/s; peak RSS ${group(peakRssMb)} MB (capped child ${group(measured.largestRssMb)} MB + parent ${group(measured.othersRssMb)} MB; target < ${RSS_TARGET_MB} MB) … ${verdict}${options.keep ? `; report ${group(statSync(output).size / MB)} MB` : ''}`,
      );
      // A failed run's figures say nothing of the target: show why it failed.
      if (!finished && measured.said !== '') out(`  kofuzei said: ${measured.said}`);
    }
    if (options.keep) out(`kept ${directory}`);
  } finally {
    if (!options.keep) rmSync(directory, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
