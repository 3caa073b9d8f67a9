import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { extname } from 'node:path';
import { removeTempsOf } from '../node/atomic-file.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { STREAMED_EXTENSIONS } from './ledger-extensions.js';

/**
 * The V8 old-space limit (MiB) a streamed evaluation runs under. Its live heap is bounded by
 * groups and persons, but V8 collects lazily and, left alone, lets garbage grow the process to
 * several times that; a cap makes it collect sooner and keeps peak RSS under 512 MB.
 */
export const STREAMING_HEAP_MIB = 320;

/**
 * The young generation's semi-space limit (MiB) under the cap. V8's default of 16 MiB keeps two
 * 16 MiB semi-spaces resident beside the old generation: 8 lowered the capped child's peak RSS by
 * about 29 MB on 2,000,000 streamed lines at the same speed, where 4 promoted more to the old
 * generation and ran 20 % slower (docs/performance.md "Round 12").
 */
export const STREAMING_SEMI_SPACE_MIB = 8;

/**
 * glibc's malloc arenas for the child (`MALLOC_ARENA_MAX`). V8's collector threads each get an
 * arena, and memory freed in one is not given back to the others: two arenas lowered the child's
 * resident memory around the heap by about 16 MB (round 12). Other C libraries ignore it.
 */
const MALLOC_ARENAS = '2';

const MARK = 'KOFUZEI_STREAMING_HEAP';

/** Signals another process sends; V8 itself aborts (SIGABRT, SIGTRAP) when the heap is full. */
const STOPPED_FROM_OUTSIDE: readonly string[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];

/** Of those, the ones a terminal sends to every process of the foreground group. */
const FROM_THE_TERMINAL: readonly NodeJS.Signals[] = ['SIGINT', 'SIGHUP', 'SIGQUIT'];

/** A streamed ledger (read again per pass) written as a stream: the evaluation that runs capped. */
export function streamsUnderHeapCap(ledgerPath: string, format: string): boolean {
  const streamed = STREAMED_EXTENSIONS.includes(extname(ledgerPath).toLowerCase());
  return streamed && (format === 'json' || format === 'jsonl');
}

function hasHeapFlag(flags: readonly string[]): boolean {
  return flags.some((flag) => /^--max[-_]old[-_]space[-_]size/u.test(flag));
}

function hasSemiSpaceFlag(flags: readonly string[]): boolean {
  return flags.some((flag) => /^--max[-_]semi[-_]space[-_]size/u.test(flag));
}

/**
 * Runs this CLI again in a child node with the streaming heap cap, unless a cap is set already
 * (in node's flags or NODE_OPTIONS) or KOFUZEI_STREAMING_HEAP=off; resolves to the child's exit
 * code, or null when the caller should go on in this process; throws EVALUATION_STOPPED when the
 * child was killed. `output`: the report file the child writes, whose half-written temporary file
 * a killed child cannot remove itself. The child's stderr passes through this process as it comes
 * (progress, errors), except V8's own report of a full heap: its native stack trace is no message
 * for a person, and under --format json stderr must stay JSON lines.
 */
