import { spawnSync } from 'node:child_process';
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

/**
 * Runs this CLI again in a child node with the streaming heap cap, unless a cap is set already
 * (in node's flags or NODE_OPTIONS) or KOFUZEI_STREAMING_HEAP=off; returns the child's exit code,
 * or null when the caller should go on in this process; throws EVALUATION_STOPPED when the child
 * was killed. `output`: the report file the child writes, whose half-written temporary file a
 * killed child cannot remove itself.
 */
export function rerunWithHeapCap(output?: string): number | null {
  const mark = process.env[MARK];
  if (mark === 'off' || mark === 'applied') return null;
  const nodeOptions = (process.env.NODE_OPTIONS ?? '').split(/\s+/u);
  if (hasHeapFlag(process.execArgv) || hasHeapFlag(nodeOptions)) return null;
  const script = process.argv[1];
  if (script === undefined) return null;
  // A terminal's Ctrl-C (or Ctrl-backslash, or the terminal closing) reaches the whole process
  // group: the child stops, and this parent must live on to say so and remove the child's
  // half-written report. A listener makes node hold the signal instead of dying of it (it keeps no
  // process alive). SIGTERM is left alone: a supervisor may send it to this process only, and
  // blocked in spawnSync it could not pass it on, only put it off until the child ends.
  for (const signal of FROM_THE_TERMINAL)
    try {
      process.on(signal, () => undefined);
    } catch {
      // A signal this platform cannot listen for (Windows has no SIGQUIT): nothing to hold.
    }
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${heapMib()}`, script, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [MARK]: 'applied' } },
  );
  if (child.error !== undefined) return null;
  if (child.status !== null) return child.status;
  if (output !== undefined) removeTempsOf(output, child.pid);
  // Stopped by someone (a terminal, a supervisor): the heap is not to blame. Thrown, so that the
  // message is JSON under --format json like every other refusal (exit 2, never 1: docs/contract.md
  // §5.3 reserves 1 for failed tests and rule errors).
  if (child.signal !== null && STOPPED_FROM_OUTSIDE.includes(child.signal))
    throw new KofuzeiError('EVALUATION_STOPPED', `外部から停止されました（${child.signal}）。`);
  // Killed (V8 aborts when the capped heap is full): say so and how to go on.
  throw new KofuzeiError(
    'EVALUATION_STOPPED',
    `停止の合図: ${child.signal ?? 'killed'}。逐次処理用のメモリ上限 ${heapMib()} MiB を超えた可能性が高い。使用メモリは台帳の行数ではなく、集計単位（団体 × 年度 × 措置 × 構成要素）と人物の数、団体の一覧（1 行目）の大きさに応じて増える。KOFUZEI_STREAMING_HEAP_MIB=N で上限を上げるか、KOFUZEI_STREAMING_HEAP=off で上限を外すこと。`,
  );
}

/** The heap cap in MiB: KOFUZEI_STREAMING_HEAP_MIB when it is a whole number ≥ 16, else the default. */
function heapMib(): number {
  const wanted = Number(process.env.KOFUZEI_STREAMING_HEAP_MIB);
  return Number.isSafeInteger(wanted) && wanted >= 16 ? wanted : STREAMING_HEAP_MIB;
}
