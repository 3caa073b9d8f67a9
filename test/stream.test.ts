import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFilesUnder } from './helpers/paths.js';
import { collectStream, evaluateStream } from '../src/evaluate/evaluate-stream.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { hashId, IdHashes } from '../src/evaluate/id-hashes.js';
import { checkingItsLines } from '../src/evaluate/checks-its-lines.js';

const root = new URL('..', import.meta.url).pathname;

interface Case {
  readonly name: string;
  readonly ledger: { entities: unknown[]; lines: unknown[] };
  readonly policy?: Record<string, unknown>;
}

const cases: Case[] = [
  ...jsonFilesUnder(join(root, 'fixtures')).map((file) => {
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
      ledger: Case['ledger'];
      policy?: Record<string, unknown>;
    };
    return {
      name: file.slice(root.length),
      ledger: fixture.ledger,
      ...(fixture.policy === undefined ? {} : { policy: fixture.policy }),
    };
  }),
  {
    name: 'samples/ledger.json',
    ledger: JSON.parse(readFileSync(join(root, 'samples/ledger.json'), 'utf8')) as Case['ledger'],
  },
];

describe('evaluateStream', () => {
  it.each(cases)('gives the same report as evaluate for $name', async ({ ledger, policy }) => {
    const options = policy === undefined ? {} : { policy };
    const batch = await evaluate(ledger, options);
    const streamed = await collectStream(
      evaluateStream({ entities: ledger.entities, lines: ledger.lines }, options),
    );
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(batch));
  });

  it('reads a one-shot async iterable once and a re-iterable source once per pass', async () => {
    const ledger = cases.at(-1)?.ledger;
    if (ledger === undefined) throw new Error('no sample');
    let starts = 0;
    const factory = (): AsyncIterable<unknown> => {
      starts += 1;
      return (async function* lines() {
        for (const line of ledger.lines) yield await Promise.resolve(line);
      })();
    };
    const fromFactory = await collectStream(
      evaluateStream({ entities: ledger.entities, lines: factory }),
    );
    // Three passes: person attributes and duplicate ids, judging, then allocation; and one more
    // between judging and allocation, as SUK-07 lacks a fact: its entity's lines are read to see
    // whether the fact matters (docs/decisions.md §4.1; it does, so nothing is judged again).
    expect(starts).toBe(4);
    let oneShotStarts = 0;
    const oneShot = (async function* lines() {
      oneShotStarts += 1;
      for (const line of ledger.lines) yield await Promise.resolve(line);
    })();
    const fromOneShot = await collectStream(
      evaluateStream({ entities: ledger.entities, lines: oneShot }),
    );
    expect(oneShotStarts).toBe(1);
    expect(JSON.stringify(fromOneShot)).toBe(JSON.stringify(fromFactory));
    expect(JSON.stringify(fromFactory)).toBe(JSON.stringify(await evaluate(ledger)));
  });

  it('finds duplicate ids across the whole stream, including one seen before its twin', async () => {
    const entity = { code: '392081', name: '宿毛市', kind: 'city' };
    const line = (id: string) => ({
      id,
      entity: '392081',
      fiscalYear: 2025,
      program: 'cio-aide',
      costType: 'recruitment',
      amount: '100000',
    });
    const ledger = { entities: [entity], lines: [line('A'), line('B'), line('C'), line('A')] };
    const report = await collectStream(evaluateStream(ledger));
    expect(report.lines.map((l) => l.status)).toEqual([
      'invalid',
      'eligible',
      'eligible',
      'invalid',
    ]);
    expect(JSON.stringify(report)).toBe(JSON.stringify(await evaluate(ledger)));
  });
});

describe('evaluateStream with lines that change between passes', () => {
  const sample = cases.at(-1)?.ledger ?? { entities: [], lines: [] };
  /** A lines() giving the sample on the first pass and `later` on every pass after it. */
  const changing = (later: readonly unknown[]) => {
    let passes = 0;
    return () => {
      passes += 1;
      return passes === 1 ? sample.lines : later;
    };
  };
  const renamed = sample.lines.map((line, index) =>
    index === 3 ? { ...(line as Record<string, unknown>), id: 'SWAPPED' } : line,
  );
  const reordered = [sample.lines[1], sample.lines[0], ...sample.lines.slice(2)];
  const edited = (index: number, change: Record<string, unknown>): unknown[] =>
    sample.lines.map((line, at) =>
      at === index ? { ...(line as Record<string, unknown>), ...change } : line,
    );

  it.each([
    ['fewer lines', sample.lines.slice(0, -1)],
    ['more lines', [...sample.lines, { ...(sample.lines[0] as object), id: 'EXTRA' }]],
    ['a different id', renamed],
    ['the same ids in another order', reordered],
    // Same ids, other values: pass 1 would tally caps from amounts pass 2 no longer has.
    ['another amount under the same id', edited(0, { amount: '99999999' })],
    ['the amount as a number instead of its text', edited(0, { amount: 800000 })],
    ['another fact', edited(2, { facts: {} })],
    ['a field added', edited(1, { person: 'P-NEW' })],
  ])('throws LEDGER_CHANGED_DURING_RUN on %s, before the end event', async (_, later) => {
    const events: string[] = [];
    const run = async () => {
      for await (const event of evaluateStream({
        entities: sample.entities,
        lines: changing(later),
      }))
        events.push(event.type);
    };
    await expect(run()).rejects.toMatchObject({
      name: 'KofuzeiError',
      code: 'LEDGER_CHANGED_DURING_RUN',
    });
    expect(events).not.toContain('end');
  });

  it('accepts the same lines with their keys written in another order', async () => {
    const reversed = () =>
      sample.lines.map((line) =>
        Object.fromEntries(Object.entries(line as Record<string, unknown>).reverse()),
      );
    const report = await collectStream(
      evaluateStream({ entities: sample.entities, lines: reversed }),
    );
    expect(JSON.stringify(report)).toBe(JSON.stringify(await evaluate(sample)));
  });

  it('leaves the values to a source marked as checking its own reads (the file readers)', async () => {
    const marked = checkingItsLines(changing(edited(0, { memo: 'changed on a later pass' })));
    const report = await collectStream(
      evaluateStream({ entities: sample.entities, lines: marked }),
    );
    expect(report.lines).toHaveLength(sample.lines.length);
  });

  it('accepts lines re-read as new but equal objects on every pass', async () => {
    const fresh = () => sample.lines.map((line) => structuredClone(line));
    const report = await collectStream(evaluateStream({ entities: sample.entities, lines: fresh }));
    expect(report.lines.map((line) => line.id)).toEqual(
      sample.lines.map((line) => (line as { id: string }).id),
    );
  });
});

describe('IdHashes', () => {
  it('reports exactly the hashes that occur twice', () => {
    const hashes = new IdHashes();
    for (let index = 0; index < 5000; index += 1) hashes.add(`L${index}`);
    hashes.add('L42');
    expect([...hashes.repeated()]).toEqual([hashId('L42')]);
  });

  it('gives integers a double holds exactly', () => {
    for (const id of ['', 'a', 'L1', '令和7年度-明細-0001', 'x'.repeat(1000)]) {
      const hash = hashId(id);
      expect(Number.isSafeInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
    }
  });
});
