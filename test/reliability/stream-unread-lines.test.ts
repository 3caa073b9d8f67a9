import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamWithBudget } from '../helpers/stream-with-budget.js';
import { generateLedger } from '../../bench/generate-ledger.js';
import { notingCostTypes } from '../../src/cli/noting-cost-types.js';
import { checkedPasses } from '../../src/evaluate/checked-passes.js';
import { entityOf } from '../../src/evaluate/fact-settlement.js';
import {
  skippingLines,
  takesWanted,
  UNREAD_LINE,
  type LinesWanted,
} from '../../src/evaluate/unread-line.js';
import { readJsonLinesLedger } from '../../src/node/read-json-lines.js';
import { contractorEntity, itakuLine } from '../helpers/itaku-ledger.js';

/**
 * On the fact search's passes (settle-facts-in-batches.ts) the JSON Lines reader does not parse the
 * lines of entities the pass does not want (skim-line.ts) and gives UNREAD_LINE in their place.
 * The report must be the one a reader parsing every line gives, byte for byte, whatever the batch
 * size; and a pass for every line never takes an UNREAD_LINE (checked-passes.ts).
 */

type Source = (wanted?: LinesWanted) => AsyncIterable<unknown>;

const TMP = mkdtempSync(join(tmpdir(), 'kofuzei-unread-'));

function jsonLines(name: string, ledger: { entities: unknown[]; lines: unknown[] }): string {
  const path = join(TMP, `${name}.jsonl`);
  const text = [{ entities: ledger.entities }, ...ledger.lines].map((line) => JSON.stringify(line));
  writeFileSync(path, `${text.join('\n')}\n`);
  return path;
}

describe('a streamed JSON Lines ledger whose search skips other entities’ lines', () => {
  const settling = {
    entities: [contractorEntity({}), { ...contractorEntity({}), code: '7000012050002' }],
    lines: [
      itakuLine('G1', 'jinkenhi', '1000000', true),
      { ...itakuLine('H1', 'jinkenhi', '2000000', true), entity: '7000012050002' },
      itakuLine('G2', 'insatsu', '110000', true),
      { ...itakuLine('H2', 'insatsu', '220000', true), entity: '7000012050002' },
    ],
  };
  const ledgers = [
    { name: 'settling', ledger: settling },
    ...[1, 2].map((seed) => ({ name: `bench-${seed}`, ledger: generateLedger(1500, seed) })),
  ];

  it.each([1, 40, 100_000])(
    'reports as a reader parsing every line, at most %i held',
    async (budget) => {
      const stream = await streamWithBudget(budget);
      let unread = 0;
      // Lines of an entity the pass wants, left unread because `wanted.line` refuses them.
      let refused = 0;
      for (const { name, ledger } of ledgers) {
        const path = jsonLines(name, ledger);
        const file = readJsonLinesLedger(path);
        const lines = file.lines as Source;
        const counting: Source = skippingLines(async function* counted(wanted) {
          let place = 0;
          for await (const line of lines(wanted)) {
            place += 1;
            if (line === UNREAD_LINE) unread += 1;
            const entity = entityOf(ledger.lines[place - 1]);
            if (line === UNREAD_LINE && wanted?.line && wanted.entities.has(entity)) refused += 1;
            yield line;
          }
        });
        const skimming = JSON.stringify(await stream({ entities: file.entities, lines: counting }));
        // The same file, every line parsed on every pass (`wanted` not passed on).
        const parsing = JSON.stringify(
          await stream({ entities: file.entities, lines: () => lines() }),
        );
        expect(skimming, name).toBe(parsing);
      }
      expect(unread).toBeGreaterThan(0);
      // The screening (a read of the suspect lines and their persons' lines) runs where the
      // suspects' lines do not fit one batch.
      if (budget < 1500) expect(refused).toBeGreaterThan(0);
      else expect(refused).toBe(0);
    },
  );
});

describe('a line source function not marked by skippingLines', () => {
  it('is called without arguments on every pass, as before', async () => {
    const stream = await streamWithBudget(1);
    const ledger = generateLedger(300, 3) as unknown as { entities: unknown[]; lines: unknown[] };
    const given: unknown[] = [];
    // A caller's own optional parameter must never be filled by the search's `{ entities }`.
    const lines = (limit?: number): unknown[] => {
      given.push(limit);
      return ledger.lines.slice(0, limit);
    };
    await stream({ entities: ledger.entities, lines });
    expect(given.length).toBeGreaterThan(3);
    expect(given.every((argument) => argument === undefined)).toBe(true);
  });
});

describe('notingCostTypes (csv and xlsx output) around a line source', () => {
  it('keeps a marked source marked and hands it `wanted`; an unmarked one gets no argument', async () => {
    const given: unknown[] = [];
    const lines = [{ id: 'L1', costType: 'itaku', entity: '392081' }];
    const marked = skippingLines((wanted?: LinesWanted) => {
      given.push(wanted);
      return lines;
    });
    const noted = new Map<number, string>();
    const wrapped = notingCostTypes({ entities: [], lines: marked }, noted, 'csv')
      .lines as unknown as (wanted?: LinesWanted) => AsyncIterable<unknown>;
    expect(takesWanted(wrapped)).toBe(true);
    const wanted = { entities: new Set(['392081']) };
    for await (const line of wrapped(wanted)) expect(line).toBe(lines[0]);
    expect(given).toEqual([wanted]);
    expect(noted.get(1)).toBe('itaku');

    const plain = (...args: unknown[]): unknown[] => {
      given.push(args.length);
      return lines;
    };
    const unmarked = notingCostTypes({ entities: [], lines: plain }, noted, 'xlsx')
      .lines as unknown as (wanted?: LinesWanted) => AsyncIterable<unknown>;
    expect(takesWanted(unmarked)).toBe(false);
    for await (const line of unmarked(wanted)) expect(line).toBe(lines[0]);
    expect(given.at(-1)).toBe(0);
  });
});

describe('checkedPasses and UNREAD_LINE', () => {
  const lines = [{ id: 'L1' }, { id: 'L2' }, { id: 'L3' }];
  const drain = async (source: Iterable<unknown> | AsyncIterable<unknown>): Promise<number> => {
    let count = 0;
    for await (const line of source as AsyncIterable<unknown>) if (line !== null) count += 1;
    return count;
  };

  it('takes it on a pass for some entities, counted, without comparing that pass’s ids', async () => {
    // A source that skims checks its own reads (the JSON Lines reader): ids are compared.
    const pass = checkedPasses(
      (wanted) => (wanted === undefined ? lines : [lines[0], UNREAD_LINE, lines[2]]),
      true,
    );
    expect(await drain(pass())).toBe(3);
    expect(await drain(pass({ entities: new Set(['392081']) }))).toBe(3);
    expect(await drain(pass())).toBe(3);
  });

  it('refuses it on a pass for every line, and a skimming pass of another length', async () => {
    const skipping = checkedPasses(() => [lines[0], UNREAD_LINE, lines[2]], true);
    await expect(drain(skipping())).rejects.toThrow(/skipped a line on a full pass/u);
    const shorter = checkedPasses((wanted) => (wanted === undefined ? lines : [UNREAD_LINE]), true);
    await drain(shorter());
    await expect(drain(shorter({ entities: new Set() }))).rejects.toMatchObject({
      code: 'LEDGER_CHANGED_DURING_RUN',
    });
  });
});
