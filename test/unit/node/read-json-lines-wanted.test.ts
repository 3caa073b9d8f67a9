import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityOf } from '../../../src/evaluate/fact-settlement.js';
import { UNREAD_LINE, type LinesWanted } from '../../../src/evaluate/unread-line.js';
import { readJsonLinesLedger } from '../../../src/node/read-json-lines.js';
import { UnparsedJsonLine } from '../../../src/ledger/unparsed-json-line.js';

/**
 * On the screening reads of the fact search the JSON Lines reader asks `wanted.line` about each
 * line of a wanted entity, with the line's place among the lines the pass gives, its entity and its
 * person, and skips a line it refuses. The place must be the one the evaluation counts (blank
 * lines and the header are not lines; an unread line is), and the entity and person those of the
 * line the reader would give: the screening's suspect rows and persons are compared with them.
 */

type Source = (wanted?: LinesWanted) => AsyncIterable<unknown>;

function ledgerFile(text: string): Source {
  const dir = mkdtempSync(join(tmpdir(), 'kofuzei-wanted-'));
  const path = join(dir, 'ledger.jsonl');
  writeFileSync(path, text);
  return readJsonLinesLedger(path).lines as Source;
}

async function all(source: AsyncIterable<unknown>): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const line of source) lines.push(line);
  return lines;
}

const TEXT = [
  '',
  '{"entities":[{"code":"A"},{"code":"B"}]}',
  '{"id":"1","entity":"A","person":"P1"}',
  '',
  '   ',
  '{"id":"2","entity":"B","person":"P1"}',
  '{"id":"3","entity":"A"}',
  '{"id":"4","entity":"A","person":"山田　花子"}',
  '\uFEFF{"id":"5","entity":"A","person":"P2"}',
  '{"id":"6","entity":"A","person":"P\\u0032"}',
  'not json at all',
  '{"id":"7","entity":"A","person":7}',
  '{"id":"8","entity":"A","person":"P1"}',
  '{"id":"9","entity":"A","memo":"unterminated',
  '{"id":"10","entity":"A","person":"Ｐ１"}',
].join('\n');

describe('readJsonLinesLedger on a pass that asks wanted.line', () => {
  it('asks with the place, entity and person the evaluation sees, and skips what it refuses', async () => {
    const source = ledgerFile(TEXT);
    const every = await all(source());
    const asked: [number, string, string | undefined][] = [];
    const refused = new Set([1, 3, 4, 11]);
    const read = await all(
      source({
        entities: new Set(['A']),
        line: (row, entity, person) => {
          asked.push([row, entity, person]);
          return !refused.has(row);
        },
      }),
    );
    expect(read.length).toBe(every.length);
    for (const [row, entity, person] of asked) {
      const line = every[row - 1] as { person?: unknown };
      // Text that is not JSON is of no entity: whatever the scan says, it is never held.
      if (line instanceof UnparsedJsonLine) continue;
      expect(entityOf(line), `row ${row}`).toBe(entity);
      expect(typeof line.person === 'string' ? line.person : undefined, `row ${row}`).toBe(person);
    }
    // Every line of A asked about but the ones a scan cannot be sure of (a BOM, an escape).
    expect(asked.map(([row]) => row)).toEqual([1, 3, 4, 8, 9, 10, 11]);
    read.forEach((line, index) => {
      const row = index + 1;
      if (refused.has(row) || entityOf(every[index]) === 'B')
        expect(line, `row ${row}`).toBe(UNREAD_LINE);
      else expect(line, `row ${row}`).toEqual(every[index]);
    });
  });

  it('is not asked on a pass that gives only entities, and never for another entity', async () => {
    const source = ledgerFile(TEXT);
    let asked = 0;
    await all(source({ entities: new Set(['B']), line: () => ((asked += 1), true) }));
    expect(asked).toBe(1);
    const only = await all(source({ entities: new Set(['A']) }));
    expect(only.filter((line) => line === UNREAD_LINE)).toHaveLength(1);
  });
});
