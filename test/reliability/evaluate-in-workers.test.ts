import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLedger, writeLedgerFile } from '../../bench/generate-ledger.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { collectStream, evaluateStream } from '../../src/evaluate/evaluate-stream.js';
import { prepareRuleSet } from '../../src/evaluate/prepared-rule-set.js';
import { noteSourceRow } from '../../src/ledger/source-row.js';
import {
  evaluateInWorkers,
  evaluateStreamInWorkers,
  workerCount,
  WORKERS_THRESHOLD,
} from '../../src/node/evaluate-in-workers.js';
import { readLedgerFile } from '../../src/node/read-ledger-file.js';
import { isDeeplyFrozen } from '../../src/schema/deep-freeze.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { PolicyInput } from '../../src/core/policy.js';
import { runCli } from '../helpers/cli.js';
import { acceptanceLedgers, fixtureLedgers, sampleLedger } from '../helpers/paths.js';

/*
 * Issue 17, target 3: the lines judged in worker threads give the one-thread report byte for byte
 * (library and CLI), an error in a worker is the error one thread throws, and ledgers whose lines
 * carry what a reader noted beside them stay in one thread. The merge itself is checked on every
 * fixture in evaluate-split.test.ts; here, some of them cross real threads.
 */

const prepared = prepareRuleSet();
const text = (value: unknown): string => JSON.stringify(value, null, 2);
/** Which of a line's parts are frozen: the line itself, then each object field by name. */
const frozenParts = (line: object): string[] => [
  `line ${String(Object.isFrozen(line))}`,
  ...Object.entries(line)
    .filter(([, value]) => typeof value === 'object' && value !== null)
    .map(([key, value]) => `${key} ${String(isDeeplyFrozen(value))}`),
];

