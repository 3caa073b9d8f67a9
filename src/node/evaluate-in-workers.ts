import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KofuzeiError } from '../core/kofuzei-error.js';
import type { ErrorCode } from '../core/codes.js';
import { hasSourceNotes } from '../ledger/source-problems.js';
import { sourceRowOf } from '../ledger/source-row.js';
import { deepFreeze } from '../schema/deep-freeze.js';
import type { Report } from '../schema/report.js';
import { evaluate } from '../evaluate/evaluate.js';
import {
  evaluateSplit,
  runHere,
  runShards,
  type ShardRunner,
  type SplitLedger,
} from '../evaluate/evaluate-split.js';
import {
  evaluateStream,
  type StreamEvent,
  type StreamLedger,
  type StreamOptions,
} from '../evaluate/evaluate-stream.js';
import { heldLinesForHeap } from './held-lines-for-heap.js';
import { shardEvents } from '../evaluate/merge-shards.js';
import type { ShardResult } from '../evaluate/evaluate-shard.js';
import { resolveOptions, type EvaluateOptions } from '../evaluate/resolve-options.js';
import type { WorkerReply, WorkerRequest } from './evaluate-worker.js';
import { numbersOfAll, positionsOfAll } from './worker-transfer.js';

/** Below this many lines `workers: 'auto'` stays in one thread: starting workers costs more. */
export const WORKERS_THRESHOLD = 20_000;

export interface WorkersOption {
  /**
   * Threads to judge the lines in — this one and `workers − 1` worker threads (split by entity; the
   * report is the same byte for byte): a number, or 'auto' — one per core (at most 8) from
   * WORKERS_THRESHOLD lines, else this thread alone.
   */
  readonly workers?: number | 'auto';
}

/** How many threads judge a ledger of `lines` lines (1: this thread alone). */
export function workerCount(option: number | 'auto' | undefined, lines: number): number {
  if (option === undefined || option === 'auto')
    return lines < WORKERS_THRESHOLD ? 1 : Math.max(1, Math.min(8, availableParallelism()));
  if (!Number.isInteger(option) || option < 1)
    throw new TypeError(`workers: expected a whole number ≥ 1 or 'auto', got ${String(option)}`);
  return option;
}

/**
 * Whether a record carries what a reader noted beside it (its spreadsheet row, a key written
 * twice): such notes live in WeakMaps of this thread and would not reach a worker.
 */
function noted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (hasSourceNotes(value) || sourceRowOf(value) !== undefined) return true;
  const { facts, attributes } = value as Record<string, unknown>;
  return hasSourceNotes(facts) || hasSourceNotes(attributes);
}

/**
 * Starts a worker: the script built beside this file (dist/), else the TypeScript source (tests,
 * `tsx`), loaded after tsx's loader is registered in the worker.
 */
function startWorker(): Worker {
  const here = dirname(
    typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url),
  );
  const built = join(here, 'evaluate-worker.js');
  if (existsSync(built)) return new Worker(built);
  const source = pathToFileURL(join(here, 'evaluate-worker.ts')).href;
  return new Worker(
    `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(source)}); });`,
    {
      eval: true,
    },
  );
}