export async function rerunWithHeapCap(output?: string): Promise<number | null> {
  const mark = process.env[MARK];
  if (mark === 'off' || mark === 'applied') return null;
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').split(/\s+/u);
  if (hasHeapFlag(process.execArgv) || hasHeapFlag(nodeOptions)) return null;
  const script = process.argv[1];
  if (script === undefined) return null;
  // A young generation the user sized is theirs, as is an arena count set in the environment.
  const semiSpace =
    hasSemiSpaceFlag(process.execArgv) || hasSemiSpaceFlag(nodeOptions)
      ? []
      : [`--max-semi-space-size=${STREAMING_SEMI_SPACE_MIB}`];
  // glibc also takes the arena count as a tunable (GLIBC_TUNABLES=glibc.malloc.arena_max=N): a
  // user who set it that way keeps it, without an alias of ours beside it to compete.
  const arenas = (process.env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.arena_max=')
    ? {}
    : { MALLOC_ARENA_MAX: MALLOC_ARENAS };
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${heapMib()}`,
      ...semiSpace,
      script,
      ...process.argv.slice(2),
    ],
    {
      stdio: ['inherit', 'inherit', 'pipe'],
      env: {
        ...arenas,
        ...process.env,
        [MARK]: 'applied',
      },
    },
  );
  // A terminal's Ctrl-C (or Ctrl-backslash, or the terminal closing) reaches the whole process
  // group: the child stops, and this parent must live on to say so and remove the child's
  // half-written report. A supervisor's SIGTERM to this process alone is passed on to the child,
  // which stops the same way.
  const hold = (): undefined => undefined;
  const passOn = (): void => {
    child.kill('SIGTERM');
  };
  for (const signal of FROM_THE_TERMINAL)
    try {
      process.on(signal, hold);
    } catch {
      // A signal this platform cannot listen for (Windows has no SIGQUIT): nothing to hold.
    }
  process.on('SIGTERM', passOn);
  const relay = new StderrRelay();
  child.stderr.on('data', (chunk: Buffer) => {
    relay.write(chunk);
  });
  const ended = await new Promise<
    { error: Error } | { code: number | null; signal: NodeJS.Signals | null }
  >((resolve) => {
    child.on('error', (error) => {
      resolve({ error });
    });
    child.on('close', (code, signal) => {
      resolve({ code, signal });
    });
  });
  relay.end();
  process.off('SIGTERM', passOn);
  if ('error' in ended) return null;
  if (ended.code !== null) return ended.code;
  if (output !== undefined && child.pid !== undefined) removeTempsOf(output, child.pid);
  // Stopped by someone (a terminal, a supervisor): the heap is not to blame. Thrown, so that the
  // message is JSON under --format json like every other refusal (exit 2, never 1: docs/contract.md
  // §5.3 reserves 1 for failed tests and rule errors).
  if (ended.signal !== null && STOPPED_FROM_OUTSIDE.includes(ended.signal))
    throw new KofuzeiError('EVALUATION_STOPPED', `外部から停止されました（${ended.signal}）。`);
  // Killed (V8 aborts when the capped heap is full): say so and how to go on.
  throw new KofuzeiError(
    'EVALUATION_STOPPED',
    `停止の合図: ${ended.signal ?? 'killed'}。逐次処理用のメモリ上限 ${heapMib()} MiB を超えた可能性が高い。使用メモリは台帳の行数ではなく、集計単位（団体 × 年度 × 措置 × 構成要素）と人物の数、団体の一覧（1 行目）の大きさに応じて増える。KOFUZEI_STREAMING_HEAP_MIB=N で上限を上げるか、KOFUZEI_STREAMING_HEAP=off で上限を外すこと。`,
  );
}

/**
 * The child's stderr, written on as it comes, until V8 starts its report of a full heap
 * ("<--- Last few GCs --->", "FATAL ERROR: …", a native stack trace): the child is about to die, and
 * this process says why in its own words.
 */
class StderrRelay {
  private readonly decoder = new StringDecoder('utf8');
  private silent = false;

  write(chunk: Buffer): void {
    this.pass(this.decoder.write(chunk));
  }

  end(): void {
    this.pass(this.decoder.end());
  }

  private pass(text: string): void {
    if (this.silent || text === '') return;
    const at = V8_REPORT.exec(text)?.index;
    if (at !== undefined) {
      this.silent = true;
      // The blank lines V8 writes before its report go with it.
      const before = text.slice(0, at).replace(/\n+$/u, '');
      text = before === '' ? '' : `${before}\n`;
    }
    if (text !== '') process.stderr.write(text);
  }
}

const V8_REPORT = /<--- Last few GCs --->|FATAL ERROR:|----- Native stack trace -----/u;

/** The heap cap in MiB: KOFUZEI_STREAMING_HEAP_MIB when it is a whole number ≥ 16, else the default. */
function heapMib(): number {
  const wanted = Number(process.env.KOFUZEI_STREAMING_HEAP_MIB);
  return Number.isSafeInteger(wanted) && wanted >= 16 ? wanted : STREAMING_HEAP_MIB;
}
