// The worker thread of evaluateInWorkers (evaluate-in-workers.ts): evaluates one shard of a ledger.
import { parentPort } from 'node:worker_threads';
import type { Policy } from '../core/policy.js';
import { evaluateShard, type ShardInput, type ShardResult } from '../evaluate/evaluate-shard.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { SourcePosition } from '../ledger/source-position.js';
import { notePositions, reviveAll, type NumberAt } from './worker-transfer.js';

/** What the main thread sends: the prepared rule set and policy once, and the shard. */
export interface WorkerRequest {
  readonly ruleSet: RuleSet;
  readonly policy: Policy;
  readonly input: Omit<ShardInput, 'ruleSet' | 'policy' | 'duplicates'> & {
    readonly duplicates: readonly string[];
  };
  /** The JsonNumbers of the items and entities, which a clone makes plain objects (worker-transfer.ts). */
  readonly numbers: {
    readonly items: readonly [number, NumberAt[]][];
    readonly entities: readonly [number, NumberAt[]][];
  };
  /** Where the items and entities start in the JSON file (their messages name it). */
  readonly positions: {
    readonly items: readonly [number, SourcePosition][];
    readonly entities: readonly [number, SourcePosition][];
  };
}

/** The shard's result, or what was thrown (rebuilt as the same error in the main thread). */
export type WorkerReply =
  | { readonly ok: true; readonly result: ShardResult }
  | {
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly code?: string };
    };

function describeError(error: unknown): Extract<WorkerReply, { ok: false }>['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

parentPort?.once('message', (request: WorkerRequest) => {
  const { ruleSet, policy, input, numbers, positions } = request;
  const items = [...input.items];
  const entities = [...input.entities];
  reviveAll(items, numbers.items);
  reviveAll(entities, numbers.entities);
  notePositions(items, positions.items);
  notePositions(entities, positions.entities);
  const duplicates = new Set(input.duplicates);
  evaluateShard({ ...input, items, entities, duplicates, ruleSet, policy }).then(
    (result) => parentPort?.postMessage({ ok: true, result } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, error: describeError(error) } satisfies WorkerReply),
  );
});