function rebuiltError(error: Extract<WorkerReply, { ok: false }>['error']): Error {
  if (error.name === 'KofuzeiError' && error.code !== undefined)
    return new KofuzeiError(error.code as ErrorCode, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/**
 * A shard's result as it came from a worker, frozen as evaluate hands it out (a clone is not): the
 * parts of its lines, and the line itself where evaluate's is frozen; its totals and assumptions.
 * Parts lines share stay shared in the clone: each is frozen once (a clone holds nothing frozen).
 */
function frozenCopies(result: ShardResult): ShardResult {
  const freeze = (value: unknown): void => {
    if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) deepFreeze(value);
  };
  for (const { line, frozen } of result.lines) {
    for (const value of Object.values(line)) freeze(value);
    if (frozen) Object.freeze(line);
  }
  for (const { total } of result.totals) freeze(total);
  for (const assumption of result.assumptions) freeze(assumption);
  return result;
}

/**
 * Runs the first shard in this thread and the others in worker threads; `stop` ends every worker
 * started (done or failed). This thread would otherwise only wait: judging a shard here saves a
 * worker's start, its cold caches and two copies of a shard between threads.
 */
function workerPool(): { run: ShardRunner; stop: () => Promise<void> } {
  const started = new Set<Worker>();
  // Set when the evaluation is over (a worker failed early): this thread's shard then does not start.
  let stopping = false;
  const inWorker = (
    input: Parameters<ShardRunner>[0],
    { ruleSet, policy }: Parameters<ShardRunner>[1],
  ): Promise<ShardResult> =>
    new Promise<ShardResult>((resolve, reject) => {
      const worker = startWorker();
      started.add(worker);
      worker.once('message', (reply: WorkerReply) => {
        if (reply.ok) resolve(frozenCopies(reply.result));
        else reject(rebuiltError(reply.error));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(
          new KofuzeiError(
            'INTERNAL',
            `評価のワーカーが終了しました（終了コード ${String(code)}）`,
          ),
        );
      });
      const request: WorkerRequest = {
        ruleSet,
        policy,
        input: { ...input, duplicates: [...input.duplicates] },
        numbers: {
          items: numbersOfAll(input.items) ?? [],
          entities: numbersOfAll(input.entities) ?? [],
        },
        positions: { items: positionsOfAll(input.items), entities: positionsOfAll(input.entities) },
      };
      worker.postMessage(request);
    });
  const run: ShardRunner = (input, prepared, index) =>
    index === 0
      ? // After the other shards are handed to their workers (runShards hands all over at once).
        new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
          stopping
            ? Promise.reject(new Error('the evaluation was stopped'))
            : runHere(input, prepared, index),
        )
      : inWorker(input, prepared);
  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all([...started].map((worker) => worker.terminate()));
  };
  return { run, stop };
}

/** The threads to use for this ledger: 1 when small (with 'auto') or read with notes. */
function threadsFor(ledger: unknown, workers: number | 'auto' | undefined): number {
  const record =
    ledger !== null && typeof ledger === 'object' ? (ledger as Record<string, unknown>) : {};
  if (!Array.isArray(record.lines) || !Array.isArray(record.entities)) return 1;
  const lines = record.lines as readonly unknown[];
  const count = workerCount(workers, lines.length);
  if (count <= 1) return 1;
  const entities = record.entities as readonly unknown[];
  // Only plain JSON crosses to a worker unchanged (JsonNumbers are listed and revived there).
  if (lines.some(noted) || entities.some(noted)) return 1;
  return numbersOfAll(lines) === null || numbersOfAll(entities) === null ? 1 : count;
}

/**
 * `evaluate` with the lines judged in several threads (Node only): the lines split by entity, the
 * first shard evaluated in this thread and each other in a worker, merged in ledger order — the same report byte for byte
 * (src/evaluate/evaluate-shard.ts says why). An error in a worker is thrown here as the same
 * error one thread throws, and every worker is stopped. Ledgers read from a spreadsheet or CSV (rows
 * noted beside the lines) and small ledgers with `workers: 'auto'` are evaluated in this thread.
 */
export async function evaluateInWorkers(
  ledger: unknown,
  options: EvaluateOptions & WorkersOption = {},
): Promise<Report> {
  const { workers, ...rest } = options;
  const prepared = resolveOptions(rest);
  const count = threadsFor(ledger, workers);
  if (count <= 1) return evaluate(ledger, { prepared });
  const pool = workerPool();
  try {
    return await evaluateSplit(ledger, { prepared }, count, pool.run);
  } finally {
    await pool.stop();
  }
}

/**
 * The events `evaluateStream` yields for a ledger whose lines are an array, with the lines judged
 * in worker threads as evaluateInWorkers does (the CLI's `--workers`). Other ledgers, small ones
 * with 'auto', and ledgers read with notes stream in this thread.
 */
export async function* evaluateStreamInWorkers(
  ledger: StreamLedger,
  options: StreamOptions & WorkersOption = {},
): AsyncGenerator<StreamEvent> {
  const { workers, heldLines = heldLinesForHeap, ...rest } = options;
  const prepared = resolveOptions(rest);
  const count = threadsFor(ledger, workers);
  if (count <= 1) {
    yield* evaluateStream(ledger, { prepared, heldLines });
    return;
  }
  const pool = workerPool();
  let split: SplitLedger | null;
  try {
    split = await runShards(ledger, prepared, count, pool.run);
  } finally {
    await pool.stop();
  }
  if (split === null) yield* evaluateStream(ledger, { prepared, heldLines });
  else yield* shardEvents(split.entities, split.lineCount, split.shards, prepared.ruleSet);
}