describe('evaluateInWorkers ≡ evaluate', () => {
  // Every 16th fixture, and those whose lines the search of decisions.md §4.1 settles.
  const fixtures = fixtureLedgers().filter(
    (entry, index) => index % 16 === 0 || entry.name.includes('dx-taisei-kochiku-itaku/'),
  );
  const cases = [sampleLedger(), ...acceptanceLedgers(), ...fixtures];

  it('fixtures, acceptance ledgers and the sample, with 2 and 3 workers', async () => {
    let settled = 0;
    for (const entry of cases) {
      const policy = entry.policy as PolicyInput | undefined;
      const options = policy === undefined ? {} : { policy };
      const one = await evaluate(entry.ledger, options);
      const reference = text(one);
      for (const workers of [2, 3]) {
        const many = await evaluateInWorkers(entry.ledger, { ...options, workers });
        expect(text(many), entry.name).toBe(reference);
        // Frozen where evaluate's report is (a worker's copy is frozen on arrival).
        expect(many.lines.map(frozenParts), entry.name).toEqual(one.lines.map(frozenParts));
        expect(many.totals.every((total) => Object.isFrozen(total))).toBe(true);
      }
      settled += one.lines.filter((line) => Object.isFrozen(line)).length;
    }
    // Some lines the search settled (frozen as a whole by evaluate) are among the cases.
    expect(settled).toBeGreaterThan(0);
  }, 600_000);

  it.each([4, 9])(
    'bench ledger, seed %i (2,000 lines), 1–3 workers',
    async (seed) => {
      const ledger = generateLedger(2_000, seed);
      const reference = text(await evaluate(ledger, { prepared }));
      for (const workers of [1, 2, 3])
        expect(text(await evaluateInWorkers(ledger, { prepared, workers }))).toBe(reference);
    },
    120_000,
  );

  it('a ledger read from a JSON file: exact-number literals and file positions cross', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-workers-'));
    const path = join(dir, 'ledger.json');
    writeLedgerFile(path, 1_500, 11);
    // A literal a double would not keep exactly, and a message naming the file position.
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"experienceYears":11', '"experienceYears":1.50'),
    );
    const ledger = readLedgerFile(path);
    const reference = text(await evaluate(ledger, { prepared }));
    expect(reference).toContain('行 1 列目');
    expect(text(await evaluateInWorkers(ledger, { prepared, workers: 2 }))).toBe(reference);
    const streamed = await collectStream(
      evaluateStreamInWorkers(ledger as Parameters<typeof evaluateStream>[0], {
        prepared,
        workers: 2,
      }),
    );
    expect(text(streamed)).toBe(reference);
  }, 120_000);

  it('lines with a noted spreadsheet row stay in this thread, with the same report', async () => {
    const ledger = generateLedger(300, 2);
    ledger.lines.forEach((line, index) => {
      noteSourceRow(line, index + 2);
    });
    const reference = text(await evaluate(ledger, { prepared }));
    expect(reference).toContain('"row": 301');
    expect(text(await evaluateInWorkers(ledger, { prepared, workers: 2 }))).toBe(reference);
  });

  it('an error inside a worker is the error one thread throws (no hang)', async () => {
    const rules = structuredClone(bundledRuleSet());
    for (const measure of rules.measures)
      for (const version of measure.versions)
        for (const component of version.components)
          (component as { amount: unknown }).amount = null;
    const { ledger } = sampleLedger();
    // What a call threw (null if it returned).
    const thrown = (call: Promise<unknown>): Promise<Error | null> =>
      call.then(
        () => null,
        (error: unknown) => error as Error,
      );
    const one = await thrown(evaluate(ledger, { rules }));
    const many = await thrown(evaluateInWorkers(ledger, { rules, workers: 2 }));
    expect(one).not.toBeNull();
    expect([many?.name, many?.message]).toEqual([one?.name, one?.message]);
    // The first shard is judged in this thread: here only the worker's shard reaches the broken
    // components (the largest entity goes to the first shard, and its lines are all invalid).
    const sample = ledger as { entities: { code: string }[]; lines: Record<string, unknown>[] };
    const valid = sample.lines[0] ?? {};
    const other = sample.entities.find((entity) => entity.code !== valid.entity);
    expect(other).toBeDefined();
    const split = {
      entities: sample.entities,
      lines: [
        ...['X1', 'X2', 'X3'].map((id) => ({ ...valid, id, entity: other?.code, amount: 'abc' })),
        valid,
      ],
    };
    const oneSplit = await thrown(evaluate(split, { rules }));
    const inWorker = await thrown(evaluateInWorkers(split, { rules, workers: 2 }));
    expect(oneSplit).not.toBeNull();
    expect([inWorker?.name, inWorker?.message]).toEqual([oneSplit?.name, oneSplit?.message]);
  }, 60_000);

  it('workers: auto is one thread below the threshold; bad counts are refused', () => {
    expect(workerCount('auto', WORKERS_THRESHOLD - 1)).toBe(1);
    expect(workerCount(undefined, 10)).toBe(1);
    expect(workerCount('auto', WORKERS_THRESHOLD)).toBeGreaterThanOrEqual(1);
    expect(workerCount(3, 10)).toBe(3);
    expect(() => workerCount(0, 10)).toThrow(TypeError);
    expect(() => workerCount(1.5, 10)).toThrow(TypeError);
  });
});

describe('kofuzei evaluate --workers', () => {
  it('json and jsonl reports are byte-identical with 1 and 2 workers, in any time zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-workers-cli-'));
    const path = join(dir, 'ledger.json');
    writeLedgerFile(path, 150, 13);
    for (const format of ['json', 'jsonl']) {
      const one = await runCli(['evaluate', path, '--format', format, '-q', '--workers', '1']);
      const two = await runCli(['evaluate', path, '--format', format, '-q', '--workers', '2']);
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
    }
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const far = await runCli(['evaluate', path, '--format', 'json', '-q', '--workers', '2']);
      process.env.TZ = 'America/Los_Angeles';
      const near = await runCli(['evaluate', path, '--format', 'json', '-q', '--workers', '1']);
      expect(far.stdout).toBe(near.stdout);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }, 180_000);

  it('--workers 0 is a usage error', async () => {
    const { ledger } = sampleLedger();
    const dir = mkdtempSync(join(tmpdir(), 'kofuzei-workers-cli-'));
    const path = join(dir, 'ledger.json');
    writeFileSync(path, JSON.stringify(ledger));
    const result = await runCli(['evaluate', path, '--format', 'json', '-q', '--workers', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers 0');
  }, 60_000);
});
